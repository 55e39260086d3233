export const id = 340;
export const ids = [340];
export const modules = {

/***/ 2485:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ openIncident),
/* harmony export */   x: () => (/* binding */ refusal)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3838);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7242);
/* harmony import */ var _engine_policy_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7542);
/**
 * Filing the incident issue from the main or the post step: a failed verdict, or a refusal that points at
 * tampering. Loaded lazily (the incident code and its Octokit plugins are only needed when filing).
 */



/** An incident report for a verify that stopped before comparing: no changes, the refusal as the reason. */
function refusal(settings, reason) {
    return {
        report: {
            gate: settings.gate,
            root: settings.root,
            algorithm: settings.algorithm,
            verdict: {
                pass: false,
                result: 'violation',
                counts: (0,_engine_policy_js__WEBPACK_IMPORTED_MODULE_2__/* .countChanges */ .xS)([], 0),
                reasons: [`The gate refused to compare: ${reason}`],
            },
            changes: [],
            incompatible: [],
            scan: { files: 0, dirs: 0, others: 0, bytes: 0, errors: 0, unstable: 0, durationMs: 0 },
            problems: [],
        },
    };
}
/**
 * Files or updates the incident issue; a failure here is reported on top of the verdict, never instead of it.
 * `post`: the post step's watch-job detection (recorded apart from the main step's of the same run).
 */
async function openIncident(outcome, settings, phase) {
    try {
        const { reportIncident } = await Promise.all(/* import() */[__webpack_require__.e(758), __webpack_require__.e(214), __webpack_require__.e(50)]).then(__webpack_require__.bind(__webpack_require__, 4050));
        const issue = await reportIncident(outcome, settings, phase);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Outputs */ .tY.IssueNumber, String(issue.number));
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(_constants_js__WEBPACK_IMPORTED_MODULE_1__/* .Outputs */ .tY.IssueUrl, issue.url);
    }
    catch (e) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(`Could not file the incident issue: ${e instanceof Error ? e.message : String(e)}`);
    }
}


/***/ }),

/***/ 8592:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ actionLog),
/* harmony export */   p: () => (/* binding */ info)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3838);
/* harmony import */ var _engine_markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1850);
/**
 * The action's log lines. core.info writes its text as is, and the runner reads every line that starts with
 * `::` as a workflow command. The gate's messages are one line each but can quote what a tree or a
 * baseline holds (an action folder's name, a baseline's recorded commit, an error text), so each is written
 * on one line with its controls and invisible characters made visible, whatever its caller already did.
 * core.warning escapes its own message.
 */


/** core.info for a message that may quote untrusted text. */
function info(message) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq((0,_engine_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .makeVisible */ .Xm)(message));
}
/** The gate's Logger in the action. */
const actionLog = { info, warning: (message) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(message) };


/***/ }),

/***/ 2158:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  m: () => (/* binding */ publish),
  H: () => (/* binding */ workDir)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(7242);
// EXTERNAL MODULE: ./src/engine/paths.ts
var paths = __webpack_require__(4886);
// EXTERNAL MODULE: ./src/engine/render.ts
var render = __webpack_require__(8084);
;// CONCATENATED MODULE: ./src/engine/report-json.ts
/**
 * The machine-readable report (CLI `--json`, the action's report file). Documented in docs/report.md:
 * change its shape only together with REPORT_VERSION and that document.
 */


/** `format` of the JSON report. */
const REPORT_FORMAT = 'integrity-gate/report';
/** Version of the JSON report schema; bumped on any incompatible change. */
const REPORT_VERSION = 1;
/** A path key as `{ path, pathBase64? }`: the display form always, the exact bytes when they are not UTF-8. */
function nameFields(key, field) {
    const out = { [field]: (0,paths/* displayPath */.Gt)(key) };
    if ((0,paths/* isRawKey */.A1)(key))
        out[field + 'Base64'] = (0,paths/* bytesFromKey */.TM)(key).toString('base64');
    return out;
}
function jsonEntry(e) {
    const out = { type: e.type, size: e.size, mode: (0,render/* octalMode */.j_)(e.mode) };
    if (e.digest !== undefined)
        out.digest = e.digest;
    if (e.target !== undefined)
        Object.assign(out, nameFields(e.target, 'target'));
    if (e.escapes)
        out.escapes = true;
    if (e.error !== undefined)
        out.error = e.error;
    if (e.unstable)
        out.unstable = true;
    return out;
}
function jsonChange(c) {
    const out = { ...nameFields(c.path, 'path'), kinds: [...c.kinds], severity: c.severity };
    if (c.git !== undefined)
        out.git = c.git;
    if (c.from !== undefined)
        Object.assign(out, nameFields(c.from, 'from'));
    if (c.before)
        out.before = jsonEntry(c.before);
    if (c.after)
        out.after = jsonEntry(c.after);
    return out;
}
function jsonProblem(e) {
    const out = { ...nameFields(e.path, 'path'), type: e.type };
    out.problem = e.error !== undefined ? 'unreadable' : 'unstable';
    if (e.error !== undefined)
        out.error = e.error;
    return out;
}
/**
 * Builds the JSON report from an engine Report (see docs/report.md). Changes are listed critical →
 * unexpected → allowed, by path inside each severity, like the other reports.
 */
function toJsonReport(report, extra = {}) {
    return {
        format: REPORT_FORMAT,
        version: REPORT_VERSION,
        ...(extra.toolVersion !== undefined && { tool: { name: 'integrity-gate', version: extra.toolVersion } }),
        ...(extra.generatedAt !== undefined && { generatedAt: extra.generatedAt }),
        gate: report.gate,
        root: report.root,
        algorithm: report.algorithm,
        result: extra.result ?? report.verdict.result,
        pass: report.verdict.pass,
        reasons: [...report.verdict.reasons],
        counts: { ...report.verdict.counts },
        incompatible: [...report.incompatible],
        baseline: report.baseline ? { ...report.baseline } : null,
        ...(extra.savedKey !== undefined && { savedBaselineKey: extra.savedKey }),
        scan: { ...report.scan },
        ...(report.git !== undefined && { git: { ...report.git, notes: [...report.git.notes] } }),
        changes: (0,render/* sortBySeverity */.BF)(report.changes).map(jsonChange),
        problems: report.problems.map(jsonProblem),
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./src/engine/markdown.ts
var markdown = __webpack_require__(1850);
// EXTERNAL MODULE: ./src/engine/policy.ts
var policy = __webpack_require__(7542);
;// CONCATENATED MODULE: ./src/engine/sarif.ts
/**
 * SARIF 2.1.0 output (`sarif-file`), for GitHub code scanning and other SARIF viewers: one run, a rule per
 * change class, one result per changed path.
 */







/** Code scanning displays at most this many results of a run (and rejects a run with more than 25,000). */
const SARIF_MAX_RESULTS = 5000;
/** Tool notifications kept for scan problems (unreadable or unstable entries). */
const MAX_NOTIFICATIONS = 1000;
/**
 * The rule id of a change class and policy severity: `integrity-gate/modified` for an unexpected change,
 * `integrity-gate/critical/modified` on a protected path, `integrity-gate/allowed/modified` for an allowed
 * one. Code scanning takes an alert's severity from its rule's `security-severity` only, so each severity
 * needs its own rules for a protected-path change to show as Critical.
 */
function ruleId(kind, severity = 'unexpected') {
    return severity === 'unexpected' ? `integrity-gate/${kind}` : `integrity-gate/${severity}/${kind}`;
}
const SEVERITIES = ['critical', 'unexpected', 'allowed'];
/** GitHub's scale: 9.0+ Critical, 7.0–8.9 High, 4.0–6.9 Medium, 0.1–3.9 Low. */
const SECURITY_SEVERITY = { critical: '9.0', unexpected: '7.0', allowed: '2.0' };
const SEVERITY_TEXT = {
    critical: { name: 'OnProtectedPath', short: ' on a protected path' },
    unexpected: { name: '', short: '' },
    allowed: { name: 'Allowed', short: ' (allowed)' },
};
const RULE_TEXT = {
    added: {
        name: 'FileAdded',
        short: 'A path was added',
        full: 'A file, directory or other entry exists that the approved baseline does not have.',
    },
    removed: {
        name: 'FileRemoved',
        short: 'A path was removed',
        full: 'An entry of the approved baseline no longer exists.',
    },
    modified: {
        name: 'ContentModified',
        short: 'File content changed',
        full: "The file's content digest differs from the approved baseline.",
    },
    mode: {
        name: 'ModeChanged',
        short: 'Permission bits changed',
        full: 'The permission bits (including exec, setuid, setgid and sticky) differ from the approved baseline.',
    },
    type: {
        name: 'TypeChanged',
        short: 'Entry type changed',
        full: 'The entry changed type, e.g. a regular file became a symbolic link or a directory.',
    },
    symlink: {
        name: 'SymlinkRetargeted',
        short: 'Symbolic link target changed',
        full: 'The symbolic link points somewhere other than in the approved baseline.',
    },
    moved: {
        name: 'FileMoved',
        short: 'A file was moved',
        full: 'A removed path and an added path have the same content: the file was moved or renamed.',
    },
    unreadable: {
        name: 'Unreadable',
        short: 'An entry could not be read',
        full: 'The scan could not read this entry, so its integrity cannot be checked.',
    },
};
/** Bytes left as they are in a URI path: RFC 3986 unreserved characters and the `/` separator. */
const URI_SAFE = /^[A-Za-z0-9\-._~/]$/;
/**
 * A path key as a relative URI reference: every byte outside the unreserved set percent-encoded, so raw
 * (non-UTF-8) names become their exact bytes, `%` `#` `?` `:` cannot change the URI's meaning, and the
 * reader decodes back to the name. Segments `.` and `..` cannot occur in keys.
 */
function pathToUri(key) {
    let out = '';
    for (const b of (0,paths/* bytesFromKey */.TM)(key)) {
        const ch = String.fromCharCode(b);
        out += b < 0x80 && URI_SAFE.test(ch) ? ch : '%' + b.toString(16).toUpperCase().padStart(2, '0');
    }
    return out;
}
/**
 * Plain text for a SARIF message: controls made visible, and `[`, `]` escaped because SARIF plain-text
 * messages turn `[text](n)` into embedded links (SARIF 2.1.0 §3.11.6).
 */
function sarifText(text) {
    // Backslashes right before a bracket are doubled so they cannot cancel the bracket's escape.
    return (0,markdown/* makeVisible */.Xm)(text).replace(/(\\*)([[\]])/g, (_m, slashes, b) => slashes + slashes + '\\' + b);
}
/**
 * How a path key becomes an artifact location: relative to the repository root when the scan root is inside
 * it (code scanning resolves locations against the checkout), an absolute `file:` URI when it is outside,
 * relative to the scan root when no repository root is known.
 */
function locator(root, repoRoot) {
    let prefix = '';
    let absolute;
    let base = root;
    if (repoRoot !== undefined) {
        const rel = (0,paths/* relativeInside */.JA)(repoRoot, root);
        if (rel !== undefined) {
            prefix = rel === '' ? '' : pathToUri(rel.split((external_node_path_default()).sep).join('/')) + '/';
            base = repoRoot;
        }
        else {
            const href = (0,external_node_url_.pathToFileURL)(root).href;
            absolute = href.endsWith('/') ? href : href + '/';
            base = undefined;
        }
    }
    const where = (key) => absolute !== undefined
        ? { uri: absolute + pathToUri(key) }
        : { uri: prefix + pathToUri(key), uriBaseId: '%SRCROOT%' };
    return Object.assign(where, { base });
}
function levelOf(change, failOn) {
    if (change.severity === 'allowed')
        return 'note';
    return (0,policy/* failsUnder */.mS)(change, failOn) ? 'error' : 'warning';
}
function messageOf(change) {
    const name = sarifText((0,paths/* displayPath */.Gt)(change.path));
    const what = change.kinds.map((k) => RULE_TEXT[k].short.toLowerCase()).join('; ');
    // With git triage the class leads: `unexplained critical: …` / `committed unexpected: …`.
    let text = `${change.git ? change.git + ' ' : ''}${change.severity}: ${what}: ${name}`;
    if (change.from !== undefined)
        text += ` (from ${sarifText((0,paths/* displayPath */.Gt)(change.from))})`;
    return text;
}
/** Stable identity of a change across runs, so code scanning can track one alert per path and content. */
function fingerprint(change) {
    const h = (0,external_node_crypto_.createHash)('sha256');
    h.update(JSON.stringify([change.kinds, change.path, change.before?.digest ?? '', change.after?.digest ?? '']));
    return h.digest('hex');
}
/** The rule of a change class at one policy severity. */
function rule(kind, severity) {
    const text = RULE_TEXT[kind];
    const advice = 'If the change is expected, add the path to `allow` or save a new baseline from a trusted run; otherwise treat it as a possible compromise.';
    return {
        id: ruleId(kind, severity),
        name: text.name + SEVERITY_TEXT[severity].name,
        shortDescription: { text: text.short + SEVERITY_TEXT[severity].short },
        fullDescription: { text: text.full },
        help: { text: `${text.full} ${advice}`, markdown: `${text.full}\n\n${advice}` },
        defaultConfiguration: { level: severity === 'allowed' ? 'note' : 'error' },
        properties: { tags: ['security', 'integrity'], 'security-severity': SECURITY_SEVERITY[severity] },
    };
}
/**
 * Builds a SARIF 2.1.0 log: one run whose driver has a rule per change class and policy severity (see
 * {@link ruleId}), one result per change up to `maxResults`, most severe first (ruleId from its first kind and
 * its severity; level `error` for changes that fail under `failOn`, `warning` for reported unapproved ones,
 * `note` for allowed ones), located from the repository root (see {@link locator}). Scan problems, the
 * results left out and incompatibility reasons become tool execution notifications.
 */
function toSarif(report, opts) {
    const failOn = opts.failOn ?? 'unexpected';
    const where = locator(report.root, opts.repoRoot);
    const maxResults = opts.maxResults ?? SARIF_MAX_RESULTS;
    const rules = SEVERITIES.flatMap((severity) => render/* KIND_ORDER */.ML.map((kind) => rule(kind, severity)));
    const ruleIndex = (kind, severity) => SEVERITIES.indexOf(severity) * render/* KIND_ORDER */.ML.length + render/* KIND_ORDER */.ML.indexOf(kind);
    const sorted = (0,render/* sortBySeverity */.BF)(report.changes);
    const results = sorted.slice(0, maxResults).map((change) => {
        const kind = change.kinds[0] ?? 'modified';
        return {
            ruleId: ruleId(kind, change.severity),
            ruleIndex: ruleIndex(kind, change.severity),
            level: levelOf(change, failOn),
            message: { text: messageOf(change) },
            locations: [{ physicalLocation: { artifactLocation: where(change.path) } }],
            ...(change.from !== undefined && {
                relatedLocations: [
                    {
                        id: 1,
                        message: { text: 'previous path' },
                        physicalLocation: { artifactLocation: where(change.from) },
                    },
                ],
            }),
            partialFingerprints: { 'integrityGateChange/v1': fingerprint(change) },
            properties: {
                kinds: change.kinds,
                severity: change.severity,
                ...(change.git !== undefined && { git: change.git }),
            },
        };
    });
    const notifications = [
        ...report.incompatible.map((reason) => ({ level: 'error', message: { text: sarifText(reason) } })),
        ...(sorted.length > maxResults
            ? [
                {
                    level: 'warning',
                    message: {
                        text: `${sorted.length - maxResults} more changes are not included (code scanning shows at most ${maxResults} results); the job summary and the report file list every change.`,
                    },
                },
            ]
            : []),
        ...report.problems.slice(0, MAX_NOTIFICATIONS).map((p) => ({
            level: 'warning',
            message: {
                text: p.error !== undefined
                    ? `unreadable: ${sarifText((0,paths/* displayPath */.Gt)(p.path))}: ${sarifText(p.error)}`
                    : `changed while hashed, digest not trusted: ${sarifText((0,paths/* displayPath */.Gt)(p.path))}`,
            },
            locations: [{ physicalLocation: { artifactLocation: where(p.path) } }],
        })),
        ...(report.problems.length > MAX_NOTIFICATIONS
            ? [
                {
                    level: 'warning',
                    message: {
                        text: `${report.problems.length - MAX_NOTIFICATIONS} more unreadable or unstable entries.`,
                    },
                },
            ]
            : []),
    ];
    const run = {
        tool: {
            driver: {
                name: 'integrity-gate',
                version: opts.toolVersion,
                ...(opts.informationUri !== undefined && { informationUri: opts.informationUri }),
                rules,
            },
        },
        // No automationDetails: an id in the file overrides upload-sarif's `category`, so matrix jobs and
        // several gates would overwrite each other's alerts.
        invocations: [
            {
                executionSuccessful: report.incompatible.length === 0,
                ...(notifications.length > 0 && { toolExecutionNotifications: notifications }),
            },
        ],
        results,
    };
    // Only an absolute base says where %SRCROOT% is; a relative one would mean nothing to the reader.
    if (where.base !== undefined && external_node_path_default().isAbsolute(where.base)) {
        const href = (0,external_node_url_.pathToFileURL)(where.base).href;
        run.originalUriBaseIds = { '%SRCROOT%': { uri: href.endsWith('/') ? href : href + '/' } };
    }
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [run],
    };
}

;// CONCATENATED MODULE: ./src/action/annotations.ts
/**
 * One annotation per changed path (at most `perLevel` of each level, then one summary line). Pure: the caller emits them through
 * core.error/warning/notice, which escapes `%`, CR, LF, and (in properties) `:` and `,`.
 */




/** Annotations for a report: at most `perLevel` per level, most severe first, plus one line for the rest. */
function annotationsFor(report, workspace, perLevel, failOn) {
    const failing = !report.verdict.pass;
    const fails = (c) => (0,policy/* failsUnder */.mS)(c, failOn);
    const order = { critical: 0, unexpected: 1, allowed: 2 };
    const sorted = [...report.changes].sort((a, b) => order[a.severity] - order[b.severity]);
    const shown = { error: 0, warning: 0, notice: 0 };
    const out = [];
    let rest = 0;
    for (const c of sorted) {
        const a = annotate(c, report, workspace, fails(c));
        if (shown[a.level] < perLevel) {
            shown[a.level]++;
            out.push(a);
        }
        else
            rest++;
    }
    if (rest > 0) {
        out.push({
            level: failing ? 'error' : 'warning',
            title: 'integrity-gate',
            message: `${rest} more changed paths are not annotated (GitHub shows 10 annotations of each level per step); see the job summary and the report file.`,
        });
    }
    return out;
}
function annotate(c, report, workspace, fails) {
    const level = fails ? 'error' : c.severity === 'allowed' ? 'notice' : 'warning';
    const name = (0,markdown/* makeVisible */.Xm)((0,paths/* displayPath */.Gt)(c.path));
    const what = c.kinds.join(', ');
    const from = c.from !== undefined ? ` (from ${(0,markdown/* makeVisible */.Xm)((0,paths/* displayPath */.Gt)(c.from))})` : '';
    const digests = c.before?.digest && c.after?.digest && c.before.digest !== c.after.digest
        ? ` ${c.before.digest.slice(0, 12)} \u2192 ${c.after.digest.slice(0, 12)}`
        : '';
    const annotation = {
        level,
        title: `integrity-gate: ${c.git ? c.git + ' ' : ''}${c.severity} ${what}`,
        message: `${what}: ${name}${from}${digests}`,
    };
    if (!(0,paths/* isRawKey */.A1)(c.path) && c.kinds[0] !== 'removed') {
        const rel = (0,paths/* relativeInside */.JA)(workspace, external_node_path_.join(report.root, c.path));
        if (rel)
            annotation.file = rel.split(external_node_path_.sep).join('/');
    }
    return annotation;
}

// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/stores/atomic.ts


/**
 * Writes a file so that a reader sees either the old content or the complete new content, never a
 * partial file: a run killed mid-save must not leave a baseline that later reads as valid-but-wrong.
 * (A truncated gzip would fail validation anyway; this keeps the previous baseline usable too.)
 */
function writeFileAtomic(target, bytes) {
    const dir = external_node_path_.dirname(target);
    external_node_fs_.mkdirSync(dir, { recursive: true });
    const tmp = external_node_path_.join(dir, `.${external_node_path_.basename(target)}.${process.pid}.${Date.now()}.tmp`);
    const fd = external_node_fs_.openSync(tmp, 'wx', 0o644);
    try {
        // writeFileSync(fd) loops over short writes until every byte is written or it throws (ENOSPC, EFBIG):
        // a lone writeSync returns early on a full disk, and the truncated file would be renamed over the
        // good one.
        external_node_fs_.writeFileSync(fd, bytes);
        external_node_fs_.fsyncSync(fd);
    }
    catch (e) {
        external_node_fs_.closeSync(fd);
        external_node_fs_.rmSync(tmp, { force: true });
        throw e;
    }
    external_node_fs_.closeSync(fd);
    try {
        external_node_fs_.renameSync(tmp, target);
    }
    catch (e) {
        external_node_fs_.rmSync(tmp, { force: true });
        throw e;
    }
    // Make the rename itself durable.
    const dfd = external_node_fs_.openSync(dir, 'r');
    try {
        external_node_fs_.fsyncSync(dfd);
    }
    finally {
        external_node_fs_.closeSync(dfd);
    }
}
/**
 * Writes a report where the user pointed: through a symlink to its target (atomically), straight into a
 * device or FIFO (`/dev/stdout`), atomically otherwise. Renaming over a symlink or a device would replace it.
 */
function writeOutputFile(target, bytes, hops = 0) {
    let st;
    try {
        st = fs.lstatSync(target);
    }
    catch {
        // Not there yet: a plain atomic write creates it.
    }
    if (st?.isSymbolicLink()) {
        // The link's target may not exist yet (realpath would fail): follow it one hop at a time.
        if (hops >= 40)
            throw new Error(`Too many levels of symbolic links at ${target}`);
        return writeOutputFile(path.resolve(path.dirname(target), fs.readlinkSync(target)), bytes, hops + 1);
    }
    if (st && !st.isFile() && !st.isDirectory())
        return fs.writeFileSync(target, bytes);
    writeFileAtomic(target, bytes);
}

;// CONCATENATED MODULE: ./src/action/publish.ts
/**
 * Publishes a gate outcome the ways a runner offers: outputs, report and manifest files, SARIF, the job
 * summary and annotations. Every file name shown here is attacker-controlled: it goes through the
 * engine's escaping (Markdown) or core's command escaping (annotations), never raw.
 */











/** The folder under RUNNER_TEMP where the action keeps its files (never scanned). */
function workDir() {
    return external_node_path_.join(process.env.RUNNER_TEMP || external_node_os_.tmpdir(), 'integrity-gate');
}
const stepDirs = new Map();
/**
 * This step's own folder under `workDir()/<gate>`, made once per step. Two steps of one gate in a job (a
 * second check before a deployment) used to write the same report and manifest files: the first step's
 * `report-file` / `manifest-file` outputs then named the second step's files, and its watch-job post
 * step, finding its saved scan rewritten, reported tampering that never happened.
 */
function stepDir(gate) {
    let dir = stepDirs.get(gate);
    if (dir === undefined) {
        const base = external_node_path_.join(workDir(), gate);
        external_node_fs_.mkdirSync(base, { recursive: true });
        dir = external_node_fs_.mkdtempSync(external_node_path_.join(base, 'step-'));
        stepDirs.set(gate, dir);
    }
    return dir;
}
/** Room kept in the job summary for whatever else the job writes there. */
const SUMMARY_RESERVE = 64 * 1024;
/**
 * Writes files, outputs, summary and annotations for one outcome. A file that cannot be written is returned
 * in `failures`, never thrown: the verdict, summary, annotations and the incident must still go out (a
 * SARIF file too large to serialise, or a path that is a folder, must not hide the detection).
 */
function publish(outcome, s, label = '') {
    const failures = [];
    const suffix = label ? `-${label}` : '';
    // The gate's folder until this step's own one is made (a failure to make it then names that folder).
    let dir = external_node_path_.join(workDir(), s.gate);
    const files = () => ({
        reportFile: external_node_path_.join(dir, `report${suffix}.json`),
        manifestFile: external_node_path_.join(dir, `manifest${suffix}.json.gz`),
    });
    let written = false;
    try {
        dir = stepDir(s.gate);
        const { reportFile, manifestFile } = files();
        const json = toJsonReport(outcome.report, {
            result: outcome.result,
            savedKey: outcome.savedKey,
            toolVersion: version/* VERSION */.x,
            generatedAt: new Date().toISOString(),
        });
        writeFileAtomic(reportFile, Buffer.from(JSON.stringify(json, null, 2)));
        writeFileAtomic(manifestFile, outcome.manifestBytes);
        written = true;
    }
    catch (e) {
        failures.push(`Cannot write the report under ${dir} (RUNNER_TEMP): ${e.message}`);
    }
    const { reportFile, manifestFile } = files();
    const c = outcome.report.verdict.counts;
    // A failed verdict always gets its outputs (a detection is never lost). A passing one whose files could not
    // be written gets none: the step fails, and `result: clean` must not let a later `if:` go ahead.
    if (!label && (written || !outcome.pass)) {
        core/* setOutput */.uH(constants/* Outputs */.tY.Result, outcome.result);
        core/* setOutput */.uH(constants/* Outputs */.tY.Added, String(c.added));
        core/* setOutput */.uH(constants/* Outputs */.tY.Removed, String(c.removed));
        core/* setOutput */.uH(constants/* Outputs */.tY.Modified, String(c.modified));
        core/* setOutput */.uH(constants/* Outputs */.tY.Moved, String(c.moved));
        core/* setOutput */.uH(constants/* Outputs */.tY.Changes, String(c.changes));
        core/* setOutput */.uH(constants/* Outputs */.tY.Critical, String(c.critical));
        if (written) {
            core/* setOutput */.uH(constants/* Outputs */.tY.ReportFile, reportFile);
            core/* setOutput */.uH(constants/* Outputs */.tY.ManifestFile, manifestFile);
        }
        const key = outcome.savedKey ?? outcome.report.baseline?.key;
        if (key)
            core/* setOutput */.uH(constants/* Outputs */.tY.BaselineKey, key);
    }
    for (const a of annotationsFor(outcome.report, s.workspace, constants/* LIMITS */.b1.annotationsPerLevel, s.failOn)) {
        const props = { title: a.title, file: a.file };
        if (a.level === 'error')
            core/* error */.z3(a.message, props);
        else if (a.level === 'warning')
            core/* warning */.$e(a.message, props);
        else
            core/* notice */.lm(a.message, props);
    }
    writeSummary(outcome, s, label);
    const ownFiles = [];
    const ownDirs = [];
    if (s.sarifFile) {
        ownFiles.push(s.sarifFile);
        ownDirs.push(...missingFolders(s.sarifFile));
        try {
            const sarif = toSarif(outcome.report, { toolVersion: version/* VERSION */.x, failOn: s.failOn, repoRoot: s.workspace });
            writeFileAtomic(s.sarifFile, Buffer.from(JSON.stringify(sarif)));
        }
        catch (e) {
            failures.push(`Cannot write sarif-file ${s.sarifFile}: ${e.message}`);
        }
    }
    return { reportFile, manifestFile, ownFiles, ownDirs, failures, written };
}
/** The folders above `file` that do not exist yet (writing it will create them), deepest first. */
function missingFolders(file) {
    const missing = [];
    for (let dir = external_node_path_.dirname(file); dir !== external_node_path_.dirname(dir); dir = external_node_path_.dirname(dir)) {
        try {
            external_node_fs_.lstatSync(dir);
            break;
        }
        catch {
            missing.push(dir);
        }
    }
    return missing;
}
/**
 * Appends the Markdown report to the job summary within what is left of GitHub's 1 MiB per step: a second
 * report in the same step (watch-actions) gets only the rest, since a summary over the limit is dropped whole.
 */
function writeSummary(outcome, s, label) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file)
        return;
    let used = 0;
    try {
        used = external_node_fs_.statSync(file).size;
    }
    catch {
        // Not there yet: nothing used.
    }
    const room = constants/* LIMITS */.b1.stepSummary - SUMMARY_RESERVE - used;
    if (room < 4096) {
        core/* warning */.$e(`The job summary is full (${used} bytes): the ${label || 'gate'} report is in the report file.`);
        return;
    }
    const markdown = (0,render/* renderMarkdown */.Gc)(outcome.report, {
        maxChars: room,
        title: label ? `integrity-gate (${label})` : undefined,
        result: outcome.result,
        acceptHint: acceptHint(s),
    });
    try {
        external_node_fs_.appendFileSync(file, markdown + '\n');
    }
    catch (e) {
        core/* warning */.$e(`Cannot write the job summary: ${e.message}`);
    }
}
function acceptHint(s) {
    if (s.baselineFile) {
        return 'To accept these changes, replace the baseline file with this run\u2019s manifest (output `manifest-file`) and commit it.';
    }
    return ('To accept these changes, add the paths to `allow` (expected changes roll the baseline forward), ' +
        'or run this workflow with `mode: baseline` from a trusted branch.');
}


