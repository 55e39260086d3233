export const id = 907;
export const ids = [907];
export const modules = {

/***/ 8907:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  explainChanges: () => (/* binding */ explainChanges)
});

// EXTERNAL MODULE: ./src/engine/markdown.ts
var markdown = __webpack_require__(9469);
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
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

// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(4942);
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

// EXTERNAL MODULE: ./src/git/local.ts
var local = __webpack_require__(9487);
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
    const checkout = await (0,local/* findCheckout */.I8)(o.root);
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
    if (!(0,local/* isSha */.HH)(baseCommit)) {
        notes.push(
        // The baseline's text, shown (not written) on one line: notes go to the log, where a line break
        // could start a workflow command.
        `The baseline's commit '${(0,markdown/* makeVisible */.Xm)(baseCommit.slice(0, 80))}' is not a full commit id, so git cannot explain any change.`);
        return done('none', markAllUnexplained(changes));
    }
    const head = o.head && (0,local/* isSha */.HH)(o.head) ? o.head : await (0,local/* headCommit */.Qo)(o.root);
    if (head === undefined) {
        notes.push('The checkout has no HEAD commit, so git cannot explain any change.');
        return done('none', markAllUnexplained(changes), { base: baseCommit });
    }
    const ids = { base: baseCommit, head };
    // The compare API speaks for GITHUB_REPOSITORY's commits, with paths relative to its root. A checkout that
    // does not hold the head commit is not a clone of that history (another repository checked out into the
    // root, a submodule, another ref): mapping the API's paths onto it would vouch for files of another tree.
    if (!(await (0,local/* hasCommit */.QE)(o.root, head))) {
        notes.push(`The head commit ${explain_short(head)} is not in the local history of the checkout at the scan root (a checkout of another repository or ref, or a submodule), so git cannot explain any change.`);
        return done('none', markAllUnexplained(changes), ids);
    }
    // 1. Local history.
    let why = await localGap(o.root, checkout, baseCommit);
    if (why === undefined) {
        const ancestor = await (0,local/* isAncestor */.QX)(o.root, baseCommit, head);
        if (ancestor === false && !checkout.shallow)
            return notAncestor(changes, ids, 'local', done, notes);
        if (ancestor === true) {
            // git can still fail here (a partial clone whose remote cannot be reached for a missing tree, a
            // timeout): then the API is asked, or nothing is explained; triage never fails the step.
            const files = await (0,local/* changedPaths */.vl)(o.root, checkout, baseCommit, head).catch((e) => {
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
        tree = await (0,local/* headTree */.XY)(o.root, checkout, head);
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
    if (!(await (0,local/* hasCommit */.QE)(root, base))) {
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


/***/ })

};
