export const id = 894;
export const ids = [894];
export const modules = {

/***/ 8894:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// UNUSED EXPORTS: runGate

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(1758);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/inputs.ts
var inputs = __webpack_require__(8422);
// EXTERNAL MODULE: ./src/state.ts
var state = __webpack_require__(2462);
// EXTERNAL MODULE: ./src/gate.ts + 4 modules
var gate = __webpack_require__(3229);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/@actions/cache/lib/cache.js + 340 modules
var cache = __webpack_require__(1691);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(4942);
// EXTERNAL MODULE: ./src/stores/cache-key.ts
var cache_key = __webpack_require__(5254);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/stores/cache-archive.ts
/**
 * Reads the baseline out of a cache archive without extracting it.
 *
 * `restoreCache` would run `tar -x -P` on whatever the cache holds: anyone who can write a cache entry under
 * our key (a poisoned cache) could then drop files anywhere the runner user can write, before the gate has
 * checked a single byte. So the archive is downloaded and parsed here, in memory: it must hold exactly one
 * regular file, at the path the gate saved, and nothing is ever written to disk.
 */

/** Decompressed archives larger than this are refused (a baseline of 200k files is ~10 MB). */
const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;
const BLOCK = 512;
/** Decompresses a cache archive by its magic bytes: zstd (`tar --zstd`) or gzip (`tar -z`). */
function decompressArchive(data, maxBytes = MAX_ARCHIVE_BYTES) {
    const opts = { maxOutputLength: maxBytes };
    try {
        if (data.length >= 4 && data.readUInt32LE(0) === 0xfd2fb528)
            return external_node_zlib_.zstdDecompressSync(data, opts);
        if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b)
            return external_node_zlib_.gunzipSync(data, opts);
    }
    catch (e) {
        throw new Error(`the cache archive cannot be decompressed: ${e.message}`);
    }
    throw new Error('the cache archive is neither zstd nor gzip');
}
/** Parses a POSIX/GNU tar (ustar headers, GNU long names `L`, pax `x` path records). */
function readTar(tar) {
    const entries = [];
    let offset = 0;
    let longName;
    let paxPath;
    let ended = false;
    while (offset + BLOCK <= tar.length) {
        const header = tar.subarray(offset, offset + BLOCK);
        if (header.every((b) => b === 0)) {
            ended = true; // end-of-archive marker
            break;
        }
        checkChecksum(header, offset);
        const size = parseSize(header.subarray(124, 136), offset);
        const type = String.fromCharCode(header[156] || 0x30);
        const start = offset + BLOCK;
        if (start + size > tar.length)
            throw new Error(`the cache archive is truncated at byte ${offset}`);
        const data = tar.subarray(start, start + size);
        offset = start + Math.ceil(size / BLOCK) * BLOCK;
        if (type === 'L') {
            longName = cString(data);
            continue;
        }
        if (type === 'x') {
            paxPath = paxRecord(data, 'path') ?? paxPath;
            continue;
        }
        if (type === 'g')
            continue; // global pax header: no entry of its own
        const prefix = cString(header.subarray(345, 500));
        const short = cString(header.subarray(0, 100));
        const name = paxPath ?? longName ?? (prefix ? `${prefix}/${short}` : short);
        longName = undefined;
        paxPath = undefined;
        entries.push({ name, type, data });
    }
    if (!ended)
        throw new Error('the cache archive is truncated (no end-of-archive marker)');
    return entries;
}
/**
 * The content of the one regular file in the archive, which must be the expected baseline file.
 * Any other shape (more entries, links, another name) is refused as foreign or poisoned.
 */
function baselineFromArchive(archive, isExpected, maxBytes = MAX_ARCHIVE_BYTES) {
    const entries = readTar(decompressArchive(archive, maxBytes));
    const files = entries.filter((e) => e.type === '0' || e.type === '\0' || e.type === '7');
    if (entries.length !== 1 || files.length !== 1) {
        const shown = entries
            .slice(0, 5)
            .map((e) => JSON.stringify(e.name))
            .join(', ');
        throw new Error(`the cache entry holds ${entries.length} archive members (${shown}) instead of exactly the baseline file: ` +
            'refusing it (it was not written by integrity-gate, or the cache was poisoned)');
    }
    if (!isExpected(files[0].name)) {
        throw new Error(`the cache entry holds ${JSON.stringify(files[0].name)} instead of the baseline file: refusing it`);
    }
    return Buffer.from(files[0].data);
}
function cString(b) {
    const end = b.indexOf(0);
    return b.subarray(0, end === -1 ? b.length : end).toString('utf8');
}
/** Octal size, or GNU base-256 for sizes ≥ 8 GiB. */
function parseSize(field, at) {
    if (field[0] & 0x80) {
        let n = 0;
        for (let i = 1; i < field.length; i++)
            n = n * 256 + field[i];
        return n;
    }
    const text = cString(field).trim();
    if (!/^[0-7]*$/.test(text))
        throw new Error(`the cache archive has a corrupt header at byte ${at}`);
    return text === '' ? 0 : parseInt(text, 8);
}
function checkChecksum(header, at) {
    const stored = parseInt(cString(header.subarray(148, 156)).trim(), 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++)
        sum += i >= 148 && i < 156 ? 0x20 : header[i];
    if (stored !== sum)
        throw new Error(`the cache archive has a corrupt header at byte ${at}`);
}
/** One value of a pax extended header (`<len> <key>=<value>\n` records). */
function paxRecord(data, key) {
    let i = 0;
    let found;
    while (i < data.length) {
        const space = data.indexOf(0x20, i);
        if (space === -1)
            break;
        const len = parseInt(data.subarray(i, space).toString('ascii'), 10);
        if (!Number.isFinite(len) || len <= 0)
            break;
        const record = data.subarray(space + 1, i + len - 1).toString('utf8');
        const eq = record.indexOf('=');
        if (record.slice(0, eq) === key)
            found = record.slice(eq + 1);
        i += len;
    }
    return found;
}

;// CONCATENATED MODULE: ./src/stores/cache-store.ts
/**
 * Baselines in the GitHub Actions cache, through @actions/cache 6 (cache service v2).
 *
 * The hard part is `load()`: `restoreCache` returns `undefined` both for "no entry" and for "the service failed"
 * (it only logs a warning), and a security gate must never read an outage as "no baseline". So `load()` asks the
 * service itself, with the same Twirp call the client makes (`GetCacheEntryDownloadURL`, same key, same
 * version hash, same URL and token), and reads that answer strictly:
 *   - HTTP 200 with `ok: false` (or `{}`, its proto3 compact form)  → certain miss → `null`
 *   - HTTP 200 with `ok: true`, a download URL and a key under our prefix → download it
 *   - anything else (transport error, timeout, non-2xx, non-JSON, wrong shape) → throw
 * The archive is then downloaded and parsed in memory (cache-archive.ts) instead of `restoreCache`, which would
 * extract a poisoned entry with `tar -P` before any check. Saving still goes through `saveCache`. The version is
 * recomputed here because the client's helpers are not exported (deep imports are blocked by its export map); a
 * test checks it against the version the real client sends.
 */








/** Thrown when no Actions cache service is configured (e.g. a local run): the caller decides what to do. */
class CacheServiceUnavailableError extends Error {
    constructor(message) {
        super(message);
        this.name = 'CacheServiceUnavailableError';
    }
}
const SERVICE = 'github.actions.results.api.v1.CacheService';
const VERSION_SALT = '1.0';
const FAIL_CLOSED = 'The gate fails closed: a baseline that cannot be read is never treated as a missing one.';
/** The client's compression choice: `zstd-without-long` when a `zstd` binary answers `--version`, else `gzip`. */
function detectCompressionMethod() {
    return new Promise((resolve) => {
        // Same probe as @actions/cache's getCompressionMethod: any output at all means zstd is there.
        (0,external_node_child_process_.execFile)('zstd', ['--quiet', '--version'], { windowsHide: true, timeout: 30_000 }, (error, stdout, stderr) => {
            const output = `${stdout ?? ''}${stderr ?? ''}`.trim();
            if (error && error.code === 'ENOENT')
                resolve('gzip');
            else
                resolve(output === '' ? 'gzip' : 'zstd-without-long');
        });
    });
}
/** @actions/cache's `getCacheVersion(paths, compression, enableCrossOsArchive = false)`, byte for byte. */
function cacheVersion(paths, compression, platform = process.platform) {
    const components = [...paths, compression];
    if (platform === 'win32')
        components.push('windows-only');
    components.push(VERSION_SALT);
    return (0,external_node_crypto_.createHash)('sha256').update(components.join('|')).digest('hex');
}
/** Mirrors the client's GHES test: any host but github.com, *.ghe.com or *.localhost makes it speak v1. */
function speaksV2(env) {
    const host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.trimEnd().toUpperCase();
    const ghes = host !== 'GITHUB.COM' && !host.endsWith('.GHE.COM') && !host.endsWith('.LOCALHOST');
    return !ghes && !!env.ACTIONS_CACHE_SERVICE_V2;
}
async function withTimeout(work, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    });
    try {
        return await Promise.race([work, timeout]);
    }
    finally {
        clearTimeout(timer);
    }
}
/**
 * Reads a response body to the end. Async iteration rejects when the connection is cut mid-body (where the
 * http-client's readBody would wait forever for an 'end' that never comes).
 */