/***/ }),

/***/ 6227:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ diffManifests)
/* harmony export */ });
/* unused harmony export diffEntries */
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4886);
/**
 * Compares two sorted entry lists (a baseline and a fresh scan) in one merge walk: O(n) plus a Map for
 * move detection, so 100k-entry manifests diff in milliseconds.
 */

// Every `kinds` array below is built in the order of the ChangeKind union, as types.ts promises.
/**
 * Changes from `before` to `after`, sorted by path (a move sits at its new path, with `from`).
 *
 * - `type`: the entry type changed; nothing else is compared (a dir's mode vs a file's is meaningless).
 * - `modified`: a file's digest or size differs. A file `unstable` in `after` is always `modified`: its
 *   digest was never confirmed, so the gate cannot say it is unchanged (fail closed).
 * - `mode`: as named. Directory and special-file sizes are not compared (noise).
 * - `symlink`: the target differs, or the link started or stopped pointing outside the root (`escapes`)
 *   with the same target text (an absolute target, the tree scanned at another place). Not compared when
 *   either side has an `error`: its target was never read, and `unreadable` says so.
 * - `unreadable`: either side has an `error` (also on added/removed entries). If the scan cannot read a
 *   path, or the baseline could not, nothing vouches for its content, so it is always reported.
 * - `moved`: a removed and an added regular file with the same digest and size become one change. With
 *   several candidates for one digest, the k-th added path (sorted) pairs with the k-th removed path
 *   (sorted): deterministic and symmetric, so diff(B, A) gives the same pairs reversed. Empty files
 *   are never paired: every empty file has the same digest, so "moved" would claim an identity the
 *   content cannot show; they stay an honest `removed` + `added`. Entries with `error` or `unstable`
 *   are never paired either (their digest is absent or untrusted).
 *
 * Inputs are expected sorted by path key; unsorted input is sorted (on a copy), duplicates throw.
 */
function diffEntries(before, after) {
    const a = sortedUnique(before, 'before');
    const b = sortedUnique(after, 'after');
    const slots = [];
    const removedByContent = new Map();
    const addedCandidates = [];
    let unchanged = 0;
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
        const x = i < a.length ? a[i] : undefined;
        const y = j < b.length ? b[j] : undefined;
        if (x !== undefined && (y === undefined || x.path < y.path)) {
            if (movable(x))
                push(removedByContent, contentKey(x), slots.length);
            slots.push(change(x.path, kindsOneSide('removed', x), x, undefined));
            i++;
        }
        else if (y !== undefined && (x === undefined || y.path < x.path)) {
            if (movable(y))
                addedCandidates.push(slots.length);
            slots.push(change(y.path, kindsOneSide('added', y), undefined, y));
            j++;
        }
        else {
            const kinds = compare(x, y);
            if (kinds.length === 0)
                unchanged++;
            else
                slots.push(change(y.path, kinds, x, y));
            i++;
            j++;
        }
    }
    pairMoves(slots, removedByContent, addedCandidates);
    return { changes: slots.filter((c) => c !== null), unchanged };
}
/**
 * diffEntries plus the reasons a fair comparison is impossible: another digest algorithm or other
 * include/exclude globs. The changes are still listed, but callers must treat a non-empty
 * `incompatible` as a failure (applyPolicy does).
 */
function diffManifests(base, current) {
    const { changes, unchanged } = diffEntries(base.entries, current.entries);
    const incompatible = [];
    const bh = base.header;
    const ch = current.header;
    if (bh.algorithm !== ch.algorithm) {
        incompatible.push(`The baseline was made with ${bh.algorithm} but this scan uses ${ch.algorithm}: digests of different ` +
            `algorithms cannot be compared. Recreate the baseline with ${ch.algorithm}.`);
    }
    for (const field of ['include', 'exclude']) {
        const was = normalizeGlobs(bh[field]);
        const now = normalizeGlobs(ch[field]);
        if (was.join('\n') !== now.join('\n')) {
            incompatible.push(`The baseline was made with ${field} globs ${listGlobs(was)} but this scan uses ${listGlobs(now)}: ` +
                `the two cover different files. Recreate the baseline with the current ${field} list.`);
        }
    }
    return { changes, unchanged, incompatible };
}
/** Kinds for a path present on both sides, pushed in union order; allocation-free when nothing changed. */
function compare(x, y) {
    const unreadable = x.error !== undefined || y.error !== undefined;
    if (x.type !== y.type)
        return unreadable ? ['type', 'unreadable'] : ['type'];
    const contentChanged = y.type === 'file' &&
        ((!unreadable && (x.digest !== y.digest || x.size !== y.size)) || y.unstable === true);
    const modeChanged = x.mode !== y.mode;
    // A symlink's target counts only when both sides read it (an unread one is unknown, not empty, as a file's
    // digest). Where it points counts too: the same absolute target text leaves the root once the tree moved.
    const targetChanged = y.type === 'symlink' &&
        !unreadable &&
        (x.target !== y.target || (x.escapes === true) !== (y.escapes === true));
    if (!contentChanged && !modeChanged && !targetChanged && !unreadable)
        return NO_KINDS;
    const kinds = [];
    if (contentChanged)
        kinds.push('modified');
    if (modeChanged)
        kinds.push('mode');
    if (targetChanged)
        kinds.push('symlink');
    if (unreadable)
        kinds.push('unreadable');
    return kinds;
}
const NO_KINDS = [];
function kindsOneSide(kind, e) {
    return e.error !== undefined ? [kind, 'unreadable'] : [kind];
}
function pairMoves(slots, removedByContent, added) {
    if (removedByContent.size === 0)
        return;
    const used = new Map();
    for (const ai of added) {
        const add = slots[ai];
        const key = contentKey(add.after);
        const queue = removedByContent.get(key);
        const next = used.get(key) ?? 0;
        if (queue === undefined || next >= queue.length)
            continue;
        used.set(key, next + 1);
        const rem = slots[queue[next]];
        const from = rem.before;
        const to = add.after;
        slots[queue[next]] = null;
        slots[ai] = change(to.path, from.mode !== to.mode ? ['mode', 'moved'] : ['moved'], from, to, from.path);
    }
}
function movable(e) {
    return (e.type === 'file' && e.digest !== undefined && e.error === undefined && e.unstable !== true && e.size > 0);
}
function contentKey(e) {
    return `${e.digest}:${e.size}`;
}
function push(map, key, value) {
    const list = map.get(key);
    if (list === undefined)
        map.set(key, [value]);
    else
        list.push(value);
}
function change(path, kinds, before, after, from) {
    const c = { path, kinds, severity: 'unexpected' };
    if (from !== undefined)
        c.from = from;
    if (before !== undefined)
        c.before = before;
    if (after !== undefined)
        c.after = after;
    return c;
}
/** Returns the list itself when already strictly sorted (the normal case), else a sorted copy. */
function sortedUnique(list, name) {
    let sorted = true;
    for (let k = 1; k < list.length && sorted; k++)
        if (!(list[k - 1].path < list[k].path))
            sorted = false;
    if (sorted)
        return list;
    const copy = [...list].sort((p, q) => (p.path < q.path ? -1 : p.path > q.path ? 1 : 0));
    for (let k = 1; k < copy.length; k++) {
        if (copy[k - 1].path === copy[k].path) {
            throw new Error(`Cannot diff: the ${name} list has the path '${(0,_paths_js__WEBPACK_IMPORTED_MODULE_0__/* .displayPath */ .Gt)(copy[k].path)}' twice.`);
        }
    }
    return copy;
}
function normalizeGlobs(globs) {
    return [...new Set(globs.map((g) => g.trim()).filter((g) => g.length > 0))].sort();
}
function listGlobs(globs) {
    return globs.length === 0 ? '(none)' : globs.map((g) => `'${g}'`).join(', ');
}


/***/ }),

/***/ 8996:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f5: () => (/* binding */ parseAlgorithm),
/* harmony export */   iT: () => (/* binding */ nodeHashName)
/* harmony export */ });
/* unused harmony exports NODE_HASH_NAMES, MD5_WARNING, digestHex */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3171);
/**
 * Digest algorithms: the one place that turns a user-given name into an Algorithm and an Algorithm into
 * the name Node's crypto (OpenSSL) knows, so a typo never silently falls back to another hash.
 */


/** Node crypto (OpenSSL) hash names per algorithm. They happen to equal ours; the table keeps it explicit. */
const NODE_HASH_NAMES = {
    sha256: 'sha256',
    sha512: 'sha512',
    sha1: 'sha1',
    blake2b512: 'blake2b512',
    md5: 'md5',
};
/** The warning given when md5 is chosen: accepted for compatibility, useless against an attacker. */
const MD5_WARNING = 'md5 is collision-broken: an attacker can craft a changed file with the same digest. Use sha256 (the default).';
/**
 * Parses an algorithm name (case and surrounding blanks ignored). An empty name means the default
 * (`sha256`), because an unset action input arrives as ''. `md5` is accepted but reported through
 * `warn`; any other name throws an error that lists the valid names.
 */
function parseAlgorithm(name, warn) {
    const cleaned = name.trim().toLowerCase();
    if (cleaned === '')
        return _types_js__WEBPACK_IMPORTED_MODULE_1__/* .DEFAULT_ALGORITHM */ .a;
    const found = _types_js__WEBPACK_IMPORTED_MODULE_1__/* .ALGORITHMS */ .TM.find((a) => a === cleaned);
    if (found === undefined) {
        throw new Error(`Unknown digest algorithm '${name}'. Valid algorithms: sha256 (default), sha512, sha1, blake2b512, md5 (collision-broken, not recommended).`);
    }
    if (found === 'md5')
        warn?.(MD5_WARNING);
    return found;
}
/** The Node crypto name of an algorithm; throws for a value that is not an Algorithm (e.g. from untyped JSON). */
function nodeHashName(algorithm) {
    const name = NODE_HASH_NAMES[algorithm];
    if (name === undefined)
        throw new Error(`Unknown digest algorithm '${String(algorithm)}'.`);
    return name;
}
/** Lower-case hex digest of in-memory data (small inputs and tests; files go through the scanner). */
function digestHex(algorithm, data) {
    return createHash(nodeHashName(algorithm)).update(data).digest('hex');
}


/***/ }),

/***/ 1761:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Rv: () => (/* binding */ ALWAYS_EXCLUDED),
/* harmony export */   XN: () => (/* binding */ orFolderAbove),
/* harmony export */   Zq: () => (/* binding */ unmatchedGlobs),
/* harmony export */   fN: () => (/* binding */ validateGlob),
/* harmony export */   fT: () => (/* binding */ checkProtectedScanned),
/* harmony export */   tI: () => (/* binding */ compileGlobs),
/* harmony export */   uz: () => (/* binding */ splitLines)
/* harmony export */ });
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4006);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(picomatch__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4886);
/**
 * Glob matching for include/exclude and the allow/protected policy, on path keys.
 * One matcher (picomatch) everywhere so the scanner and the policy never disagree.
 */


/** Exclusions that always apply: git's own database is not part of the tree under test. */
const ALWAYS_EXCLUDED = ['.git/**', '.git'];
/**
 * picomatch options everywhere. `posix: true`: without it picomatch 4.0.7 reads `[!a]` as "`!` or `a`"
 * (picomatch#187), which inverted a negated class: `config/[!_]*.yml` protected `_draft.yml` and not
 * `prod.yml`.
 */
const OPTIONS = { dot: true, nocase: false, posix: true };
/**
 * Compiles globs into one predicate. Dotfiles match (`**` covers `.github/`), matching is
 * case-sensitive, and paths are `/`-separated keys. An empty list matches nothing.
 */
function compileGlobs(patterns) {
    const cleaned = patterns.map((p) => p.trim()).filter((p) => p.length > 0);
    if (cleaned.length === 0)
        return () => false;
    for (const p of cleaned)
        validateGlob(p);
    const isMatch = picomatch__WEBPACK_IMPORTED_MODULE_1___default()(cleaned, OPTIONS);
    return (key) => isMatch((0,_paths_js__WEBPACK_IMPORTED_MODULE_0__/* .displayPath */ .Gt)(key));
}
/**
 * Throws a clear message for a glob the matcher cannot use, or would use in a way nobody means. Every
 * refusal here closes a way for a list to match more, or less, than it says (a security gate fails closed):
 * - a leading `!`: picomatch ORs a list, so `!dist/secret.js` beside `dist/**` meant "everything but
 *   dist/secret.js" and an allow list allowed every change (and an exclude list scanned nothing);
 * - a trailing `/`: path keys never end in `/`, so `src/` matched nothing and an include scanned nothing;
 * - `|` outside `(...)` and unbalanced parentheses reach picomatch's regex raw (`logs/app|x` matched `x`).
 */
function validateGlob(pattern) {
    const bad = (why) => new Error(`Invalid glob '${pattern}': ${why}`);
    if (pattern.includes('\u0000'))
        throw bad('contains a NUL character.');
    if (pattern.startsWith('/'))
        throw bad('globs are relative to the scanned root.');
    // Also `!(…)`: picomatch's extglob at the start matches every other path at any depth.
    if (pattern.startsWith('!'))
        throw bad("negation ('!') is not supported: each glob adds paths. List only what to match; to keep a path out of " +
            'an allow glob, list it under protected (protected wins).');
    if (pattern.endsWith('/') && !pattern.endsWith('\\/'))
        throw bad(`a trailing '/' matches nothing; write '${pattern}**' for the folder and everything below.`);
    let depth = 0;
    for (let i = 0; i < pattern.length && depth >= 0; i++) {
        const c = pattern[i];
        if (c === '\\')
            i++;
        else if (c === '[') {
            // A bracket expression holds characters, not syntax: `[(]`, `[|]` are literal.
            const close = pattern.indexOf(']', i + 2);
            if (close > 0)
                i = close;
        }
        else if (c === '(')
            depth++;
        else if (c === ')')
            depth--;
        else if (c === '|' && depth === 0)
            throw bad("'|' outside '(...)' would be read as an alternative; escape it as '\\|' for a literal '|'.");
    }
    if (depth !== 0)
        throw bad("unbalanced parentheses; escape them as '\\(' and '\\)' for literal ones.");
    try {
        picomatch__WEBPACK_IMPORTED_MODULE_1___default().makeRe(pattern, OPTIONS);
    }
    catch (e) {
        throw new Error(`Invalid glob '${pattern}': ${e.message}`);
    }
}
/**
 * Throws when a protected glob can never see a change because the scan never records what it names: its
 * fixed leading folder (or the glob itself, when it has no wildcard) is excluded. Exclusion wins in the
 * scan, so the protection would be silently void.
 */
function checkProtectedScanned(protectedGlobs, exclude) {
    const excluded = compileGlobs([...ALWAYS_EXCLUDED, ...exclude]);
    for (const g of protectedGlobs) {
        const p = g.trim();
        if (p === '')
            continue;
        const { base, isGlob } = picomatch__WEBPACK_IMPORTED_MODULE_1___default().scan(p);
        const fixed = isGlob ? base : p;
        if (fixed === '')
            continue;
        const parts = fixed.split('/');
        for (let i = 1; i <= parts.length; i++) {
            const folder = parts.slice(0, i).join('/');
            if (excluded(folder)) {
                throw new Error(`Protected glob '${p}' names paths the scan never records: '${folder}' is excluded. Remove it from exclude or from protected.`);
            }
        }
    }
}
/**
 * A matcher that also matches a path when it matches one of the folders above it: a protected folder covers
 * everything below it, as an excluded folder drops everything below it in the scan.
 */
function orFolderAbove(m) {
    return (key) => {
        if (m(key))
            return true;
        const parts = (0,_paths_js__WEBPACK_IMPORTED_MODULE_0__/* .displayPath */ .Gt)(key).split('/');
        for (let i = 1; i < parts.length; i++)
            if (m(parts.slice(0, i).join('/')))
                return true;
        return false;
    };
}
/**
 * Globs that match none of `paths` (the scan's entries and the changes' paths, so a removed file counts): a
 * typo (`srcc/**`, `*.pem` for files in folders) makes an include scan nothing and a protected glob protect
 * nothing, silently. A protected glob also counts when it matches a folder above a path.
 */
function unmatchedGlobs(lists, paths) {
    const out = [];
    for (const list of ['include', 'allow', 'protected']) {
        for (const raw of lists[list]) {
            const glob = raw.trim();
            if (glob === '')
                continue;
            // Folders are entries of the scan too: a protected folder glob finds its folder among the paths.
            if (!paths.some(compileGlobs([glob])))
                out.push({ list, glob });
        }
    }
    return out;
}
/** Splits a newline-separated list (action inputs) into trimmed, non-empty, non-comment lines. */
function splitLines(text) {
    return text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l.length > 0 && !l.startsWith('#'));
}


/***/ }),

/***/ 6165:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gb: () => (/* binding */ encodeManifest),
/* harmony export */   HB: () => (/* binding */ inflateManifest),
/* harmony export */   Ks: () => (/* binding */ checkGate),
/* harmony export */   MK: () => (/* binding */ decodeManifest),
/* harmony export */   QI: () => (/* binding */ entryFromParsed),
/* harmony export */   Sh: () => (/* binding */ ManifestError),
/* harmony export */   ZJ: () => (/* binding */ MAX_MANIFEST_BYTES),
/* harmony export */   dO: () => (/* binding */ decodeManifestText),
/* harmony export */   fU: () => (/* binding */ ManifestWriter),
/* harmony export */   mK: () => (/* binding */ DIGEST_HEX_LENGTH),
/* harmony export */   o2: () => (/* binding */ manifestHead),
/* harmony export */   pj: () => (/* binding */ LINE),
/* harmony export */   qn: () => (/* binding */ decodeInflated)
/* harmony export */ });
/* unused harmony exports canonicalBytes, inflateManifestAsync */
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4886);
/* harmony import */ var _signature_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2260);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3171);
/**
 * The baseline manifest, format v1: gzip-compressed JSON, byte-identical for the same header and entries,
 * validated field by field on load. The schema is documented in docs/manifest.md; keep the two in step.
 *
 * A bad baseline is never read as an empty one: every problem throws a ManifestError whose `code` says
 * what kind of problem it is and whose message says where (field, entry index, path).
 */







/** The only error encodeManifest/decodeManifest throw for bad input. */
class ManifestError extends Error {
    /** Short machine-readable kind of problem, e.g. `truncated`, `schema`, `signature-mismatch`. */
    code;
    constructor(code, message) {
        super(message);
        this.name = 'ManifestError';
        this.code = code;
    }
}
/** Hex length of a digest per algorithm: a digest of any other length is corrupt or from another algorithm. */
const DIGEST_HEX_LENGTH = {
    sha256: 64,
    sha512: 128,
    sha1: 40,
    blake2b512: 128,
    md5: 32,
};
/**
 * Largest decompressed manifest accepted (256 MiB, roughly a million entries). The cap stops a small
 * hostile file (a gzip bomb) from exhausting memory; V8 strings cannot be much larger anyway.
 */
const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;
/**
 * Fixed zlib settings: the same input then gives the same bytes with the same zlib build. zlib writes a
 * zero mtime and no file name; the OS byte is platform-dependent, so it is overwritten below.
 * Level 1: on a 100k-entry manifest (15 MB of JSON) it compresses 3× faster than level 6 for a file
 * about 6% larger, and the gzip ran after the scan, on the critical path. Any level decodes the same.
 * Window 8 KiB (windowBits 13): a manifest's repeats are near (key names, shared path prefixes) and its
 * digests do not repeat at all, so the default 32 KiB window only costs time: on the kernel manifest
 * (13 MB) 13 bits deflate in 98 ms instead of 123 ms and give a 2% smaller file. Any inflater with the
 * standard 32 KiB window reads a stream made with a smaller one.
 */
const GZIP_OPTIONS = {
    level: 1,
    windowBits: 13,
    memLevel: 8,
    strategy: node_zlib__WEBPACK_IMPORTED_MODULE_3__.constants.Z_DEFAULT_STRATEGY,
};
/**
 * The gzip header (RFC 1952): deflate, no flags, mtime 0, XFL 4 (fastest level), OS 255 ("unknown",
 * because zlib's own OS byte depends on the platform).
 */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 255]);
const ENTRY_TYPES = [
    'file',
    'dir',
    'symlink',
    'fifo',
    'socket',
    'block',
    'char',
    'unknown',
];
const HEADER_KEYS = [
    'format',
    'version',
    'tool',
    'algorithm',
    'include',
    'exclude',
    'createdAt',
    'gate',
    'provenance',
];
const PROVENANCE_KEYS = ['commit', 'ref', 'repository', 'runId', 'runAttempt'];
const ENTRY_KEYS = ['path', 'type', 'size', 'mode', 'digest', 'target', 'escapes', 'error', 'unstable'];
const JSON_ENTRY_KEYS = new Set([
    'path',
    'pathBase64',
    'type',
    'size',
    'mode',
    'digest',
    'target',
    'targetBase64',
    'escapes',
    'error',
    'unstable',
]);
const TOP_KEYS = new Set(['header', 'entries', 'signature']);
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
/**
 * Serialises, signs (when a key is given) and compresses a manifest. Entries are sorted by path key and
 * every field is validated first, so this never writes a file decodeManifest would refuse.
 */
function encodeManifest(m, opts = {}) {
    const { header, entries } = normalize(m);
    const gz = new GzipWriter(false, macFor(opts));
    gz.write(bodyStart(header));
    for (let i = 0; i < entries.length; i++)
        gz.writeEntry(i === 0 ? '\n' : ',\n', entries[i]);
    gz.write(bodyEnd(entries.length));
    return gz.finishSync(signatureTail(gz));
}
function macFor(opts) {
    if (opts.key === undefined)
        return undefined;
    signWith(Buffer.alloc(0), opts.key); // refuses an empty key before any work
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_1__.createHmac)('sha256', opts.key);
}
/**
 * The end of the file after the body pieces: `}\n`, with the signature in front of it when signing.
 * The HMAC covers the unsigned file, `}\n` included (what canonicalBytes returns).
 */
function signatureTail(gz) {
    const mac = gz.stopMac();
    if (mac === undefined)
        return '}\n';
    mac.update('}\n', 'utf8');
    return `,"signature":{"alg":"${_signature_js__WEBPACK_IMPORTED_MODULE_5__/* .SIGNATURE_ALG */ .kZ}","value":"${mac.digest('hex')}"}}\n`;
}
/** Uncompressed bytes per chunk. */
const CHUNK_BYTES = 1 << 20;
/** Chunks compressing on the thread pool at once before a writer asks its feeder to wait. */
const MAX_IN_FLIGHT = 3;
/**
 * Writes a gzip file (RFC 1952, one member) whose deflate stream is made of independently compressed
 * chunks, each ended by a full flush, then an empty final block (the way pigz builds its output). Text
 * goes straight into a chunk buffer (reused once its compression is done), so no 15 MB string or copy
 * of it exists. A chunk is cut before a piece that might not fit: the bytes
 * depend only on the pieces, so equal input gives byte-identical output; any gzip reader decodes it.
 */
class GzipWriter {
    pooled;
    mac;
    parts = [GZIP_HEADER];
    buf = Buffer.allocUnsafe(CHUNK_BYTES);
    len = 0;
    /** Where writeEntry put its last line in `buf`, when it was a usual line (see lastLine); else -1. */
    lineStart = -1;
    lineEnd = -1;
    /**
     * CRC-32 and length of the text so far. In a typed array, not two number fields: the first CRC above
     * 2^30 turned a small-integer field into a double, which changed the writer's shape mid-scan and threw
     * away V8's optimised code for everything that writes entries.
     */
    sums = new Float64Array(2);
    /** Chunk buffers whose compression finished, for reuse (fresh memory is costly on these VMs). */
    spare = [];
    /** Compressions not finished yet. */
    inFlight = new Set();
    /**
     * @param pooled compress on the thread pool (then end with finish) instead of inline
     * @param mac HMAC updated with every byte written until stopMac
     */
    constructor(pooled, mac) {
        this.pooled = pooled;
        this.mac = mac;
    }
    write(text) {
        // A UTF-16 unit is at most 3 UTF-8 bytes.
        if (this.len + text.length * 3 > CHUNK_BYTES) {
            this.flush();
            if (text.length * 3 > CHUNK_BYTES) {
                this.compress(Buffer.from(text, 'utf8'));
                return;
            }
        }
        this.len += this.buf.write(text, this.len);
    }
    /**
     * Writes `sep` and entryLine(e) (same bytes) straight into the chunk buffer, without building the
     * line as a string: the usual entry (text path needing no escape; a file or a directory) then leaves
     * no garbage, and churning V8's young generation during the encode cost ~40 MB of peak RSS.
     */
    writeEntry(sep, e) {
        const path = e.path;
        this.lineEnd = -1;
        if (e.target !== undefined ||
            e.error !== undefined ||
            e.escapes !== undefined ||
            e.unstable !== undefined ||
            (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .isRawKey */ .A1)(path)) {
            this.write(sep + entryLine(e));
            return;
        }
        const room = path.length * 3 + (e.digest?.length ?? 0) + 96;
        if (room > CHUNK_BYTES) {
            // Longer than a chunk could ever hold: the general writer compresses it on its own.
            this.write(sep + entryLine(e));
            return;
        }
        if (this.len + room > CHUNK_BYTES)
            this.flush();
        // The short fixed pieces are copied byte by byte: Buffer#write's argument handling cost more than
        // the copy itself. The path and the digest are copied natively and checked as bytes: a charCodeAt
        // loop over them cost several ns per character on Node 24.
        const b = this.buf;
        let n = putBytes(b, this.len, sep === '\n' ? NL : COMMA_NL);
        n = putBytes(b, n, PATH_OPEN);
        const written = b.write(path, n, 'utf8');
        // One byte per character: all ASCII.
        const ascii = written === path.length;
        if (ascii ? !plainJsonBytes(b, n, n + written) : NEEDS_JSON_ESCAPE.test(path)) {
            // Needs JSON escaping: the general writer (nothing was committed yet).
            this.write(sep + entryLine(e));
            return;
        }
        n += written;
        n = putBytes(b, n, TYPE_OPEN);
        n = putAscii(b, n, e.type);
        n = putBytes(b, n, SIZE_OPEN);
        n = writeDecimal(b, n, e.size);
        n = putBytes(b, n, MODE_OPEN);
        n = writeDecimal(b, n, e.mode);
        if (e.digest !== undefined) {
            n = putBytes(b, n, DIGEST_OPEN);
            // Checked as lower-case hex (ASCII) before: latin1 writes it byte for byte.
            n += b.write(e.digest, n, 'latin1');
            b[n++] = 0x22; // "
        }
        b[n++] = 0x7d; // }
        if (ascii && (e.type === 'file' || e.type === 'dir')) {
            this.lineStart = this.len + (sep === '\n' ? NL.length : COMMA_NL.length);
            this.lineEnd = n;
        }
        this.len = n;
    }
    /**
     * The bytes of the line the last writeEntry wrote, when it was a file or directory with an ASCII path
     * written by the fast path above; undefined otherwise. A view into the chunk buffer, valid
     * until the next write.
     */
    lastLine() {
        return this.lineEnd < 0 ? undefined : this.buf.subarray(this.lineStart, this.lineEnd);
    }
    /**
     * When MAX_IN_FLIGHT chunks are compressing: a promise settled when one of them is done (the caller
     * should wait for it before writing more); otherwise undefined.
     */
    backlog() {
        if (this.inFlight.size < MAX_IN_FLIGHT)
            return undefined;
        return Promise.race(this.inFlight).then(() => undefined);
    }
    /** Flushes what the HMAC must cover and hands the HMAC back; later writes are not covered. */
    stopMac() {
        this.flush();
        const mac = this.mac;
        this.mac = undefined;
        return mac;
    }
    finishSync(last) {
        this.write(last);
        this.flush();
        return Buffer.concat([...this.parts, ...this.end()]);
    }
    /** Leaves the chunks in flight to finish unobserved (their results are dropped). */
    abandon() {
        for (const p of this.parts)
            if (p instanceof Promise)
                p.catch(() => { });
    }
    async finish(last) {
        this.write(last);
        this.flush();
        return Buffer.concat([...(await Promise.all(this.parts)), ...this.end()]);
    }
    flush() {
        if (this.len === 0)
            return;
        const chunk = this.buf.subarray(0, this.len);
        // A chunk on the thread pool keeps its buffer until compressed: write on into a fresh one.
        if (this.compress(chunk))
            this.buf = this.spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
        this.len = 0;
    }
    /** Compresses one chunk; true when it went to the thread pool (its memory is still in use). */
    compress(chunk) {
        this.mac?.update(chunk);
        this.sums[0] = (0,node_zlib__WEBPACK_IMPORTED_MODULE_3__.crc32)(chunk, this.sums[0]);
        this.sums[1] += chunk.length;
        if (!this.pooled) {
            this.parts.push((0,node_zlib__WEBPACK_IMPORTED_MODULE_3__.deflateRawSync)(chunk, CHUNK_ZLIB));
            return false;
        }
        const done = deflateRawAsync(chunk, CHUNK_ZLIB);
        const whole = this.buf;
        const release = () => {
            this.inFlight.delete(settled);
            if (chunk.buffer === whole.buffer)
                this.spare.push(whole);
        };
        const settled = done.then(release, release);
        this.inFlight.add(settled);
        this.parts.push(done);
        return true;
    }
    /** An empty final block, then CRC-32 and length mod 2^32 of the uncompressed text. */
    end() {
        const trailer = Buffer.alloc(8);
        trailer.writeUInt32LE(this.sums[0] >>> 0, 0);
        trailer.writeUInt32LE(this.sums[1] % 2 ** 32, 4);
        return [
            (0,node_zlib__WEBPACK_IMPORTED_MODULE_3__.deflateRawSync)(Buffer.alloc(0), { ...GZIP_OPTIONS, finishFlush: node_zlib__WEBPACK_IMPORTED_MODULE_3__.constants.Z_FINISH }),
            trailer,
        ];
    }
}
/**
 * Each chunk ends on a byte boundary with a full flush, so chunks can simply be concatenated. Output in
 * one 512 KiB piece (a 1 MiB chunk of manifest text deflates to ~280 KB) instead of zlib's default 16 KiB:
 * on the thread pool every piece is a round trip through the main thread (kernel manifest: 175 → 140 ms
 * of CPU; the same bytes).
 */
