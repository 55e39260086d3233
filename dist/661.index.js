export const id = 661;
export const ids = [661];
export const modules = {

/***/ 6661:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runPost: () => (/* binding */ runPost)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3838);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_3__);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2462);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8422);
/* harmony import */ var _engine_policy_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7542);
/* harmony import */ var _gate_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3229);
/* harmony import */ var _action_file_incident_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(2485);
/* harmony import */ var _action_publish_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(2158);
/* harmony import */ var _action_log_js__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(8592);
/**
 * The post step. With `watch-job: true` it re-hashes the root the main step scanned and reports every
 * change made during the job (a step that rewrote sources, a compromised action), failing per fail-on.
 */











/** Runs the post step; does nothing unless the main step asked for a watch. */
async function runPost() {
    let settings;
    try {
        const watch = (0,_state_js__WEBPACK_IMPORTED_MODULE_4__/* .getWatch */ .Qi)();
        if (!watch)
            return;
        // The runner evaluates a post step's inputs again at the job's end, with the env context the job's
        // steps may have rewritten through $GITHUB_ENV (`fail-on: ${{ env.X }}`): what is judged, and how,
        // is what the main step saved in its state, which no step can change.
        settings = {
            ...(0,_inputs_js__WEBPACK_IMPORTED_MODULE_5__/* .getInputs */ .G)(),
            root: watch.root,
            workspace: watch.workspace,
            gate: watch.gate,
            allow: watch.allow,
            protected: watch.protected,
            failOn: (0,_engine_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .parseFailOn */ .XV)(watch.failOn),
        };
        // The root the main step scanned is gone or no longer a folder: that happened during the job.
        let rootIsDir = false;
        try {
            rootIsDir = node_fs__WEBPACK_IMPORTED_MODULE_1__.statSync(watch.root).isDirectory();
        }
        catch {
            rootIsDir = false;
        }
        if (!rootIsDir) {
            throw new _gate_js__WEBPACK_IMPORTED_MODULE_7__/* .TamperSuspected */ .i0(`watch-job: the scanned root ${watch.root} was removed or replaced during the job (it is no longer a folder). Cannot vouch for the job.`);
        }
        let bytes;
        try {
            bytes = node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync(watch.manifestFile);
        }
        catch (e) {
            throw new _gate_js__WEBPACK_IMPORTED_MODULE_7__/* .TamperSuspected */ .i0(`watch-job: the main step's scan ${watch.manifestFile} is gone (${e.message}); a step in this job may have removed it. Cannot vouch for the job.`);
        }
        if ((0,node_crypto__WEBPACK_IMPORTED_MODULE_3__.createHash)('sha256').update(bytes).digest('hex') !== watch.manifestSha256) {
            throw new _gate_js__WEBPACK_IMPORTED_MODULE_7__/* .TamperSuspected */ .i0(`watch-job: the main step's scan ${watch.manifestFile} was modified during the job; a step in this job tampered with it. Cannot vouch for the job.`);
        }
        // Opened like verify's baseline: an unsigned one is compared line by line while the scan runs,
        // anything else is decoded in full (and a signed one's signature checked).
        const trust = { key: settings.signingKey, gate: settings.gate };
        const before = (0,_gate_js__WEBPACK_IMPORTED_MODULE_7__/* .openBaseline */ .Eg)(bytes, trust);
        const comparer = before.comparer;
        const { manifest, scanned, manifestBytes } = await (0,_gate_js__WEBPACK_IMPORTED_MODULE_7__/* .scanEncoded */ .qH)({
            root: watch.root,
            gate: settings.gate,
            algorithm: before.header.algorithm,
            include: before.header.include,
            exclude: before.header.exclude,
            alwaysExclude: [(0,_action_publish_js__WEBPACK_IMPORTED_MODULE_9__/* .workDir */ .H)(), ...watch.ownFiles],
            policy: { allow: settings.allow, protected: settings.protected, failOn: settings.failOn },
            key: settings.signingKey,
            onMissing: 'fail',
            update: 'never',
            provenance: {},
            source: 'file',
            log: _action_log_js__WEBPACK_IMPORTED_MODULE_10__/* .actionLog */ .Z,
        }, comparer && ((e, line) => comparer.add(e, line)));
        const diff = (0,_gate_js__WEBPACK_IMPORTED_MODULE_7__/* .diffWithBaseline */ .xI)(before, manifest, trust);
        // A folder the main step created for its SARIF file after its scan is its own doing, not the job's.
        const ownDirs = new Set((watch.ownDirs ?? []).map((d) => node_path__WEBPACK_IMPORTED_MODULE_2__.relative(watch.root, d).split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).join('/')));
        diff.changes = diff.changes.filter((c) => !(ownDirs.has(c.path) && c.kinds.length === 1 && c.kinds[0] === 'added' && c.after?.type === 'dir'));
        const verdict = (0,_engine_policy_js__WEBPACK_IMPORTED_MODULE_6__/* .applyPolicy */ .VC)(diff, {
            allow: settings.allow,
            protected: settings.protected,
            failOn: settings.failOn,
        });
        const report = (0,_gate_js__WEBPACK_IMPORTED_MODULE_7__/* .newReport */ .bQ)({
            gate: settings.gate,
            root: watch.root,
            algorithm: before.header.algorithm,
            scanned,
            changes: diff.changes,
            incompatible: diff.incompatible,
            baseline: {
                source: 'file',
                key: watch.manifestFile,
                createdAt: before.header.createdAt,
                commit: before.header.provenance?.commit,
                signed: settings.signingKey !== undefined,
            },
        });
        report.verdict = verdict;
        const outcome = {
            result: verdict.result,
            pass: verdict.pass,
            manifest,
            manifestBytes,
            report,
        };
        // The SARIF file stays the main step's: the post step runs after any upload step would have read it.
        const { failures } = (0,_action_publish_js__WEBPACK_IMPORTED_MODULE_9__/* .publish */ .m)(outcome, { ...settings, sarifFile: undefined }, 'post');
        const c = verdict.counts;
        if (c.changes === 0)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq('watch-job: nothing in the tree changed during the job.');
        else
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`watch-job: ${c.changes} paths changed during the job.`);
        if (!verdict.pass) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(`watch-job: files changed during the job: ${[...verdict.reasons].join(' ') || verdict.result}`);
            if (settings.createIssue)
                await (0,_action_file_incident_js__WEBPACK_IMPORTED_MODULE_8__/* .openIncident */ .p)(outcome, settings, 'post');
        }
        for (const failure of failures)
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(failure);
    }
    catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(message);
        if (settings?.createIssue && (0,_gate_js__WEBPACK_IMPORTED_MODULE_7__/* .isTamperSignal */ .IV)(e))
            await (0,_action_file_incident_js__WEBPACK_IMPORTED_MODULE_8__/* .openIncident */ .p)((0,_action_file_incident_js__WEBPACK_IMPORTED_MODULE_8__/* .refusal */ .x)(settings, message), settings, 'post');
    }
}


/***/ })

};