async function readAll(stream, max) {
    const chunks = [];
    let total = 0;
    for await (const chunk of stream) {
        total += chunk.length;
        if (total > max)
            throw new Error(`the archive is over the ${max}-byte limit`);
        chunks.push(chunk);
    }
    return Buffer.concat(chunks);
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** A lookup failure that is worth another try (network trouble, timeout, 5xx). */
class TransientLookupError extends Error {
}
/** Baselines stored in the GitHub Actions cache under the key scheme of cache-key.ts. */
class CacheStore {
    options;
    description;
    cache;
    prefix;
    file;
    constructor(options) {
        this.options = options;
        this.cache = options.cache ?? cache;
        this.prefix = (0,cache_key/* cachePrefix */.Vs)(options.gate, options.os, options.kind);
        // A fixed path: the cache version hashes the paths, so save and restore must name the same one.
        this.file = external_node_path_default().join(options.tempDir, 'integrity-gate-baseline', `${(0,cache_key/* kindSegment */.OI)(options.gate, options.kind)}.json.gz`);
        this.description = `Actions cache (key prefix ${this.prefix})`;
    }
    /** The newest baseline for this gate and OS, `null` only when the cache service says there is none. */
    async load() {
        this.requireService('read');
        const fail = (why) => new Error(`The baseline could not be read from the Actions cache: ${why}. ${FAIL_CLOSED}`);
        if (!speaksV2(process.env))
            throw fail(this.legacyProtocol());
        const mode = (process.env.ACTIONS_CACHE_MODE || '').trim().toLowerCase();
        if (mode === 'none' || mode === 'write-only')
            throw fail(`cache reads are disabled (ACTIONS_CACHE_MODE=${mode})`);
        const version = cacheVersion([this.file], await detectCompressionMethod());
        let lookup;
        try {
            lookup = await this.lookup(version);
        }
        catch (error) {
            throw fail(`the lookup of key prefix ${this.prefix} failed: ${error.message}`);
        }
        if (!lookup.found)
            return null;
        // Not restoreCache: it would extract whatever the entry holds with `tar -P` before anything is checked.
        let archive;
        try {
            archive = await this.download(lookup.downloadUrl);
        }
        catch (error) {
            throw fail(`entry ${lookup.matchedKey} exists but could not be downloaded: ${error.message}`);
        }
        try {
            const bytes = baselineFromArchive(archive, (name) => external_node_path_default().posix.basename(name) === external_node_path_default().basename(this.file));
            return { bytes, key: lookup.matchedKey };
        }
        catch (error) {
            throw fail(`entry ${lookup.matchedKey}: ${error.message}`);
        }
    }
    /** One GET of the signed URL (what the client does for non-Azure hosts too), bounded in time and size. */
    async download(url) {
        const timeoutMs = this.options.transferTimeoutMs ?? 600_000;
        // A socket idle this long is a stalled transfer (the client itself gives up after 5 s idle).
        const idleMs = this.options.lookupTimeoutMs ?? 30_000;
        const client = new lib/* HttpClient */.Qq('integrity-gate', [], { socketTimeout: idleMs, allowRetries: false });
        try {
            const response = await withTimeout(client.get(url), timeoutMs, 'the download');
            const status = response.message.statusCode ?? 0;
            if (status !== 200) {
                response.message.resume();
                throw new Error(`the blob storage answered HTTP ${status}`);
            }
            const declared = Number(response.message.headers['content-length']);
            if (Number.isFinite(declared) && declared > MAX_ARCHIVE_BYTES) {
                response.message.destroy();
                throw new Error(`the archive is ${declared} bytes, over the ${MAX_ARCHIVE_BYTES}-byte limit`);
            }
            const body = await withTimeout(readAll(response.message, MAX_ARCHIVE_BYTES), timeoutMs, 'the download');
            if (Number.isFinite(declared) && body.length !== declared) {
                throw new Error(`the download ended after ${body.length} of ${declared} bytes`);
            }
            return body;
        }
        finally {
            client.dispose();
        }
    }
    /**
     * Saves the manifest bytes under a new key for this run and attempt, stamped with the manifest's
     * `createdAt` when given (else the current time); throws when the cache does not take it.
     */
    async save(bytes, createdAt) {
        this.requireService('save');
        const key = (0,cache_key/* cacheKey */.k$)({
            gate: this.options.gate,
            os: this.options.os,
            runId: this.options.runId,
            runAttempt: this.options.runAttempt,
            time: createdAt !== undefined ? new Date(createdAt) : (this.options.now ?? (() => new Date()))(),
            kind: this.options.kind,
        });
        const fail = (why) => new Error(`The baseline could not be saved to the Actions cache under key ${key}: ${why}.`);
        await (0,promises_.mkdir)(external_node_path_default().dirname(this.file), { recursive: true });
        await (0,promises_.writeFile)(this.file, bytes);
        let id;
        try {
            id = await withTimeout(this.cache.saveCache([this.file], key), this.options.transferTimeoutMs ?? 600_000, 'saveCache');
        }
        catch (error) {
            throw fail(error.message);
        }
        // saveCache reports most failures as -1 after logging why (reservation refused, upload or finalize failed).
        if (typeof id !== 'number' || id === -1)
            throw fail('the cache client reported a failure (see its message above)');
        return { key };
    }
    requireService(what) {
        if (!this.cache.isFeatureAvailable()) {
            throw new CacheServiceUnavailableError(`The Actions cache service is not available (ACTIONS_RESULTS_URL / ACTIONS_CACHE_URL are not set), so the ` +
                `baseline cannot be ${what === 'read' ? 'read from' : 'saved to'} it. This happens outside GitHub Actions; ` +
                `use a baseline file or the local store there.`);
        }
    }
    legacyProtocol() {
        return ('the cache client would use the legacy cache protocol v1 (GitHub Enterprise Server, or ' +
            'ACTIONS_CACHE_SERVICE_V2 not set), with which a missing baseline cannot be told apart from a failed ' +
            'lookup; use baseline-file there');
    }
    /** One GetCacheEntryDownloadURL call as the client makes it, with retries for transient trouble. */
    async lookup(version) {
        const attempts = Math.max(1, this.options.lookupAttempts ?? 3);
        let delay = this.options.retryDelayMs ?? 2000;
        for (let attempt = 1;; attempt++) {
            try {
                return await this.lookupOnce(version);
            }
            catch (error) {
                if (!(error instanceof TransientLookupError) || attempt >= attempts) {
                    throw new Error(`${error.message}${attempt > 1 ? ` (after ${attempt} attempts)` : ''}`);
                }
                await sleep(delay);
                delay *= 2;
            }
        }
    }
    async lookupOnce(version) {
        const base = process.env.ACTIONS_RESULTS_URL || '';
        const token = process.env.ACTIONS_RUNTIME_TOKEN || '';
        if (!token)
            throw new Error('ACTIONS_RUNTIME_TOKEN is not set');
        let url;
        try {
            // Absolute path, exactly like the client: a path inside ACTIONS_RESULTS_URL is replaced, not extended.
            url = new URL(`/twirp/${SERVICE}/GetCacheEntryDownloadURL`, base).href;
        }
        catch {
            throw new Error(`ACTIONS_RESULTS_URL '${base}' is not a URL`);
        }
        const timeoutMs = this.options.lookupTimeoutMs ?? 30_000;
        // @actions/http-client, like the cache client, so proxies (https_proxy/no_proxy) behave the same for both.
        const client = new lib/* HttpClient */.Qq('integrity-gate', [], { socketTimeout: timeoutMs, allowRetries: false });
        let status;
        let raw;
        try {
            const response = await withTimeout(client.post(url, JSON.stringify({ key: this.prefix, version }), {
                'Content-Type': 'application/json',
                Authorization: `Bearer ${token}`,
            }), timeoutMs, 'the cache service');
            status = response.message.statusCode ?? 0;
            raw = await withTimeout(response.readBody(), timeoutMs, 'the cache service response');
        }
        catch (error) {
            throw new TransientLookupError(`no answer from the cache service (${error.message})`);
        }
        finally {
            client.dispose();
        }
        if (status < 200 || status > 299) {
            const detail = raw.slice(0, 300).trim();
            const message = `the cache service answered HTTP ${status}${detail ? `: ${detail}` : ''}`;
            if ([500, 502, 503, 504].includes(status))
                throw new TransientLookupError(message);
            throw new Error(message);
        }
        return this.parseLookup(raw);
    }
    /** Reads the answer as strictly as protobuf JSON allows: anything unexpected is a failure, never a miss. */
    parseLookup(raw) {
        let body;
        try {
            body = JSON.parse(raw);
        }
        catch {
            throw new Error(`the cache service answered with something that is not JSON: ${raw.slice(0, 100)}`);
        }
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
            throw new Error(`the cache service answer is not a JSON object: ${raw.slice(0, 100)}`);
        }
        const record = body;
        // protobuf JSON allows the proto name or the camelCase name for each field.
        const ok = record.ok;
        const url = record.signed_download_url ?? record.signedDownloadUrl;
        const matched = record.matched_key ?? record.matchedKey;
        if (ok === false || (ok === undefined && Object.keys(record).length === 0))
            return { found: false };
        if (ok !== true)
            throw new Error(`the cache service answer has no boolean "ok": ${raw.slice(0, 100)}`);
        if (typeof url !== 'string' || url === '' || typeof matched !== 'string' || matched === '') {
            throw new Error('the cache service reported a hit without a download URL or key');
        }
        if (!matched.startsWith(this.prefix)) {
            throw new Error(`the cache service matched key ${matched}, which is outside prefix ${this.prefix}`);
        }
        // The lookup key is the prefix, and the service prefers an exact key match to the newest prefix match:
        // an entry stored under the bare prefix (the gate never saves one) would be restored forever, whatever
        // newer baselines are saved, `mode: baseline` included. Only someone writing to the cache directly can
        // create it.
        if (matched === this.prefix) {
            throw new Error(`the cache holds an entry under the bare key prefix ${matched}, which integrity-gate never saves and ` +
                'which would shadow every newer baseline (an exact key match wins over the newest prefix match); ' +
                `it was planted by someone with write access to the cache: delete it (gh cache delete '${matched}')`);
        }
        return { found: true, matchedKey: matched, downloadUrl: url };
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/engine/manifest.ts
var engine_manifest = __webpack_require__(6165);
;// CONCATENATED MODULE: ./src/stores/read-baseline.ts


/**
 * Reads a manifest file, which must be a regular file of at most MAX_MANIFEST_BYTES (compressed, a manifest
 * is never larger than its decompressed cap). Opened with O_NONBLOCK, so a FIFO at the path never hangs the
 * gate; a link to /dev/zero or a huge file stops at the fstat instead of being read into memory. A path in
 * the checked-out tree (`baseline-file`) can be a symlink to anything on the runner.
 * The open's own error is thrown as it is (ENOENT tells "no baseline yet" apart); the rest as plain text.
 */
function readManifestFile(file) {
    const fd = external_node_fs_.openSync(file, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NONBLOCK);
    try {
        const st = external_node_fs_.fstatSync(fd);
        if (!st.isFile())
            throw new Error('not a regular file');
        if (st.size > engine_manifest/* MAX_MANIFEST_BYTES */.ZJ)
            throw new Error(`${st.size} bytes, over the ${engine_manifest/* MAX_MANIFEST_BYTES */.ZJ}-byte cap`);
        return external_node_fs_.readFileSync(fd);
    }
    finally {
        external_node_fs_.closeSync(fd);
    }
}

;// CONCATENATED MODULE: ./src/stores/file-store.ts

/**
 * A manifest file named by the user (`baseline-file`, `diff A B`). It is read-only: the user chose this
 * file as the approved baseline, so a missing file is an error, not "first run", and the gate never
 * overwrites it (a new manifest goes to the `manifest-file` output for the user to review and commit).
 */
class FileStore {
    file;
    description;
    constructor(file) {
        this.file = file;
        this.description = `baseline file ${file}`;
    }
    async load() {
        try {
            return { bytes: readManifestFile(this.file), key: this.file };
        }
        catch (e) {
            throw new Error(`Cannot read the baseline file ${this.file}: ${e.message}`);
        }
    }
    async save() {
        throw new Error(`The baseline file ${this.file} is read-only: integrity-gate never overwrites it.`);
    }
}

;// CONCATENATED MODULE: ./src/trust.ts
/**
 * Which events may write a baseline. A baseline saved from code an outsider controls would approve that
 * outsider's changes for every later run, so such events never save unless the user opts in.
 */
/** Events whose code or inputs come from people without write access. */
const ALWAYS_UNTRUSTED = {
    pull_request_target: 'pull_request_target runs with the base repository\u2019s token while the tree may hold the pull request\u2019s code',
    issue_comment: 'issue_comment can be triggered by anyone who can comment',
    pull_request_review_comment: 'pull_request_review_comment can be triggered by anyone who can comment',
    discussion_comment: 'discussion_comment can be triggered by anyone who can comment',
};
/** Returns why saving is refused for this event, or undefined when the event is trusted. */
function untrustedReason(ev) {
    const fixed = ALWAYS_UNTRUSTED[ev.eventName];
    if (fixed)
        return `the '${ev.eventName}' event is untrusted (${fixed}).`;
    if (ev.eventName === 'pull_request' || ev.eventName === 'pull_request_review') {
        const head = repoName(get(ev.payload, ['pull_request', 'head', 'repo', 'full_name']));
        // A missing head repository means the fork was deleted: unknown origin, treat as a fork.
        if (head === undefined || head.toLowerCase() !== ev.repository.toLowerCase()) {
            return `the pull request comes from a fork (${head ?? 'deleted repository'}), whose code is untrusted.`;
        }
        return undefined;
    }
    if (ev.eventName === 'workflow_run') {
        const head = repoName(get(ev.payload, ['workflow_run', 'head_repository', 'full_name']));
        const trigger = get(ev.payload, ['workflow_run', 'event']);
        if (typeof trigger === 'string' &&
            trigger.startsWith('pull_request') &&
            head?.toLowerCase() !== ev.repository.toLowerCase()) {
            return `the workflow_run was triggered by a pull request from a fork (${head ?? 'unknown'}).`;
        }
    }
    return undefined;
}
function get(obj, keys) {
    let cur = obj;
    for (const k of keys) {
        if (cur === null || typeof cur !== 'object')
            return undefined;
        cur = cur[k];
    }
    return cur;
}
function repoName(v) {
    return typeof v === 'string' && v.length > 0 ? v : undefined;
}

// EXTERNAL MODULE: ./src/action/publish.ts + 4 modules
var publish = __webpack_require__(2158);
// EXTERNAL MODULE: ./src/engine/markdown.ts
var markdown = __webpack_require__(1850);
// EXTERNAL MODULE: ./src/engine/paths.ts
var paths = __webpack_require__(4886);
;// CONCATENATED MODULE: ./src/engine/triage.ts
/**
 * Git triage, the pure part: given what git says changed between the baseline's commit and the head commit,
 * and the git blob ids of the tree's current files, class each change `committed` or `unexplained`.
 *
 * The rule (documented in the README, "Git-aware triage"): a change is `committed` only when EVERY kind it
 * carries is accounted for by git AND the tree holds exactly what the head commit holds at that path:
 *   - `added`/`modified`/`symlink`/`type` of a file or symlink: git lists the path as changed, and the blob id
 *     of the scanned content (a symlink's target) equals the head commit's blob, with a matching file type
 *     (and exec bit) when git's modes are known. So an uncommitted edit in the checkout, a
 *     local commit made during the job, or a file rewritten after checkout are all `unexplained`, even when
 *     history also touched the path.
 *   - `removed`: git lists the path as deleted.
 *   - directories (git does not track them): an added or removed directory is committed when git adds or
 *     deletes a file below it; a directory's mode change never is.
 *   - `mode` of a file: only the exec bit is in git; the change is committed when git's old and new modes
 *     show the same exec-bit change, no other permission bit moved, and the content is head's blob (a commit
 *     that rewrote a file and made it executable does not vouch for the old content made executable).
 *   - any file vouched for by its blob must also carry the exec bit of head's mode, when git's modes are known.
 *   - `moved`: the old path is deleted and the new one added, as above.
 *   - `unreadable`: never (nothing vouches for the content), and neither is an `unstable` file.
 */

/** Paths (scan-root keys) whose current content must be hashed as git blobs before {@link classifyChanges}. */
function blobCandidates(changes, git) {
    const out = [];
    for (const c of changes) {
        const g = git.get(c.path);
        const a = c.after;
        if (g &&
            g.status !== 'D' &&
            a &&
            (a.type === 'file' || a.type === 'symlink') &&
            !a.error &&
            !a.unstable) {
            out.push(a);
        }
    }
    return out;
}
/** Sets `git` on every change; returns the counts. Changes must be the diff's (paths are scan-root keys). */
function classifyChanges(changes, git, blobs) {
    const dirs = dirIndex(git);
    let committed = 0;
    for (const c of changes) {
        c.git = explained(c, git, blobs, dirs) ? 'committed' : 'unexplained';
        if (c.git === 'committed')
            committed++;
    }
    return { committed, unexplained: changes.length - committed };
}
/** Marks every change `unexplained` (no usable history, or a baseline commit that is not an ancestor). */
function markAllUnexplained(changes) {
    for (const c of changes)
        c.git = 'unexplained';
    return { committed: 0, unexplained: changes.length };
}
function dirIndex(git) {
    const withAdded = new Set();
    const withDeleted = new Set();
    for (const [key, g] of git) {
        const set = g.status === 'D' ? withDeleted : withAdded;
        // Parents on raw bytes, so a non-UTF-8 name's parents get the same keys the scanner gives them.
        const raw = (0,paths/* bytesFromKey */.TM)(key);
        for (let i = raw.indexOf(0x2f); i !== -1; i = raw.indexOf(0x2f, i + 1)) {
            set.add((0,paths/* keyFromBytes */.D8)(raw.subarray(0, i)));
        }
    }
    return { withAdded, withDeleted };
}
const EXEC = 0o100;
const isExec = (mode) => (mode & EXEC) !== 0;
function explained(c, git, blobs, dirs) {
    if (c.kinds.includes('unreadable') || c.after?.unstable)
        return false;
    const g = git.get(c.path);
    for (const kind of c.kinds) {
        switch (kind) {
            case 'added':
                if (!presentAtHead(c.after, g, blobs, dirs))
                    return false;
                break;
            case 'removed':
                if (!deletedAtHead(c.path, c.before, g, dirs))
                    return false;
                break;
            case 'modified':
            case 'symlink':
                if (!contentAtHead(c.after, g, blobs))
                    return false;
                break;
            case 'type':
                // Without git's modes (the compare API) a type change cannot be vouched for.
                if (c.after?.type !== 'dir' && !g?.newMode)
                    return false;
                if (!presentAtHead(c.after, g, blobs, dirs))
                    return false;
                if (c.before?.type === 'dir'
                    ? !dirs.withDeleted.has(c.path)
                    : g?.oldMode && !modeFits(c.before, g.oldMode))
                    return false;
                break;
            case 'mode':
                // The exec bit git changed AND the content git holds: a commit that rewrote a file and made it
                // executable does not vouch for the old content made executable.
                if (!modeExplained(c, c.from !== undefined ? git.get(c.from) : g, g))
                    return false;
                if (!contentAtHead(c.after, g, blobs))
                    return false;
                break;
            case 'moved':
                if (c.from === undefined || !deletedAtHead(c.from, c.before, git.get(c.from), dirs))
                    return false;
                if (!presentAtHead(c.after, g, blobs, dirs))
                    return false;
                break;
            default:
                return false;
        }
    }
    return true;
}
/** The entry exists at head as git says, with the same content (files, symlinks) or files below (dirs). */
function presentAtHead(a, g, blobs, dirs) {
    if (!a)
        return false;
    // A checkout never makes setuid, setgid, sticky or world-writable entries.
    if (a.type !== 'symlink' && (a.mode & 0o7002) !== 0)
        return false;
    if (a.type === 'dir')
        return dirs.withAdded.has(a.path);
    return contentAtHead(a, g, blobs);
}
/**
 * The file or symlink holds the head commit's blob, with git's type and, for a file, git's exec bit when
 * git's modes are known (a checkout sets the exec bit from the mode: an exec bit that differs from the head
 * commit's was set or cleared after checkout, even when the change at hand is only the content's).
 */
function contentAtHead(a, g, blobs) {
    if (!a || !g || g.status === 'D' || !g.newBlob)
        return false;
    if (g.newMode ? !modeFits(a, g.newMode) : a.type !== 'file')
        return false;
    if (a.type === 'file' && g.newMode && isExec(a.mode) !== (g.newMode === '100755'))
        return false;
    const blob = blobs.get(a.path);
    return blob !== undefined && blob !== null && blob === g.newBlob;
}
function deletedAtHead(key, b, g, dirs) {
    if (b?.type === 'dir')
        return dirs.withDeleted.has(key);
    return g?.status === 'D';
}
/** The entry's type agrees with a git mode: 120000 symlink, 100644/100755 file. */
function modeFits(e, mode) {
    if (!e)
        return false;
    if (mode === '120000')
        return e.type === 'symlink';
    if (mode === '100644' || mode === '100755')
        return e.type === 'file';
    return false;
}
function modeExplained(c, gOld, gNew) {
    const b = c.before;
    const a = c.after;
    if (!b || !a || a.type !== 'file' || b.type !== 'file')
        return false;
    // Only the exec bits are git's: any other permission change (world-writable, setuid) is never committed.
    if (((b.mode ^ a.mode) & 0o7777 & ~0o111) !== 0)
        return false;
    const oldMode = c.from !== undefined ? gOld?.oldMode : gNew?.oldMode;
    const newMode = gNew?.newMode;
    if (!oldMode || !newMode)
        return false;
    return (isExec(b.mode) === (oldMode === '100755') &&
        isExec(a.mode) === (newMode === '100755') &&
        oldMode !== newMode);
}

// EXTERNAL MODULE: ./src/engine/digest.ts
var engine_digest = __webpack_require__(8996);
;// CONCATENATED MODULE: ./src/git/blob.ts
/**
 * Git blob ids of the tree's current content, for the paths git triage must vouch for. A file is read again,
 * once, hashing both its git blob id and its digest in the scan's algorithm: when the digest no longer equals
 * the scanned one (the file changed since the scan), no blob id is given and the change stays unexplained.
 */





/** Git's blob id of some bytes: hash of `blob <size>\0` + content, sha1 or sha256 by the repository format. */
function gitBlobId(format, content) {
    return (0,external_node_crypto_.createHash)(format).update(`blob ${content.length}\0`).update(content).digest('hex');
}
/** The absolute path of a key under the root, as bytes (so non-UTF-8 names open exactly). */
function absolute(root, key) {
    return Buffer.concat([Buffer.from(external_node_path_default().resolve(root) + (external_node_path_default()).sep, 'utf8'), (0,paths/* bytesFromKey */.TM)(key)]);
}
/** Blob ids for the given scanned entries; `null` where the content no longer matches the scan or cannot be read. */
async function treeBlobs(root, entries, algorithm, format) {
    const out = new Map();
    for (const e of entries)
        out.set(e.path, await blobOf(root, e, algorithm, format).catch(() => null));
    return out;
}
async function blobOf(root, e, algorithm, format) {
    const file = absolute(root, e.path);
    if (e.type === 'symlink') {
        const target = await external_node_fs_.promises.readlink(file, { encoding: 'buffer' });
        return e.target !== undefined && target.equals((0,paths/* bytesFromKey */.TM)(e.target)) ? gitBlobId(format, target) : null;
    }
    if (e.type !== 'file' || e.digest === undefined)
        return null;
    // O_NOFOLLOW: a file swapped for a symlink since the scan must not be read through.
    const handle = await external_node_fs_.promises.open(file, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NOFOLLOW);
    try {
        const stat = await handle.stat();
        if (!stat.isFile() || stat.size !== e.size)
            return null;
        const blob = (0,external_node_crypto_.createHash)(format).update(`blob ${stat.size}\0`);
        const digest = (0,external_node_crypto_.createHash)((0,engine_digest/* nodeHashName */.iT)(algorithm));
        let total = 0;
        for await (const chunk of handle.createReadStream({ autoClose: false })) {
            blob.update(chunk);
            digest.update(chunk);
            total += chunk.length;
        }
        if (total !== stat.size || digest.digest('hex') !== e.digest)
            return null;
        return blob.digest('hex');
    }
    finally {
        await handle.close();
    }
}

;// CONCATENATED MODULE: ./src/git/compare-api.ts
/**
 * The GitHub compare API (`GET /repos/{owner}/{repo}/compare/{base}...{head}`), used when the checkout's own
 * history cannot answer (a shallow clone, or the baseline commit not fetched). Only the first page is read:
 * it holds all the files GitHub lists, at most 300 per comparison; beyond that, paths it leaves out stay
 * unexplained (fail closed), and a note says so.
 * The API knows no file modes and names paths as text, so mode changes and non-UTF-8 names cannot be
 * explained this way. Only the paths and their status are used: the caller reads what the head commit holds
 * at each path (mode, blob) from the checkout (src/git/explain.ts).
 */

/** GitHub lists at most this many files per comparison. */
const COMPARE_FILE_CAP = 300;
/** Reads the whole comparison; throws a message naming the HTTP status and what to check. */
async function compareCommits(o) {
    if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(o.repository)) {
        throw new Error(`GITHUB_REPOSITORY '${o.repository}' is not owner/repo.`);
    }
    if (!o.token)
        throw new Error('no github-token was given');
    const client = new lib/* HttpClient */.Qq('integrity-gate', [], {
        allowRetries: true,
        maxRetries: 2,
        socketTimeout: 60_000,
    });
    const headers = {
        Accept: 'application/vnd.github+json',
        Authorization: `Bearer ${o.token}`,
        'X-GitHub-Api-Version': '2022-11-28',
    };
    const base = o.apiUrl.replace(/\/+$/, '');
    // One page: GitHub lists the changed files (up to 300 for the whole comparison) only on the first page
    // of a paginated comparison; later pages hold only more commits, which triage does not use. Following
    // them cost up to 50 requests, and past 5,000 commits it gave up and explained nothing.
    const url = `${base}/repos/${o.repository}/compare/${encodeURIComponent(o.base)}...${encodeURIComponent(o.head)}?per_page=1`;
    const files = new Map();
    let status = '';
    let listed = 0;
    try {
        const response = await client.get(url, headers);
        const code = response.message.statusCode ?? 0;
        const text = await response.readBody();
        if (code !== 200) {
            const hint = code === 404
                ? ' (a commit is unknown to GitHub, or the token cannot read the repository: it needs contents: read)'
                : code === 401 || code === 403
                    ? ' (the token lacks contents: read, or a rate limit was hit)'
                    : '';
            throw new Error(`GitHub answered HTTP ${code}${hint}: ${text.slice(0, 200)}`);
        }
        const body = JSON.parse(text);
        if (typeof body.status === 'string')
            status = body.status;
        if (Array.isArray(body.files)) {
            listed = body.files.length;
            for (const f of body.files)
                addFile(files, f, o.prefix);
        }
    }
    finally {
        client.dispose();
    }
    if (!['ahead', 'identical', 'behind', 'diverged'].includes(status)) {
        throw new Error(`the compare answer has no known status ('${status}')`);
    }
    return { status, files, truncated: listed >= COMPARE_FILE_CAP };
}
function addFile(files, f, prefix) {
    const name = typeof f.filename === 'string' ? f.filename : undefined;
    if (name === undefined)
        throw new Error('the compare answer lists a file without a filename');
    const put = (repoPath, change) => {
        if (prefix && !repoPath.startsWith(prefix))
            return;
        const key = repoPath.slice(prefix.length);
        if (key)
            files.set(key, change);
    };
    switch (f.status) {
        case 'removed':
            put(name, { status: 'D' });
            break;
        case 'renamed':
            // Renames are split like --no-renames does: the old path deleted, the new one added.
            if (typeof f.previous_filename === 'string')
                put(f.previous_filename, { status: 'D' });
            put(name, { status: 'A' });
            break;
        case 'added':
        case 'copied':
            put(name, { status: 'A' });
            break;
        case 'modified':
        case 'changed':
            put(name, { status: 'M' });
            break;
        default:
            // `unchanged` and anything new: nothing changed that we could vouch for.
            break;
    }
}

;// CONCATENATED MODULE: ./src/git/local.ts
/**
 * Local git history, read through the `git` binary: execFile with argv arrays (never a shell), `-z` output
 * read as bytes, renames off, and only plumbing commands whose output no user diff setting can change.
 * File names never reach an argument list: paths come out of git, not in.
 */


/** Runs git in `cwd`. Settings that could run commands or prompt (fsmonitor, hooks, pagers) are switched off. */
function runGit(cwd, args) {
    return new Promise((resolve) => {
        (0,external_node_child_process_.execFile)('git', ['-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false', '--no-pager', ...args], {
            cwd,
            encoding: 'buffer',
            maxBuffer: 512 * 1024 * 1024,
            windowsHide: true,
            timeout: 120_000,
            env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
        }, (error, stdout, stderr) => {
            const err = error;
            const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
            resolve({
                code,
                stdout: stdout ?? Buffer.alloc(0),
                stderr: (stderr ?? Buffer.alloc(0)).toString('utf8').trim(),
            });
        });
    });
}
/**
 * The checkout the root lies in, or undefined when the root is not inside a git work tree (or git is not
 * installed): then triage is skipped and the gate behaves exactly as without it.
 */
async function findCheckout(root) {
    const inside = await runGit(root, ['rev-parse', '--is-inside-work-tree']);
    if (inside.code !== 0 || inside.stdout.toString('utf8').trim() !== 'true')
        return undefined;
    const prefix = await runGit(root, ['rev-parse', '--show-prefix']);
    if (prefix.code !== 0)
        throw new Error(`git rev-parse --show-prefix failed: ${prefix.stderr}`);
    const shallow = await runGit(root, ['rev-parse', '--is-shallow-repository']);
    const format = await runGit(root, ['rev-parse', '--show-object-format']);
    return {
        prefix: stripNewline(prefix.stdout),
        shallow: shallow.code === 0 && shallow.stdout.toString('utf8').trim() === 'true',
        objectFormat: format.code === 0 && format.stdout.toString('utf8').trim() === 'sha256' ? 'sha256' : 'sha1',
    };
}
/** True when `sha` names a commit present in the local object store. */
async function hasCommit(root, sha) {
    requireSha(sha);
    const r = await runGit(root, ['cat-file', '-e', `${sha}^{commit}`]);
    return r.code === 0;
}
/** The full id of HEAD's commit. */
async function headCommit(root) {
    const r = await runGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
    const sha = r.stdout.toString('utf8').trim();
    return r.code === 0 && isSha(sha) ? sha : undefined;
}
/** `git merge-base --is-ancestor`: true, false, or undefined when git cannot tell (an error). */
async function isAncestor(root, base, head) {
    requireSha(base);
    requireSha(head);
    const r = await runGit(root, ['merge-base', '--is-ancestor', base, head]);
    return r.code === 0 ? true : r.code === 1 ? false : undefined;
}
/**
 * Paths changed between two commits (`git diff-tree -r -z --no-renames --no-abbrev`), keyed relative to the
 * scan root: paths outside the root's prefix are dropped, the prefix is cut off, and the raw bytes become
 * path keys exactly as the scanner makes them (non-UTF-8 names included).
 */
async function changedPaths(root, checkout, base, head) {
    requireSha(base);
    requireSha(head);
    const r = await runGit(root, [
        'diff-tree',
        '-r',
        '-z',
        '--no-renames',
        '--no-abbrev',
        '--no-commit-id',
        base,
        head,
    ]);
    if (r.code !== 0)
        throw new Error(`git diff-tree ${base.slice(0, 12)} ${head.slice(0, 12)} failed: ${r.stderr}`);
    return parseRawDiff(r.stdout, checkout.prefix);
}
/**
 * Parses `diff-tree -z` raw output: `:<old mode> <new mode> <old sha> <new sha> <status>\0<path>\0`, repeated.
 * Exported for tests.
 */
function parseRawDiff(out, prefix) {
    const changes = new Map();
    let at = 0;
    while (at < out.length) {
        const metaEnd = out.indexOf(0, at);
        if (metaEnd === -1)
            break;
        const meta = out.subarray(at, metaEnd).toString('latin1');
        const pathEnd = out.indexOf(0, metaEnd + 1);
        if (pathEnd === -1)
            throw new Error('git diff-tree output ends in the middle of an entry.');
        const raw = out.subarray(metaEnd + 1, pathEnd);
        at = pathEnd + 1;
        const m = /^:([0-7]{6}) ([0-7]{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])[0-9]*$/.exec(meta);
        if (!m)
            throw new Error(`Unexpected git diff-tree line '${meta}'.`);
        if (prefix.length > 0 && !(raw.length > prefix.length && raw.subarray(0, prefix.length).equals(prefix)))
            continue;
        const [, oldMode, newMode, , newSha, letter] = m;
        const status = letter === 'A' || letter === 'D' || letter === 'T' ? letter : 'M';
        const entry = { status };
        if (oldMode !== '000000')
            entry.oldMode = oldMode;
        if (newMode !== '000000')
            entry.newMode = newMode;
        if (status !== 'D' && !/^0+$/.test(newSha))
            entry.newBlob = newSha;
        changes.set((0,paths/* keyFromBytes */.D8)(Buffer.from(raw.subarray(prefix.length))), entry);
    }
    return changes;
}
/**
 * The head commit's tree below the scan root (`git ls-tree -r -z --full-name`, run in the root, which limits
 * the listing to the root's folder), keyed relative to the root like {@link changedPaths}. A shallow clone
 * holds this tree even when it lacks the baseline commit: the compare API then says which paths changed,
 * and this says what the head commit holds there.
 */
async function headTree(root, checkout, head) {
    requireSha(head);
    const r = await runGit(root, ['ls-tree', '-r', '-z', '--full-name', head]);
    if (r.code !== 0)
        throw new Error(`git ls-tree ${head.slice(0, 12)} failed: ${r.stderr}`);
    return parseLsTree(r.stdout, checkout.prefix);
}
/** Parses `ls-tree -z` output: `<mode> <type> <id>\t<path>\0`, repeated. Exported for tests. */
function parseLsTree(out, prefix) {
    const tree = new Map();
    let at = 0;
    while (at < out.length) {
        const end = out.indexOf(0, at);
        if (end === -1)
            throw new Error('git ls-tree output ends in the middle of an entry.');
        const tab = out.indexOf(0x09, at);
        if (tab === -1 || tab > end)
            throw new Error('git ls-tree output has an entry without a path.');
        const meta = out.subarray(at, tab).toString('latin1');
        const raw = out.subarray(tab + 1, end);
        at = end + 1;
        const m = /^([0-7]{6}) (blob|tree|commit) ([0-9a-f]{40}|[0-9a-f]{64})$/.exec(meta);
        if (!m)
            throw new Error(`Unexpected git ls-tree line '${meta}'.`);
        if (prefix.length > 0 && !(raw.length > prefix.length && raw.subarray(0, prefix.length).equals(prefix)))
            continue;
        tree.set((0,paths/* keyFromBytes */.D8)(Buffer.from(raw.subarray(prefix.length))), { mode: m[1], id: m[3] });
    }
    return tree;
}
/** A full commit id (40 or 64 lower-case hex): the only form passed to git, so no value can act as an option. */
function isSha(text) {
    return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(text);
}
function requireSha(text) {
    if (!isSha(text))
        throw new Error(`'${text.slice(0, 80)}' is not a full commit id (40 or 64 hex digits).`);
}
function stripNewline(b) {
    // One newline only: the prefix ends in `/`, anything before it is part of a (possibly odd) folder name.
    return Buffer.from(b.length > 0 && b[b.length - 1] === 0x0a ? b.subarray(0, b.length - 1) : b);
}

;// CONCATENATED MODULE: ./src/git/explain.ts
/**
 * Git-aware triage (`explain-with-git`): classes each change `committed` or `unexplained` from the history
 * between the baseline's commit and the head commit, using the checkout's own history when it can answer and
 * the GitHub compare API when it cannot (shallow clone, baseline commit not fetched). The rule for one change
 * is in src/engine/triage.ts. No @actions/core here: messages go through the caller's logger.
 */





const explain_short = (sha) => sha.slice(0, 12);
/**
 * Sets `git` on every change and returns what triage did, or undefined when the root is not inside a git work
 * tree (or git is missing): then nothing is classed and the gate behaves exactly as without triage.
 */
async function explainChanges(changes, baseCommit, o) {
    const checkout = await findCheckout(o.root);
    if (!checkout)
        return undefined;
    const notes = [];
    const done = (source, counts, extra = {}) => {
        const triage = { source, ...extra, ...counts, notes };
        for (const n of notes)
            o.log?.(`explain-with-git: ${n}`);
        return triage;
    };
    if (baseCommit === undefined || baseCommit === '') {
        notes.push('The baseline records no commit (it was saved outside a workflow or by an older version), so git cannot explain any change. The next baseline saved by the action records one.');
        return done('none', markAllUnexplained(changes));
    }
    if (!isSha(baseCommit)) {
        notes.push(
        // The baseline's text, shown (not written) on one line: notes go to the log, where a line break
        // could start a workflow command.
        `The baseline's commit '${(0,markdown/* makeVisible */.Xm)(baseCommit.slice(0, 80))}' is not a full commit id, so git cannot explain any change.`);
        return done('none', markAllUnexplained(changes));
    }
    const head = o.head && isSha(o.head) ? o.head : await headCommit(o.root);
    if (head === undefined) {
        notes.push('The checkout has no HEAD commit, so git cannot explain any change.');
        return done('none', markAllUnexplained(changes), { base: baseCommit });
    }
    const ids = { base: baseCommit, head };
    // The compare API speaks for GITHUB_REPOSITORY's commits, with paths relative to its root. A checkout that
    // does not hold the head commit is not a clone of that history (another repository checked out into the
    // root, a submodule, another ref): mapping the API's paths onto it would vouch for files of another tree.
    if (!(await hasCommit(o.root, head))) {
        notes.push(`The head commit ${explain_short(head)} is not in the local history of the checkout at the scan root (a checkout of another repository or ref, or a submodule), so git cannot explain any change.`);
        return done('none', markAllUnexplained(changes), ids);
    }
    // 1. Local history.
    let why = await localGap(o.root, checkout, baseCommit);
    if (why === undefined) {
        const ancestor = await isAncestor(o.root, baseCommit, head);
        if (ancestor === false && !checkout.shallow)
            return notAncestor(changes, ids, 'local', done, notes);
        if (ancestor === true) {
            // git can still fail here (a partial clone whose remote cannot be reached for a missing tree, a
            // timeout): then the API is asked, or nothing is explained; triage never fails the step.
            const files = await changedPaths(o.root, checkout, baseCommit, head).catch((e) => {
                why = `${e.message.replace(/[.\s]+$/, '')}`;
                return undefined;
            });
            if (files !== undefined) {
                const blobs = await treeBlobs(o.root, blobCandidates(changes, files), o.algorithm, checkout.objectFormat);
                return done('local', classifyChanges(changes, files, blobs), { ...ids, ancestor: true });
            }
        }
    }
    const gap = why ??
        `git could not tell whether the baseline commit ${explain_short(baseCommit)} is an ancestor of ${explain_short(head)}` +
            (checkout.shallow
                ? ' in this shallow clone (use fetch-depth: 0, or a depth that reaches the baseline commit)'
                : '');
    // 2. The compare API.
    if (!o.api || !o.api.token || !o.api.repository) {
        notes.push(`${gap}. No token or repository to ask the GitHub compare API instead, so no change could be explained.`);
        return done('none', markAllUnexplained(changes), ids);
    }
    let comparison;
    try {
        comparison = await compareCommits({
            ...o.api,
            apiUrl: o.api.url,
            base: baseCommit,
            head,
            prefix: checkout.prefix.toString('utf8'),
        });
    }
    catch (e) {
        notes.push(`${gap}. The GitHub compare API could not answer either (${e.message}), so no change could be explained.`);
        return done('none', markAllUnexplained(changes), ids);
    }
    notes.push(`${gap}; the changes were explained through the GitHub compare API instead (it knows no old file modes, so mode changes stay unexplained; what the head commit holds is read from the checkout).`);
    if (comparison.status === 'behind' || comparison.status === 'diverged') {
        return notAncestor(changes, ids, 'api', done, notes);
    }
    if (comparison.truncated) {
        notes.push('GitHub lists at most 300 changed files per comparison; changes to paths beyond that list stay unexplained.');
    }
    // The API only says which paths changed: what the head commit holds there (mode, blob, or nothing) is read
    // from the checkout, which holds the head commit's tree even when shallow.
    let tree;
    try {
        tree = await headTree(o.root, checkout, head);
    }
    catch (e) {
        notes.push(`The head commit's tree could not be read (${e.message}), so no change could be explained.`);
        return done('none', markAllUnexplained(changes), ids);
    }
    const files = confirmWithHead(comparison.files, tree);
    const blobs = await treeBlobs(o.root, blobCandidates(changes, files), o.algorithm, checkout.objectFormat);
    return done('api', classifyChanges(changes, files, blobs), { ...ids, ancestor: true });
}
/**
 * The compare API's paths, with their mode and blob taken from the head commit's tree (the API's `sha` is not
 * needed): a path the API calls deleted must be absent there, any other must be present. A path where the two
 * disagree is dropped, so its change stays unexplained.
 */
function confirmWithHead(api, tree) {
    const files = new Map();
    for (const [key, g] of api) {
        const t = tree.get(key);
        if (g.status === 'D') {
            if (t === undefined)
                files.set(key, { status: 'D' });
        }
        else if (t !== undefined) {
            files.set(key, { status: g.status, newMode: t.mode, newBlob: t.id });
        }
    }
    return files;
}
/** Why local history cannot answer, or undefined when the baseline commit is present (the head commit is). */
async function localGap(root, checkout, base) {
    const depth = 'fetch it (actions/checkout with fetch-depth: 0, or a depth that reaches it)';
    if (!(await hasCommit(root, base))) {
        return checkout.shallow
            ? `The clone is shallow and does not contain the baseline commit ${explain_short(base)}: ${depth}`
            : `The baseline commit ${explain_short(base)} is not in the local history (force-pushed away, or not fetched): ${depth}`;
    }
    return undefined;
}
function notAncestor(changes, ids, source, done, notes) {
    notes.push(`The baseline commit ${explain_short(ids.base)} is not an ancestor of ${explain_short(ids.head)} (a force-push, a rollback, or a baseline from another branch or repository): git history cannot explain any change, so all ${changes.length} are unexplained.`);
    return done(source, markAllUnexplained(changes), { ...ids, ancestor: false });
}

// EXTERNAL MODULE: ./src/engine/signature.ts
var signature = __webpack_require__(2260);
// EXTERNAL MODULE: ./src/engine/diff.ts
var engine_diff = __webpack_require__(6227);
// EXTERNAL MODULE: ./src/engine/policy.ts
var policy = __webpack_require__(7542);
;// CONCATENATED MODULE: ./src/engine/commands.ts
/**
 * Workflow-command escaping (`::error file=…::message`), the same rules as @actions/core, for the few
 * places that write commands or runner files themselves. The engine stays free of @actions imports, so
 * this is a copy of the rules, checked against @actions/core's own output in the tests.
 */


/** Escapes a command's message: `%` → `%25`, CR → `%0D`, LF → `%0A` (a raw newline would start a new command). */
function escapeCommandData(value) {
    return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
/** Escapes a command property value: as {@link escapeCommandData}, plus `:` → `%3A` and `,` → `%2C`. */
function escapeCommandProperty(value) {
    return escapeCommandData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
/**
 * A path key as one line of display text for annotations and log lines: raw bytes as `\xNN`, controls,
 * bidi and invisible characters made visible. Even where core.* escapes for us, this keeps a name from
 * drawing a fake second line or colouring the log with terminal escapes.
 */
function displayName(key) {
    return (0,markdown/* makeVisible */.Xm)((0,paths/* displayPath */.Gt)(key));
}

;// CONCATENATED MODULE: ./src/engine/actions-watch.ts
/**
 * Watching the job's actions (watch-actions), the pure part. The runner downloads each `uses: owner/repo@ref`
 * to `_actions/<owner>/<repo>/<ref>/` and then writes the marker file `_actions/<owner>/<repo>/<ref>.completed`
 * (its content is the download time, so it changes every run and is left out). A ref may hold `/`
 * (`@releases/v1`), so the markers, not a fixed depth, say where each action's folder is.
 *
 * Judgement: a change inside an action whose `owner/repo@ref` is in both the baseline and this scan is
 * `critical` (the same name now has other code: a repointed tag, as in the 2025 tj-actions/changed-files
 * compromise, or a tampered download). A new action or ref, or one the job no longer uses, is `allowed`:
 * reported as expected information. The baseline keeps every action it has seen (see {@link mergeActions}), so
 * jobs that use different actions do not forget each other's.
 */



const MARKER = '.completed';
/** A key as text byte for byte (raw names too), for prefix tests on folder keys. */
const latin1 = (key) => (0,paths/* bytesFromKey */.TM)(key).toString('latin1');
/**
 * Runner bookkeeping that is not action code: `<ref>.completed` markers of existing folders (of action folders,
 * when `roots` is given: a marker inside an action is the action's content) and `_temp_<guid>` download folders.
 */
function isRunnerBookkeeping(key, entries, roots) {
    const raw = (0,paths/* bytesFromKey */.TM)(key);
    const text = raw.toString('latin1');
    if (text.startsWith('_temp_'))
        return true;
    if (!text.endsWith(MARKER) || text.split('/').length < 3)
        return false;
    const folder = (0,paths/* keyFromBytes */.D8)(raw.subarray(0, raw.length - MARKER.length));
    return entries.has(folder) && (roots === undefined || roots.has(folder));
}
/** The entries without runner bookkeeping (markers of existing action folders, temporary download folders). */
function actionEntries(entries) {
    const dirs = new Set(entries.filter((e) => e.type === 'dir' || e.type === 'symlink').map((e) => e.path));
    const roots = markedRoots(entries);
    return entries.filter((e) => !isRunnerBookkeeping(e.path, dirs, roots));
}
/** Action folders (`owner/repo/ref`) named by `.completed` markers in a list of raw entries. */
function markedRoots(entries) {
    const keys = new Set(entries.map((e) => e.path));
    const roots = new Set();
    for (const e of entries) {
        const raw = (0,paths/* bytesFromKey */.TM)(e.path);
        if (e.type !== 'file' || !raw.toString('latin1').endsWith(MARKER))
            continue;
        const root = (0,paths/* keyFromBytes */.D8)(raw.subarray(0, raw.length - MARKER.length));
        if (keys.has(root) && root.split('/').length >= 3)
            roots.add(root);
    }
    // The runner writes markers next to action folders, never inside one: a marker inside an action folder is
    // the action's own content (a repointed tag could add `node_modules.completed` to pass its new
    // `node_modules/` off as another, new action).
    for (const r of [...roots]) {
        if ([...roots].some((o) => o !== r && latin1(r).startsWith(latin1(o) + '/')))
            roots.delete(r);
    }
    return roots;
}
/**
 * The action (`owner/repo/ref` folder key) a path belongs to: the shortest marked root that contains it, else
 * its first three segments; undefined for the `owner` and `owner/repo` folders themselves and for the folders
 * between `owner/repo` and a ref holding `/` (`owner/repo/releases` for `@releases/v1`).
 */
function actionOf(key, roots) {
    const parts = latin1(key).split('/');
    for (let n = 3; n <= parts.length; n++) {
        const candidate = (0,paths/* keyFromBytes */.D8)(Buffer.from(parts.slice(0, n).join('/'), 'latin1'));
        if (roots.has(candidate))
            return candidate;
    }
    if (parts.length < 3)
        return undefined;
    const own = latin1(key) + '/';
    for (const r of roots)
        if (latin1(r).startsWith(own))
            return undefined;
    return (0,paths/* keyFromBytes */.D8)(Buffer.from(parts.slice(0, 3).join('/'), 'latin1'));
}
/**
 * `owner/repo@ref` for an action folder key, as one line of display text (see displayName): the folder
 * names come from whatever wrote `_actions`, and these names go to the log and the failure message, where
 * a raw newline would start a workflow command (`::stop-commands::` would hide the gate's own errors).
 */
function actionName(root) {
    const parts = displayName(root).split('/');
    return `${parts[0]}/${parts[1]}@${parts.slice(2).join('/')}`;
}
/** The actions present in a list of entries (folder keys). */
function actionsIn(entries, roots) {
    const out = new Set();
    for (const e of entries) {
        const a = actionOf(e.path, roots);
        if (a !== undefined)
            out.add(a);
    }
    return out;
}
/**
 * Sets each change's severity (critical inside an action known on both sides, else allowed) and returns the
 * verdict: it fails exactly when some action changed under the same `owner/repo@ref`. `baselineRaw` and
 * `currentRaw` are the scans before bookkeeping was removed (their markers locate the action folders).
 */
function judgeActions(changes, unchanged, baselineRaw, currentRaw) {
    const roots = new Set([...markedRoots(baselineRaw), ...markedRoots(currentRaw)]);
    const before = actionsIn(actionEntries(baselineRaw), roots);
    const now = actionsIn(actionEntries(currentRaw), roots);
    const repointed = new Set();
    const inAction = (p) => [...roots].some((r) => p === r || latin1(p).startsWith(latin1(r) + '/'));
    const aboveAction = (p) => [...roots].some((r) => latin1(r).startsWith(latin1(p) + '/'));
    // The runner creates only action folders, their markers and the folders above them (`owner`,
    // `owner/repo`): anything else there now was planted (Node's module lookup walks up from an action's
    // folder), and a marker left without its folder means a downloaded action was removed before the gate.
    const stray = (c) => c.after !== undefined && !inAction(c.path) && !(c.after.type === 'dir' && aboveAction(c.path));
    const suspicious = [];
    for (const c of changes) {
        const paths = c.from !== undefined ? [c.from, c.path] : [c.path];
        const known = paths
            .map((p) => actionOf(p, roots))
            .filter((a) => a !== undefined && before.has(a) && now.has(a));
        // An unreadable folder could hide any action below it.
        const odd = stray(c) || c.kinds.includes('unreadable');
        c.severity = known.length > 0 || odd ? 'critical' : 'allowed';
        for (const a of known)
            repointed.add(a);
        if (odd && known.length === 0)
            suspicious.push(displayName(c.path));
    }
    const counts = (0,policy/* countChanges */.xS)(changes, unchanged);
    const names = (set) => [...set].map(actionName).sort();
    const added = names([...now].filter((a) => !before.has(a)));
    const unused = names([...before].filter((a) => !now.has(a)));
    const reasons = [];
    if (repointed.size > 0) {
        reasons.push(`${repointed.size} action${repointed.size === 1 ? '' : 's'} changed while owner/repo@ref stayed the same ` +
            `(a repointed tag or a tampered download): ${names(repointed).join(', ')}. Pin actions to a full commit ` +
            'SHA; after review, accept the new code by running this workflow with mode: baseline.');
    }
    if (suspicious.length > 0) {
        reasons.push(`${suspicious.length} path${suspicious.length === 1 ? '' : 's'} under the actions folder outside any downloaded ` +
            `action (planted files, or a marker whose action was removed) or unreadable: ${suspicious.slice(0, 10).join(', ')}` +
            (suspicious.length > 10 ? ', …' : '') +
            '.');
    }
    const pass = repointed.size === 0 && suspicious.length === 0;
    const result = pass ? (changes.length === 0 ? 'clean' : 'changed') : 'violation';
    return { verdict: { pass, result, counts, reasons }, repointed: names(repointed), added, unused };
}
/**
 * The actions baseline to save: this scan, plus every action of the old baseline this job did not download
 * (with its `owner` and `owner/repo` folders), so a gate shared by jobs that use different actions keeps
 * watching all of them. The `.completed` markers are kept (they locate folders of refs holding `/`; the
 * comparison ignores them), `_temp_` download folders are not. Sorted by path, unique.
 */
function mergeActions(baselineRaw, currentRaw) {
    const roots = new Set([...markedRoots(baselineRaw), ...markedRoots(currentRaw)]);
    const notTemp = (e) => !latin1(e.path).startsWith('_temp_');
    const current = currentRaw.filter(notTemp);
    const now = actionsIn(actionEntries(currentRaw), roots);
    const byPath = new Map(current.map((e) => [e.path, e]));
    for (const e of baselineRaw.filter(notTemp)) {
        if (byPath.has(e.path))
            continue;
        const a = actionOf(e.path, roots);
        if (a === undefined || !now.has(a))
            byPath.set(e.path, e);
    }
    return [...byPath.values()].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(7242);
;// CONCATENATED MODULE: ./src/action/watch-actions.ts
/**
 * watch-actions: hash the runner's downloaded actions (`_actions`) and compare them with the gate's second
 * baseline in the Actions cache (key segment `<gate>.actions`). The judgement is in
 * src/engine/actions-watch.ts; this file does the I/O and builds an outcome `publish` can show.
 */







/** Checks the downloaded actions in verify mode, or saves them in baseline mode. */
async function watchActions(s, o) {
    const dir = s.actionsPath;
    if (!dir) {
        throw new Error(`watch-actions: the runner's actions folder is unknown (RUNNER_TEMP and RUNNER_WORKSPACE are not set); set ${constants/* Inputs */.G0.ActionsPath}.`);
    }
    let isDir = false;
    try {
        isDir = external_node_fs_.statSync(dir).isDirectory();
    }
    catch {
        isDir = false;
    }
    if (!isDir) {
        throw new Error(`watch-actions: no downloaded actions at ${dir}. The runner keeps them in _actions next to RUNNER_TEMP; set ${constants/* Inputs */.G0.ActionsPath} if this runner keeps them elsewhere.`);
    }
    // Its own signing key (see actionsBaselineKey): a tree baseline planted here fails its signature check.
    const key = s.signingKey && (0,signature/* actionsBaselineKey */.Mq)(s.signingKey);
    const stored = await o.store.load();
    const baseline = stored ? (0,engine_manifest/* decodeManifest */.MK)(stored.bytes, { key, expectGate: s.gate }) : undefined;
    if (stored && baseline) {
        // As for the tree: another repository's baseline (signed with a shared secret) is not this one's.
        (0,gate/* checkRepository */.n_)(baseline.header, { provenance: o.provenance ?? {} }, stored.key);
        (0,gate/* checkReplay */.wV)(baseline.header, stored.key, { key, source: 'cache' });
    }
    const gs = {
        root: dir,
        gate: s.gate,
        algorithm: s.algorithm,
        include: [],
        exclude: [],
        alwaysExclude: [],
        policy: { allow: [], protected: [], failOn: 'critical' },
        key,
        onMissing: s.onMissing,
        update: s.update,
        // The run that saves it: checkReplay compares the signed run id, attempt and time with the cache key.
        provenance: o.provenance ?? {},
        source: 'cache',
        log: o.log,
    };
    const { manifest, scanned } = await (0,gate/* scanToManifest */.MZ)(gs);
    const current = manifest.entries;
    const merged = () => (0,engine_manifest/* encodeManifest */.Gb)({ ...manifest, entries: mergeActions(baseline?.entries ?? [], current) }, { key });
    const save = async () => (await o.store.save(merged(), manifest.header.createdAt)).key;
    const plain = (result, pass, reasons = []) => {
        const report = reportOf(s, dir, scanned, [], [], undefined);
        report.verdict = { ...report.verdict, pass, result: pass ? 'clean' : 'violation', reasons };
        return { result, pass, report, manifest, manifestBytes: (0,engine_manifest/* encodeManifest */.Gb)(manifest, { key }) };
    };
    if (s.mode === 'baseline') {
        if (o.saveRefusedBecause)
            throw new Error(`Refusing to save the actions baseline: ${o.saveRefusedBecause}`);
        const key = await save();
        o.log.info(`watch-actions: saved the actions baseline (${key}).`);
        return { ...plain('baseline-saved', true), savedKey: key };
    }
    if (!stored || !baseline) {
        if (s.onMissing === 'fail') {
            return plain('violation', false, [
                `watch-actions: no actions baseline for gate '${s.gate}' and on-missing-baseline is 'fail'.`,
            ]);
        }
        if (s.onMissing === 'warn') {
            o.log.warning(`watch-actions: no actions baseline for gate '${s.gate}'; nothing was compared.`);
            return plain('no-baseline', true);
        }
        if (o.saveRefusedBecause) {
            // As for the tree: nothing verified and no right to create a baseline fails closed.
            return plain('violation', false, [
                `watch-actions: no actions baseline for gate '${s.gate}' and none can be created: ${o.saveRefusedBecause}`,
            ]);
        }
        const key = await save();
        o.log.info(`watch-actions: no actions baseline yet: created one from ${scanned.stats.files} files (${key}).`);
        return { ...plain('baseline-created', true), savedKey: key };
    }
    // Compare without the runner's bookkeeping (markers hold the download time; _temp_ folders are transient).
    const strip = (m) => ({ header: m.header, entries: actionEntries(m.entries) });
    const diff = (0,engine_diff/* diffManifests */.e)(strip(baseline), strip(manifest));
    const judgement = judgeActions(diff.changes, diff.unchanged, baseline.entries, current);
    const verdict = judgement.verdict;
    if (diff.incompatible.length > 0) {
        verdict.pass = false;
        verdict.result = 'violation';
        verdict.reasons.unshift(...diff.incompatible);
    }
    const report = reportOf(s, dir, scanned, diff.changes, diff.incompatible, {
        source: 'cache',
        key: stored.key,
        createdAt: baseline.header.createdAt,
        signed: s.signingKey !== undefined,
    });
    report.verdict = verdict;
    if (judgement.added.length > 0)
        o.log.info(`watch-actions: new actions or refs: ${judgement.added.join(', ')}.`);
    if (judgement.unused.length > 0)
        o.log.info(`watch-actions: not used by this job: ${judgement.unused.join(', ')}.`);
    const outcome = {
        result: verdict.result,
        pass: verdict.pass,
        report,
        manifest,
        manifestBytes: (0,engine_manifest/* encodeManifest */.Gb)(manifest, { key }),
        judgement,
    };
    // Never roll forward over a repointed action: only a deliberate mode: baseline run accepts new code.
    if (verdict.pass && diff.changes.length > 0 && s.update !== 'never') {
        if (o.saveRefusedBecause)
            o.log.warning(`watch-actions: not saving: ${o.saveRefusedBecause}`);
        else
            outcome.savedKey = await save();
    }
    return outcome;
}
function reportOf(s, dir, scanned, changes, incompatible, baseline) {
    return (0,gate/* newReport */.bQ)({
        gate: `${s.gate} (actions)`,
        root: dir,
        algorithm: s.algorithm,
        scanned,
        baseline,
        changes,
        incompatible,
    });
}

// EXTERNAL MODULE: ./src/action/log.ts
var action_log = __webpack_require__(8592);
// EXTERNAL MODULE: ./src/action/file-incident.ts
var file_incident = __webpack_require__(2485);
;// CONCATENATED MODULE: ./src/main.ts
/**
 * The main step: read inputs, run the gate in the requested mode, publish the result.
 * One try/catch: any error fails the step (a security gate fails closed).
 */















/** Runs the main step. */
async function run() {
    let settings;
    try {
        settings = (0,inputs/* getInputs */.G)();
        if (settings.mode === 'lessons-learned') {
            const { runLessonsLearned } = await Promise.all(/* import() */[__webpack_require__.e(214), __webpack_require__.e(50), __webpack_require__.e(571)]).then(__webpack_require__.bind(__webpack_require__, 1571));
            await runLessonsLearned(settings);
            return;
        }
        const outcome = await runGate(settings);
        if (settings.watchActions) {
            try {
                await checkActions(settings, outcome);
            }
            catch (e) {
                // A failed tree verdict is a detection: it is published and filed even when the actions could not be
                // checked (a step that removed the runner's actions folder must not also hide its tree changes). Why
                // the actions were not checked joins its reasons, so the failure message and the incident carry it.
                if (outcome.pass)
                    throw e;
                outcome.report.verdict.reasons.push(e instanceof Error ? e.message : String(e));
            }
        }
        const published = (0,publish/* publish */.m)(outcome, settings);
        if (settings.watchJob && published.written) {
            (0,state/* saveWatch */.VF)({
                manifestFile: published.manifestFile,
                manifestSha256: (0,external_node_crypto_.createHash)('sha256').update(outcome.manifestBytes).digest('hex'),
                root: settings.root,
                workspace: settings.workspace,
                gate: settings.gate,
                algorithm: settings.algorithm,
                include: settings.include,
                exclude: settings.exclude,
                allow: settings.allow,
                protected: settings.protected,
                failOn: settings.failOn,
                ownFiles: published.ownFiles,
                ownDirs: published.ownDirs,
            });
        }
        if (!outcome.pass) {
            const reasons = outcome.report.verdict.reasons;
            core/* setFailed */.C1(reasons.length > 0 ? reasons.join(' ') : `integrity-gate: ${outcome.result} (see the job summary).`);
            if (settings.createIssue)
                await (0,file_incident/* openIncident */.p)(outcome, settings);
        }
        for (const failure of published.failures)
            core/* setFailed */.C1(failure);
    }
    catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        core/* setFailed */.C1(message);
        // A refused baseline that looks tampered with (bad signature, replay, another gate's or repository's)
        // is at least as alarming as a failed verdict: it gets the incident too.
        if (settings?.createIssue && settings.mode === 'verify' && (0,gate/* isTamperSignal */.IV)(e))
            await (0,file_incident/* openIncident */.p)((0,file_incident/* refusal */.x)(settings, message), settings);
    }
}
/** Builds the gate settings and store from the inputs and runs verify or baseline mode. */
async function runGate(settings) {
    const refused = saveRefusal(settings, true);
    const gs = {
        root: settings.root,
        gate: settings.gate,
        algorithm: settings.algorithm,
        include: settings.include,
        exclude: settings.exclude,
        alwaysExclude: [(0,publish/* workDir */.H)()],
        policy: { allow: settings.allow, protected: settings.protected, failOn: settings.failOn },
        key: settings.signingKey,
        onMissing: settings.onMissing,
        update: settings.baselineFile ? 'never' : settings.update,
        saveRefusedBecause: refused,
        provenance: {
            commit: process.env.GITHUB_SHA || undefined,
            ref: process.env.GITHUB_REF || undefined,
            repository: process.env.GITHUB_REPOSITORY || undefined,
            runId: process.env.GITHUB_RUN_ID || undefined,
            runAttempt: process.env.GITHUB_RUN_ATTEMPT || undefined,
        },
        source: settings.baselineFile ? 'file' : 'cache',
        explain: settings.explainWithGit ? explainer(settings) : undefined,
        log: action_log/* actionLog */.Z,
        onProgress: (p) => core/* info */.pq(`scanning: ${p.files} files, ${(p.bytes / 1e6).toFixed(1)} MB, ${(p.elapsedMs / 1000).toFixed(0)} s`),
    };
    const store = settings.baselineFile
        ? new FileStore(settings.baselineFile)
        : new CacheStore({
            gate: settings.gate,
            os: process.env.RUNNER_OS || external_node_os_.platform(),
            runId: process.env.GITHUB_RUN_ID || '0',
            runAttempt: process.env.GITHUB_RUN_ATTEMPT || '1',
            tempDir: (0,publish/* workDir */.H)(),
            ...cacheTimingForTests(),
        });
    if (settings.mode === 'baseline') {
        if (settings.baselineFile) {
            throw new Error('mode: baseline saves to the Actions cache; with baseline-file the new manifest is only written to the manifest-file output. Remove baseline-file or use mode: verify.');
        }
        return (0,gate/* snapshot */.P9)(store, gs);
    }
    return (0,gate/* verify */.MX)(store, gs);
}
/**
 * Why this event may not save baselines (untrusted code), or undefined when it may. `log` says it once per
 * step (the tree gate says it; the actions watch asks again quietly).
 */
function saveRefusal(settings, log) {
    const ctx = github/* context */._;
    const untrusted = untrustedReason({
        eventName: ctx.eventName,
        repository: process.env.GITHUB_REPOSITORY ?? '',
        payload: ctx.payload,
    });
    if (untrusted && settings.allowUntrustedSave) {
        if (log) {
            core/* warning */.$e(`Saving baselines from an untrusted event because allow-untrusted-save is true: ${untrusted}`);
        }
        return undefined;
    }
    if (!untrusted)
        return undefined;
    const refused = `${untrusted} Baselines are never saved from it (see allow-untrusted-save).`;
    if (log)
        (0,action_log/* info */.p)(`Baseline saving is disabled: ${refused}`);
    return refused;
}
/**
 * watch-actions: checks (or, in baseline mode, saves) the downloaded actions, publishes their report as the
 * `actions` part of the summary, and folds a failure into the gate's outcome so the `result` output says
 * `violation` exactly when the step fails.
 */
async function checkActions(settings, outcome) {
    const actions = await watchActions(settings, {
        store: new CacheStore({
            gate: settings.gate,
            kind: 'actions',
            os: process.env.RUNNER_OS || external_node_os_.platform(),
            runId: process.env.GITHUB_RUN_ID || '0',
            runAttempt: process.env.GITHUB_RUN_ATTEMPT || '1',
            tempDir: (0,publish/* workDir */.H)(),
        }),
        saveRefusedBecause: saveRefusal(settings, false),
        log: action_log/* actionLog */.Z,
        provenance: {
            repository: process.env.GITHUB_REPOSITORY || undefined,
            runId: process.env.GITHUB_RUN_ID || undefined,
            runAttempt: process.env.GITHUB_RUN_ATTEMPT || undefined,
        },
    });
    // The actions report has its own files and summary section; the SARIF file stays the tree's.
    for (const failure of (0,publish/* publish */.m)(actions, { ...settings, sarifFile: undefined }, 'actions').failures)
        core/* setFailed */.C1(failure);
    if (actions.pass)
        return;
    const verdict = outcome.report.verdict;
    outcome.pass = false;
    outcome.result = 'violation';
    outcome.report.verdict = {
        ...verdict,
        pass: false,
        result: 'violation',
        reasons: [...verdict.reasons, ...actions.report.verdict.reasons],
    };
}
/** Git triage for the gate: GITHUB_SHA is the commit the tree must hold; the compare API is the fallback. */
function explainer(settings) {
    return (changes, baselineCommit) => explainChanges(changes, baselineCommit, {
        root: settings.root,
        algorithm: settings.algorithm,
        head: process.env.GITHUB_SHA || undefined,
        api: {
            url: process.env.GITHUB_API_URL || 'https://api.github.com',
            repository: process.env.GITHUB_REPOSITORY || '',
            token: settings.token,
        },
        log: action_log/* info */.p,
    });
}
/**
 * Test-only: `INTEGRITY_GATE_CACHE_TIMEOUT_MS` bounds each cache lookup and its retry pause, so tests of a
 * stalled cache service run in seconds instead of the production 30 s per attempt. It can only make the
 * gate give up sooner, and giving up fails closed, so an earlier step that sets it cannot cause a pass.
 */
function cacheTimingForTests() {
    const text = process.env.INTEGRITY_GATE_CACHE_TIMEOUT_MS;
    if (text === undefined || text === '')
        return {};
    if (!/^[0-9]{1,6}$/.test(text) || Number(text) === 0) {
        throw new Error(`Invalid INTEGRITY_GATE_CACHE_TIMEOUT_MS '${text}': expected milliseconds (1-999999).`);
    }
    return { lookupTimeoutMs: Number(text), retryDelayMs: Math.min(Number(text), 2000) };
}


/***/ })

};