const CHUNK_ZLIB = { ...GZIP_OPTIONS, finishFlush: node_zlib__WEBPACK_IMPORTED_MODULE_3__.constants.Z_FULL_FLUSH, chunkSize: 1 << 19 };
const deflateRawAsync = (0,node_util__WEBPACK_IMPORTED_MODULE_2__.promisify)(node_zlib__WEBPACK_IMPORTED_MODULE_3__.deflateRaw);
/**
 * The bytes the signature covers: exactly the decompressed file encodeManifest writes without a key
 * (`{"header":…,"entries":[…]}` plus a newline). Decoding recomputes them from the validated content, so
 * any change to a header field or an entry invalidates the signature.
 */
function canonicalBytes(m) {
    const { header, entries } = normalize(m);
    return Buffer.from(serialize(header, entries), 'utf8');
}
/** Decompresses, parses and validates a manifest (and its signature). Throws ManifestError on any problem. */
function decodeManifest(bytes, opts = {}) {
    return decodeInflated(inflateManifest(bytes, opts.maxBytes), opts);
}
/**
 * The first half of decodeManifest: checks the gzip magic and decompresses (capped at `maxBytes`), with
 * the same errors. Split out so `diff` can look at the text before deciding how to parse it.
 */
function inflateManifest(bytes, maxBytes = MAX_MANIFEST_BYTES) {
    checkGzipMagic(bytes);
    try {
        return (0,node_zlib__WEBPACK_IMPORTED_MODULE_3__.gunzipSync)(bytes, inflateOptions(bytes, maxBytes));
    }
    catch (e) {
        throw gunzipError(e, maxBytes);
    }
}
/** inflateManifest on libuv's thread pool, so the main thread can work on something else meanwhile. */
async function inflateManifestAsync(bytes, maxBytes = MAX_MANIFEST_BYTES) {
    checkGzipMagic(bytes);
    try {
        return await gunzipAsync(bytes, inflateOptions(bytes, maxBytes));
    }
    catch (e) {
        throw gunzipError(e, maxBytes);
    }
}
const gunzipAsync = (0,node_util__WEBPACK_IMPORTED_MODULE_2__.promisify)(node_zlib__WEBPACK_IMPORTED_MODULE_3__.gunzip);
/**
 * zlib's output chunk sized from the gzip trailer's ISIZE (the text's length mod 2^32), so the text comes
 * out in one buffer: the default 16 KiB chunks and their final concatenation cost 40% of the inflate. The
 * trailer is untrusted, so it is only a hint, bounded by what deflate can expand to (1032:1), the size cap
 * and 64 MiB; `maxOutputLength` still enforces the cap.
 */
function inflateOptions(bytes, maxBytes) {
    const hint = bytes.length >= 18 ? bytes.readUInt32LE(bytes.length - 4) + 1 : 0;
    const chunkSize = Math.max(node_zlib__WEBPACK_IMPORTED_MODULE_3__.constants.Z_DEFAULT_CHUNK, Math.min(hint, bytes.length * 1032, maxBytes + 1, 64 * 1024 * 1024));
    return { maxOutputLength: maxBytes, chunkSize };
}
/** The second half of decodeManifest: parses and validates the decompressed text (`maxBytes` is unused). */
function decodeInflated(raw, opts = {}) {
    if (raw.length > SHAPE_CHECK_FROM)
        checkShape(raw);
    return decodeText(textOf(raw), opts);
}
/**
 * Texts up to this size skip checkShape: the worst they can build is a few hundred MB for a moment, and the
 * scan costs ~2 ms per MB (a sixth of JSON.parse), which the usual manifest need not pay.
 */
const SHAPE_CHECK_FROM = 4 * 1024 * 1024;
/** Deepest nesting accepted; a valid manifest nests 3 deep (top → header → provenance, top → entries → entry). */
const MAX_DEPTH = 16;
/**
 * Refuses JSON shapes that JSON.parse would turn into far more memory than the text's size, before it
 * builds them: under the size cap a 260 KB gzip of 134M nested `[` ran V8 out of heap (a fatal crash, not a
 * refusal), and 85M `{}` in the entries took minutes and gigabytes. A valid manifest nests 3 deep and has
 * one object per entry of at least 43 bytes plus a few fixed ones, so both limits leave valid files alone.
 * Scans bytes: in UTF-8 a multi-byte character never contains `"`, `\`, brackets or braces.
 */
function checkShape(raw) {
    let depth = 0;
    let containers = 0;
    const n = raw.length;
    for (let i = 0; i < n; i++) {
        const c = raw[i];
        if (c === 0x22) {
            // Skip the string: to the next `"` not escaped by a backslash.
            for (i++; i < n; i++) {
                const d = raw[i];
                if (d === 0x5c)
                    i++;
                else if (d === 0x22)
                    break;
            }
        }
        else if (c === 0x7b || c === 0x5b) {
            containers++;
            if (++depth > MAX_DEPTH) {
                throw schema(`the JSON nests deeper than ${MAX_DEPTH} levels (a manifest nests 3)`);
            }
        }
        else if (c === 0x7d || c === 0x5d)
            depth--;
    }
    if (containers > 64 + n / 32) {
        throw schema(`the JSON holds ${containers} objects or arrays in ${n} bytes, far more than a manifest of that size`);
    }
}
/**
 * Parses and validates a small manifest text whose entry list is empty (diff's fast path checks the
 * header this way, with decode's own rules and errors). Throws ManifestError.
 */
function decodeManifestText(text) {
    return decodeText(text, {});
}
/** The canonical text before the first entry line: `{"header":…,"entries":[` (no newline). */
function manifestHead(header) {
    return bodyStart(header);
}
/**
 * One parsed entry object checked by decode's rules (`index` is its position, for messages); returns the
 * entry decode would keep, or throws the ManifestError decode would throw for it.
 */
function entryFromParsed(x, index, algorithm) {
    return quickEntry(x, DIGEST_HEX_LENGTH[algorithm]) ?? entryFromJson(x, index, algorithm);
}
function decodeText(text, opts) {
    let doc;
    try {
        doc = JSON.parse(text);
    }
    catch (e) {
        throw new ManifestError('not-json', `The baseline is not valid JSON after decompression: ${e.message}`);
    }
    const top = checkIdentity(doc);
    for (const k of Object.keys(top)) {
        if (!TOP_KEYS.has(k))
            throw schema(`unknown top-level field ${JSON.stringify(k)}`);
    }
    const header = headerFromJson(top.header);
    if (!Object.hasOwn(top, 'entries') || !Array.isArray(top.entries))
        throw schema('"entries" must be an array');
    const list = top.entries;
    const digestLength = DIGEST_HEX_LENGTH[header.algorithm];
    const entries = new Array(list.length);
    for (let i = 0; i < list.length; i++) {
        // The two common shapes (a readable file, a directory) are checked in place and the parsed object
        // kept as the entry; everything else, and every error, goes through entryFromJson.
        entries[i] = quickEntry(list[i], digestLength) ?? entryFromJson(list[i], i, header.algorithm);
        if (i > 0)
            checkOrder(entries[i - 1], entries[i], i);
    }
    const manifest = { header, entries };
    checkSignature(top, manifest, opts.key);
    if (opts.expectGate !== undefined)
        checkGate(header, opts.expectGate);
    return manifest;
}
/** Refuses a manifest whose header names another gate (decode's `expectGate`). */
function checkGate(header, expected) {
    if (header.gate !== expected) {
        throw new ManifestError('gate-mismatch', `The baseline belongs to gate ${JSON.stringify(header.gate)}, not ${JSON.stringify(expected)}.`);
    }
}
function checkGzipMagic(bytes) {
    if (!Buffer.isBuffer(bytes) || bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
        const hint = Buffer.isBuffer(bytes) && bytes.length > 0 && bytes[0] === 0x7b ? ' (it looks like plain JSON)' : '';
        throw new ManifestError('not-gzip', `The baseline is not gzip data${hint}: a manifest is gzip-compressed JSON.`);
    }
}
function gunzipError(e, maxBytes) {
    const err = e;
    if (err.code === 'ERR_BUFFER_TOO_LARGE') {
        return new ManifestError('too-large', `The baseline decompresses to more than ${maxBytes} bytes; refusing it.`);
    }
    if (err.code === 'Z_BUF_ERROR') {
        return new ManifestError('truncated', `The baseline is truncated: the gzip stream ends early (${err.message}).`);
    }
    return new ManifestError('corrupt', `The baseline's gzip data is corrupt: ${err.message}.`);
}
function textOf(raw) {
    // Manifests are mostly ASCII: then latin1 is an exact and much cheaper decode than UTF-8.
    if ((0,node_buffer__WEBPACK_IMPORTED_MODULE_0__.isAscii)(raw))
        return raw.toString('latin1');
    try {
        // ignoreBOM keeps a leading byte-order mark in the text, where JSON.parse refuses it: our writer never
        // writes one, and a reader that silently skipped it would accept a file that is not what we wrote.
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw);
    }
    catch {
        throw new ManifestError('not-json', 'The baseline is not valid UTF-8 after decompression, so it is not our JSON.');
    }
}
/** Tells "not ours" and "newer than us" apart from "ours but broken", each with its own code. */
function checkIdentity(doc) {
    if (!isObject(doc)) {
        throw new ManifestError('foreign', `The baseline is JSON but not an integrity-gate manifest (top level is ${kind(doc)}).`);
    }
    const header = Object.hasOwn(doc, 'header') ? doc.header : undefined;
    const format = isObject(header) && Object.hasOwn(header, 'format') ? header.format : undefined;
    if (format !== _types_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_FORMAT */ .Sn) {
        throw new ManifestError('foreign', `The baseline is JSON but not an integrity-gate manifest: header.format is ${describe(format)}, ` +
            `expected ${JSON.stringify(_types_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_FORMAT */ .Sn)}.`);
    }
    const version = header.version;
    if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
        throw schema(`header.version must be a positive integer, got ${describe(version)}`);
    }
    if (version > _types_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_VERSION */ .hh) {
        throw new ManifestError('future-version', `The baseline uses manifest format version ${version}, newer than this integrity-gate understands ` +
            `(version ${_types_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_VERSION */ .hh}). Upgrade integrity-gate, or recreate the baseline with this version.`);
    }
    return doc;
}
function checkSignature(top, m, key) {
    const has = Object.hasOwn(top, 'signature');
    let value;
    if (has) {
        const sig = top.signature;
        if (!isObject(sig))
            throw schema('"signature" must be an object');
        for (const k of Object.keys(sig)) {
            if (k !== 'alg' && k !== 'value')
                throw schema(`unknown field signature.${k}`);
        }
        if (sig.alg !== _signature_js__WEBPACK_IMPORTED_MODULE_5__/* .SIGNATURE_ALG */ .kZ)
            throw schema(`signature.alg must be "${_signature_js__WEBPACK_IMPORTED_MODULE_5__/* .SIGNATURE_ALG */ .kZ}", got ${describe(sig.alg)}`);
        if (typeof sig.value !== 'string' || !/^[0-9a-f]{64}$/.test(sig.value)) {
            throw schema('signature.value must be 64 lower-case hex characters');
        }
        value = sig.value;
    }
    if (key === undefined) {
        if (has) {
            throw new ManifestError('signature-unexpected', 'The baseline is signed but no signing key was given: provide the key to verify it.');
        }
        return;
    }
    if (!Buffer.isBuffer(key) || key.length === 0) {
        throw new ManifestError('key-empty', 'The signing key is empty: set a non-empty key.');
    }
    if (value === undefined) {
        throw new ManifestError('signature-missing', 'A signing key was given but the baseline is not signed: it may have been replaced by an unsigned file.');
    }
    if (!(0,_signature_js__WEBPACK_IMPORTED_MODULE_5__/* .verify */ .MX)(canonicalBytes(m), key, value)) {
        throw new ManifestError('signature-mismatch', 'The baseline signature does not match: the file was modified or signed with another key.');
    }
}
function signWith(content, key) {
    if (!Buffer.isBuffer(key) || key.length === 0) {
        throw new ManifestError('key-empty', 'The signing key is empty: set a non-empty key.');
    }
    return (0,_signature_js__WEBPACK_IMPORTED_MODULE_5__/* .sign */ ._S)(content, key);
}
function checkOrder(prev, cur, i) {
    if (prev.path < cur.path)
        return;
    const where = `entries[${i}] (${quotePath(cur.path)})`;
    if (prev.path === cur.path)
        throw new ManifestError('duplicate', `Invalid baseline: ${where} repeats a path.`);
    throw new ManifestError('unsorted', `Invalid baseline: ${where} comes after ${quotePath(prev.path)}: entries must be sorted by path.`);
}
/** Validates a caller's manifest by the same rules decode applies, and returns sorted, normalised copies. */
function normalize(m) {
    if (!isObject(m) || !isObject(m.header) || !Array.isArray(m.entries)) {
        throw schema('a manifest needs a header object and an entries array');
    }
    const header = normalizeHeader(m.header);
    const digestLength = DIGEST_HEX_LENGTH[header.algorithm];
    const entries = m.entries.map((e, i) => checkedEntry(e, i, header.algorithm, digestLength));
    // Scanner output is already sorted; only sort (O(n log n) string compares) when it is not.
    if (!isSorted(entries))
        entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (let i = 1; i < entries.length; i++)
        checkOrder(entries[i - 1], entries[i], i);
    return { header, entries };
}
function normalizeHeader(h) {
    if (!isObject(h))
        throw schema('a manifest needs a header object');
    rejectUnknown(h, HEADER_KEYS, () => 'header');
    if (h.format !== _types_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_FORMAT */ .Sn || h.version !== _types_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_VERSION */ .hh) {
        throw schema(`the header must have format ${JSON.stringify(_types_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_FORMAT */ .Sn)} and version ${_types_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_VERSION */ .hh}`);
    }
    return headerFromJson(headerToJson(h));
}
/**
 * Entries that pass the quick check are used as they are (they serialise to the same bytes as their
 * normalised copy); anything else goes through the full path, which normalises or throws the precise
 * error. Re-building 100k scanner entries through JSON objects cost more than the gzip.
 */
function checkedEntry(e, i, algorithm, digestLength) {
    if (plainValidEntry(e, digestLength))
        return e;
    if (!isObject(e))
        throw schema(`entries[${i}] must be an object`);
    rejectUnknown(e, ENTRY_KEYS, () => `entries[${i}]`);
    return entryFromJson(entryToJson(e), i, algorithm);
}
/**
 * Writes a manifest one entry at a time, for a scan that hands its entries on in path order while it
 * is still hashing: serialising and compressing then overlap the scan instead of following it. Same
 * checks and same bytes as encodeManifest of the whole list. Compression runs on libuv's thread pool.
 */
class ManifestWriter {
    gz;
    algorithm;
    digestLength;
    prev;
    count = 0;
    done = false;
    constructor(header, opts = {}) {
        const h = normalizeHeader(header);
        this.algorithm = h.algorithm;
        this.digestLength = DIGEST_HEX_LENGTH[h.algorithm];
        this.gz = new GzipWriter(true, macFor(opts));
        this.gz.write(bodyStart(h));
    }
    /**
     * Validates and appends one entry; throws when it is invalid or not after the previous one. Returns a
     * promise when the chunks already written are still compressing: wait for it before adding more, so
     * memory stays at a few chunks when the thread pool falls behind (it competes with the scan's workers).
     */
    add(e) {
        if (this.done)
            throw new Error('ManifestWriter: add after finish');
        const entry = checkedEntry(e, this.count, this.algorithm, this.digestLength);
        if (this.prev)
            checkOrder(this.prev, entry, this.count);
        this.gz.writeEntry(this.count === 0 ? '\n' : ',\n', entry);
        this.prev = entry;
        this.count++;
        return this.gz.backlog();
    }
    /**
     * The line `add` just wrote for its entry, when it is a usual line (a file or directory with an
     * ASCII path); undefined otherwise. Valid until the next add: verify compares it with the
     * baseline's line byte for byte (EntryComparer).
     */
    lastLine() {
        return this.gz.lastLine();
    }
    /** The complete gzip file. */
    async finish() {
        this.done = true;
        this.gz.write(bodyEnd(this.count));
        return this.gz.finish(signatureTail(this.gz));
    }
    /** Drops the work in flight (the scan failed): nothing is written and no rejection goes unhandled. */
    abandon() {
        this.done = true;
        this.gz.abandon();
    }
}
const ENTRY_KEY_SET = new Set(ENTRY_KEYS);
const ENTRY_TYPE_SET = new Set(ENTRY_TYPES);
/**
 * True when `e` is an Entry that entryFromJson(entryToJson(e)) accepts unchanged, checked without
 * building the JSON object. Conservative: raw (base64) names and anything unusual answer false, and
 * the caller then takes the full path. It must never answer true for an entry the full path refuses.
 */
function plainValidEntry(e, digestLength) {
    if (typeof e !== 'object' || e === null || Array.isArray(e))
        return false;
    for (const k in e)
        if (!ENTRY_KEY_SET.has(k) || !Object.hasOwn(e, k))
            return false;
    const x = e;
    if (!plainName(x.path) || hasBadSegment(x.path))
        return false;
    const type = x.type;
    if (typeof type !== 'string' || !ENTRY_TYPE_SET.has(type))
        return false;
    if (typeof x.size !== 'number' || !Number.isSafeInteger(x.size) || x.size < 0)
        return false;
    if (typeof x.mode !== 'number' || !Number.isInteger(x.mode) || x.mode < 0 || x.mode > 0o7777)
        return false;
    const hasError = x.error !== undefined;
    if (hasError && (typeof x.error !== 'string' || x.error.length === 0))
        return false;
    if (x.unstable !== undefined && (x.unstable !== true || type !== 'file'))
        return false;
    if (x.digest !== undefined) {
        const d = x.digest;
        if (type !== 'file' || hasError || typeof d !== 'string' || d.length !== digestLength)
            return false;
        if (!isLowerHex(d))
            return false;
    }
    else if (type === 'file' && !hasError && x.unstable === undefined)
        return false;
    if (x.target !== undefined) {
        if (type !== 'symlink' || !plainName(x.target))
            return false;
    }
    else if (type === 'symlink' && !hasError)
        return false;
    if (x.escapes !== undefined && (x.escapes !== true || type !== 'symlink'))
        return false;
    return true;
}
/**
 * A parsed entry of exactly the shape `{path, type: 'file', size, mode, digest}` or
 * `{path, type: 'dir', size, mode}` with valid values, returned as it is (entryFromJson would build an
 * equal object); undefined for anything else, valid or not, so the full check decides.
 */
function quickEntry(x, digestLength) {
    if (typeof x !== 'object' || x === null || Array.isArray(x))
        return undefined;
    let keys = 0;
    for (const k in x) {
        if (!QUICK_KEYS.has(k) || !Object.hasOwn(x, k))
            return undefined;
        keys++;
    }
    const e = x;
    if (e.type === 'file') {
        if (keys !== 5)
            return undefined;
        const d = e.digest;
        if (typeof d !== 'string' || d.length !== digestLength || !isLowerHex(d))
            return undefined;
    }
    else if (e.type !== 'dir' || keys !== 4)
        return undefined;
    if (typeof e.size !== 'number' || !Number.isSafeInteger(e.size) || e.size < 0)
        return undefined;
    if (typeof e.mode !== 'number' || !Number.isInteger(e.mode) || e.mode < 0 || e.mode > 0o7777)
        return undefined;
    if (!plainName(e.path) || hasBadSegment(e.path))
        return undefined;
    return e;
}
/**
 * Same answer as /^[0-9a-f]+$/.test(s), on the string's UTF-8 bytes in a scratch buffer: one byte per
 * character means ASCII, and then each byte is looked up. On Node 24 that is about 3× faster for a
 * 64-character digest than a charCodeAt loop and 1.5× faster than the regex.
 */
function isLowerHex(s) {
    if (s.length === 0)
        return false;
    if (s.length > HEX_SCRATCH.length / 3)
        return LOWER_HEX.test(s);
    if (HEX_SCRATCH.write(s, 0, 'utf8') !== s.length)
        return false;
    for (let k = 0; k < s.length; k++)
        if (HEX_BYTE[HEX_SCRATCH[k]] === 0)
            return false;
    return true;
}
const LOWER_HEX = /^[0-9a-f]+$/;
const HEX_SCRATCH = Buffer.alloc(768);
/** 1 for the bytes of 0-9 and a-f. */
const HEX_BYTE = new Uint8Array(256);
for (const c of Buffer.from('0123456789abcdef'))
    HEX_BYTE[c] = 1;
/** True when the ASCII bytes in [from, to) need no JSON escape (no control character, `"` or `\`). */
function plainJsonBytes(b, from, to) {
    for (let k = from; k < to; k++) {
        const c = b[k];
        if (c < 0x20 || c === 0x22 || c === 0x5c)
            return false;
    }
    return true;
}
const QUICK_KEYS = new Set(['path', 'type', 'size', 'mode', 'digest']);
/** A non-empty, NUL-free, well-formed text name (raw names take the full path). */
function plainName(s) {
    return typeof s === 'string' && s.length > 0 && !s.includes('\u0000') && isWellFormed(s);
}
/** Keys set to `undefined` count as absent (spread objects often carry them); anything else unknown is refused. */
function rejectUnknown(o, allowed, where) {
    for (const k in o) {
        if (!Object.hasOwn(o, k) || o[k] === undefined)
            continue;
        if (!allowed.includes(k))
            throw schema(`${where()} has unknown field ${JSON.stringify(k)}`);
    }
}
function isSorted(entries) {
    for (let i = 1; i < entries.length; i++)
        if (!(entries[i - 1].path < entries[i].path))
            return false;
    return true;
}
/** One JSON text, keys in a fixed order, one entry per line so `zcat` output stays readable. */
function serialize(header, entries) {
    return [...bodyPieces(header, entries)].join('') + '}\n';
}
/** serialize's text without the closing `}\n`, piece by piece (about one entry each). */
function* bodyPieces(header, entries) {
    yield bodyStart(header);
    for (let i = 0; i < entries.length; i++)
        yield (i === 0 ? '\n' : ',\n') + entryLine(entries[i]);
    yield bodyEnd(entries.length);
}
function bodyStart(header) {
    return `{"header":${JSON.stringify(headerToJson(header))},"entries":[`;
}
function bodyEnd(count) {
    return count === 0 ? ']' : '\n]';
}
/** Characters JSON.stringify escapes in a well-formed string. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be found
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f]/;
const NL = Buffer.from('\n');
const COMMA_NL = Buffer.from(',\n');
/**
 * The fixed pieces of a usual entry line, `{"path":"P","type":"T","size":S,"mode":M,"digest":"D"}`, as
 * writeEntry writes them; manifest-diff reads lines by the same pieces, so the layout lives here only.
 */
const LINE = {
    pathOpen: Buffer.from('{"path":"'),
    typeOpen: Buffer.from('","type":"'),
    sizeOpen: Buffer.from('","size":'),
    modeOpen: Buffer.from(',"mode":'),
    digestOpen: Buffer.from(',"digest":"'),
    targetOpen: Buffer.from(',"target":"'),
};
const { pathOpen: PATH_OPEN, typeOpen: TYPE_OPEN, sizeOpen: SIZE_OPEN } = LINE;
const { modeOpen: MODE_OPEN, digestOpen: DIGEST_OPEN } = LINE;
function putBytes(b, pos, bytes) {
    for (let i = 0; i < bytes.length; i++)
        b[pos + i] = bytes[i];
    return pos + bytes.length;
}
/** Writes a string known to be ASCII (a type name, a hex digest). */
function putAscii(b, pos, s) {
    for (let i = 0; i < s.length; i++)
        b[pos + i] = s.charCodeAt(i);
    return pos + s.length;
}
/** Writes a non-negative safe integer in decimal, as `${v}` would; returns the new offset. */
function writeDecimal(b, pos, v) {
    let digits = 1;
    for (let t = v; t >= 10; t = Math.floor(t / 10))
        digits++;
    for (let i = pos + digits - 1; i >= pos; i--) {
        b[i] = 48 + (v % 10);
        v = Math.floor(v / 10);
    }
    return pos + digits;
}
/**
 * JSON.stringify(entryToJson(e)) written out by hand (same bytes, checked by the tests): it is the hot
 * loop of encoding, and skipping the intermediate object halves its cost on 200k entries.
 */
function entryLine(e) {
    let line = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .isRawKey */ .A1)(e.path) ? `{"pathBase64":"${e.path.slice(1)}"` : `{"path":${JSON.stringify(e.path)}`;
    line += `,"type":"${e.type}","size":${e.size},"mode":${e.mode}`;
    if (e.digest !== undefined)
        line += `,"digest":"${e.digest}"`;
    if (e.target !== undefined) {
        line += (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .isRawKey */ .A1)(e.target)
            ? `,"targetBase64":"${e.target.slice(1)}"`
            : `,"target":${JSON.stringify(e.target)}`;
    }
    if (e.escapes !== undefined)
        line += ',"escapes":true';
    if (e.error !== undefined)
        line += `,"error":${JSON.stringify(e.error)}`;
    if (e.unstable !== undefined)
        line += ',"unstable":true';
    return line + '}';
}
function headerToJson(h) {
    const out = {
        format: h.format,
        version: h.version,
        tool: h.tool,
        algorithm: h.algorithm,
        include: h.include,
        exclude: h.exclude,
        createdAt: h.createdAt,
        gate: h.gate,
    };
    if (h.provenance !== undefined) {
        const p = {};
        if (isObject(h.provenance)) {
            rejectUnknown(h.provenance, PROVENANCE_KEYS, () => 'header.provenance');
            for (const k of PROVENANCE_KEYS)
                if (h.provenance[k] !== undefined)
                    p[k] = h.provenance[k];
        }
        out.provenance = isObject(h.provenance) ? p : h.provenance;
    }
    return out;
}
function headerFromJson(x) {
    if (!isObject(x))
        throw schema('"header" must be an object');
    for (const k of Object.keys(x)) {
        if (!HEADER_KEYS.includes(k))
            throw schema(`unknown field header.${k}`);
    }
    const tool = field(x, 'tool');
    if (typeof tool !== 'string' || tool.length === 0)
        throw schema(`header.tool must be a non-empty string`);
    const algorithm = field(x, 'algorithm');
    if (typeof algorithm !== 'string' || !_types_js__WEBPACK_IMPORTED_MODULE_6__/* .ALGORITHMS */ .TM.includes(algorithm)) {
        throw new ManifestError('algorithm', `Invalid baseline: header.algorithm is ${describe(algorithm)}; valid algorithms: ${_types_js__WEBPACK_IMPORTED_MODULE_6__/* .ALGORITHMS */ .TM.join(', ')}.`);
    }
    const include = stringList(field(x, 'include'), 'header.include');
    const exclude = stringList(field(x, 'exclude'), 'header.exclude');
    const createdAt = field(x, 'createdAt');
    if (typeof createdAt !== 'string' || !ISO_UTC.test(createdAt) || Number.isNaN(Date.parse(createdAt))) {
        throw schema(`header.createdAt must be an ISO-8601 UTC time like 2024-01-31T12:00:00Z, got ${describe(createdAt)}`);
    }
    const gate = field(x, 'gate');
    if (typeof gate !== 'string' || gate.length === 0)
        throw schema('header.gate must be a non-empty string');
    const header = {
        format: _types_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_FORMAT */ .Sn,
        version: _types_js__WEBPACK_IMPORTED_MODULE_6__/* .MANIFEST_VERSION */ .hh,
        tool,
        algorithm: algorithm,
        include,
        exclude,
        createdAt,
        gate,
    };
    if (Object.hasOwn(x, 'provenance'))
        header.provenance = provenanceFromJson(x.provenance);
    return header;
}
function provenanceFromJson(x) {
    if (!isObject(x))
        throw schema('header.provenance must be an object');
    const out = {};
    for (const [k, v] of Object.entries(x)) {
        if (!PROVENANCE_KEYS.includes(k))
            throw schema(`unknown field header.provenance.${k}`);
        if (typeof v !== 'string')
            throw schema(`header.provenance.${k} must be a string, got ${describe(v)}`);
    }
    for (const k of PROVENANCE_KEYS)
        if (Object.hasOwn(x, k))
            out[k] = x[k];
    return out;
}
function stringList(x, where) {
    if (!Array.isArray(x))
        throw schema(`${where} must be an array of strings`);
    return x.map((s, i) => {
        if (typeof s !== 'string')
            throw schema(`${where}[${i}] must be a string, got ${describe(s)}`);
        return s;
    });
}
/** Entry → JSON object with keys in the documented order; raw (non-UTF-8) names go to the *Base64 fields. */
function entryToJson(e) {
    const out = {};
    if (typeof e.path === 'string' && (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .isRawKey */ .A1)(e.path))
        out.pathBase64 = e.path.slice(1);
    else
        out.path = e.path;
    out.type = e.type;
    out.size = e.size;
    out.mode = e.mode;
    if (e.digest !== undefined)
        out.digest = e.digest;
    if (e.target !== undefined) {
        if (typeof e.target === 'string' && (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .isRawKey */ .A1)(e.target))
            out.targetBase64 = e.target.slice(1);
        else
            out.target = e.target;
    }
    if (e.escapes !== undefined)
        out.escapes = e.escapes;
    if (e.error !== undefined)
        out.error = e.error;
    if (e.unstable !== undefined)
        out.unstable = e.unstable;
    return out;
}
function entryFromJson(x, index, algorithm) {
    if (!isObject(x))
        throw schema(`entries[${index}] must be an object, got ${kind(x)}`);
    for (const k of Object.keys(x)) {
        if (!JSON_ENTRY_KEYS.has(k))
            throw schema(`entries[${index}] has unknown field ${JSON.stringify(k)}`);
    }
    const path = nameFromJson(x, 'path', () => `entries[${index}]`);
    if (path === undefined)
        throw schema(`entries[${index}] needs "path" or "pathBase64"`);
    checkPathSegments(path, () => `entries[${index}]`);
    // Built only when something is wrong: quoting every path of a 200k-entry manifest costs real time.
    const where = () => `entries[${index}] (${quotePath(path)})`;
    const type = field(x, 'type');
    if (typeof type !== 'string' || !ENTRY_TYPES.includes(type)) {
        throw schema(`${where()}: type must be one of ${ENTRY_TYPES.join(', ')}, got ${describe(type)}`);
    }
    const size = field(x, 'size');
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
        throw schema(`${where()}: size must be a non-negative integer, got ${describe(size)}`);
    }
    const mode = field(x, 'mode');
    if (typeof mode !== 'number' || !Number.isInteger(mode) || mode < 0 || mode > 0o7777) {
        throw schema(`${where()}: mode must be an integer from 0 to 4095 (0o7777), got ${describe(mode)}`);
    }
    const entry = { path, type: type, size, mode };
    if (Object.hasOwn(x, 'error')) {
        if (typeof x.error !== 'string' || x.error.length === 0)
            throw schema(`${where()}: error must be a non-empty string`);
    }
    if (Object.hasOwn(x, 'unstable')) {
        if (x.unstable !== true)
            throw schema(`${where()}: unstable must be true when present, got ${describe(x.unstable)}`);
        if (type !== 'file')
            throw schema(`${where()}: only a file can be unstable`);
    }
    if (Object.hasOwn(x, 'digest')) {
        const digest = x.digest;
        const len = DIGEST_HEX_LENGTH[algorithm];
        if (type !== 'file')
            throw schema(`${where()}: only a file has a digest (type is ${type})`);
        if (Object.hasOwn(x, 'error'))
            throw schema(`${where()}: an entry with an error cannot have a digest`);
        if (typeof digest !== 'string' || digest.length !== len || !/^[0-9a-f]+$/.test(digest)) {
            throw schema(`${where()}: digest must be ${len} lower-case hex characters for ${algorithm}, got ${describe(digest)}`);
        }
        entry.digest = digest;
    }
    else if (type === 'file' && !Object.hasOwn(x, 'error') && !Object.hasOwn(x, 'unstable')) {
        throw schema(`${where()}: a readable file needs a digest`);
    }
    const target = nameFromJson(x, 'target', where);
    if (target !== undefined) {
        if (type !== 'symlink')
            throw schema(`${where()}: only a symlink has a target (type is ${type})`);
        entry.target = target;
    }
    else if (type === 'symlink' && !Object.hasOwn(x, 'error')) {
        throw schema(`${where()}: a readable symlink needs a target`);
    }
    if (Object.hasOwn(x, 'escapes')) {
        if (x.escapes !== true)
            throw schema(`${where()}: escapes must be true when present, got ${describe(x.escapes)}`);
        if (type !== 'symlink')
            throw schema(`${where()}: only a symlink can escape the root`);
        entry.escapes = true;
    }
    if (Object.hasOwn(x, 'error'))
        entry.error = x.error;
    if (Object.hasOwn(x, 'unstable'))
        entry.unstable = true;
    return entry;
}
/**
 * Reads `name` (UTF-8 text) or `nameBase64` (raw bytes) into a key. The base64 form must be canonical and
 * must hold bytes that are NOT valid UTF-8: otherwise one name could be written two ways and slip past
 * the sorted/duplicate checks.
 */
function nameFromJson(x, name, where) {
    const b64Name = `${name}Base64`;
    const hasText = Object.hasOwn(x, name);
    const hasRaw = Object.hasOwn(x, b64Name);
    if (hasText && hasRaw)
        throw schema(`${where()} has both "${name}" and "${b64Name}"`);
    if (hasText) {
        const s = x[name];
        if (typeof s !== 'string' || s.length === 0)
            throw schema(`${where()}: ${name} must be a non-empty string`);
        if (s.includes('\u0000'))
            throw schema(`${where()}: ${name} contains a NUL character`);
        if (!isWellFormed(s))
            throw schema(`${where()}: ${name} is not well-formed Unicode`);
        return s;
    }
    if (hasRaw) {
        const s = x[b64Name];
        if (typeof s !== 'string' || s.length === 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) {
            throw schema(`${where()}: ${b64Name} must be non-empty standard base64`);
        }
        const raw = Buffer.from(s, 'base64');
        if (raw.toString('base64') !== s)
            throw schema(`${where()}: ${b64Name} is not canonical base64`);
        if (raw.includes(0))
            throw schema(`${where()}: ${b64Name} decodes to bytes containing NUL`);
        const key = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .keyFromBytes */ .D8)(raw);
        if (!(0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .isRawKey */ .A1)(key))
            throw schema(`${where()}: ${b64Name} holds valid UTF-8; write it as "${name}" instead`);
        return key;
    }
    return undefined;
}
/** Relative, `/`-separated, no empty, `.` or `..` segment: a manifest must not point outside its root. */
function checkPathSegments(key, where) {
    const text = (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .isRawKey */ .A1)(key) ? (0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .bytesFromKey */ .TM)(key).toString('latin1') : key;
    if (hasBadSegment(text)) {
        throw schema(`${where()} (${quotePath(key)}): path must be relative with no empty, "." or ".." segment`);
    }
}
/** Matches a leading or trailing `/`, `//`, or a `.` / `..` segment anywhere. */
const BAD_SEGMENT = /^\/|\/$|\/\/|(^|\/)\.{1,2}(\/|$)|^$/;
/**
 * BAD_SEGMENT.test(s), without running the regex on the usual path (it was a tenth of the encode's
 * time): a `.` or `..` segment needs a `.` at the start or right after a `/`.
 */
function hasBadSegment(s) {
    if (s.length === 0 || s.charCodeAt(0) === 0x2f || s.charCodeAt(s.length - 1) === 0x2f)
        return true;
    if (s.includes('//'))
        return true;
    if (s.charCodeAt(0) !== 0x2e && !s.includes('/.'))
        return false;
    return BAD_SEGMENT.test(s);
}
/** No lone surrogate (String#isWellFormed, ES2024: typed by hand because tsconfig's lib is ES2023). */
function isWellFormed(s) {
    return s.isWellFormed();
}
function field(x, k) {
    return Object.hasOwn(x, k) ? x[k] : undefined;
}
function isObject(x) {
    return typeof x === 'object' && x !== null && !Array.isArray(x);
}
function kind(x) {
    return x === null ? 'null' : Array.isArray(x) ? 'an array' : `a ${typeof x}`;
}
/** A short printable form of an unexpected value for messages. */
function describe(x) {
    if (x === undefined)
        return 'missing';
    if (typeof x === 'string')
        return JSON.stringify(x.length > 80 ? x.slice(0, 80) + '…' : x);
    if (typeof x === 'number' || typeof x === 'boolean' || x === null)
        return String(x);
    return kind(x);
}
function quotePath(key) {
    return JSON.stringify((0,_paths_js__WEBPACK_IMPORTED_MODULE_4__/* .displayPath */ .Gt)(key));
}
function schema(detail) {
    return new ManifestError('schema', `Invalid baseline: ${detail}.`);
}


/***/ }),

/***/ 1850:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ clip),
/* harmony export */   MZ: () => (/* binding */ codeCell),
/* harmony export */   QV: () => (/* binding */ ZWJ),
/* harmony export */   SS: () => (/* binding */ codeSpan),
/* harmony export */   X1: () => (/* binding */ escapeText),
/* harmony export */   Xm: () => (/* binding */ makeVisible),
/* harmony export */   jD: () => (/* binding */ tableRow)
/* harmony export */ });
/* unused harmony export tableCell */
/**
 * Escaping for attacker-controlled text (file names, symlink targets, error strings) in GitHub-flavoured
 * Markdown: job summaries and issue bodies.
 *
 * GitHub turns `\@name`, `&#64;name` and `&commat;name` into live mentions and `\#123` into an issue link:
 * its mention and reference filters run on the rendered HTML text, after Markdown has consumed backslashes
 * and entities. So a backslash is not enough. What survives rendering is either a code span (nothing inside
 * is a mention, link or HTML) or a zero-width joiner (U+200D) placed right after `@`, `#` and the other
 * characters that start an auto-link, which breaks the pattern in the rendered text itself.
 */
/** Zero-width joiner: inserted after `@`, `#`, `://` and `www` to break mentions, references and auto-links. */
const ZWJ = '\u200D';
/**
 * Characters that render as nothing, change text direction, break lines, or look like a plain space: a name
 * holding them can pass for another name (`config.js` + U+202E …, `ci.yml` + a variation selector) or forge
 * lines and terminal escapes. Cc = C0/DEL/C1 controls, Cf = format characters (bidi controls, zero-width
 * characters, BOM, tags), Zl/Zp = line/paragraph separators, Zs = spaces (the plain space is exempted below),
 * Cs = lone surrogates, Default_Ignorable_Code_Point = what Unicode says to draw as nothing, among them the
 * variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF), fillers and invisible combining marks that its
 * classes count as letters or marks; U+2800 (the blank braille pattern) draws nothing either.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}\p{Cs}\p{Default_Ignorable_Code_Point}\u2800]/gu;
/** How one invisible or control character is shown. */
function visibleForm(ch) {
    if (ch === ' ')
        return ' ';
    if (ch === '\n')
        return '\\n';
    if (ch === '\r')
        return '\\r';
    if (ch === '\t')
        return '\\t';
    const cp = ch.codePointAt(0) ?? 0;
    // C0 and DEL in the familiar \xNN form; C1 and the rest as <U+XXXX> so they cannot be confused with the
    // `\xNN` that displayPath uses for bytes that are not UTF-8.
    if (cp < 0x20 || cp === 0x7f)
        return '\\x' + cp.toString(16).padStart(2, '0');
    return '<U+' + cp.toString(16).toUpperCase().padStart(4, '0') + '>';
}
/**
 * Makes control, bidi, invisible and non-ASCII space characters visible (`\n`, `\t`, `\x1b`, `<U+202E>`,
 * `<U+00A0>`); everything else is kept. For display only: the form is not reversible (a name may already
 * contain the text `\n`). The result holds no C0/C1 control, so it cannot emit a terminal escape sequence
 * or start a new line.
 */
function makeVisible(text) {
    return text.replace(INVISIBLE, visibleForm);
}
/** Length of the longest run of backticks in `text`. */
function longestBacktickRun(text) {
    let longest = 0;
    for (const run of text.match(/`+/g) ?? [])
        longest = Math.max(longest, run.length);
    return longest;
}
/**
 * Inline code for a name. Inside a code span nothing is a mention, reference, link, emphasis or HTML; the
 * fence is one backtick longer than any backtick run in the text so the text cannot close it. Newlines and
 * other controls are made visible (a code span cannot hold a line break inside a table, and a raw one would
 * end a table row). With `{ table: true }` every `|` is written `\|`: GFM splits table rows on `|` before
 * inline parsing, even inside code spans, and removes the backslash of `\|` afterwards (GFM spec, tables
 * extension), so the reader still sees `|`.
 */
function codeSpan(text, opts = {}) {
    let body = makeVisible(text);
    if (opts.table)
        body = body.replace(/\|/g, '\\|');
    const fence = '`'.repeat(longestBacktickRun(body) + 1);
    // CommonMark strips one space at each end when both ends are spaces, and a backtick at an end would merge
    // with the fence: pad both ends with a space in those cases so the text is shown exactly.
    if (body === '')
        return '` `'; // CommonMark has no empty code span; one space is the closest
    // A body of nothing but spaces is shown as it is (CommonMark strips nothing then), so it needs no pad.
    const allSpaces = /^ +$/.test(body);
    const pad = !allSpaces && (body.startsWith('`') || body.endsWith('`') || /^ .* $/s.test(body)) ? ' ' : '';
    return fence + pad + body + pad + fence;
}
/** A code span safe inside a table cell: `codeSpan(text, { table: true })`. */
function codeCell(text) {
    return codeSpan(text, { table: true });
}
/**
 * Punctuation with a meaning in GFM as GitHub renders it: emphasis, code, links and images, headings, list
 * markers (`-`, `+`, `1.`), setext underlines (`=`), strikethrough, tables, and `$` (GitHub math). Others
 * (`:`, `/`, `,`, `;`, …) stay as they are so dates and paths remain readable in the source.
 */
const BACKSLASH_ESCAPED = new Set('!$()*+-.=[\\]_`{|}~');
/**
 * Plain text outside code, safe in prose, headings and table cells. Controls and invisibles are made
 * visible; `&`, `<`, `>` become entities (entities also work inside HTML blocks, where backslashes do not);
 * Markdown punctuation is backslash-escaped (no emphasis, links, images, headings, list markers, math,
 * strikethrough or table breaks — `\|` is what GFM tables expect); and a zero-width joiner is placed
 * after `@` (mentions and e-mail auto-links), `#` (issue references), the `:` of `://` (URL auto-links), the
 * `-` of `GH-123`, and between `www` and `.`, so GitHub's post-render filters find nothing to link.
 */
function escapeText(text) {
    const chars = Array.from(makeVisible(text));
    let out = '';
    for (let i = 0; i < chars.length; i++) {
        const ch = chars[i];
        const next = chars[i + 1] ?? '';
        if (ch === '&')
            out += '&amp;';
        else if (ch === '<')
            out += '&lt;';
        else if (ch === '>')
            out += '&gt;';
        else if (ch === '@')
            out += '@' + ZWJ;
        else if (ch === '#')
            out += '\\#' + ZWJ;
        else if (ch === ':' && next === '/')
            out += '\\:' + ZWJ;
        else if (ch === '-' && /^\d$/.test(next) && /gh$/i.test(chars.slice(Math.max(0, i - 2), i).join('')))
            out += '\\-' + ZWJ;
        else if (ch === '.' && /www$/i.test(chars.slice(Math.max(0, i - 3), i).join('')))
            out += ZWJ + '\\.';
        else if (BACKSLASH_ESCAPED.has(ch))
            out += '\\' + ch;
        else
            out += ch;
    }
    return out;
}
/** A plain-text value safe inside a table cell (escapeText always escapes `|`; an empty cell stays valid). */
function tableCell(text) {
    return escapeText(text);
}
/**
 * One table row from cells that are already Markdown (built with codeCell/tableCell or trusted literals).
 * A cell must not contain a raw newline or an unescaped `|`; this is checked, because a broken row would
 * shift every later column.
 */
function tableRow(cells) {
    for (const cell of cells) {
        // cmark-gfm's cell scanner, `(escaped_char | [^|\r\n])+` with the longest match, treats any `|` directly
        // after a backslash as escaped, whatever the number of backslashes before it.
        if (/[\r\n]/.test(cell) || /(^|[^\\])\|/.test(cell)) {
            throw new Error(`table cell is not escaped (raw newline or "|"): ${JSON.stringify(cell.slice(0, 80))}`);
        }
    }
    return '| ' + cells.join(' | ') + ' |';
}
/**
 * Cuts `text` to at most `max` code points (adding `…`), before any escaping so an escape is never split.
 * Used for titles and messages that have no business being long.
 */
function clip(text, max) {
    const cps = Array.from(text);
    return cps.length <= max ? text : cps.slice(0, Math.max(0, max - 1)).join('') + '…';
}


/***/ }),

/***/ 4886:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A1: () => (/* binding */ isRawKey),
/* harmony export */   D8: () => (/* binding */ keyFromBytes),
/* harmony export */   Gt: () => (/* binding */ displayPath),
/* harmony export */   JA: () => (/* binding */ relativeInside),
/* harmony export */   TM: () => (/* binding */ bytesFromKey),
/* harmony export */   cF: () => (/* binding */ childKey)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Path keys: how raw file-name bytes become the strings the engine compares and stores.
 * Valid UTF-8 stays as text; anything else becomes NUL + base64 of the raw bytes (NUL cannot occur in
 * a POSIX file name, so the escaped form never collides with a real one and decodes back exactly).
 */

const RAW_PREFIX = '\u0000';
/**
 * `p` relative to `base` when it lies inside it (`''` for `base` itself), else undefined. Only `..` and
 * `../…` lead out: a folder named like `..store` is inside.
 */
function relativeInside(base, p) {
    const rel = node_path__WEBPACK_IMPORTED_MODULE_0__.relative(base, p);
    if (rel === '..' || rel.startsWith('..' + node_path__WEBPACK_IMPORTED_MODULE_0__.sep) || node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute(rel))
        return undefined;
    return rel;
}
/** Turns raw relative path bytes into a path key. */
function keyFromBytes(raw) {
    const text = raw.toString('utf8');
    // A lossy decode (U+FFFD substitution, overlong forms) does not re-encode to the same bytes.
    if (Buffer.byteLength(text, 'utf8') === raw.length && Buffer.from(text, 'utf8').equals(raw))
        return text;
    return RAW_PREFIX + raw.toString('base64');
}
/** True when the key stands for bytes that are not valid UTF-8. */
function isRawKey(key) {
    return key.startsWith(RAW_PREFIX);
}
/** The exact bytes a path key stands for. */
function bytesFromKey(key) {
    return isRawKey(key) ? Buffer.from(key.slice(1), 'base64') : Buffer.from(key, 'utf8');
}
/** Joins a parent key and a raw child name, keeping the raw form when either part needs it. */
function childKey(parentRaw, name) {
    const raw = parentRaw ? Buffer.concat([parentRaw, Buffer.from('/'), name]) : name;
    return { raw, key: keyFromBytes(raw) };
}
/**
 * A printable rendering for humans: invalid bytes as `\xNN`, everything else as text. Not reversible;
 * use it for messages only (Markdown and workflow commands escape further).
 */
function displayPath(key) {
    if (!isRawKey(key))
        return key;
    const raw = bytesFromKey(key);
    let out = '';
    let i = 0;
    while (i < raw.length) {
        const len = utf8SeqLen(raw, i);
        if (len > 0) {
            out += raw.subarray(i, i + len).toString('utf8');
            i += len;
        }
        else {
            out += '\\x' + raw[i].toString(16).padStart(2, '0');
            i++;
        }
    }
    return out;
}
/** Length of a valid UTF-8 sequence starting at i, or 0 when the bytes there are not one. */
function utf8SeqLen(b, i) {
    const c = b[i];
    if (c < 0x80)
        return 1;
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > b.length)
        return 0;
    const seq = b.subarray(i, i + len);
    return Buffer.from(seq.toString('utf8'), 'utf8').equals(seq) ? len : 0;
}


/***/ }),

/***/ 7542:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VC: () => (/* binding */ applyPolicy),
/* harmony export */   XV: () => (/* binding */ parseFailOn),
/* harmony export */   mS: () => (/* binding */ failsUnder),
/* harmony export */   xS: () => (/* binding */ countChanges)
/* harmony export */ });
/* unused harmony export FAIL_ON_VALUES */
/* harmony import */ var _globs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1761);
/**
 * The policy: which changes are expected (`allow`), which are critical (`protected`), and when the gate
 * fails (`fail-on`). Globs go through the shared matcher (globs.ts) so scan and policy never disagree.
 */

/** Valid `fail-on` values, default first. */
const FAIL_ON_VALUES = ['unexpected', 'critical', 'unexplained', 'never'];
/** Parses a `fail-on` value (surrounding blanks ignored); throws a message listing the valid values. */
function parseFailOn(text) {
    const value = text.trim();
    if (FAIL_ON_VALUES.includes(value))
        return value;
    throw new Error(`Invalid fail-on '${text}'. Expected one of: ${FAIL_ON_VALUES.join(', ')}.`);
}
/**
 * Sets each change's severity (in place: `diff.changes` is what reports show) and returns the verdict.
 *
 * Severity: `critical` when the path (or, for a move, either the old or the new path) matches a
 * `protected` glob; else `allowed` when the path (for a move, both paths) matches an `allow` glob; else
 * `unexpected`. Protected wins over allowed: allow globs tend to be broad (`dist/**`) while a protected
 * glob is a deliberate statement that a path must never change silently; a broad allowance must not
 * quietly switch that off. A move is allowed only if both ends are, so an allowed folder cannot be used
 * to launder a file out of (or into) a watched one.
 *
 * Failing: `unexpected` fails on critical or unexpected changes, `critical` on critical ones only,
 * `unexplained` on critical or unexpected changes that git triage did not class `committed`, `never` on
 * nothing. An incompatible baseline (other algorithm or globs) fails under `unexpected` and
 * `critical`: the comparison proves nothing, so it cannot pass (fail closed). Under `never` the user has
 * asked for a report-only gate; it still does not pass silently as `clean`: the result is `changed` and
 * the reasons say the comparison was not possible.
 *
 * Result: `violation` exactly when the verdict fails; otherwise `clean` when there are no changes and
 * the baseline is compatible, else `changed`.
 */
function applyPolicy(diff, policy) {
    const isAllowed = (0,_globs_js__WEBPACK_IMPORTED_MODULE_0__/* .compileGlobs */ .tI)(policy.allow);
    // A protected folder covers everything below it: `protected: .github/workflows` makes a change to
    // `.github/workflows/ci.yml` critical.
    const isProtected = (0,_globs_js__WEBPACK_IMPORTED_MODULE_0__/* .orFolderAbove */ .XN)((0,_globs_js__WEBPACK_IMPORTED_MODULE_0__/* .compileGlobs */ .tI)(policy.protected));
    for (const c of diff.changes) {
        const paths = c.from !== undefined ? [c.from, c.path] : [c.path];
        // A symlink that now points outside the root is never just "expected": `allow: dist/**` must not let
        // `dist/app.js` become a link to /etc/shadow or to a runner secret quietly.
        const escapes = c.after?.escapes === true;
        c.severity = paths.some(isProtected)
            ? 'critical'
            : paths.every(isAllowed) && !escapes
                ? 'allowed'
                : 'unexpected';
    }
    const counts = countChanges(diff.changes, diff.unchanged);
    const failing = failingSeverities(policy.failOn);
    const reasons = [...diff.incompatible];
    const incompatible = diff.incompatible.length > 0;
    let fail = incompatible && policy.failOn !== 'never';
    if (failing.has('critical') && counts.critical > 0) {
        fail = true;
        reasons.push(`${plural(counts.critical, 'change')} to protected paths (critical).`);
    }
    if (failing.has('unexpected') && counts.unexpected > 0) {
        fail = true;
        const escaping = diff.changes.some((c) => c.severity === 'unexpected' && c.after?.escapes === true);
        reasons.push(`${plural(counts.unexpected, 'unexpected change')} (paths not covered by an allow glob` +
            (escaping ? ', or symlinks that now point outside the root' : '') +
            ').');
    }
    if (policy.failOn === 'unexplained') {
        const unexplained = diff.changes.filter((c) => failsUnder(c, 'unexplained')).length;
        if (unexplained > 0) {
            fail = true;
            const critical = diff.changes.filter((c) => c.severity === 'critical' && c.git !== 'committed').length;
            reasons.push(`${plural(unexplained, 'unexplained change')}${critical > 0 ? ` (${critical} critical)` : ''}: ` +
                'not accounted for by git history between the baseline commit and this commit.');
        }
    }
    if (incompatible && !fail) {
        reasons.push('fail-on is never, so the incompatible baseline is reported but does not fail the gate.');
    }
    const result = fail ? 'violation' : diff.changes.length === 0 && !incompatible ? 'clean' : 'changed';
    return { pass: !fail, result, counts, reasons };
}
/** Counts per kind (a change counts once per kind it carries), per severity, and changed paths. */
function countChanges(changes, unchanged) {
    const counts = {
        added: 0,
        removed: 0,
        modified: 0,
        mode: 0,
        type: 0,
        symlink: 0,
        moved: 0,
        unreadable: 0,
        changes: changes.length,
        critical: 0,
        unexpected: 0,
        allowed: 0,
        unchanged,
    };
    for (const c of changes) {
        for (const k of c.kinds)
            counts[k]++;
        counts[c.severity]++;
    }
    return counts;
}
/**
 * True when this change fails the gate under `failOn`. Under `unexplained` a critical or unexpected change
 * fails unless git triage classed it `committed`: a change nobody classed (no history) fails, so the gate
 * stays closed when triage cannot run.
 */
function failsUnder(change, failOn) {
    if (change.severity === 'allowed' || failOn === 'never')
        return false;
    if (failOn === 'critical')
        return change.severity === 'critical';
    if (failOn === 'unexplained')
        return change.git !== 'committed';
    return true;
}
function failingSeverities(failOn) {
    if (failOn === 'unexpected')
        return new Set(['critical', 'unexpected']);
    if (failOn === 'critical')
        return new Set(['critical']);
    // Handled per change above (failsUnder): severity alone does not decide.
    if (failOn === 'unexplained' || failOn === 'never')
        return new Set();
    throw new Error(`Invalid fail-on '${String(failOn)}'. Expected one of: ${FAIL_ON_VALUES.join(', ')}.`);
}
function plural(n, noun) {
    return `${n} ${noun}${n === 1 ? '' : 's'}`;
}


/***/ }),

/***/ 8084:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BF: () => (/* binding */ sortBySeverity),
/* harmony export */   Gc: () => (/* binding */ renderMarkdown),
/* harmony export */   ML: () => (/* binding */ KIND_ORDER),
/* harmony export */   NB: () => (/* binding */ summaryCounts),
/* harmony export */   UV: () => (/* binding */ sortByGitClass),
/* harmony export */   j_: () => (/* binding */ octalMode),
/* harmony export */   nV: () => (/* binding */ formatAge)
/* harmony export */ });
/* unused harmony exports SEVERITY_ORDER, GIT_CLASS_ORDER, gitSummary, shortDigest, renderTerminal */
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4886);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1850);
/**
 * Human-readable reports: the CLI's terminal text and the Markdown used for job summaries and issue bodies.
 * Every name, symlink target and error string is attacker-controlled: the terminal form makes controls
 * visible (no escape sequences), the Markdown form goes through markdown.ts (no mentions, links, HTML or
 * broken tables) and is cut to a size limit without ever splitting a row or an escape.
 */


/** Severities in the order reports list them: what fails first. */
const SEVERITY_ORDER = ['critical', 'unexpected', 'allowed'];
/** Change kinds in the order of the ChangeKind union (and of the counts table). */
const KIND_ORDER = [
    'added',
    'removed',
    'modified',
    'mode',
    'type',
    'symlink',
    'moved',
    'unreadable',
];
/** Git triage classes in the order reports list them: what needs a look first. */
const GIT_CLASS_ORDER = (/* unused pure expression or super */ null && (['unexplained', 'committed']));
/**
 * One line about git triage: counts, commits and where the history came from, e.g. "2 unexplained,
 * 3 committed (baseline commit 0123456789ab → 89abcdef0123, local history)".
 */
/** How the terminal report names the loop that hashed (ScanStats.hashedBy). */
const HASHED_BY = {
    '': '',
    c: ' (C loop)',
    js: ' (JavaScript loop)',
    mixed: ' (C and JavaScript loops: a hash worker could not load the C addon)',
};
function gitSummary(git, code = (s) => s) {
    const where = { local: 'local history', api: 'GitHub compare API', none: 'no history available' }[git.source];
    const commits = git.base && git.head
        ? `baseline commit ${code(git.base.slice(0, 12))} → ${code(git.head.slice(0, 12))}, `
        : '';
    const ancestry = git.ancestor === false ? ', baseline commit NOT an ancestor' : '';
    return `${git.unexplained} unexplained, ${git.committed} committed (${commits}${where}${ancestry})`;
}
/** Hex digits of a digest shown in reports: enough to tell two digests apart at a glance. */
const SHORT_DIGEST = 12;
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
/**
 * One-line summary of the changes, e.g. "3 unexpected changes (1 critical)", "3 unexpected changes
 * (1 critical), 2 allowed", "2 allowed changes", "no changes". "Unexpected" here counts critical ones too,
 * because both are changes nobody approved.
 */
function summaryCounts(counts) {
    const unapproved = counts.critical + counts.unexpected;
    if (unapproved === 0 && counts.allowed === 0)
        return 'no changes';
    if (unapproved === 0)
        return plural(counts.allowed, 'allowed change');
    let text = plural(unapproved, 'unexpected change');
    if (counts.critical > 0)
        text += ` (${counts.critical} critical)`;
    if (counts.allowed > 0)
        text += `, ${counts.allowed} allowed`;
    return text;
}
/** Changes sorted unexplained → committed, then by severity, keeping the path order inside a group. */
function sortByGitClass(changes) {
    const rank = (c) => (c.git === 'committed' ? 1 : 0);
    return sortBySeverity(changes)
        .map((c, i) => ({ c, i }))
        .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
        .map(({ c }) => c);
}
/** Changes sorted critical → unexpected → allowed, keeping the incoming (path) order inside a severity. */
function sortBySeverity(changes) {
    const rank = (c) => SEVERITY_ORDER.indexOf(c.severity);
    return changes
        .map((c, i) => ({ c, i }))
        .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
        .map(({ c }) => c);
}
/** Permission bits as a 4-digit octal string, e.g. `0755`, `4755`. */
function octalMode(mode) {
    return (mode & 0o7777).toString(8).padStart(4, '0');
}
/** A digest cut to its first 12 hex digits (the JSON report keeps the full one). */
function shortDigest(digest) {
    return digest ? digest.slice(0, SHORT_DIGEST) : '-';
}
/** How long ago an ISO date was, in words ("3 days ago"); "unknown age" for a date that does not parse. */
function formatAge(iso, now = new Date()) {
    const then = Date.parse(iso);
    if (Number.isNaN(then))
        return 'unknown age';
    const seconds = Math.round((now.getTime() - then) / 1000);
    if (seconds < -60)
        return 'in the future (clock skew?)';
    if (seconds < 60)
        return 'just now';
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60)
        return `${plural(minutes, 'minute')} ago`;
    const hours = Math.floor(minutes / 60);
    if (hours < 48)
        return `${plural(hours, 'hour')} ago`;
    return `${plural(Math.floor(hours / 24), 'day')} ago`;
}
/** What an entry is, briefly: a file's short digest, a symlink's target, or the type. */
function entrySummary(e) {
    if (!e)
        return '-';
    if (e.type === 'file')
        return shortDigest(e.digest);
    if (e.type === 'symlink')
        return '-> ' + (0,_paths_js__WEBPACK_IMPORTED_MODULE_0__/* .displayPath */ .Gt)(e.target ?? '');
    return e.type;
}
/** The details of a change, one per kind, in kind order. Names stay raw here; each renderer escapes. */
function changeDetails(change) {
    const { before, after } = change;
    const out = [];
    for (const kind of change.kinds) {
        switch (kind) {
            case 'added':
                out.push({ label: 'new', after: entrySummary(after) });
                break;
            case 'removed':
                out.push({ label: 'was', before: entrySummary(before) });
                break;
            case 'modified':
                out.push({ label: 'digest', before: shortDigest(before?.digest), after: shortDigest(after?.digest) });
                break;
            case 'mode':
                out.push({
                    label: 'mode',
                    before: before ? octalMode(before.mode) : '-',
                    after: after ? octalMode(after.mode) : '-',
                });
                break;
            case 'type':
                out.push({ label: 'type', before: before?.type ?? '-', after: after?.type ?? '-' });
                break;
            case 'symlink':
                out.push({
                    label: 'target',
                    before: (0,_paths_js__WEBPACK_IMPORTED_MODULE_0__/* .displayPath */ .Gt)(before?.target ?? ''),
                    after: (0,_paths_js__WEBPACK_IMPORTED_MODULE_0__/* .displayPath */ .Gt)(after?.target ?? ''),
                });
                break;
            case 'moved':
                out.push({ label: 'digest', after: shortDigest(after?.digest ?? before?.digest) });
                break;
            case 'unreadable':
                out.push({ label: 'unreadable', note: after?.error ?? before?.error ?? 'could not be read' });
                break;
        }
    }
    if (after?.escapes)
        out.push({ label: 'note', note: 'symlink points outside the scanned root' });
    return out;
}
/** A name for the terminal: raw bytes as `\xNN`, controls/bidi visible, so no escape sequence gets out. */
const termName = (key) => makeVisible(displayPath(key));
function terminalDetail(d) {
    if (d.note !== undefined)
        return `${d.label}: ${makeVisible(clip(d.note, 300))}`;
    if (d.before !== undefined && d.after !== undefined)
        return `${d.label} ${makeVisible(d.before)} → ${makeVisible(d.after)}`;
    return `${d.label} ${makeVisible(d.before ?? d.after ?? '')}`;
}
function terminalBaseline(b, now) {
    const parts = [b.source];
    if (b.key)
        parts.push(`key ${makeVisible(b.key)}`);
    if (b.location)
        parts.push(`at ${makeVisible(b.location)}`);
    parts.push(`created ${makeVisible(b.createdAt)} (${formatAge(b.createdAt, now)})`);
    if (b.commit)
        parts.push(`commit ${makeVisible(b.commit.slice(0, 12))}`);
    parts.push(b.signed ? 'signed' : 'unsigned');
    return parts.join(', ');
}
/**
 * The CLI report: verdict, counts, changes grouped by severity (critical, unexpected, allowed) with short
 * old → new digests and moves as `from → to`, scan problems and incompatibility reasons. Plain text with no
 * colour codes; every name and message has its controls made visible.
 */
function renderTerminal(report, opts = {}) {
    const maxChanges = opts.maxChanges ?? 500;
    const maxProblems = opts.maxProblems ?? 100;
    const now = opts.now ?? new Date();
    const { verdict } = report;
    const lines = [];
    lines.push(`integrity-gate ${makeVisible(report.gate)}: ${(opts.result ?? verdict.result).toUpperCase()} (${verdict.pass ? 'pass' : 'fail'}) — ${summaryCounts(verdict.counts)}`);
    lines.push(`root ${makeVisible(report.root)} · ${report.algorithm} · ${report.verdict.counts.unchanged} unchanged`);
    const c = verdict.counts;
    const kindCounts = KIND_ORDER.filter((k) => c[k] > 0).map((k) => `${c[k]} ${k}`);
    if (kindCounts.length > 0)
        lines.push(`changes: ${kindCounts.join(', ')}`);
    if (report.baseline)
        lines.push(`baseline: ${terminalBaseline(report.baseline, now)}`);
    if (report.git) {
        lines.push(`git: ${gitSummary(report.git, makeVisible)}`);
        for (const n of report.git.notes)
            lines.push(`  - ${makeVisible(n)}`);
    }
    lines.push(`scanned ${report.scan.files} files, ${report.scan.dirs} dirs, ${report.scan.others} others, ${report.scan.bytes} bytes in ${report.scan.durationMs} ms${HASHED_BY[report.scan.hashedBy ?? '']}`);
    if (report.incompatible.length > 0) {
        lines.push('', 'Baseline cannot be compared:');
        for (const r of report.incompatible)
            lines.push(`  - ${makeVisible(r)}`);
    }
    if (verdict.reasons.length > 0) {
        lines.push('', 'Reasons:');
        for (const r of verdict.reasons)
            lines.push(`  - ${makeVisible(r)}`);
    }
    const sorted = report.git ? sortByGitClass(report.changes) : sortBySeverity(report.changes);
    let listed = 0;
    const groups = report.git
        ? GIT_CLASS_ORDER.flatMap((g) => SEVERITY_ORDER.map((severity) => ({ git: g, severity })))
        : SEVERITY_ORDER.map((severity) => ({ git: undefined, severity }));
    for (const { git, severity } of groups) {
        const group = sorted.filter((ch) => ch.severity === severity && (git === undefined || ch.git === git));
        if (group.length === 0 || listed >= maxChanges)
            continue;
        const title = `${severity[0].toUpperCase()}${severity.slice(1)}`;
        lines.push('', `${git ? `${git[0].toUpperCase()}${git.slice(1)}, ${severity}` : title} (${group.length}):`);
        for (const ch of group) {
            if (listed >= maxChanges)
                break;
            listed++;
            const name = ch.from !== undefined ? `${termName(ch.from)} → ${termName(ch.path)}` : termName(ch.path);
            lines.push(`  ${ch.kinds.join('+').padEnd(16)} ${name}  ${changeDetails(ch).map(terminalDetail).join('; ')}`);
        }
    }
    if (listed < sorted.length) {
        const rest = sorted.slice(listed);
        lines.push('', omittedChangesLine(rest, 'use --json for the full list'));
    }
    if (report.problems.length > 0) {
        lines.push('', `Problems (${report.problems.length}):`);
        for (const p of report.problems.slice(0, maxProblems))
            lines.push(`  ${problemText(p, termName, makeVisible)}`);
        if (report.problems.length > maxProblems)
            lines.push(`  … and ${report.problems.length - maxProblems} more problems not shown`);
    }
    return lines.join('\n') + '\n';
}
/** "… and N more changes not shown (X critical, Y unexpected, Z allowed); <where>." */
function omittedChangesLine(rest, where) {
    const by = { critical: 0, unexpected: 0, allowed: 0 };
    for (const ch of rest)
        by[ch.severity]++;
    return `… and ${rest.length} more changes not shown (${by.critical} critical, ${by.unexpected} unexpected, ${by.allowed} allowed); ${where}.`;
}
function problemText(p, name, text) {
    if (p.error !== undefined)
        return `unreadable ${name(p.path)}: ${text((0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(p.error, 300))}`;
    return `unstable ${name(p.path)}: changed while it was hashed, digest not trusted`;
}
const RESULT_ICON = {
    clean: '✅',
    changed: '⚠️',
    violation: '❌',
    'baseline-created': '🆕',
    'baseline-saved': '💾',
    'no-baseline': '⚠️',
};
const bytes = (s) => Buffer.byteLength(s, 'utf8');
function markdownDetail(d) {
    if (d.note !== undefined)
        return `${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(d.label)}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .codeCell */ .MZ)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(d.note, 200))}`;
    if (d.before !== undefined && d.after !== undefined)
        return `${d.label} ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .codeCell */ .MZ)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(d.before, 200))} → ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .codeCell */ .MZ)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(d.after, 200))}`;
    return `${d.label} ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .codeCell */ .MZ)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(d.before ?? d.after ?? '', 200))}`;
}
function changeRow(ch) {
    const path = ch.from !== undefined
        ? `${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .codeCell */ .MZ)((0,_paths_js__WEBPACK_IMPORTED_MODULE_0__/* .displayPath */ .Gt)(ch.from))} → ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .codeCell */ .MZ)((0,_paths_js__WEBPACK_IMPORTED_MODULE_0__/* .displayPath */ .Gt)(ch.path))}`
        : (0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .codeCell */ .MZ)((0,_paths_js__WEBPACK_IMPORTED_MODULE_0__/* .displayPath */ .Gt)(ch.path));
    const severity = ch.severity === 'allowed' ? 'allowed' : `**${ch.severity}**`;
    return (0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .tableRow */ .jD)([severity, ch.kinds.join(', '), path, changeDetails(ch).map(markdownDetail).join('; ')]);
}
function markdownBaseline(b, now) {
    const parts = [b.source];
    if (b.key)
        parts.push(`key ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .codeSpan */ .SS)(b.key)}`);
    if (b.location)
        parts.push(`at ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .codeSpan */ .SS)(b.location)}`);
    parts.push(`created ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(b.createdAt)} (${formatAge(b.createdAt, now)})`);
    if (b.commit)
        parts.push(`commit ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .codeSpan */ .SS)(b.commit.slice(0, 12))}`);
    parts.push(b.signed ? 'signed' : 'unsigned');
    return `**Baseline:** ${parts.join(', ')}.`;
}
/** The smallest a section can get: its heading and the largest possible "not shown" line. */
const minSize = (s) => (s.count === 0 ? 0 : bytes(s.bareHead) + bytes(s.omitted(0)));
/** Renders as many whole rows as fit in `budget` bytes, then the "not shown" paragraph if any were cut. */
function fitSection(s, budget) {
    if (s.count === 0)
        return '';
    let used = bytes(s.head);
    const rows = [];
    const reserve = bytes(s.omitted(0));
    for (let i = 0; i < s.count; i++) {
        const r = s.row(i) + '\n';
        const left = s.count - i - 1;
        if (used + bytes(r) + (left > 0 ? reserve : 0) > budget)
            break;
        rows.push(r);
        used += bytes(r);
    }
    if (rows.length === 0)
        return s.bareHead + s.omitted(0);
    return s.head + rows.join('') + (rows.length < s.count ? s.omitted(rows.length) : '');
}
/**
 * The Markdown report for job summaries and issue bodies: heading with the verdict, a summary line, the
 * counts table, the baseline used, why it failed, and the changes table (critical, then unexpected, then
 * allowed), then scan problems, the accept hint and the footer. Lists are cut so the WHOLE output stays
 * within `maxChars` (UTF-8 bytes), always between rows, and end with "… and N more changes not shown
 * (X critical, Y unexpected, Z allowed); see the report file." Throws a RangeError when `maxChars` cannot
 * even hold the fixed parts.
 */
function renderMarkdown(report, opts) {
    const now = opts.now ?? new Date();
    const { verdict } = report;
    const c = verdict.counts;
    const result = opts.result ?? verdict.result;
    const title = opts.title ?? `Integrity gate ${report.gate}: ${result}`;
    let head = `## ${RESULT_ICON[result]} ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(title, 200))}\n\n`;
    head += `**${verdict.pass ? 'Passed' : 'Failed'}** (${result}): ${summaryCounts(c)}; ${c.unchanged} unchanged. `;
    head += `Root ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .codeSpan */ .SS)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(report.root, 200))}, ${report.algorithm}, ${report.scan.files} files scanned.\n\n`;
    head += '| Change | Count |\n| --- | ---: |\n';
    for (const k of KIND_ORDER)
        head += `| ${k} | ${c[k]} |\n`;
    head += `| **changed paths** | **${c.changes}** |\n`;
    for (const s of SEVERITY_ORDER)
        head += `| ${s} | ${c[s]} |\n`;
    head += `| unchanged | ${c.unchanged} |\n`;
    const baselineLine = opts.baselineLine ?? (report.baseline ? markdownBaseline(report.baseline, now) : '');
    if (baselineLine)
        head += `\n${baselineLine}\n`;
    if (report.git)
        head += `\n**Git triage:** ${gitSummary(report.git, _markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .codeSpan */ .SS)}.\n`;
    let tail = '';
    if (opts.acceptHint)
        tail += `\n${opts.acceptHint}\n`;
    if (opts.footer)
        tail += `\n${opts.footer}\n`;
    const list = (heading, items, what) => ({
        head: `\n${heading}\n\n`,
        bareHead: `\n${heading}\n`,
        count: items.length,
        row: (i) => `- ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)((0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .clip */ .$Q)(items[i], 1000))}`,
        omitted: (shown) => `\n… and ${items.length - shown} more ${what} not shown; see the report file.\n`,
    });
    const table = (heading, rows) => ({
        head: `\n### ${heading}\n\n| Severity | Change | Path | Details |\n| --- | --- | --- | --- |\n`,
        bareHead: `\n### ${heading}\n`,
        count: rows.length,
        row: (i) => changeRow(rows[i]),
        omitted: (shown) => `\n${omittedChangesLine(rows.slice(shown), 'see the report file')}\n`,
    });
    const sorted = sortBySeverity(report.changes);
    // With git triage the two groups get their own tables, unexplained first: they are what needs a look.
    const changeSections = report.git
        ? [
            table('Unexplained changes', sorted.filter((c) => c.git !== 'committed')),
            table('Committed changes (explained by git history)', sorted.filter((c) => c.git === 'committed')),
        ]
        : [table('Changes', sorted)];
    const problems = {
        head: '\n### Scan problems\n\n',
        bareHead: '\n### Scan problems\n',
        count: report.problems.length,
        row: (i) => `- ${problemText(report.problems[i], (k) => (0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .codeSpan */ .SS)((0,_paths_js__WEBPACK_IMPORTED_MODULE_0__/* .displayPath */ .Gt)(k)), (s) => (0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .codeSpan */ .SS)(s))}`,
        omitted: (shown) => `\n… and ${report.problems.length - shown} more problems not shown; see the report file.\n`,
    };
    const sections = [
        list('### Baseline cannot be compared', report.incompatible, 'reasons'),
        list('### Why it failed', verdict.reasons, 'reasons'),
        list('### Git triage notes', report.git?.notes ?? [], 'notes'),
        ...changeSections,
        problems,
    ];
    const fixed = bytes(head) + bytes(tail);
    const reserved = sections.reduce((n, s) => n + minSize(s), 0);
    if (fixed + reserved > opts.maxChars) {
        throw new RangeError(`Markdown report limit of ${opts.maxChars} is too small: the fixed parts alone need ${fixed + reserved}`);
    }
    let remaining = opts.maxChars - fixed;
    let body = '';
    sections.forEach((s, i) => {
        const later = sections.slice(i + 1).reduce((n, t) => n + minSize(t), 0);
        const text = fitSection(s, remaining - later);
        body += text;
        remaining -= bytes(text);
    });
    return head + body + tail;
}


/***/ }),

/***/ 2260:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MX: () => (/* binding */ verify),
/* harmony export */   Mq: () => (/* binding */ actionsBaselineKey),
/* harmony export */   _S: () => (/* binding */ sign),
/* harmony export */   kZ: () => (/* binding */ SIGNATURE_ALG)
/* harmony export */ });
/* unused harmony export SIGNATURE_HEX_LENGTH */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * HMAC-SHA256 signatures over a manifest's canonical bytes (see manifest.ts and docs/manifest.md).
 * The key comes from the caller (an env var for the CLI, a secret for the action); it never enters the file.
 */

/** The only signature algorithm of manifest format v1. */
const SIGNATURE_ALG = 'hmac-sha256';
/** Length in hex characters of an HMAC-SHA256 value. */
const SIGNATURE_HEX_LENGTH = 64;
/** Lower-case hex HMAC-SHA256 of `content` under `key`. Throws on an empty key (a misconfiguration). */
function sign(content, key) {
    assertKey(key);
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', key).update(content).digest('hex');
}
/**
 * True when `signatureHex` is the HMAC of `content` under `key`. The comparison runs in constant time
 * (timingSafeEqual on equal-length digests) so a forger learns nothing from how long a rejection took;
 * a value of the wrong shape is simply not equal.
 */
function verify(content, key, signatureHex) {
    assertKey(key);
    const expected = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', key).update(content).digest();
    if (!/^[0-9a-f]{64}$/.test(signatureHex))
        return false;
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.timingSafeEqual)(expected, Buffer.from(signatureHex, 'hex'));
}
/** An empty key would sign with a publicly known secret: refuse it rather than give false assurance. */
function assertKey(key) {
    if (!Buffer.isBuffer(key) || key.length === 0)
        throw new Error('The signing key is empty: set a non-empty key.');
}
/**
 * The key that signs a gate's downloaded-actions baseline (watch-actions), derived from the gate's key. The
 * two baselines of a gate carry the same gate name; with one key, the tree baseline re-uploaded under the
 * actions prefix verified as an actions baseline (and the other way round). Under a key of its own, a
 * baseline of the other kind fails its signature check.
 */
function actionsBaselineKey(key) {
    assertKey(key);
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHmac)('sha256', key).update('integrity-gate: downloaded-actions baseline').digest();
}


/***/ }),

/***/ 3171:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Sn: () => (/* binding */ MANIFEST_FORMAT),
/* harmony export */   TM: () => (/* binding */ ALGORITHMS),
/* harmony export */   a: () => (/* binding */ DEFAULT_ALGORITHM),
/* harmony export */   hh: () => (/* binding */ MANIFEST_VERSION)
/* harmony export */ });
/**
 * Shared data shapes of the pure engine (scan, manifest, diff, policy, render).
 * Nothing here imports from @actions: the CLI and the action both build on these.
 */
/** Digest algorithms the scanner accepts. `md5` is accepted with a warning (collision-broken). */
const ALGORITHMS = ['sha256', 'sha512', 'sha1', 'blake2b512', 'md5'];
const DEFAULT_ALGORITHM = 'sha256';
const MANIFEST_FORMAT = 'integrity-gate/manifest';
const MANIFEST_VERSION = 1;


/***/ }),

/***/ 3229:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  i0: () => (/* binding */ TamperSuspected),
  wV: () => (/* binding */ checkReplay),
  n_: () => (/* binding */ checkRepository),
  xI: () => (/* binding */ diffWithBaseline),
  IV: () => (/* binding */ isTamperSignal),
  bQ: () => (/* binding */ newReport),
  Eg: () => (/* binding */ openBaseline),
  qH: () => (/* binding */ scanEncoded),
  MZ: () => (/* binding */ scanToManifest),
  P9: () => (/* binding */ snapshot),
  MX: () => (/* binding */ verify)
});

// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./src/engine/globs.ts
var globs = __webpack_require__(1761);
// EXTERNAL MODULE: ./src/engine/paths.ts
var engine_paths = __webpack_require__(4886);
// EXTERNAL MODULE: ./src/engine/digest.ts
var digest = __webpack_require__(8996);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
;// CONCATENATED MODULE: ./src/engine/native.ts
/**
 * Where the hash workers' C loop (src/native/scan.c) is, if this platform has one.
 *
 * The compiled addon ships next to the bundles (dist/ and dist/cli/, built by scripts/build-native.mjs
 * for Linux x64 only). Everywhere else — another OS or CPU, a libc the file cannot load on, or
 * INTEGRITY_GATE_NATIVE=off — the workers run the JavaScript loop, which gives the same results (a test
 * compares the two) more slowly and without openat2's refusal of symlinked directories on the way.
 *
 * Only these fixed places are tried: a path from the environment would let whoever sets it load code
 * into the gate.
 */




/** The addon's file name for this platform (built from parts so the bundler does not try to copy it). */
function nativeAddonName() {
    return ['scan-native', `${process.platform}-${process.arch}`, 'node'].join('.');
}
/** The addon's path, or undefined when there is none for this platform or it was turned off. */
function nativeAddonPath() {
    if (process.env.INTEGRITY_GATE_NATIVE === 'off')
        return undefined;
    if (process.platform !== 'linux')
        return undefined;
    const here = external_node_path_.dirname((0,external_node_url_.fileURLToPath)(import.meta.url));
    const candidates = [external_node_path_.join(here, nativeAddonName())];
    // Run from the sources (tests): the copy built into dist/.
    if (external_node_path_.basename(here) === 'engine' && external_node_path_.basename(external_node_path_.dirname(here)) === 'src')
        candidates.push(external_node_path_.join(here, '..', '..', 'dist', nativeAddonName()));
    return candidates.find((c) => (0,external_node_fs_.existsSync)(c));
}
const loaded = new Map();
/**
 * The addon loaded into this thread, or undefined when there is none or it does not load here (then the
 * JavaScript code paths run, with the same results).
 */
function loadNativeAddon() {
    const file = nativeAddonPath();
    if (file === undefined)
        return undefined;
    if (!loaded.has(file)) {
        let addon;
        try {
            const m = { exports: {} };
            // RTLD_NOW: a missing symbol (a Node without OpenSSL 3's) fails the load, not the first call.
            process.dlopen(m, file, external_node_os_.constants.dlopen.RTLD_NOW);
            if (typeof m.exports.listDir === 'function' && typeof m.exports.hashBatch === 'function')
                addon = m.exports;
        }
        catch {
            addon = undefined;
        }
        loaded.set(file, addon);
    }
    return loaded.get(file);
}

// EXTERNAL MODULE: ./src/engine/scan-pool.ts
var scan_pool = __webpack_require__(4300);
;// CONCATENATED MODULE: ./src/engine/scan-order.ts
/**
 * The scan's entries in final path order, handed on while the scan is still hashing.
 *
 * Every recorded name gets a slot, numbered in walk order. The walk visits each directory's names sorted,
 * and a subdirectory's contents at the place of `name/`, so for text keys walk order is the final path
 * order. Raw (base64) keys sort before every text key wherever they are met: their slots go first, sorted,
 * which is why handing on starts only when the walk is over. From then on an entry is handed on as soon as
 * every slot before it is filled.
 */

class InOrder {
    stats;
    onEntry;
    /** The entries handed on so far, in path order. */
    entries = [];
    /** Slot contents: the entry, `undefined` while pending, `null` when nothing is recorded there. */
    slots = [];
    raw = [];
    /** Slot numbers in final order; set when the walk is over. */
    order;
    cursor = 0;
    lastKey;
    /** Set while onEntry asked to wait; handing on resumes when it settles. */
    paused;
    failure;
    constructor(stats, onEntry) {
        this.stats = stats;
        this.onEntry = onEntry;
    }
    /** A new slot for `key`, holding `entry`, or pending when it is not known yet. */
    add(key, entry) {
        const slot = this.slots.length;
        this.slots.push(entry);
        if ((0,engine_paths/* isRawKey */.A1)(key))
            this.raw.push({ slot, key });
        return slot;
    }
    /** Fills a pending slot; `null` when nothing is recorded there after all (an unused directory). */
    set(slot, entry) {
        this.slots[slot] = entry;
    }
    /** The walk is over: every slot exists, so the final order is known. */
    walkDone() {
        const total = this.slots.length;
        const order = new Int32Array(total);
        this.raw.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        const isRaw = new Uint8Array(total);
        let n = 0;
        for (const r of this.raw) {
            order[n++] = r.slot;
            isRaw[r.slot] = 1;
        }
        for (let i = 0; i < total; i++)
            if (!isRaw[i])
                order[n++] = i;
        this.order = order;
        this.handOn();
    }
    /** Hands on every entry whose turn has come. Throws what onEntry throws. */
    handOn() {
        const order = this.order;
        if (!order || this.paused)
            return;
        while (this.cursor < order.length) {
            const e = this.slots[order[this.cursor]];
            if (e === undefined)
                return;
            this.cursor++;
            if (e === null)
                continue;
            // The order is scan()'s contract; a slip here would corrupt every later diff.
            if (this.lastKey !== undefined && !(this.lastKey < e.path))
                throw new Error(`Scanner bug: ${JSON.stringify(e.path)} out of order after ${JSON.stringify(this.lastKey)}.`);
            this.lastKey = e.path;
            count(this.stats, e);
            this.entries.push(e);
            const wait = this.onEntry?.(e);
            if (wait) {
                this.paused = wait.then(() => {
                    this.paused = undefined;
                    try {
                        this.handOn();
                    }
                    catch (err) {
                        this.failure ??= err;
                    }
                }, (err) => {
                    this.failure ??= err;
                });
                return;
            }
        }
    }
    /** After the last slot is filled: lets a waiting onEntry take the rest. Throws its failure, if any. */
    async finish() {
        while (this.paused && this.failure === undefined)
            await this.paused;
        if (this.failure !== undefined)
            throw this.failure;
        this.handOn();
        if (this.order === undefined || this.cursor !== this.order.length)
            throw new Error(`Scanner bug: ${this.slots.length - this.cursor} entries never completed.`);
    }
}
function count(stats, e) {
    if (e.type === 'file') {
        stats.files++;
        if (e.digest !== undefined)
            stats.bytes += e.size;
    }
    else if (e.type === 'dir')
        stats.dirs++;
    else
        stats.others++;
    if (e.error !== undefined)
        stats.errors++;
    if (e.unstable)
        stats.unstable++;
}

// EXTERNAL MODULE: ./src/engine/scan-worker.ts
var scan_worker = __webpack_require__(1508);
;// CONCATENATED MODULE: ./src/engine/scan.ts
/**
 * The scanner: walks a root without following symlinks and records every entry (type, size, mode,
 * digest of regular files, symlink target) under its byte-exact path key.
 *
 * Work split (measured fastest in plain Node, see PERF-NOTES.md): the main thread walks with
 * `readdirSync(withFileTypes)` — the dirent type means regular files need no lstat here — and sends
 * batches of file paths to worker threads that open, fstat and hash them with sync I/O into one reused
 * buffer. Everything that is not a regular file is described here from lstat and never opened.
 * The walk takes each directory's names in sorted order and enters a subdirectory at the place its
 * `name/` sorts, which is exactly the final path order: entries are handed on (`onEntry`, e.g. to a
 * manifest writer) as soon as everything before them is hashed, so serialising overlaps hashing.
 *
 * Decisions:
 * - The root: symlinks in the root path itself are resolved once (the caller chose it, and on macOS
 *   even os.tmpdir() sits behind a symlink); nothing below the root is ever followed. The root must be
 *   a directory and readable, otherwise the scan throws a message naming it.
 * - Directories are entries (type `dir`, mode, size 0): a new empty folder or a folder turned
 *   world-writable matters to a gate. Their st_size is not recorded because it depends on the
 *   filesystem and changes whenever a child is added, which the child's own entry already reports.
 * - Exclusion is like .gitignore: an excluded directory is pruned, i.e. neither it nor anything below
 *   it is recorded or even read (`node_modules/**` keeps the walk out of node_modules).
 * - Inclusion (when `include` is non-empty): an entry is recorded when it or one of its ancestor
 *   directories matches; a directory is also recorded when it leads to a recorded entry, so the
 *   folders above included files keep their modes. A directory that cannot be read is always
 *   recorded (with its error): it might hide included files, and a gate fails closed.
 * - `escapes` is lexical: `..` steps and absolute targets are resolved as text against the root, as
 *   the link would resolve if no directory on the way were itself a symlink.
 * - A file that vanishes or cannot be opened between listing and hashing is recorded with its error.
 * - A file written while it is hashed is hashed again and, if it keeps changing, marked `unstable`. The
 *   workers know a file was not written during the scan when its ctime is older than the scan's start
 *   (writes set ctime to the current time): such a file costs one fstat after its first read; files
 *   changed since then, and files larger than the read buffer, also get one after their last read.
 * - Concurrent tampering: a directory (the root too) is listed through a descriptor opened with
 *   O_NOFOLLOW and checked to be the inode the walk recorded for it — in the C addon (native.ts), whose
 *   listing also gives each subfolder's lstat relative to that descriptor, else through /proc/self/fd —
 *   so a directory swapped for a symlink, even swapped back before a second lstat could notice, is
 *   recorded as an error instead of being followed (the root: the scan fails). Without /proc the lstat is
 *   repeated after the listing. The C hash loop opens files under the root's descriptor with openat2;
 *   the walk's own lstats of other names go by absolute path (Node has no openat), so a swap of a parent
 *   directory at that moment cannot be excluded completely; a process that can do that can also change
 *   the tree after the scan.
 */












/** Files per worker batch: large enough to amortise messaging, small enough to balance the load. */
const BATCH_FILES = 256;
/** Directory entries walked between two yields to the event loop (so worker replies are handled). */
const YIELD_EVERY = 512;
const DEFAULT_PROGRESS_MS = 2000;
/**
 * Scans `options.root`. Resolves with entries sorted by path key (unique) and statistics. Throws when
 * the root is missing, not a directory or unreadable, for an unknown algorithm or a bad glob, and when
 * a hash worker dies; per-entry problems are recorded on the entry instead (`error`, `unstable`).
 */
async function scan(options) {
    const started = performance.now();
    const hashName = (0,digest/* nodeHashName */.iT)(options.algorithm);
    const root = resolveRoot(options.root);
    const exclude = literalMatcher([...globs/* ALWAYS_EXCLUDED */.Rv, ...options.exclude]) ??
        (0,globs/* compileGlobs */.tI)([...globs/* ALWAYS_EXCLUDED */.Rv, ...options.exclude]);
    const includeAll = options.include.every((p) => p.trim() === '');
    const include = includeAll ? () => true : (0,globs/* compileGlobs */.tI)(options.include);
    const pruned = alwaysExcludedKeys(options.alwaysExclude ?? [], root);
    const workers = workerCount(options.workers);
    const addon = options.native === false ? undefined : loadNativeAddon();
    const stats = { files: 0, dirs: 0, others: 0, bytes: 0, errors: 0, unstable: 0, durationMs: 0 };
    const abs = (key) => key === '' ? root.raw : Buffer.concat([root.raw, SLASH, (0,engine_paths/* bytesFromKey */.TM)(key)]);
    // Entries in walk order, handed on (options.onEntry) in path order as soon as their turn comes.
    const out = new InOrder(stats, options.onEntry);
    /** A directory's own entry is final once its whole subtree has been walked (or could not be). */
    const closeDir = (d) => out.set(d.slot, d.used ? d.entry : null);
    /** Keys and slots of each batch in flight, by batch id. */
    const batches = new Map();
    /** Entries the walk described itself (not directories), for progress. */
    let described = 0;
    // Entries are built straight from the reply's columns (no intermediate object per file).
    const onResults = (id, reply) => {
        const batch = batches.get(id);
        const count = reply.t.length;
        if (!batch || batch.keys.length !== count)
            throw new Error(`Hash worker answered an unknown batch ${id}.`);
        batches.delete(id);
        const { keys } = batch;
        const errors = reply.e.length > 0 ? new Map(reply.e) : undefined;
        let pos = 0;
        for (let i = 0; i < count; i++) {
            const t = scan_worker/* TYPE_CODES */.sb[reply.t[i]];
            if (t === 'relstat') {
                const now = describe(keys[i], abs(keys[i]), root) ?? flipping(keys[i]);
                if (now.type === 'dir' && now.error === undefined)
                    now.error = BECAME_DIR;
                out.set(batch.slots[i], now);
                continue;
            }
            const entry = { path: keys[i], type: t, size: t === 'dir' ? 0 : reply.s[i], mode: reply.m[i] };
            const flags = reply.f[i];
            if (flags & 1) {
                entry.digest = reply.d.slice(pos, pos + reply.len);
                pos += reply.len;
            }
            const error = errors?.get(i);
            if (error !== undefined)
                entry.error = error;
            else if (t === 'dir')
                entry.error = BECAME_DIR;
            if (flags & 2)
                entry.unstable = true;
            out.set(batch.slots[i], entry);
        }
        out.handOn();
    };
    // The batch being filled: keys, slots, and the keys' raw bytes NUL-separated in one reused buffer (no
    // Buffer object per file: allocation is what costs most on the main thread).
    let pendingKeys = [];
    let pendingSlots = [];
    let batchBuf = Buffer.allocUnsafe(64 * 1024);
    let batchLen = 0;
    /** Files sent to the hash workers. */
    let batched = 0;
    const queueFile = (key) => {
        // A UTF-16 unit is at most 3 UTF-8 bytes; a raw key's bytes are shorter than its base64.
        if (batchLen + key.length * 3 + 1 > batchBuf.length) {
            const bigger = Buffer.allocUnsafe(Math.max(batchBuf.length * 2, batchLen + key.length * 3 + 1));
            batchBuf.copy(bigger, 0, 0, batchLen);
            batchBuf = bigger;
        }
        batchLen += (0,engine_paths/* isRawKey */.A1)(key)
            ? (0,engine_paths/* bytesFromKey */.TM)(key).copy(batchBuf, batchLen)
            : batchBuf.write(key, batchLen, 'utf8');
        batchBuf[batchLen++] = 0;
        pendingKeys.push(key);
        batched++;
        pendingSlots.push(out.add(key));
        if (pendingKeys.length >= BATCH_FILES)
            flush();
    };
    const flush = () => {
        if (pendingKeys.length === 0)
            return;
        // An exact-size copy: postMessage clones the whole underlying ArrayBuffer of a view.
        const id = pool.submit(new Uint8Array(batchBuf.subarray(0, batchLen)));
        batches.set(id, { keys: pendingKeys, slots: pendingSlots });
        pendingKeys = [];
        pendingSlots = [];
        batchLen = 0;
    };
    /** Lists a directory into a frame, its names in walk order; undefined when it cannot be listed. */
    const openDir = (dir) => {
        const listing = listDir(dir, abs(dir.key), options.root, addon);
        if (listing === undefined)
            return undefined;
        const keys = [];
        const types = [];
        /** Per kept name, its index in the listing (for listing.stats). */
        const statAt = [];
        /** Sort text per item: the name (a raw key as itself), and for a directory's contents name + '/'. */
        const sortText = [];
        for (let i = 0; i < listing.names.length; i++) {
            const name = listing.names[i];
            const type = listing.types[i];
            // Text names (the usual case) under a text parent stay text; same result as childKey.
            const text = typeof name === 'string' ? name : !dir.rawKey && (0,external_node_buffer_.isUtf8)(name) ? name.toString('utf8') : undefined;
            const key = text === undefined
                ? (0,engine_paths/* childKey */.cF)(dir.raw, name).key
                : dir.key === ''
                    ? text
                    : dir.key + '/' + text;
            if (pruned.has(key) || exclude(key))
                continue;
            const idx = keys.length;
            keys.push(key);
            types.push(type);
            statAt.push(i);
            sortText[2 * idx] = text ?? key;
            if (type === IS_DIR)
                sortText[2 * idx + 1] = (text ?? key) + '/';
        }
        const items = [];
        for (let i = 0; i < sortText.length; i++)
            if (sortText[i] !== undefined)
                items.push(i);
        items.sort((a, b) => (sortText[a] < sortText[b] ? -1 : sortText[a] > sortText[b] ? 1 : 0));
        return {
            dir,
            keys,
            types,
            statAt,
            stats: listing.stats,
            items,
            at: 0,
            subdirs: new Array(keys.length),
        };
    };
    /** Walks up to YIELD_EVERY names; false when the walk is over. */
    const walkStep = (stack) => {
        for (let n = 0; n < YIELD_EVERY; n++) {
            if (stack.length === 0)
                return false;
            const frame = stack[stack.length - 1];
            if (frame.at === frame.items.length) {
                stack.pop();
                if (frame.dir.entry)
                    closeDir(frame.dir);
                continue;
            }
            const item = frame.items[frame.at++];
            const idx = item >> 1;
            if (item & 1) {
                // The contents of a subdirectory, at the place of `name/`.
                const sub = frame.subdirs[idx];
                if (sub === undefined)
                    continue;
                const child = openDir(sub);
                if (child)
                    stack.push(child);
                else
                    closeDir(sub);
                continue;
            }
            const dir = frame.dir;
            const key = frame.keys[idx];
            const type = frame.types[idx];
            const included = dir.included || include(key);
            // Undefined when lstat shows it is no longer a directory.
            const st = type !== IS_DIR
                ? undefined
                : frame.stats !== undefined
                    ? listedDirStat(frame.stats, frame.statAt[idx])
                    : lstatDir(abs(key));
            const rec = st === undefined ? undefined : dirRecord(key, st, dir, included);
            if (type === IS_FILE) {
                if (included) {
                    queueFile(key);
                    markUsed(dir);
                }
            }
            else if (rec) {
                rec.slot = out.add(key);
                if (included || rec.entry?.error !== undefined)
                    markUsed(rec);
                // Entered at the place of `name/`; one that failed its lstat is recorded with the error instead.
                if (rec.entry?.error === undefined)
                    frame.subdirs[idx] = rec;
                else
                    closeDir(rec);
            }
            else if (included) {
                // Not a file or directory, or no longer what readdir said: describe what is there now.
                const entry = describe(key, abs(key), root);
                // readdir said "not a directory", lstat says directory: swapped while listed. Never record it as a
                // clean, empty leaf whose contents nobody read (a snapshot would silently miss the subtree).
                if (entry?.type === 'dir' && entry.error === undefined)
                    entry.error = BECAME_DIR;
                // No entry: lstat says regular file (the dirent type was stale), so hash it like any other.
                if (entry) {
                    out.add(key, entry);
                    described++;
                }
                else
                    queueFile(key);
                markUsed(dir);
            }
        }
        return stack.length > 0;
    };
    // Started as late as possible: only the progress timer is set up between here and the try whose
    // finally closes the pool, so nothing can throw in between and leave worker threads running.
    const native = addon ? nativeRoot(root) : undefined;
    const pool = new scan_pool/* HashPool */.vO(root.raw, hashName, workers, onResults, Date.now(), native);
    const progressMs = options.progressIntervalMs ?? DEFAULT_PROGRESS_MS;
    const timer = options.onProgress
        ? setInterval(() => {
            // Workers count files and bytes as they go, so a single 5 GB file still shows progress.
            const elapsedMs = Math.round(performance.now() - started);
            const hashed = pool.hashed();
            options.onProgress?.({ files: hashed.files + described, bytes: hashed.bytes, elapsedMs });
        }, progressMs)
        : undefined;
    try {
        const top = {
            key: '',
            rawKey: false,
            raw: null,
            entry: null,
            parent: null,
            included: includeAll,
            used: true,
            // The root is listed pinned too: swapped after it was resolved (and after the hash workers' root
            // descriptor was opened), the scan fails instead of mixing two trees.
            dev: root.dev,
            ino: root.ino,
            slot: -1,
        };
        const stack = [];
        const rootFrame = openDir(top);
        if (rootFrame)
            stack.push(rootFrame);
        // The walk runs in synchronous steps of YIELD_EVERY names, between which worker replies are
        // handled. A step is its own function, not a loop in this async one: V8 then compiles it once,
        // where the loop inside an async function was compiled again (on-stack replacement) after each
        // await, several times per scan.
        while (walkStep(stack)) {
            flush();
            await new Promise((resolve) => setImmediate(resolve));
            pool.throwIfFailed();
        }
        flush();
        out.walkDone();
        await pool.drain();
        await out.finish();
    }
    finally {
        if (timer)
            clearInterval(timer);
        await pool.close();
        if (native)
            (0,external_node_fs_.closeSync)(native.rootFd);
    }
    stats.durationMs = Math.round(performance.now() - started);
    if (batched > 0)
        stats.hashedBy = pool.nativeFiles === 0 ? 'js' : pool.nativeFiles === batched ? 'c' : 'mixed';
    return { entries: out.entries, stats, nativeFiles: pool.nativeFiles };
}
/**
 * The C loop and a descriptor of the root for the hash workers. The descriptor is the directory the
 * walk resolved: a root swapped later does not move the workers.
 */
function nativeRoot(root) {
    const addon = nativeAddonPath();
    if (addon === undefined)
        return undefined;
    let rootFd;
    try {
        rootFd = (0,external_node_fs_.openSync)(root.raw, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_DIRECTORY);
    }
    catch {
        // An unreadable root: the walk reports it in its own words.
        return undefined;
    }
    try {
        const st = (0,external_node_fs_.fstatSync)(rootFd);
        if (st.dev === root.dev && st.ino === root.ino)
            return { path: addon, rootFd };
    }
    catch {
        // Falls through: closed below.
    }
    (0,external_node_fs_.closeSync)(rootFd);
    return undefined;
}
const SLASH = Buffer.from('/');
/** Resolves and checks the root; throws a message naming it when the scan cannot start. */
function resolveRoot(root) {
    const given = external_node_path_.resolve(root);
    let raw;
    let st;
    try {
        raw = realPath(given);
        st = (0,external_node_fs_.statSync)(raw);
    }
    catch (e) {
        const err = e;
        if (err.code === 'ENOENT')
            throw new Error(`Scan root '${root}' does not exist.`);
        throw new Error(`Cannot scan root '${root}': ${errorText(err)}.`);
    }
    if (!st.isDirectory())
        throw new Error(`Scan root '${root}' is not a directory.`);
    const real = raw.toString();
    const forms = [...new Set([Buffer.from(given).toString('latin1'), raw.toString('latin1')])];
    return { raw, forms, real, given, dev: st.dev, ino: st.ino };
}
/**
 * The real path as bytes. realpath(3) first: Node's JavaScript realpath reads each link target as UTF-8 text,
 * which garbles a target holding a byte that is not UTF-8 (the root was then reported missing). The
 * JavaScript one stays as the fallback where the native call fails on some Windows volumes.
 */
function realPath(given) {
    try {
        return external_node_fs_.realpathSync.native(given, { encoding: 'buffer' });
    }
    catch {
        return (0,external_node_fs_.realpathSync)(given, { encoding: 'buffer' });
    }
}
/** Keys of `alwaysExclude` paths that lie inside the root (paths outside it cannot be met). */
function alwaysExcludedKeys(paths, root) {
    const keys = new Set();
    for (const p of paths) {
        const candidates = [external_node_path_.resolve(p)];
        try {
            candidates.push((0,external_node_fs_.realpathSync)(candidates[0]));
        }
        catch {
            // Not created yet (e.g. a store folder made after the scan): the lexical form is enough.
        }
        for (const c of candidates) {
            for (const base of [root.given, root.real]) {
                const rel = (0,engine_paths/* relativeInside */.JA)(base, c);
                if (rel === undefined)
                    continue;
                if (rel === '')
                    throw new Error(`Excluded path '${p}' is the scan root itself: nothing would be scanned.`);
                keys.add((0,engine_paths/* keyFromBytes */.D8)(Buffer.from(rel.split(external_node_path_.sep).join('/'))));
            }
        }
    }
    return keys;
}
/**
 * A cheap matcher for lists made only of literal paths and `literal/**` (the default exclusions), with
 * picomatch's answers for those forms: `a` matches the key `a`, `a/**` matches `a` and everything below.
 * Undefined when any pattern has another glob character: then picomatch decides (per entry, it costs
 * more than the rest of the walk's bookkeeping on 100k files).
 */
function literalMatcher(patterns) {
    const exact = new Set();
    const below = [];
    for (const raw of patterns) {
        const p = raw.trim();
        if (p === '')
            continue;
        const base = p.endsWith('/**') ? p.slice(0, -3) : p;
        if (base === '' || /[*?[\]{}()!+@\\]/.test(base) || base.startsWith('/') || base.startsWith('./'))
            return undefined;
        if (base.split('/').some((seg) => seg === '' || seg === '.' || seg === '..'))
            return undefined;
        exact.add(base);
        if (base !== p)
            below.push(base + '/');
    }
    return (key) => {
        // compileGlobs matches raw names by their display form (\xNN for bad bytes): do the same.
        const k = (0,engine_paths/* isRawKey */.A1)(key) ? (0,engine_paths/* displayPath */.Gt)(key) : key;
        return exact.has(k) || below.some((prefix) => k.startsWith(prefix));
    };
}
function workerCount(requested) {
    if (requested === undefined)
        return Math.max(1, (0,external_node_os_.availableParallelism)());
    if (!Number.isInteger(requested) || requested < 1) {
        throw new Error(`Invalid worker count ${requested}: expected a whole number of at least 1.`);
    }
    return requested;
}
const IS_FILE = 1;
const IS_DIR = 2;
const NUL = Buffer.from([0]);
const { ELOOP, ENOTDIR } = external_node_os_.constants.errno;
/**
 * Lists a directory; on failure records the error on its entry (or throws for the root).
 * Names come as strings: a Buffer per name cost more than the rest of the walk. A name that is not
 * valid UTF-8 comes as bytes (and any name under a raw parent), so it is keyed exactly.
 * Pinned to the inode the walk's lstat saw: a path could be swapped for a symlink to a decoy and back
 * around the listing, with both lstats seeing the real directory. The listing goes through a descriptor
 * opened with O_NOFOLLOW that must be that inode — in the C addon (one call), else through /proc/self/fd.
 */
function listDir(dir, absPath, rootName, addon) {
    const replaced = () => {
        if (!dir.entry)
            throw new RootReplaced(`Cannot read scan root '${rootName}': changed during scan: it was replaced.`);
        dir.entry.error = 'changed during scan: directory was replaced while being listed';
        markUsed(dir);
        return undefined;
    };
    const failed = (text) => {
        if (!dir.entry)
            throw new Error(`Cannot read scan root '${rootName}': ${text}.`);
        dir.entry.error = text;
        markUsed(dir);
        return undefined;
    };
    if (addon) {
        const r = addon.listDir(Buffer.concat([absPath, NUL]), dir.dev, dir.ino, dir.rawKey);
        if (typeof r === 'number') {
            if (r === 0 || r === ELOOP || r === ENOTDIR)
                return replaced();
            return failed(errnoText(r));
        }
        const count = r.types.length;
        const names = count === 0 ? [] : typeof r.names === 'string' ? r.names.split('\0') : splitNul(r.names);
        if (names.length !== count)
            throw new Error(`Scanner bug: ${names.length} names for ${count} types.`);
        return { names, types: r.types, stats: r.stats };
    }
    let fd;
    try {
        let listed = absPath;
        if (PROC_FD) {
            try {
                fd = (0,external_node_fs_.openSync)(absPath, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_DIRECTORY | external_node_fs_.constants.O_NOFOLLOW);
            }
            catch (e) {
                const code = e.code;
                if (code === 'ELOOP' || code === 'ENOTDIR')
                    return replaced();
                throw e;
            }
            const st = (0,external_node_fs_.fstatSync)(fd);
            if (st.dev !== dir.dev || st.ino !== dir.ino)
                return replaced();
            listed = `/proc/self/fd/${fd}`;
        }
        let names = dir.rawKey
            ? (0,external_node_fs_.readdirSync)(listed, { withFileTypes: true, encoding: 'buffer' })
            : (0,external_node_fs_.readdirSync)(listed, { withFileTypes: true });
        // A name that is not valid UTF-8 decodes with U+FFFD: read again as bytes.
        if (!dir.rawKey && names.some((d) => d.name.includes('\uFFFD')))
            names = (0,external_node_fs_.readdirSync)(listed, { withFileTypes: true, encoding: 'buffer' });
        if (dir.entry && fd === undefined) {
            // No /proc: a directory swapped for a symlink after our lstat would have been listed through the link.
            const st = (0,external_node_fs_.lstatSync)(absPath);
            if (!st.isDirectory() || st.dev !== dir.dev || st.ino !== dir.ino)
                return replaced();
        }
        const types = names.map((d) => (d.isFile() ? IS_FILE : d.isDirectory() ? IS_DIR : 0));
        return {
            names: names.map((d) => d.name),
            types,
            // As the C listing does: each subfolder's lstat now, relative to this pinned folder.
            stats: fd === undefined ? undefined : subfolderStats(listed, names, types),
        };
    }
    catch (e) {
        if (e instanceof RootReplaced)
            throw e;
        return failed(errorText(e));
    }
    finally {
        if (fd !== undefined)
            (0,external_node_fs_.closeSync)(fd);
    }
}
/** The scan root was not the directory it resolved to when listed: the scan stops with this message. */
class RootReplaced extends Error {
}
/**
 * The Listing.stats of a folder listed through /proc/self/fd/N: each subfolder's lstat through that
 * name (no long path walked, and the folder pinned), or minus its errno.
 */
function subfolderStats(listed, names, types) {
    const stats = new Float64Array(3 * names.length);
    const base = Buffer.from(`${listed}/`);
    for (let i = 0; i < names.length; i++) {
        if (types[i] !== IS_DIR)
            continue;
        const name = names[i].name;
        try {
            const st = (0,external_node_fs_.lstatSync)(Buffer.concat([base, typeof name === 'string' ? Buffer.from(name) : name]));
            stats[3 * i] = st.mode;
            stats[3 * i + 1] = st.dev;
            stats[3 * i + 2] = st.ino;
        }
        catch (e) {
            stats[3 * i] = -(external_node_os_.constants.errno[e.code] ?? 5);
        }
    }
    return stats;
}
/** The NUL-separated names of a listing that holds bytes. */
function splitNul(b) {
    const out = [];
    let start = 0;
    for (let i = b.indexOf(0); i >= 0; i = b.indexOf(0, start)) {
        out.push(b.subarray(start, i));
        start = i + 1;
    }
    out.push(b.subarray(start));
    return out;
}
/** Node's error text for an errno from the addon (as errorText cuts a Node fs error). */
function errnoText(errno) {
    return `${(0,external_node_util_.getSystemErrorName)(-errno)}: ${(0,external_node_util_.getSystemErrorMessage)(-errno)}`;
}
/** The error of an entry listed as a non-directory that was a directory when looked at again. */
const BECAME_DIR = 'changed during scan: became a directory while listed';
/** Whether /proc/self/fd lists an open directory (Linux): then listings are pinned to their inode. */
const PROC_FD = process.platform === 'linux' && (0,external_node_fs_.existsSync)('/proc/self/fd');
/** The lstat of a subfolder by its absolute path (used without the listing's own, see Listing.stats). */
function lstatDir(absPath) {
    try {
        const st = (0,external_node_fs_.lstatSync)(absPath);
        return { mode: st.mode, dev: st.dev, ino: st.ino };
    }
    catch (e) {
        return errorText(e);
    }
}
/** The lstat of the listing's name `at`, taken relative to the listed folder (see Listing.stats). */
function listedDirStat(stats, at) {
    const mode = stats[3 * at];
    return mode < 0 ? errnoText(-mode) : { mode, dev: stats[3 * at + 1], ino: stats[3 * at + 2] };
}
/** The record of a directory, or undefined when its lstat shows it is no longer a directory. */
function dirRecord(key, st, parent, included) {
    const entry = { path: key, type: 'dir', size: 0, mode: 0 };
    const rec = {
        key,
        rawKey: (0,engine_paths/* isRawKey */.A1)(key),
        raw: (0,engine_paths/* bytesFromKey */.TM)(key),
        entry,
        parent,
        included,
        used: false,
        dev: 0,
        ino: 0,
        slot: -1,
    };
    if (typeof st === 'string') {
        entry.error = st;
        return rec;
    }
    if ((st.mode & external_node_fs_.constants.S_IFMT) !== external_node_fs_.constants.S_IFDIR)
        return undefined;
    entry.mode = st.mode & 0o7777;
    rec.dev = st.dev;
    rec.ino = st.ino;
    return rec;
}
/** Marks a directory and its ancestors as recorded. */
function markUsed(dir) {
    for (let d = dir; d && !d.used; d = d.parent)
        d.used = true;
}
/**
 * Describes a non-regular entry from lstat; never opens it. Returns undefined when lstat shows a regular
 * file (the caller sends it to the hash workers).
 */
function describe(key, absPath, root) {
    let st;
    try {
        st = (0,external_node_fs_.lstatSync)(absPath);
    }
    catch (e) {
        return { path: key, type: 'unknown', size: 0, mode: 0, error: errorText(e) };
    }
    const type = typeOf(st);
    const entry = { path: key, type, size: type === 'dir' ? 0 : st.size, mode: st.mode & 0o7777 };
    if (type === 'file')
        return undefined;
    if (type === 'symlink') {
        try {
            const target = (0,external_node_fs_.readlinkSync)(absPath, { encoding: 'buffer' });
            entry.target = (0,engine_paths/* keyFromBytes */.D8)(target);
            if (escapesRoot((0,engine_paths/* bytesFromKey */.TM)(key), target, root))
                entry.escapes = true;
        }
        catch (e) {
            entry.error = errorText(e);
        }
    }
    return entry;
}
/** A name that was a file, then a symlink, then a file again while scanned: no trustworthy content. */
function flipping(key) {
    return {
        path: key,
        type: 'file',
        size: 0,
        mode: 0,
        error: 'changed during scan: type kept changing',
        unstable: true,
    };
}
function typeOf(st) {
    if (st.isFile())
        return 'file';
    if (st.isDirectory())
        return 'dir';
    if (st.isSymbolicLink())
        return 'symlink';
    if (st.isFIFO())
        return 'fifo';
    if (st.isSocket())
        return 'socket';
    if (st.isBlockDevice())
        return 'block';
    if (st.isCharacterDevice())
        return 'char';
    return 'unknown';
}
/**
 * True when a symlink at relative path `linkRaw` with `target` resolves, as text, outside the root.
 * Works on latin1 strings so arbitrary bytes survive and `/`, `.`, `..` are compared exactly.
 */
function escapesRoot(linkRaw, target, root) {
    const t = target.toString('latin1');
    if (t.startsWith('/')) {
        const norm = external_node_path_.posix.normalize(t);
        return !root.forms.some((r) => r === '/' || norm === r || norm.startsWith(r + '/'));
    }
    let depth = linkRaw.toString('latin1').split('/').length - 1;
    for (const seg of t.split('/')) {
        if (seg === '' || seg === '.')
            continue;
        if (seg === '..') {
            if (--depth < 0)
                return true;
        }
        else
            depth++;
    }
    return false;
}
/** `EACCES: permission denied, open '/abs'` → `EACCES: permission denied` (no machine-specific path). */
function errorText(e) {
    const err = e;
    const msg = String(err?.message ?? e);
    const cut = err?.syscall ? msg.indexOf(`, ${err.syscall}`) : -1;
    return cut > 0 ? msg.slice(0, cut) : msg;
}

// EXTERNAL MODULE: ./src/engine/manifest.ts
var engine_manifest = __webpack_require__(6165);
// EXTERNAL MODULE: ./src/engine/diff.ts
var engine_diff = __webpack_require__(6227);
;// CONCATENATED MODULE: ./src/engine/manifest-diff.ts
/**
 * `diff A B` without building 200k entry objects. Two manifests of one tree share almost every line, and
 * our writer puts one entry per line in a fixed form, so each line of the usual shape (a readable file, a
 * directory) is checked on its bytes, and a path whose line is byte-identical on both sides is counted as
 * unchanged without parsing it. Only the lines that differ, and every unusual line, become entries, and
 * those go through the ordinary diffManifests.
 *
 * This is a fast path only: it accepts a pair of manifests only when decodeManifest would accept both,
 * and answers `undefined` for anything it is not sure about (another layout, a signature, any invalid
 * line, unsorted or repeated paths). The caller then decodes the normal way, which gives the answer, or
 * the error, decode always gave.
 */



/**
 * diffManifests of two decompressed manifests (inflateManifest's output), or `undefined` when the fast
 * path cannot vouch for both; then decode them with decodeInflated. Unsigned manifests only.
 */
function quickDiff(rawBase, rawCurrent) {
    return quickDiffFrom(indexBase(rawBase), rawCurrent);
}
/**
 * The first half of quickDiff: checks and indexes the base manifest, or undefined when the fast path
 * cannot vouch for it. Split out so `diff` can do it while the current manifest is still inflating.
 */
function indexBase(rawBase) {
    return scanManifest(rawBase);
}
/** The second half of quickDiff, from indexBase's answer. */
function quickDiffFrom(a, rawCurrent) {
    if (a === undefined)
        return undefined;
    const b = scanManifest(rawCurrent, a);
    if (b === undefined)
        return undefined;
    const before = [];
    const after = [];
    let same = 0;
    let i = 0;
    let j = 0;
    while (i < a.count || j < b.count) {
        if (j < b.count && b.repeats[j] === i) {
            // Found byte-identical to this base line while checking (so same path, same content).
            same++;
            i++;
            j++;
            continue;
        }
        const c = i >= a.count ? 1 : j >= b.count ? -1 : comparePaths(a, i, b, j);
        if (c < 0)
            before.push(entryAt(a, i++));
        else if (c > 0)
            after.push(entryAt(b, j++));
        else {
            if (a.pathStart[i] >= 0 && b.pathStart[j] >= 0 && sameLine(a, i, b, j))
                same++;
            else {
                before.push(entryAt(a, i));
                after.push(entryAt(b, j));
            }
            i++;
            j++;
        }
    }
    const diff = diffManifests({ header: a.header, entries: before }, { header: b.header, entries: after });
    diff.unchanged += same;
    const problems = [...b.parsed.values()].filter((e) => e.error !== undefined || e.unstable === true);
    return { base: a.header, current: b.header, diff, problems };
}
/**
 * diffManifests(decode(rawBase), current) for a current manifest held as entries, the way verify does it
 * for its own scan: each entry goes through a ManifestWriter (which checks it, and throws on an invalid or
 * unsorted one) and then to an EntryComparer, with the writer's line (`how` 'lines') or without it
 * ('entries'). The base is checked and indexed line by line as in quickDiff, and a base line counts as
 * unchanged when the current entry with its path would be written as exactly that line. Undefined when
 * the base cannot be vouched for: then decode it in full.
 */
function quickDiffEntries(rawBase, current, how = 'lines') {
    const comparer = EntryComparer.open(rawBase);
    if (comparer === undefined)
        return undefined;
    // Nothing is kept of the writer's output, so its back-pressure promise is not waited for.
    const writer = new ManifestWriter(current.header);
    try {
        for (const e of current.entries) {
            void writer.add(e);
            comparer.add(e, how === 'lines' ? writer.lastLine() : undefined);
        }
    }
    finally {
        writer.abandon();
    }
    return comparer.finish(current.header);
}
/**
 * quickDiffEntries one entry at a time, so verify can compare while its scan is still hashing: `add` takes
 * the current entries in path order (as the scan hands them on), and the base text is checked only as far
 * as the comparison has got; `finish` checks the rest and answers exactly as quickDiffEntries does.
 */
class EntryComparer {
    scanner;
    i = 0;
    same = 0;
    before = [];
    after = [];
    constructor(scanner) {
        this.scanner = scanner;
    }
    /**
     * A comparer for a decompressed base, or undefined when it is not in our layout (decode it instead).
     * `header`: quickHeader(rawBase), when the caller has it already.
     */
    static open(rawBase, header) {
        const scanner = LineScanner.open(rawBase, undefined, header);
        return scanner && new EntryComparer(scanner);
    }
    /**
     * The next current entry; entries must come in strictly increasing path order. `line`: the line the
     * writer wrote for it (ManifestWriter.lastLine), when there is one: a base line with exactly these
     * bytes is the same entry, and valid (the writer checked it), so it needs neither a check nor a
     * field-by-field comparison.
     */
    add(e, line) {
        if (line !== undefined && this.repeats(e, line))
            return;
        const a = this.scanner.lines;
        for (;;) {
            if (!this.has(this.i)) {
                if (!this.scanner.failed)
                    this.after.push(e);
                return;
            }
            const c = compareToPath(a, this.i, e.path);
            if (c < 0) {
                this.before.push(entryAt(a, this.i++));
                continue;
            }
            if (c > 0)
                this.after.push(e);
            else {
                if (a.pathStart[this.i] >= 0 && writtenAs(a, this.i, e))
                    this.same++;
                else {
                    this.before.push(entryAt(a, this.i));
                    this.after.push(e);
                }
                this.i++;
            }
            return;
        }
    }
    /** True (and counted as unchanged) when base line `i` is exactly `line`, the writer's line for `e`. */
    repeats(e, line) {
        const s = this.scanner;
        // The writer checked the digest against the current algorithm; the base line must fit the base's.
        if (e.digest !== undefined && e.digest.length !== s.digestLength)
            return false;
        const a = s.lines;
        if (a.count > this.i) {
            // Checked already (while looking for an earlier entry's place): equal bytes, equal entry.
            if (line.compare(a.raw, a.lineStart[this.i], a.lineEnd[this.i]) !== 0)
                return false;
        }
        else if (!s.nextRepeating(line, e.path.length))
            return false;
        this.same++;
        this.i++;
        return true;
    }
    /** The diff once every current entry was added; undefined when the base turned out not to be ours. */
    finish(current) {
        const a = this.scanner.lines;
        while (this.has(this.i))
            this.before.push(entryAt(a, this.i++));
        if (this.scanner.failed)
            return undefined;
        const diff = (0,engine_diff/* diffManifests */.e)({ header: a.header, entries: this.before }, { header: current, entries: this.after });
        diff.unchanged += this.same;
        return diff;
    }
    /** Base line `i` is checked (checking on as far as needed); false past the end or after a bad line. */
    has(i) {
        const s = this.scanner;
        while (s.lines.count <= i)
            if (!s.next())
                return false;
        return true;
    }
}
/** comparePaths of line `i` against a path string (UTF-16 code-unit order, as everywhere). */
function compareToPath(x, i, path) {
    const s = x.pathStart[i];
    if (s < 0) {
        const p = x.parsed.get(i).path;
        return p < path ? -1 : p > path ? 1 : 0;
    }
    // A usual line's path is printable ASCII: its bytes are its code units.
    const n = x.pathEnd[i] - s;
    const m = Math.min(n, path.length);
    for (let k = 0; k < m; k++) {
        const d = x.raw[s + k] - path.charCodeAt(k);
        if (d !== 0)
            return d;
    }
    return n - path.length;
}
/**
 * True when `e` (same path as usual line `i`) would be written as exactly that line: a readable file, a
 * directory or a symlink inside the root with the same size, mode and digest or target, and nothing else.
 */
function writtenAs(x, i, e) {
    if (e.error !== undefined || e.escapes !== undefined || e.unstable !== undefined)
        return false;
    const raw = x.raw;
    let p = x.pathEnd[i] + TYPE_OPEN.length;
    const typeEnd = raw[p] === 0x66 ? FILE_SIZE : raw[p] === 0x64 ? DIR_SIZE : SYMLINK_SIZE;
    if (e.type !== (typeEnd === FILE_SIZE ? 'file' : typeEnd === DIR_SIZE ? 'dir' : 'symlink'))
        return false;
    p = sameNumber(raw, p + typeEnd.length, e.size);
    if (p < 0 || !startsWith(raw, p, MODE))
        return false;
    p = sameNumber(raw, p + MODE.length, e.mode);
    if (p < 0)
        return false;
    const d = e.digest;
    const t = e.target;
    if (typeEnd === FILE_SIZE) {
        if (d === undefined || t !== undefined || !startsWith(raw, p, DIGEST))
            return false;
        p = sameText(raw, p + DIGEST.length, d);
    }
    else if (typeEnd === SYMLINK_SIZE) {
        if (t === undefined || d !== undefined || !startsWith(raw, p, TARGET))
            return false;
        p = sameText(raw, p + TARGET.length, t);
    }
    else if (d !== undefined || t !== undefined)
        return false;
    return p >= 0 && raw[p] === 0x7d && p + 1 === x.lineEnd[i];
}
/** When the bytes at `p` are `s` (its code units) and a closing quote, the offset after it; else -1. */
function sameText(raw, p, s) {
    for (let k = 0; k < s.length; k++)
        if (raw[p + k] !== s.charCodeAt(k))
            return -1;
    return raw[p + s.length] === QUOTE ? p + s.length + 1 : -1;
}
/** When the decimal digits at `p` (already checked) spell `v`, the offset after them; otherwise -1. */
function sameNumber(raw, p, v) {
    let n = 0;
    let q = p;
    while (raw[q] >= 0x30 && raw[q] <= 0x39)
        n = n * 10 + raw[q++] - 0x30;
    return q > p && n === v ? q : -1;
}
const NL = 0x0a;
const COMMA = 0x2c;
const QUOTE = 0x22;
const manifest_diff_SLASH = 0x2f;
const DOT = 0x2e;
const BACKSLASH = 0x5c;
const HEAD_END = Buffer.from(',"entries":[\n');
const TAIL = Buffer.from('\n]}\n');
const PATH_OPEN = engine_manifest/* LINE */.pj.pathOpen;
const TYPE_OPEN = engine_manifest/* LINE */.pj.typeOpen;
/** What follows `","type":"` up to the size, by type. */
const FILE_SIZE = Buffer.concat([Buffer.from('file'), engine_manifest/* LINE */.pj.sizeOpen]);
const DIR_SIZE = Buffer.concat([Buffer.from('dir'), engine_manifest/* LINE */.pj.sizeOpen]);
const SYMLINK_SIZE = Buffer.concat([Buffer.from('symlink'), engine_manifest/* LINE */.pj.sizeOpen]);
const MODE = engine_manifest/* LINE */.pj.modeOpen;
const DIGEST = engine_manifest/* LINE */.pj.digestOpen;
const TARGET = engine_manifest/* LINE */.pj.targetOpen;
/** Classes of the bytes of a name written without JSON escapes (printable ASCII except `"` and `\`). */
const PLAIN = 0;
const BAD_BYTE = 1;
const SLASH_BYTE = 2;
const QUOTE_BYTE = 3;
const TEXT_BYTE = new Uint8Array(256).fill(BAD_BYTE).fill(PLAIN, 0x20, 0x7f);
TEXT_BYTE[manifest_diff_SLASH] = SLASH_BYTE;
TEXT_BYTE[QUOTE] = QUOTE_BYTE;
TEXT_BYTE[BACKSLASH] = BAD_BYTE;
/** 1 for the lower-case hex digits a digest may use. */
const HEX = new Uint8Array(256);
for (const c of Buffer.from('0123456789abcdef'))
    HEX[c] = 1;
/**
 * The header of a decompressed manifest in our writer's exact layout, checked by decode's own rules; or
 * undefined when the text has another layout (then only a full decode can tell). The entries are not
 * looked at: quickDiff checks them.
 */
function quickHeader(raw) {
    // Non-UTF-8 text is refused by decode; checked once here so unusual lines can be decoded safely later.
    if (!(0,external_node_buffer_.isAscii)(raw) && !(0,external_node_buffer_.isUtf8)(raw))
        return undefined;
    const headEnd = raw.indexOf(HEAD_END);
    if (headEnd < 0 || raw.length < headEnd + HEAD_END.length + TAIL.length)
        return undefined;
    if (!raw.subarray(raw.length - TAIL.length).equals(TAIL))
        return undefined;
    // The header, checked by decode itself on the same document with an empty entry list; then it must be
    // written exactly as our writer writes it, so the split into header and lines cannot be ambiguous.
    let header;
    try {
        header = (0,engine_manifest/* decodeManifestText */.dO)(raw.toString('utf8', 0, headEnd + HEAD_END.length - 1) + ']}\n').header;
    }
    catch {
        return undefined;
    }
    const first = headEnd + HEAD_END.length;
    if (!Buffer.from((0,engine_manifest/* manifestHead */.o2)(header) + '\n').equals(raw.subarray(0, first)))
        return undefined;
    return header;
}
/**
 * Checks one manifest and indexes its lines; undefined when anything is unusual or invalid. With `base`
 * (the other manifest, already checked), a line byte-identical to the base's usual line for the same place
 * is valid without a second check, when both manifests expect digests of one length: that is most lines.
 */
function scanManifest(raw, base) {
    const scanner = LineScanner.open(raw, base);
    if (scanner === undefined)
        return undefined;
    while (!scanner.done)
        if (!scanner.next())
            return undefined;
    return scanner.lines;
}
/** scanManifest one line at a time: `next` checks and indexes the next line. */
class LineScanner {
    lines;
    /** Every line is checked. */
    done = false;
    /** A line was not valid or not ours: only a full decode can answer. */
    failed = false;
    pos;
    end;
    digestLength;
    base;
    /** The base line for the current line's place: the first with a path not before it. */
    k = 0;
    constructor(raw, header, base) {
        const first = raw.indexOf(HEAD_END) + HEAD_END.length;
        this.end = raw.length - TAIL.length;
        this.digestLength = engine_manifest/* DIGEST_HEX_LENGTH */.mK[header.algorithm];
        const cap = expectedLines(raw, first, this.end);
        this.lines = {
            raw,
            header,
            count: 0,
            lineStart: new Int32Array(cap),
            lineEnd: new Int32Array(cap),
            pathStart: new Int32Array(cap),
            pathEnd: new Int32Array(cap),
            repeats: new Int32Array(cap).fill(-1),
            parsed: new Map(),
        };
        this.base =
            base !== undefined && engine_manifest/* DIGEST_HEX_LENGTH */.mK[base.header.algorithm] === this.digestLength ? base : undefined;
        this.pos = first;
    }
    /** Undefined when the text is not in our layout (quickHeader); `header` skips that check when known. */
    static open(raw, base, header = quickHeader(raw)) {
        return header === undefined ? undefined : new LineScanner(raw, header, base);
    }
    /** Checks the next line; false when there is none (`done`) or it is not valid (`failed`). */
    next() {
        if (this.done || this.failed)
            return false;
        const { lines, base, end, pos } = this;
        const raw = lines.raw;
        const n = lines.count;
        if (n >= lines.lineStart.length)
            this.grow();
        let stop = base ? sameAsBase(raw, pos, end, base, this.k) : -1;
        const repeated = stop >= 0;
        let pathStart = pos + PATH_OPEN.length;
        let pathEnd;
        if (repeated)
            pathEnd = pos + (base.pathEnd[this.k] - base.lineStart[this.k]);
        else if ((stop = usualLine(raw, pos, end, this.digestLength)) >= 0)
            pathEnd = usualPathEnd;
        else {
            // Not the usual shape: the line alone is one JSON value (a string cannot hold a raw newline).
            const nl = raw.indexOf(NL, pos);
            stop = nl < 0 || nl > end ? end : nl;
            if (stop < end) {
                if (raw[stop - 1] !== COMMA)
                    return this.fail();
                stop--;
            }
            try {
                const e = (0,engine_manifest/* entryFromParsed */.QI)(JSON.parse(raw.toString('utf8', pos, stop)), n, lines.header.algorithm);
                lines.parsed.set(n, e);
            }
            catch {
                return this.fail();
            }
            pathStart = -1;
            pathEnd = -1;
        }
        if (!this.record(pos, stop, pathStart, pathEnd))
            return false;
        // Base lines are strictly sorted, so after a repeated line the next one is already the right place.
        if (repeated)
            lines.repeats[n] = this.k++;
        else if (base)
            while (this.k < base.count && comparePaths(base, this.k, lines, n) <= 0)
                this.k++;
        if (stop === end) {
            this.done = true;
            return true;
        }
        if (raw[stop] !== COMMA || stop + 1 >= end || raw[stop + 1] !== NL)
            return this.fail();
        this.pos = stop + 2;
        if (repeated)
            this.repeatRun();
        return true;
    }
    /**
     * After a line that repeats its base line, the next lines very likely repeat the base's next lines
     * too (two manifests of one tree differ in a few places). The longest stretch of equal bytes is found
     * with native compares, and every whole base line inside it, with the `,\n` after it, is indexed at
     * once: the same result as checking those lines one by one with sameAsBase (each is a usual line of
     * the base, so valid, and the base's order holds between them and after the line just checked).
     */
    repeatRun() {
        const base = this.base;
        const lines = this.lines;
        const k0 = this.k;
        if (k0 >= base.count || base.pathStart[k0] < 0)
            return;
        const delta = this.pos - base.lineStart[k0];
        const matchEnd = base.lineStart[k0] + equalLength(lines.raw, this.pos, this.end, base.raw, base.lineStart[k0]);
        let n = lines.count;
        let k = k0;
        // The base's last line is left to next(): after it comes the end of the text, not `,\n`.
        while (k + 1 < base.count &&
            n < lines.lineStart.length &&
            base.pathStart[k] >= 0 &&
            base.lineEnd[k] + 2 <= matchEnd &&
            base.lineEnd[k] + delta + 2 <= this.end) {
            lines.lineStart[n] = base.lineStart[k] + delta;
            lines.lineEnd[n] = base.lineEnd[k] + delta;
            lines.pathStart[n] = base.pathStart[k] + delta;
            lines.pathEnd[n] = base.pathEnd[k] + delta;
            lines.repeats[n] = k;
            n++;
            k++;
        }
        if (k === k0)
            return;
        lines.count = n;
        this.k = k;
        this.pos = lines.lineEnd[n - 1] + 2;
    }
    /**
     * Indexes the next line when its bytes are exactly `line`, a line of the usual shape that our writer
     * has just written (so valid; `pathLength`: its path's length, all ASCII) and it is followed by `,\n` or
     * the end. False, with nothing changed, otherwise: then `next` checks the line the usual way.
     */
    nextRepeating(line, pathLength) {
        if (this.done || this.failed)
            return false;
        const { lines, end, pos } = this;
        const raw = lines.raw;
        const n = lines.count;
        const stop = pos + line.length;
        if (stop > end)
            return false;
        if (n >= lines.lineStart.length)
            this.grow();
        if (stop < end && (raw[stop] !== COMMA || stop + 1 >= end || raw[stop + 1] !== NL))
            return false;
        if (line.compare(raw, pos, stop) !== 0)
            return false;
        // EntryComparer only asks after the line before was found to come before this entry, but record
        // checks the order of every line this scanner indexes, whoever asks.
        if (!this.record(pos, stop, pos + PATH_OPEN.length, pos + PATH_OPEN.length + pathLength))
            return false;
        if (stop === end)
            this.done = true;
        else
            this.pos = stop + 2;
        return true;
    }
    /**
     * Indexes line `count` at [pos, stop) (`pathStart` -1: a parsed line, its entry in `parsed`); false, and
     * failed, when its path does not come after the line before.
     */
    record(pos, stop, pathStart, pathEnd) {
        const lines = this.lines;
        const n = lines.count;
        lines.lineStart[n] = pos;
        lines.lineEnd[n] = stop;
        lines.pathStart[n] = pathStart;
        lines.pathEnd[n] = pathEnd;
        lines.count = n + 1;
        return n === 0 || comparePaths(lines, n - 1, lines, n) < 0 || this.fail();
    }
    /** Room for more lines: the index arrays grow by half. */
    grow() {
        const l = this.lines;
        const cap = l.lineStart.length + (l.lineStart.length >> 1) + 16;
        l.lineStart = grown(l.lineStart, cap);
        l.lineEnd = grown(l.lineEnd, cap);
        l.pathStart = grown(l.pathStart, cap);
        l.pathEnd = grown(l.pathEnd, cap);
        l.repeats = grown(l.repeats, cap).fill(-1, l.repeats.length);
    }
    fail() {
        this.failed = true;
        return false;
    }
}
/**
 * How many lines the entries between `first` and `end` will make, from the line length in their first
 * 64 KiB, with a little to spare. Counting every newline took 100k native calls per manifest, and arrays
 * sized from the byte length were ~9 MB each for 100k entries; a wrong guess only costs a grow().
 */
function expectedLines(raw, first, end) {
    const sampleEnd = Math.min(end, first + 65536);
    let lines = 0;
    for (let i = raw.indexOf(NL, first); i >= 0 && i < sampleEnd; i = raw.indexOf(NL, i + 1))
        lines++;
    if (lines === 0)
        return 16;
    return Math.ceil(((end - first) / (sampleEnd - first)) * lines * 1.02) + 16;
}
function grown(a, cap) {
    const b = new Int32Array(cap);
    b.set(a);
    return b;
}
/**
 * When the line at `pos` is exactly `{"path":"P","type":"file","size":S,"mode":M,"digest":"D"}`,
 * `{"path":"P","type":"dir","size":S,"mode":M}` or `{"path":"P","type":"symlink","size":S,"mode":M,
 * "target":"T"}` with values decode accepts as they are (P printable ASCII without escapes and a valid
 * relative path, S a safe integer, M at most 4095, D lower-case hex of the algorithm's length, T non-empty
 * printable ASCII without escapes), the offset just after its `}`, and `usualPathEnd` is where P ends;
 * otherwise -1.
 */
function usualLine(raw, pos, end, digestLength) {
    if (!startsWith(raw, pos, PATH_OPEN))
        return -1;
    let p = pos + PATH_OPEN.length;
    const pathStart = p;
    let segStart = p;
    for (; p < end; p++) {
        const k = TEXT_BYTE[raw[p]];
        if (k === PLAIN)
            continue;
        if (k === QUOTE_BYTE)
            break;
        if (k === BAD_BYTE || badSegment(raw, segStart, p))
            return -1;
        segStart = p + 1; // a slash
    }
    if (p === pathStart || p >= end || badSegment(raw, segStart, p))
        return -1;
    const pathEnd = p;
    if (!startsWith(raw, p, TYPE_OPEN))
        return -1;
    p += TYPE_OPEN.length;
    const type = raw[p];
    const typeEnd = type === 0x66 ? FILE_SIZE : type === 0x64 ? DIR_SIZE : type === 0x73 ? SYMLINK_SIZE : undefined;
    if (typeEnd === undefined || !startsWith(raw, p, typeEnd))
        return -1;
    p += typeEnd.length;
    const sizeEnd = digitsEnd(raw, p, end, 15);
    if (sizeEnd < 0 || !startsWith(raw, sizeEnd, MODE))
        return -1;
    p = sizeEnd + MODE.length;
    const modeEnd = digitsEnd(raw, p, end, 4);
    if (modeEnd < 0)
        return -1;
    let mode = 0;
    for (let k = p; k < modeEnd; k++)
        mode = mode * 10 + raw[k] - 0x30;
    if (mode > 0o7777)
        return -1;
    p = modeEnd;
    if (typeEnd === FILE_SIZE) {
        if (!startsWith(raw, p, DIGEST))
            return -1;
        p += DIGEST.length;
        const digestEnd = p + digestLength;
        if (digestEnd + 2 > end)
            return -1;
        for (; p < digestEnd; p++)
            if (HEX[raw[p]] === 0)
                return -1;
        if (raw[p] !== QUOTE)
            return -1;
        p++;
    }
    else if (typeEnd === SYMLINK_SIZE) {
        if (!startsWith(raw, p, TARGET))
            return -1;
        p += TARGET.length;
        const targetStart = p;
        while (p < end && TEXT_BYTE[raw[p]] !== QUOTE_BYTE)
            if (TEXT_BYTE[raw[p++]] === BAD_BYTE)
                return -1;
        if (p === targetStart || p >= end)
            return -1;
        p++;
    }
    if (raw[p] !== 0x7d || p >= end)
        return -1;
    usualPathEnd = pathEnd;
    return p + 1;
}
/** Where the path of the line usualLine accepted last ends. */
let usualPathEnd = -1;
/**
 * When the bytes at `pos` repeat base line `k` (a usual line, so already checked) and end where a line
 * ends, the offset just after them; otherwise -1.
 */
function sameAsBase(raw, pos, end, base, k) {
    if (k >= base.count || base.pathStart[k] < 0)
        return -1;
    const s = base.lineStart[k];
    const stop = pos + base.lineEnd[k] - s;
    if (stop > end || (stop < end && raw[stop] !== COMMA))
        return -1;
    return sameBytes(raw, pos, base.raw, s, stop - pos) ? stop : -1;
}
/**
 * How many bytes from `xs` in `x` (up to `xEnd`) equal those from `ys` in `y`, found with Buffer#compare
 * on doubling lengths and then halving ones; exact to within MATCH_SLACK bytes, never more than the truth.
 */
function equalLength(x, xs, xEnd, y, ys) {
    const max = Math.min(xEnd - xs, y.length - ys);
    const same = (from, to) => x.compare(y, ys + from, ys + to, xs + from, xs + to) === 0;
    let lo = 0;
    let step = 4096;
    while (lo < max) {
        const hi = Math.min(lo + step, max);
        if (same(lo, hi)) {
            lo = hi;
            step *= 2;
            continue;
        }
        // The first difference lies in [lo, hi): narrow it down by halves.
        let top = hi;
        while (top - lo > MATCH_SLACK) {
            const mid = (lo + top) >> 1;
            if (same(lo, mid))
                lo = mid;
            else
                top = mid;
        }
        return lo;
    }
    return lo;
}
/** equalLength's precision: lines around a difference are compared one by one anyway. */
const MATCH_SLACK = 256;
/** Byte equality of two ranges; a plain loop beats Buffer#compare's argument checks on ~100-byte lines. */
function sameBytes(x, xs, y, ys, n) {
    for (let k = 0; k < n; k++)
        if (x[xs + k] !== y[ys + k])
            return false;
    return true;
}
/** True for an empty, `.` or `..` segment between `s` and `e`. */
function badSegment(raw, s, e) {
    const n = e - s;
    return n === 0 || (raw[s] === DOT && (n === 1 || (n === 2 && raw[s + 1] === DOT)));
}
/** End of a JSON integer of 1…`max` digits without a leading zero at `p`, or -1. */
function digitsEnd(raw, p, end, max) {
    let q = p;
    while (q < end && q - p <= max && raw[q] >= 0x30 && raw[q] <= 0x39)
        q++;
    const n = q - p;
    if (n === 0 || n > max || (n > 1 && raw[p] === 0x30))
        return -1;
    return q;
}
function startsWith(raw, pos, lit) {
    if (pos + lit.length > raw.length)
        return false;
    for (let k = 0; k < lit.length; k++)
        if (raw[pos + k] !== lit[k])
            return false;
    return true;
}
/** Path order as decode and diff use it (UTF-16 code units): on the bytes when both are usual lines. */
function comparePaths(x, i, y, j) {
    const xs = x.pathStart[i];
    const ys = y.pathStart[j];
    if (xs >= 0 && ys >= 0) {
        // Printable ASCII: byte order is code-unit order.
        const xe = x.pathEnd[i];
        const ye = y.pathEnd[j];
        const xr = x.raw;
        const yr = y.raw;
        const n = Math.min(xe - xs, ye - ys);
        for (let k = 0; k < n; k++) {
            const d = xr[xs + k] - yr[ys + k];
            if (d !== 0)
                return d;
        }
        return xe - xs - (ye - ys);
    }
    const p = pathAt(x, i);
    const q = pathAt(y, j);
    return p < q ? -1 : p > q ? 1 : 0;
}
function pathAt(x, i) {
    const s = x.pathStart[i];
    return s >= 0 ? x.raw.toString('latin1', s, x.pathEnd[i]) : x.parsed.get(i).path;
}
function sameLine(x, i, y, j) {
    const n = x.lineEnd[i] - x.lineStart[i];
    return n === y.lineEnd[j] - y.lineStart[j] && sameBytes(x.raw, x.lineStart[i], y.raw, y.lineStart[j], n);
}
/** The entry decode would give for line `i`: a usual line is parsed now (it is ASCII, checked above). */
function entryAt(x, i) {
    if (x.pathStart[i] < 0)
        return x.parsed.get(i);
    return JSON.parse(x.raw.toString('latin1', x.lineStart[i], x.lineEnd[i]));
}

// EXTERNAL MODULE: ./src/engine/policy.ts
var policy = __webpack_require__(7542);
// EXTERNAL MODULE: ./src/engine/types.ts
var types = __webpack_require__(3171);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/stores/cache-key.ts
var cache_key = __webpack_require__(5254);
// EXTERNAL MODULE: ./src/engine/markdown.ts
var markdown = __webpack_require__(1850);
;// CONCATENATED MODULE: ./src/gate.ts
/**
 * The gate itself, shared by the CLI and the action: load the baseline, scan, compare, decide, save.
 * No @actions import: side effects come in through the BaselineStore and the Logger.
 */










/** Decompresses a baseline and checks its header (or all of it, when signed or not in our layout). */
function openBaseline(bytes, s) {
    const raw = (0,engine_manifest/* inflateManifest */.HB)(bytes);
    if (s.key === undefined) {
        const header = quickHeader(raw);
        if (header) {
            (0,engine_manifest/* checkGate */.Ks)(header, s.gate);
            return { header, raw, comparer: EntryComparer.open(raw, header) };
        }
    }
    const decoded = (0,engine_manifest/* decodeInflated */.qn)(raw, { key: s.key, expectGate: s.gate });
    return { header: decoded.header, decoded };
}
/**
 * diffManifests(baseline, manifest). The line-by-line path checks every baseline line too (it answers only
 * when decode would accept the file) and compares them with the scan's entries directly, so no second
 * text is built; when it cannot vouch, the full decode gives the answer or the precise error.
 */
function diffWithBaseline(base, manifest, s) {
    if (base.comparer) {
        const quick = base.comparer.finish(manifest.header);
        if (quick)
            return quick;
    }
    const decoded = base.decoded ?? (0,engine_manifest/* decodeInflated */.qn)(base.raw, { key: s.key, expectGate: s.gate });
    return (0,engine_diff/* diffManifests */.e)(decoded, manifest);
}
/** Scans the root into a manifest with this run's header. */
async function scanToManifest(s) {
    const createdAt = new Date().toISOString();
    const scanned = await scan(scanOptions(s));
    const header = headerFor(s, createdAt, await s.pendingCommit);
    return { manifest: { header, entries: scanned.entries }, scanned };
}
/**
 * scanToManifest plus the encoded manifest (signed with `s.key`), written while the scan still hashes:
 * on a large tree that saves most of the serialise + compress time after the scan.
 */
async function scanEncoded(s, alsoOnEntry) {
    const createdAt = new Date().toISOString();
    // The header starts the manifest, so with a commit still pending the writer opens when the first entry
    // is handed on (or after the scan, for a tree without entries); the scan waits for it only then.
    let opened;
    const open = (commit) => {
        const header = headerFor(s, createdAt, commit);
        opened = { header, writer: new engine_manifest/* ManifestWriter */.fU(header, { key: s.key }) };
        return opened;
    };
    if (s.pendingCommit === undefined)
        open(undefined);
    // The writer checks each entry first (and throws on a bad one); then the comparer sees it too, with the
    // line the writer wrote for it.
    const add = ({ writer }, e) => {
        const wait = writer.add(e);
        alsoOnEntry?.(e, writer.lastLine());
        return wait;
    };
    let failed = false;
    const onEntry = (e) => opened
        ? add(opened, e)
        : s.pendingCommit.then((c) => failed ? undefined : add(opened ?? open(c), e));
    let scanned;
    try {
        scanned = await scan({ ...scanOptions(s), onEntry });
    }
    catch (e) {
        failed = true;
        opened?.writer.abandon();
        throw e;
    }
    const { header, writer } = opened ?? open(await s.pendingCommit);
    const manifestBytes = await writer.finish();
    return { manifest: { header, entries: scanned.entries }, scanned, manifestBytes };
}
function scanOptions(s) {
    return {
        root: s.root,
        algorithm: s.algorithm,
        include: s.include,
        exclude: s.exclude,
        alwaysExclude: s.alwaysExclude,
        onProgress: s.onProgress,
    };
}
/**
 * The manifest header of this run. createdAt is when the scan starts: the tree is as of then or later.
 * `commit`: the pending commit once known (see GateSettings.pendingCommit).
 */
function headerFor(s, createdAt, commit) {
    const provenance = commit === undefined ? s.provenance : { ...s.provenance, commit };
    return {
        format: types/* MANIFEST_FORMAT */.Sn,
        version: types/* MANIFEST_VERSION */.hh,
        tool: version/* VERSION */.x,
        algorithm: s.algorithm,
        include: s.include,
        exclude: s.exclude,
        createdAt,
        gate: s.gate,
        ...(hasProvenance(provenance) ? { provenance } : {}),
    };
}
/** `baseline` mode / `snapshot`: scan and save unconditionally (a failed save is an error). */
async function snapshot(store, s) {
    if (s.saveRefusedBecause)
        throw new Error(`Refusing to save a baseline: ${s.saveRefusedBecause}`);
    const { manifest, scanned, manifestBytes } = await scanEncoded(s);
    const { key } = await store.save(manifestBytes, manifest.header.createdAt);
    s.log.info(`Saved baseline of ${scanned.entries.length} entries to ${store.description} (${key}).`);
    warnUnmatched(s, scanned, []);
    const report = buildReport(s, scanned, undefined, [], []);
    report.verdict = { ...report.verdict, result: 'clean' };
    return { result: 'baseline-saved', pass: true, report, manifest, manifestBytes, savedKey: key };
}
/** `verify` mode: compare with the stored baseline and decide. */
async function verify(store, s) {
    // Load, decompress and check the header before scanning: a broken store fails fast and closed.
    const stored = await store.load();
    const base = stored ? openBaseline(stored.bytes, s) : undefined;
    if (stored && base)
        checkRepository(base.header, s, stored.key);
    const comparer = base?.comparer;
    const { manifest, scanned, manifestBytes } = await scanEncoded(s, comparer && ((e, line) => comparer.add(e, line)));
    if (!stored || !base)
        return missingBaseline(store, s, scanned, manifest, manifestBytes);
    checkReplay(base.header, stored.key, s);
    const diff = diffWithBaseline(base, manifest, s);
    warnUnmatched(s, scanned, diff.changes);
    const git = s.explain && diff.changes.length > 0
        ? await s.explain(diff.changes, base.header.provenance?.commit)
        : undefined;
    const verdict = (0,policy/* applyPolicy */.VC)(diff, s.policy);
    const info = {
        source: s.source,
        key: stored.key,
        createdAt: base.header.createdAt,
        commit: base.header.provenance?.commit,
        signed: s.key !== undefined,
    };
    const report = buildReport(s, scanned, info, diff.changes, diff.incompatible);
    report.verdict = verdict;
    if (git)
        report.git = git;
    const outcome = {
        result: verdict.result,
        pass: verdict.pass,
        report,
        manifest,
        manifestBytes,
    };
    const wantSave = s.update === 'always' || (s.update === 'on-pass' && verdict.pass && verdict.counts.changes > 0);
    if (wantSave) {
        if (s.saveRefusedBecause) {
            s.log.warning(`Not saving a new baseline: ${s.saveRefusedBecause}`);
        }
        else {
            const { key } = await store.save(manifestBytes, manifest.header.createdAt);
            outcome.savedKey = key;
            s.log.info(`Rolled the baseline forward: saved ${key}.`);
        }
    }
    return outcome;
}
/**
 * Warns about globs that match nothing and about an empty scan: both usually mean a typo, and a gate that
 * watches nothing passes forever. Warnings, not failures: an empty folder or an unused allow glob can be
 * deliberate.
 */
function warnUnmatched(s, scanned, changes) {
    if (scanned.entries.length === 0) {
        s.log.warning(`The scan of ${s.root} recorded no entries: check path, include and exclude. A gate that watches nothing always passes.`);
    }
    if (s.include.length + s.policy.allow.length + s.policy.protected.length === 0)
        return;
    const paths = scanned.entries.map((e) => e.path);
    for (const c of changes) {
        paths.push(c.path);
        if (c.from !== undefined)
            paths.push(c.from);
    }
    const lists = { include: s.include, allow: s.policy.allow, protected: s.policy.protected };
    for (const { list, glob } of (0,globs/* unmatchedGlobs */.Zq)(lists, paths)) {
        s.log.warning(`The ${list} glob '${(0,markdown/* makeVisible */.Xm)(glob)}' matches no path in the tree or the baseline: check it for a typo.`);
    }
}
async function missingBaseline(store, s, scanned, manifest, manifestBytes) {
    warnUnmatched(s, scanned, []);
    const report = buildReport(s, scanned, undefined, [], []);
    const base = { report, manifest, manifestBytes };
    if (s.onMissing === 'fail') {
        const reason = `No baseline found for gate '${s.gate}' in ${store.description} and on-missing-baseline is 'fail'.`;
        report.verdict = { ...report.verdict, pass: false, result: 'violation', reasons: [reason] };
        s.log.warning(reason);
        return { ...base, result: 'violation', pass: false };
    }
    if (s.onMissing === 'warn') {
        s.log.warning(`No baseline found for gate '${s.gate}' in ${store.description}; nothing was compared.`);
        return { ...base, result: 'no-baseline', pass: true };
    }
    if (s.saveRefusedBecause) {
        // Without a baseline and without the right to create one, nothing was verified: fail closed.
        const reason = `No baseline found for gate '${s.gate}' and none can be created: ${s.saveRefusedBecause}`;
        report.verdict = { ...report.verdict, pass: false, result: 'violation', reasons: [reason] };
        s.log.warning(reason);
        return { ...base, result: 'violation', pass: false };
    }
    const { key } = await store.save(manifestBytes, manifest.header.createdAt);
    s.log.info(`No baseline found for gate '${s.gate}': created one from this scan (${scanned.entries.length} entries) at ${key}.`);
    return { ...base, result: 'baseline-created', pass: true, savedKey: key };
}
function buildReport(s, scanned, baseline, changes, incompatible) {
    return newReport({
        gate: s.gate,
        root: s.root,
        algorithm: s.algorithm,
        scanned,
        baseline,
        changes,
        incompatible,
    });
}
/**
 * A report with a passing, empty verdict (the caller sets the real one): one place that knows which scan
 * entries are problems and how an empty count looks.
 */
function newReport(o) {
    return {
        gate: o.gate,
        root: o.root,
        algorithm: o.algorithm,
        verdict: { pass: true, result: 'clean', counts: (0,policy/* countChanges */.xS)([], o.scanned.entries.length), reasons: [] },
        changes: o.changes ?? [],
        incompatible: o.incompatible ?? [],
        baseline: o.baseline,
        scan: o.scanned.stats,
        problems: o.scanned.entries.filter((e) => e.error !== undefined || e.unstable),
    };
}
/**
 * A refusal that can mean someone tampered with the baseline or the job's own files (a replayed or foreign
 * baseline, the watch-job scan modified): a verify that ends this way files an incident like a failed
 * verdict does, with `create-issue`.
 */
class TamperSuspected extends Error {
    constructor(message) {
        super(message);
        this.name = 'TamperSuspected';
    }
}
/** Baseline refusals of the manifest decoder that point at tampering rather than at a setting or an outage. */
// Not `signature-unexpected` (a signed baseline, no key given): that is a missing or renamed secret.
const TAMPER_CODES = new Set(['signature-missing', 'signature-mismatch', 'gate-mismatch', 'foreign']);
/** Whether an error that stopped a verify is a sign of tampering (and so worth an incident). */
function isTamperSignal(e) {
    return e instanceof TamperSuspected || (e instanceof engine_manifest/* ManifestError */.Sh && TAMPER_CODES.has(e.code));
}
/**
 * A baseline recorded for another repository (a shared cache, a copied file) describes someone else's
 * tree: comparing against it would be meaningless at best and an attacker's choice at worst.
 */
function checkRepository(header, s, where) {
    const theirs = header.provenance?.repository;
    const ours = s.provenance.repository;
    if (theirs && ours && theirs.toLowerCase() !== ours.toLowerCase()) {
        throw new TamperSuspected(`The baseline ${where} was recorded for repository '${(0,markdown/* makeVisible */.Xm)(theirs)}', not '${ours}': refusing to compare against it.`);
    }
}
function hasProvenance(p) {
    return Object.values(p).some((v) => v !== undefined && v !== '');
}
/**
 * Refuses a signed baseline restored from the cache under a key that is not the one its own run saved it
 * under. This closes replay by re-upload: an attacker with cache write access can store an old, validly signed
 * baseline under a new key so it restores as the newest, but cannot re-sign its header, and the key's run id,
 * attempt and time must all be the header's (runId, runAttempt, createdAt: the gate stamps the key with the
 * manifest's createdAt). The old key itself cannot be stored again while its entry exists (keys are
 * immutable). A signed cache baseline without a run id is refused: this gate always records one. (Replay by
 * deleting or evicting the newer entries is not detectable: nothing outside the cache remembers them; see
 * SECURITY.md.)
 */
function checkReplay(header, key, s) {
    if (s.source !== 'cache' || s.key === undefined)
        return;
    const run = header.provenance?.runId;
    const attempt = header.provenance?.runAttempt ?? '1';
    const k = (0,cache_key/* keySegments */["in"])(key);
    // decode has checked createdAt (ISO 8601 UTC); saving stamped the key from the same value.
    const time = (0,cache_key/* timeSegment */.ZM)(new Date(header.createdAt));
    if (run === undefined || !k || k.runId !== run || k.runAttempt !== attempt || k.time !== time) {
        const saved = run === undefined
            ? 'records no run id'
            : `was saved by run ${(0,markdown/* makeVisible */.Xm)(run)} attempt ${(0,markdown/* makeVisible */.Xm)(attempt)} at ${(0,markdown/* makeVisible */.Xm)(header.createdAt)}`;
        throw new TamperSuspected(`The signed baseline restored from cache key ${key} ${saved}, which ` +
            'does not match the key: an older baseline was re-uploaded under a new key (replay). Refusing it.');
    }
}


/***/ }),

/***/ 8422:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ getInputs)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3838);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7242);
/* harmony import */ var _engine_digest_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8996);
/* harmony import */ var _engine_policy_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7542);
/* harmony import */ var _engine_globs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1761);
/**
 * Reads and validates every action input into one settings object. Each error names the input and the
 * expected form, so a typo in a workflow fails the step with a message that says what to fix.
 */






const GATE_NAME = /^[A-Za-z0-9._-]{1,100}$/;
/** Reads all inputs; throws an Error naming the offending input. */
function getInputs(env = process.env) {
    const workspace = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(env.GITHUB_WORKSPACE || process.cwd());
    const mode = choice(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.Mode, 'verify', _constants_js__WEBPACK_IMPORTED_MODULE_2__/* .MODES */ .FN);
    const root = resolveIn(workspace, _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.Path) || '.', _constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.Path, true);
    const gate = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.BaselineName) || 'default';
    if (!GATE_NAME.test(gate) || gate.startsWith('.')) {
        throw new Error(`Invalid ${_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.BaselineName} '${gate}'. Expected 1-100 letters, digits, '.', '_' or '-', not starting with '.'.`);
    }
    const key = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.SigningKey);
    const requireSigning = bool(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.RequireSigning, false);
    // A workflow cannot tell "no secret" from "empty secret": `${{ secrets.TYPO }}` and secrets withheld
    // from fork pull requests both arrive as ''. Without this check that turns signing off silently, and a
    // planted unsigned baseline would be accepted.
    if (requireSigning && !key && mode !== 'lessons-learned') {
        throw new Error(`${_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.RequireSigning} is true but ${_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.SigningKey} is empty: check that the secret exists and is passed ` +
            `to this workflow (secrets are not given to workflows run from forks).`);
    }
    // The runner hands a secret over as UTF-8 text, every invalid byte as U+FFFD: binary keys that differ only
    // there would sign alike (a random 32-byte key keeps about half its bytes). Refused, as the CLI does.
    if (key.includes('\uFFFD')) {
        throw new Error(`${_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.SigningKey} is not valid UTF-8 text: use a text key, e.g. the output of openssl rand -hex 32.`);
    }
    const baselineFile = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.BaselineFile);
    const template = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.ChecklistTemplate);
    const sarif = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.SarifFile);
    const issueNumberText = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.IssueNumber);
    let issueNumber;
    if (issueNumberText) {
        if (!/^[1-9][0-9]{0,9}$/.test(issueNumberText)) {
            throw new Error(`Invalid ${_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.IssueNumber} '${issueNumberText}'. Expected a positive issue number.`);
        }
        issueNumber = Number(issueNumberText);
    }
    const includeText = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.Include);
    const include = globList(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.Include, includeText);
    const exclude = globList(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.Exclude, _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.Exclude));
    const protectedGlobs = globList(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.Protected, _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.Protected));
    named(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.Protected, () => (0,_engine_globs_js__WEBPACK_IMPORTED_MODULE_5__/* .checkProtectedScanned */ .fT)(protectedGlobs, exclude));
    return {
        mode,
        root,
        workspace,
        // `**` is the documented default and the same as "no include filter".
        include: include.length === 1 && include[0] === '**' ? [] : include,
        exclude,
        allow: globList(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.Allow, _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.Allow)),
        protected: protectedGlobs,
        failOn: named(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.FailOn, () => (0,_engine_policy_js__WEBPACK_IMPORTED_MODULE_4__/* .parseFailOn */ .XV)(_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.FailOn) || 'unexpected')),
        algorithm: named(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.Algorithm, () => (0,_engine_digest_js__WEBPACK_IMPORTED_MODULE_3__/* .parseAlgorithm */ .f5)(_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.Algorithm) || 'sha256', (m) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(m))),
        gate,
        baselineFile: baselineFile ? resolveIn(workspace, baselineFile, _constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.BaselineFile, false) : undefined,
        onMissing: choice(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.OnMissingBaseline, 'create', ['create', 'fail', 'warn']),
        update: choice(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.UpdateBaseline, 'on-pass', ['on-pass', 'always', 'never']),
        signingKey: key ? Buffer.from(key, 'utf8') : undefined,
        requireSigning,
        watchJob: bool(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.WatchJob, false),
        createIssue: bool(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.CreateIssue, false),
        issueLabels: list(_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.IssueLabels) || 'integrity-incident'),
        issueAssignees: list(_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.IssueAssignees)).map((a) => a.replace(/^@/, '')),
        checklist: bool(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.Checklist, true),
        checklistTemplate: template ? resolveIn(workspace, template, _constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.ChecklistTemplate, false) : undefined,
        issueNumber,
        sarifFile: sarif ? resolveIn(workspace, sarif, _constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.SarifFile, false, true) : undefined,
        token: _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.GithubToken),
        allowUntrustedSave: bool(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.AllowUntrustedSave, false),
        explainWithGit: bool(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.ExplainWithGit, true),
        watchActions: bool(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.WatchActions, false),
        actionsPath: actionsPathInput(env),
    };
}
/**
 * The runner's downloaded-actions folder. The runner keeps it at `<work>/_actions` next to `<work>/_temp`
 * (RUNNER_TEMP) and `<work>/<repo>` (RUNNER_WORKSPACE); on GitHub-hosted Linux runners that is
 * /home/runner/work/_actions. An explicit `actions-path` wins (a relative one is taken from the workspace).
 */
function actionsPathInput(env) {
    const given = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.ActionsPath);
    if (given.includes('\u0000'))
        throw new Error(`Invalid ${_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Inputs */ .G0.ActionsPath}: contains a NUL character.`);
    if (given)
        return node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(env.GITHUB_WORKSPACE || process.cwd(), given);
    if (env.RUNNER_TEMP)
        return node_path__WEBPACK_IMPORTED_MODULE_1__.join(node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(env.RUNNER_TEMP)), '_actions');
    if (env.RUNNER_WORKSPACE)
        return node_path__WEBPACK_IMPORTED_MODULE_1__.join(node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(env.RUNNER_WORKSPACE)), '_actions');
    return undefined;
}
function choice(name, fallback, valid) {
    const value = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name) || fallback;
    if (valid.includes(value))
        return value;
    throw new Error(`Invalid ${name} '${value}'. Expected one of: ${valid.join(', ')}.`);
}
function bool(name, fallback) {
    const value = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getInput */ .V4(name).trim().toLowerCase();
    if (value === '')
        return fallback;
    if (value === 'true')
        return true;
    if (value === 'false')
        return false;
    throw new Error(`Invalid ${name} '${value}'. Expected true or false.`);
}
function named(name, fn) {
    try {
        return fn();
    }
    catch (e) {
        throw new Error(`Invalid ${name}: ${e.message}`);
    }
}
function globList(name, text) {
    const globs = (0,_engine_globs_js__WEBPACK_IMPORTED_MODULE_5__/* .splitLines */ .uz)(text);
    for (const g of globs)
        named(name, () => (0,_engine_globs_js__WEBPACK_IMPORTED_MODULE_5__/* .validateGlob */ .fN)(g));
    return globs;
}
/** Labels and assignees: comma- or newline-separated. */
function list(text) {
    return text
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
}
/**
 * Resolves a path input against the workspace. The scan root may be absolute anywhere (documented);
 * files the action reads or writes on the user's behalf must stay inside the workspace or RUNNER_TEMP.
 */
function resolveIn(workspace, value, name, allowOutside, output = false) {
    if (value.includes('\u0000'))
        throw new Error(`Invalid ${name}: contains a NUL character.`);
    const abs = node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(workspace, value);
    if (allowOutside)
        return abs;
    const temp = process.env.RUNNER_TEMP ? node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(process.env.RUNNER_TEMP) : undefined;
    const inside = (base) => abs === base || abs.startsWith(base + node_path__WEBPACK_IMPORTED_MODULE_1__.sep);
    if (inside(workspace) || (output && temp && inside(temp)))
        return abs;
    throw new Error(`Invalid ${name} '${value}'. Expected a path inside the workspace ${workspace}.`);
}


/***/ }),

/***/ 5254:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OI: () => (/* binding */ kindSegment),
/* harmony export */   Vs: () => (/* binding */ cachePrefix),
/* harmony export */   ZM: () => (/* binding */ timeSegment),
/* harmony export */   "in": () => (/* binding */ keySegments),
/* harmony export */   k$: () => (/* binding */ cacheKey)
/* harmony export */ });
/* unused harmony exports KEY_FORMAT_VERSION, MAX_KEY_LENGTH, gateSegment, osSegment */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * The Actions cache key scheme for baselines (pure: no I/O, no @actions import).
 *
 *   integrity-gate-v1-<os>-<gate>-<runId>-<runAttempt>-<timestamp>
 *   integrity-gate-v1-<os>-<gate>.actions-<runId>-<runAttempt>-<timestamp>   (watch-actions)
 *   └──────────── cachePrefix(gate, os) ─────────┘
 *
 * Cache entries are immutable, so every run and attempt saves under a new key, and a restore asks for the
 * prefix: the service answers with the newest entry whose key starts with it. That makes the prefix a security
 * boundary: gate `a` must never match gate `a-b`'s keys. So no segment of the prefix may contain `-`: the gate
 * becomes `<slug>.<hash>` (a readable slug of `[a-z0-9_]` plus 16 hex digits of its SHA-256), which is also how
 * distinct names that slug alike (`My Gate`, `my-gate`) stay apart, and keeps any name within the client's key
 * rules (at most 512 characters, no commas).
 *
 * The downloaded-actions baseline of a gate (watch-actions) is a second baseline under the same gate: its gate
 * segment gets the suffix `.actions`, still without `-`. Neither prefix is a prefix of the other's keys: after
 * `<slug>.<hash>` the tree prefix has `-` where the actions keys have `.`, so the tree's restore never matches
 * the actions baseline, nor the other way round.
 */

/** Bumped when the stored format changes so that older entries are no longer matched. */
const KEY_FORMAT_VERSION = 'v1';
/** The client refuses longer keys (`checkKey` in @actions/cache). */
const MAX_KEY_LENGTH = 512;
const SLUG_MAX = 40;
/** The gate segment of the key and of the archived file's name: `<slug>.<16 hex>`, never containing `-`. */
function gateSegment(gate) {
    if (gate.length === 0)
        throw new Error('The gate name (baseline-name) is empty; give it a name.');
    const slug = gate
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[^a-z0-9_]+/g, '_')
        .replace(/^_+|_+$/g, '')
        .slice(0, SLUG_MAX) || 'gate';
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(gate, 'utf8').digest('hex').slice(0, 16);
    return `${slug}.${hash}`;
}
/**
 * The OS segment: lower case, with Node's platform names mapped to the runner's (`darwin` → `macos`,
 * `win32` → `windows`) so `RUNNER_OS` and `os.platform()` give the same key.
 */
function osSegment(os) {
    const lower = os.toLowerCase();
    const mapped = lower === 'darwin' ? 'macos' : lower === 'win32' ? 'windows' : lower;
    if (!/^[a-z0-9_]{1,32}$/.test(mapped)) {
        throw new Error(`Invalid OS name '${os}' for the cache key. Expected letters, digits or '_' (e.g. Linux).`);
    }
    return mapped;
}
/** The gate segment for a kind: `<slug>.<hash>` for the tree, `<slug>.<hash>.actions` for the actions. */
function kindSegment(gate, kind = 'tree') {
    return kind === 'actions' ? `${gateSegment(gate)}.actions` : gateSegment(gate);
}
/** The prefix every baseline of this gate on this OS shares; restore asks for the newest key starting with it. */
function cachePrefix(gate, os, kind = 'tree') {
    return `integrity-gate-${KEY_FORMAT_VERSION}-${osSegment(os)}-${kindSegment(gate, kind)}-`;
}
function digits(value, name) {
    const text = String(value);
    if (!/^[0-9]{1,20}$/.test(text))
        throw new Error(`Invalid ${name} '${text}' for the cache key. Expected digits.`);
    return text;
}
/** The time segment of a key: the UTC time to the millisecond, e.g. `20261128T093512345Z`. */
function timeSegment(time) {
    if (Number.isNaN(time.getTime()))
        throw new Error('Invalid time for the cache key.');
    return time.toISOString().replace(/[-:.]/g, '');
}
/** The run id, attempt and time segments of a key of this scheme; undefined for any other key. */
function keySegments(key) {
    const m = /-([0-9]{1,20})-([0-9]{1,20})-([0-9]{8}T[0-9]{9}Z)$/.exec(key);
    return m ? { runId: m[1], runAttempt: m[2], time: m[3] } : undefined;
}
/**
 * A unique, immutable key for one save: the prefix plus run id, attempt and a UTC timestamp (ms). The gate
 * stamps it with the manifest's `createdAt`, so a signed header pins its whole key (see checkReplay in
 * gate.ts).
 */
function cacheKey(parts) {
    const stamp = timeSegment(parts.time);
    const key = `${cachePrefix(parts.gate, parts.os, parts.kind)}${digits(parts.runId, 'run id')}-${digits(parts.runAttempt, 'run attempt')}-${stamp}`;
    if (key.length > MAX_KEY_LENGTH || key.includes(',')) {
        // Cannot happen with the segments above; kept so a future change to the scheme cannot slip past the client.
        throw new Error(`Cache key '${key}' breaks the cache's key rules (at most 512 characters, no commas).`);
    }
    return key;
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ VERSION)
/* harmony export */ });
/** integrity-gate's version, written into every manifest header. A test keeps it equal to package.json. */
const VERSION = '0.1.0';


/***/ })

};
