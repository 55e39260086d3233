export const id = 50;
export const ids = [50];
export const modules = {

/***/ 4177:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ formatDuration),
/* harmony export */   m: () => (/* binding */ collectEvidence)
/* harmony export */ });
/**
 * What the incident issue records about the run that detected the change, read from the runner's
 * environment. Every value may be shaped by whoever controls the workflow or the branch (ref names,
 * workflow names, actor logins): renderers escape all of them.
 */
const REPO = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;
const DIGITS = /^[0-9]{1,20}$/;
const SERVER = /^https?:\/\/[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:\/[A-Za-z0-9._~/-]*)?$/;
/** Reads the evidence of this run from the Actions environment (and the event payload, for PR numbers). */
function collectEvidence(gate, env = process.env, payload = {}, now = new Date()) {
    const repository = env.GITHUB_REPOSITORY ?? '';
    if (!REPO.test(repository)) {
        throw new Error(`GITHUB_REPOSITORY '${repository}' is not of the form owner/repo: cannot file an incident issue.`);
    }
    const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
    const runId = env.GITHUB_RUN_ID || undefined;
    const runAttempt = env.GITHUB_RUN_ATTEMPT || undefined;
    let runUrl;
    if (runId && DIGITS.test(runId) && SERVER.test(serverUrl)) {
        runUrl = `${serverUrl}/${repository}/actions/runs/${runId}`;
        if (runAttempt && DIGITS.test(runAttempt))
            runUrl += `/attempts/${runAttempt}`;
    }
    const ref = env.GITHUB_REF || undefined;
    const pr = payload.pull_request?.number;
    return {
        gate,
        repository,
        serverUrl,
        runId,
        runAttempt,
        runUrl,
        workflow: env.GITHUB_WORKFLOW || undefined,
        job: env.GITHUB_JOB || undefined,
        actor: env.GITHUB_ACTOR || undefined,
        event: env.GITHUB_EVENT_NAME || undefined,
        sha: env.GITHUB_SHA || undefined,
        ref,
        refName: env.GITHUB_REF_NAME || ref?.replace(/^refs\/(heads|tags)\//, '') || undefined,
        pullRequest: typeof pr === 'number' && Number.isSafeInteger(pr) && pr > 0 ? pr : undefined,
        detectedAt: now.toISOString(),
    };
}
/** A duration in words for timelines: "2 d 3 h", "4 h 12 min", "7 min", "under a minute". */
function formatDuration(ms) {
    if (!Number.isFinite(ms) || ms < 0)
        return 'unknown';
    const minutes = Math.floor(ms / 60000);
    if (minutes < 1)
        return 'under a minute';
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    const mins = minutes % 60;
    if (days > 0)
        return `${days} d ${hours} h`;
    if (hours > 0)
        return `${hours} h ${mins} min`;
    return `${mins} min`;
}


/***/ }),

/***/ 4050:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  fg: () => (/* binding */ listComments),
  yn: () => (/* binding */ postOnce),
  reportIncident: () => (/* binding */ reportIncident)
});

// UNUSED EXPORTS: ensureLabels, markedComments, openIncidents

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(1758);
// EXTERNAL MODULE: ./src/engine/markdown.ts
var markdown = __webpack_require__(1850);
// EXTERNAL MODULE: ./src/engine/paths.ts
var engine_paths = __webpack_require__(4886);
// EXTERNAL MODULE: ./src/engine/render.ts
var render = __webpack_require__(8084);
// EXTERNAL MODULE: ./src/constants.ts
var constants = __webpack_require__(7242);
// EXTERNAL MODULE: ./src/incident/marker.ts
var marker = __webpack_require__(3978);
;// CONCATENATED MODULE: ./src/incident/issue-body.ts
/**
 * The incident issue's title and body and the detection comments: the evidence of a failed verdict.
 * Everything a run or a branch can influence goes through markdown.ts (code spans or escapeText), so a
 * hostile file name cannot mention people, link issues, inject HTML or links, or break a table.
 */





/** GitHub's title limit is 256 characters. */
const TITLE_MAX = 256;
/** Longest path shown in a table cell, in code points; longer ones are clipped with `…`. */
const PATH_MAX = 400;
/** Room kept for the truncation note after the changes table. */
const FOOTER_RESERVE = 1200;
/** Plain text for an issue title: controls visible, and no `@name` / `#123` that GitHub could link. */
function plainText(text) {
    return (0,markdown/* makeVisible */.Xm)(text).replace(/[@#]/g, (c) => c + markdown/* ZWJ */.QV);
}
/** `Integrity incident: 3 unexpected changes in owner/repo@main (gate: default)`. */
function incidentTitle(report, ev) {
    const c = report.verdict.counts;
    const what = c.critical + c.unexpected > 0 ? (0,render/* summaryCounts */.NB)(c) : 'verification failed';
    const suffix = ` (gate: ${ev.gate})`;
    const head = `Integrity incident: ${what} in ${ev.repository}`;
    // Clip the attacker-influenced part (the ref) so the gate name at the end always survives; the `@`
    // separator is ours, the ref's own `@` and `#` are neutralised.
    const fixed = plainText(head);
    const length = (t) => Array.from(t).length;
    let room = TITLE_MAX - length(fixed) - length(suffix) - 1;
    let ref = ev.refName ? '@' + plainText((0,markdown/* clip */.$Q)(ev.refName, room)) : '';
    // Zero-width joiners lengthen the text after clipping: shrink until it fits.
    while (ev.refName && room > 1 && length(fixed + ref + suffix) > TITLE_MAX) {
        room--;
        ref = '@' + plainText((0,markdown/* clip */.$Q)(ev.refName, room));
    }
    return (0,markdown/* clip */.$Q)(plainText(head) + ref + suffix, TITLE_MAX);
}
/** One side (before or after) of a change: digest, mode, symlink target or type. */
function side(entry, change) {
    if (!entry)
        return '—';
    const parts = [];
    if (entry.type === 'file')
        parts.push(entry.digest ? (0,markdown/* codeCell */.MZ)(entry.digest) : 'no digest');
    else if (entry.type === 'symlink')
        parts.push('symlink → ' + (0,markdown/* codeCell */.MZ)((0,engine_paths/* displayPath */.Gt)(entry.target ?? '')));
    else
        parts.push(entry.type);
    if (change.kinds.includes('mode') || change.kinds.includes('added') || change.kinds.includes('type')) {
        parts.push((0,markdown/* codeCell */.MZ)((0,render/* octalMode */.j_)(entry.mode)));
    }
    if (entry.error)
        parts.push('unreadable: ' + (0,markdown/* codeCell */.MZ)((0,markdown/* clip */.$Q)(entry.error, 200)));
    return parts.join(' ');
}
/** A path cell, clipped to a sane length; moves show `old → new`. */
function pathCell(change) {
    const p = (0,markdown/* codeCell */.MZ)((0,markdown/* clip */.$Q)((0,engine_paths/* displayPath */.Gt)(change.path), PATH_MAX));
    return change.from !== undefined ? (0,markdown/* codeCell */.MZ)((0,markdown/* clip */.$Q)((0,engine_paths/* displayPath */.Gt)(change.from), PATH_MAX)) + ' → ' + p : p;
}
const CHANGES_HEAD = [(0,markdown/* tableRow */.jD)(['Path', 'Change', 'Severity', 'Old', 'New']), '|---|---|---|---|---|'];
/** One row of the changes table. */
function changeRow(change) {
    return (0,markdown/* tableRow */.jD)([
        pathCell(change),
        change.kinds.join(', '),
        // With git triage the class follows the severity, so unexplained and committed rows read apart.
        (change.severity === 'critical' ? '**critical**' : change.severity) +
            (change.git === 'unexplained'
                ? ' · **unexplained**'
                : change.git === 'committed'
                    ? ' · committed'
                    : ''),
        side(change.before, change),
        side(change.after, change),
    ]);
}
/** The changes table (critical first) within `budget` characters; says how many rows it left out. */
function changesTable(changes, budget) {
    if (changes.length === 0)
        return { markdown: '_No changed paths (see the verdict above)._', shown: 0 };
    const lines = [...CHANGES_HEAD];
    let used = lines.join('\n').length;
    let shown = 0;
    // Unexplained rows first when git triage ran: they are the ones to investigate.
    const triaged = changes.some((c) => c.git !== undefined);
    for (const change of triaged ? (0,render/* sortByGitClass */.UV)(changes) : (0,render/* sortBySeverity */.BF)(changes)) {
        const row = changeRow(change);
        if (used + row.length + 1 > budget)
            break;
        lines.push(row);
        used += row.length + 1;
        shown++;
    }
    if (shown === 0)
        return { markdown: '_The changes do not fit here; see the run summary._', shown: 0 };
    return { markdown: lines.join('\n'), shown };
}
/** The counts table: the verdict's classes and kinds. */
function countsTable(c) {
    const rows = [
        ['critical', c.critical],
        ['unexpected', c.unexpected],
        ['allowed', c.allowed],
        ['added', c.added],
        ['removed', c.removed],
        ['modified', c.modified],
        ['mode', c.mode],
        ['type', c.type],
        ['symlink', c.symlink],
        ['moved', c.moved],
        ['unreadable', c.unreadable],
        ['changed paths', c.changes],
        ['unchanged', c.unchanged],
    ];
    return ['| Class | Count |', '|---|---:|', ...rows.map(([k, n]) => `| ${k} | ${n} |`)].join('\n');
}
/** A Markdown link to the run, or the run id as text when no safe URL could be built. */
function runLink(ev) {
    const label = ev.runId
        ? `run ${ev.runId}${ev.runAttempt ? `, attempt ${ev.runAttempt}` : ''}`
        : 'unknown run';
    return ev.runUrl ? `[${(0,markdown/* escapeText */.X1)(label)}](${ev.runUrl})` : (0,markdown/* escapeText */.X1)(label);
}
const opt = (v) => (v ? (0,markdown/* codeCell */.MZ)((0,markdown/* clip */.$Q)(v, 300)) : '—');
/** The evidence table: where, when and by which run the change was seen, and the baseline compared with. */
function evidenceTable(report, ev, now) {
    const b = report.baseline;
    const baseline = b
        ? [
            b.key ? 'key ' + (0,markdown/* codeCell */.MZ)(b.key) : b.location ? (0,markdown/* codeCell */.MZ)(b.location) : b.source,
            `created ${(0,markdown/* escapeText */.X1)(b.createdAt)} (${(0,markdown/* escapeText */.X1)((0,render/* formatAge */.nV)(b.createdAt, now))})`,
            b.commit ? 'at commit ' + (0,markdown/* codeCell */.MZ)(b.commit) : 'commit unknown',
            b.signed ? 'signed' : 'unsigned',
        ].join(', ')
        : 'none';
    const rows = [
        ['Gate', (0,markdown/* codeCell */.MZ)(ev.gate)],
        ['Repository', (0,markdown/* codeCell */.MZ)(ev.repository)],
        ['Run', runLink(ev)],
        ['Workflow', opt(ev.workflow)],
        ['Job', opt(ev.job)],
        ['Actor', opt(ev.actor)],
        ['Event', opt(ev.event)],
        ['Commit', opt(ev.sha)],
        ['Ref', opt(ev.ref)],
        ...(ev.pullRequest ? [['Pull request', `#${ev.pullRequest}`]] : []),
        ['Detected at', (0,markdown/* escapeText */.X1)(ev.detectedAt)],
        ['Baseline', baseline],
        ['Algorithm', (0,markdown/* codeCell */.MZ)(report.algorithm)],
    ];
    return ['| Evidence | |', '|---|---|', ...rows.map(([k, v]) => (0,markdown/* tableRow */.jD)([k, v]))].join('\n');
}
/** The verdict's reasons and incompatibilities as a list (they can quote file names: escaped). */
function reasons(report) {
    const items = [
        ...report.verdict.reasons,
        ...report.incompatible.map((r) => `Baseline not comparable: ${r}`),
    ];
    if (items.length === 0)
        return '';
    return items.map((r) => `- ${(0,markdown/* escapeText */.X1)((0,markdown/* clip */.$Q)(r, 2000))}`).join('\n');
}
/** Where to find what did not fit. */
function pointer(ev) {
    return (`The full list is in the job summary of ${runLink(ev)} and in the JSON report the step wrote ` +
        '(output `report-file`; keep it with actions/upload-artifact).');
}
/** Assembles sections, giving the changes table whatever room is left under the issue-body limit. */
function assemble(head, changes, ev, limit) {
    const fixed = head.join('\n\n');
    const budget = limit - fixed.length - FOOTER_RESERVE;
    const table = changesTable(changes, Math.max(0, budget));
    const parts = [fixed, table.markdown];
    if (table.shown < changes.length) {
        parts.push(`**Truncated:** ${table.shown} of ${changes.length} changed paths are shown here ` +
            `(${changes.length - table.shown} left out to stay within GitHub's ${constants/* LIMITS */.b1.issueBody}-character limit). ${pointer(ev)}`);
    }
    const text = parts.join('\n\n') + '\n';
    // A safety net: the head itself is bounded (clipped fields), so this only trips on a broken invariant.
    if (text.length > limit)
        throw new Error(`incident text is ${text.length} characters, over the limit of ${limit}`);
    return text;
}
/** For the post step's detections: the changes were made by the job itself, after the main step's scan. */
function duringJob(ev) {
    return ev.phase === 'post'
        ? [
            '**Found by the post step (`watch-job`): these files changed during this job, after the gate’s own scan** ' +
                '(a build step, a compromised action or dependency).',
        ]
        : [];
}
/** The body of a new incident issue. */
function incidentBody(report, ev, now = new Date(), limit = constants/* LIMITS */.b1.issueBody) {
    const head = [
        (0,marker/* marker */.xL)('incident', { gate: ev.gate, run: ev.runId, attempt: ev.runAttempt, phase: ev.phase }),
        `## Integrity incident (gate ${(0,markdown/* codeSpan */.SS)(ev.gate)})`,
        ...duringJob(ev),
        `The integrity gate found **${(0,markdown/* escapeText */.X1)((0,render/* summaryCounts */.NB)(report.verdict.counts))}** in ${(0,markdown/* codeSpan */.SS)(ev.repository)}` +
            (ev.ref ? ` at ${(0,markdown/* codeSpan */.SS)(ev.ref)}` : '') +
            `. Later detections for this gate are added here as comments while the issue is open; ` +
            'close it when the incident is resolved.',
        '### Evidence',
        evidenceTable(report, ev, now),
        ...(reasons(report) ? ['### Verdict', reasons(report)] : []),
        '### Counts',
        countsTable(report.verdict.counts),
        '### Changes (old → new digest)',
    ];
    return assemble(head, report.changes, ev, limit);
}
/** A comment recording a later detection on the open incident issue. */
function detectionComment(report, ev, now = new Date(), limit = constants/* LIMITS */.b1.issueBody) {
    const head = [
        (0,marker/* marker */.xL)('detection', { gate: ev.gate, run: ev.runId, attempt: ev.runAttempt, phase: ev.phase }),
        `### New detection: ${(0,markdown/* escapeText */.X1)((0,render/* summaryCounts */.NB)(report.verdict.counts))} (${runLink(ev)})`,
        ...duringJob(ev),
        evidenceTable(report, ev, now),
        ...(reasons(report) ? [reasons(report)] : []),
        '<details><summary>Counts</summary>\n\n' + countsTable(report.verdict.counts) + '\n\n</details>',
        '#### Changes (old → new digest)',
    ];
    return assemble(head, report.changes, ev, limit);
}

;// CONCATENATED MODULE: ./src/incident/checklist.ts
/**
 * The built-in incident-response plan, posted once per incident as a comment with one task list per phase
 * (preparation, identification, containment, eradication, recovery, lessons learned), pre-filled from the
 * evidence and extended with the checks that matter for what changed (workflows, lockfiles, binaries, …).
 */





/** GitHub login rules: 1-39 letters, digits and single hyphens, not starting with a hyphen. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
/** Throws when a login in `issue-assignees` is not a GitHub login (it becomes an @mention). */
function checkLogins(logins) {
    for (const login of logins) {
        if (!LOGIN.test(login)) {
            throw new Error(`Invalid issue-assignees entry '${login}'. Expected a GitHub login (letters, digits and '-', at most 39 characters).`);
        }
    }
    return [...logins];
}
/** The on-call list: the assignees as intended @mentions (validated logins), or a hint to set them. */
function onCall(assignees) {
    if (assignees.length === 0)
        return '_nobody: set `issue-assignees` so that an incident calls someone_';
    return checkLogins(assignees)
        .map((a) => '@' + a)
        .join(', ');
}
const LOCKFILES = new Set([
    'package-lock.json',
    'npm-shrinkwrap.json',
    'yarn.lock',
    'pnpm-lock.yaml',
    'bun.lockb',
    'bun.lock',
    'Cargo.lock',
    'go.sum',
    'go.mod',
    'poetry.lock',
    'Pipfile.lock',
    'uv.lock',
    'pdm.lock',
    'requirements.txt',
    'Gemfile.lock',
    'composer.lock',
    'packages.lock.json',
    'paket.lock',
    'gradle.lockfile',
    'mix.lock',
    'pubspec.lock',
    'Podfile.lock',
    'Package.resolved',
    'flake.lock',
    'conan.lock',
    'vcpkg.json',
]);
const BINARY_EXT = /\.(so(\.[0-9.]+)?|dll|exe|dylib|jar|war|ear|class|bin|elf|o|a|lib|node|wasm|pyd|pyc|msi|apk|ipa|deb|rpm|dmg|appimage|com|scr|sys)$/i;
const SCRIPT_EXT = /\.(sh|bash|zsh|ps1|psm1|bat|cmd|py|rb|pl|js|mjs|cjs|ts)$/i;
const BUILD_FILES = new Set([
    'package.json',
    'Makefile',
    'makefile',
    'GNUmakefile',
    'Dockerfile',
    'Containerfile',
    'docker-compose.yml',
    'docker-compose.yaml',
    'setup.py',
    'setup.cfg',
    'pyproject.toml',
    'build.gradle',
    'build.gradle.kts',
    'pom.xml',
    'Rakefile',
    'Justfile',
    '.npmrc',
    '.yarnrc',
    '.yarnrc.yml',
    '.pypirc',
    '.gitmodules',
    '.gitattributes',
    'build.rs',
]);
const baseName = (p) => p.slice(p.lastIndexOf('/') + 1);
/** The categories of one change (a path can be in several). */
function classify(change) {
    const paths = [change.path, ...(change.from !== undefined ? [change.from] : [])].map(engine_paths/* displayPath */.Gt);
    const out = new Set();
    for (const p of paths) {
        const name = baseName(p);
        if (/(^|\/)\.github\/workflows\//.test(p))
            out.add('workflows');
        if (/(^|\/)\.github\/actions\//.test(p) || name === 'action.yml' || name === 'action.yaml')
            out.add('actions');
        if (LOCKFILES.has(name))
            out.add('lockfiles');
        if (name === 'CODEOWNERS')
            out.add('codeowners');
        if (BUILD_FILES.has(name))
            out.add('build');
        if (BINARY_EXT.test(name))
            out.add('binaries');
        if (SCRIPT_EXT.test(name) || /(^|\/)(scripts?|bin|hooks|\.husky)\//.test(p))
            out.add('scripts');
    }
    for (const e of [change.before, change.after]) {
        if (e?.type === 'file' && (e.mode & 0o111) !== 0)
            out.add('binaries');
        if (e?.type === 'symlink')
            out.add('symlinks');
        if (e && (e.mode & 0o6000) !== 0)
            out.add('binaries');
    }
    return [...out];
}
/** The extra checks per category. Literal Markdown written here; no attacker text. */
const TAILORED = {
    workflows: {
        title: 'Workflow files changed (`.github/workflows/`)',
        tasks: [
            'Diff each workflow against the baseline commit: new triggers (`pull_request_target`, `workflow_run`, `issue_comment`), widened `permissions:`, new `secrets.*` uses, `run:` steps that download and execute code.',
            'Check that third-party actions are pinned to a full commit SHA and that no pin was moved.',
            'List the runs of the changed workflows since the baseline (Actions tab or `gh run list --workflow <file>`) and read their logs for unexpected network calls or secret use.',
            'Check the branch protection / rulesets that should have required review for workflow changes.',
        ],
    },
    actions: {
        title: 'Local or composite actions changed (`.github/actions/`, `action.yml`)',
        tasks: [
            'Review the changed actions: `runs:` entry points, composite steps, bundled `dist/` code (compare with a clean rebuild).',
            'Find every workflow that uses these actions; treat their jobs as affected.',
        ],
    },
    lockfiles: {
        title: 'Dependency lockfiles changed',
        tasks: [
            'Compare resolved versions, download URLs and integrity hashes with the baseline; look for new registries, git or tarball URLs, and packages with similar names (typosquats).',
            'Check new or updated packages for install scripts (`preinstall`, `postinstall`, build scripts) and recent maintainer changes.',
            'Verify registry signatures / provenance where the ecosystem offers it (e.g. `npm audit signatures`, `cargo vet`, `go mod verify`).',
            'Check caches of dependencies (e.g. `actions/setup-*` caches) that may hold the tampered packages.',
        ],
    },
    binaries: {
        title: 'Binaries or executables changed (executable bit, setuid/setgid, compiled files)',
        tasks: [
            'Compare the new digests with the upstream release checksums or a reproducible build; look the digests up in malware databases.',
            'Check signatures and provenance (Sigstore, Authenticode, GPG) of the changed binaries.',
            'Explain every new executable bit and any setuid/setgid bit; remove what is not needed.',
        ],
    },
    codeowners: {
        title: 'CODEOWNERS changed',
        tasks: [
            'Review who gained or lost ownership of which paths, and which approvals that enabled since the baseline.',
            'Confirm that the ruleset / branch protection still requires review from code owners.',
        ],
    },
    scripts: {
        title: 'Scripts changed',
        tasks: [
            'Read the changed scripts for downloads, encoded payloads, credential access (`~/.ssh`, `~/.npmrc`, cloud metadata endpoints) and outbound network calls.',
            'Find which jobs, hooks and build steps run them.',
        ],
    },
    build: {
        title: 'Build or package configuration changed',
        tasks: [
            'Check package scripts and install hooks, registry settings (`.npmrc`, `.pypirc`, `.yarnrc*`), submodule URLs and Docker base images for redirects to untrusted sources.',
        ],
    },
    symlinks: {
        title: 'Symbolic links changed',
        tasks: [
            'Check where each new or changed link points; a link out of the tree can make a job read or overwrite files outside the repository.',
        ],
    },
};
const CATEGORY_ORDER = [
    'workflows',
    'actions',
    'lockfiles',
    'binaries',
    'codeowners',
    'scripts',
    'build',
    'symlinks',
];
const PATHS_PER_CATEGORY = 10;
/** Longest path shown per affected file, in visible characters. */
const PATH_SHOWN = 200;
/** The tailored sections for what changed (empty string when nothing special changed). */
function tailoredChecks(changes) {
    const byCat = new Map();
    for (const c of changes)
        for (const cat of classify(c))
            byCat.set(cat, [...(byCat.get(cat) ?? []), c]);
    const out = [];
    for (const cat of CATEGORY_ORDER) {
        const list = byCat.get(cat);
        if (!list)
            continue;
        const s = TAILORED[cat];
        const shown = list
            .slice(0, PATHS_PER_CATEGORY)
            // Clipped after makeVisible: an invisible character shows as up to 9 (`<U+E0041>`), so clipping the
            // raw name let 80 hostile names outgrow GitHub's comment limit and the checklist was refused.
            .map((c) => (0,markdown/* codeSpan */.SS)((0,markdown/* clip */.$Q)((0,markdown/* makeVisible */.Xm)((0,engine_paths/* displayPath */.Gt)(c.path)), PATH_SHOWN)))
            .join(', ');
        const more = list.length > PATHS_PER_CATEGORY ? ` and ${list.length - PATHS_PER_CATEGORY} more` : '';
        out.push(`#### ${s.title}\nAffected: ${shown}${more}\n\n` + s.tasks.map((t) => `- [ ] ${t}`).join('\n'));
    }
    return out.join('\n\n');
}
/** The cache key prefix shared by this gate's baselines, from the key that was restored. */
function cacheKeyPrefix(key) {
    if (!key)
        return undefined;
    // Keys are `<prefix><runId>-<attempt>-<timestamp>` (src/stores/cache-key.ts).
    const m = /^(integrity-gate-.+-)[0-9]+-[0-9]+-[0-9TZ]+$/.exec(key);
    return m ? m[1] : undefined;
}
const HEX = /^[0-9a-f]{7,64}$/;
/** The built-in plan as a comment body (with its marker). */
function builtInChecklist(p) {
    const ev = p.evidence;
    const repo = ev.repository;
    const prefix = cacheKeyPrefix(p.report.baseline?.key);
    const baseCommit = p.report.baseline?.commit;
    const gitRange = baseCommit && HEX.test(baseCommit) && ev.sha && HEX.test(ev.sha)
        ? `: ${(0,markdown/* codeSpan */.SS)(`git log --stat ${baseCommit}..${ev.sha}`)}`
        : '';
    // The workflow name is written by whoever edits the workflow: single-quoted, a pasted command cannot
    // run `$(…)` from it.
    const workflow = ev.workflow
        ? (0,markdown/* codeSpan */.SS)(`gh workflow disable ${shellQuote(ev.workflow)} --repo ${repo}`)
        : '`gh workflow disable`';
    const cacheHint = prefix
        ? `${(0,markdown/* codeSpan */.SS)(`gh cache list --repo ${repo} --key ${prefix}`)}, then ${(0,markdown/* codeSpan */.SS)(`gh cache delete <key> --repo ${repo}`)} for each key ` +
            `(API: ${(0,markdown/* codeSpan */.SS)(`DELETE /repos/${repo}/actions/caches?key=<key>`)}). Key prefix of this gate: ${(0,markdown/* codeSpan */.SS)(prefix)}`
        : `${(0,markdown/* codeSpan */.SS)(`gh cache list --repo ${repo} --key integrity-gate-`)} and ${(0,markdown/* codeSpan */.SS)(`gh cache delete <key> --repo ${repo}`)} ` +
            `(API: ${(0,markdown/* codeSpan */.SS)(`DELETE /repos/${repo}/actions/caches?key=<key>`)})`;
    const tailored = tailoredChecks(p.report.changes);
    const lines = [
        (0,marker/* marker */.xL)('checklist', { gate: ev.gate }),
        `## Incident response plan (gate ${(0,markdown/* codeSpan */.SS)(ev.gate)})`,
        'Tick the tasks as they are done; the lessons-learned review reads this list when the issue is closed.',
        '### 1. Preparation',
        `- On call: ${onCall(p.assignees)}`,
        '- [ ] Name an incident lead, a deputy, a scribe and who talks to users; note them here.',
        '- [ ] Reach the contacts the incident may need: repository admins, the security team, owners of the secrets and environments this workflow uses.',
        '- [ ] Keep sensitive details out of public comments; for a public repository, use a private security advisory or a private channel.',
        '### 2. Identification',
        `- [ ] What changed: ${(0,markdown/* escapeText */.X1)((0,render/* summaryCounts */.NB)(p.report.verdict.counts))}, listed in the issue body (old → new digests).`,
        `- [ ] Where: ${(0,markdown/* codeSpan */.SS)(repo)}${ev.ref ? ' at ' + (0,markdown/* codeSpan */.SS)(ev.ref) : ''}${ev.sha ? ', commit ' + (0,markdown/* codeSpan */.SS)(ev.sha) : ''}.`,
        `- [ ] When: detected ${(0,markdown/* escapeText */.X1)(ev.detectedAt)} by ${runLink(ev)}; the baseline was taken ${p.report.baseline ? (0,markdown/* escapeText */.X1)(p.report.baseline.createdAt) : '(no baseline)'}${baseCommit ? ' at commit ' + (0,markdown/* codeSpan */.SS)(baseCommit) : ''}.`,
        `- [ ] Which commits and who: compare the baseline commit with this one${gitRange}; check the actor, the pushers and the merged pull requests.`,
        '- [ ] Decide: incident or expected change? If expected, accept it (add the paths to `allow`, or re-baseline) and close this issue as not planned.',
        '### 3. Containment',
        '- [ ] Hold deployments and releases from this repository (pause environments, cancel queued deployment runs).',
        `- [ ] Disable the affected workflow until it is understood: ${workflow}.`,
        '- [ ] Rotate the secrets the job could read: repository, environment and organisation secrets available to this workflow, deploy keys, cloud credentials reached through OIDC, and any token written to disk.',
        `- [ ] Delete the baseline caches that may be poisoned: ${cacheHint}.`,
        '- [ ] Preserve evidence before it expires: run logs, the JSON report (`report-file` output) and the manifest (`manifest-file`).',
        '### 4. Eradication',
        '- [ ] Find the root cause: how did the change get in (compromised account or token, malicious dependency, workflow injection, a runner that was not clean)?',
        '- [ ] Remove the unwanted changes and whatever put them there (revert commits, revoke access, fix the vulnerable workflow).',
        '- [ ] Check the other branches, tags, releases and repositories the same access could reach.',
        '### 5. Recovery',
        '- [ ] Restore the affected files from a known-good commit or release and re-run this gate until it passes.',
        '- [ ] Re-baseline from a trusted branch with `mode: baseline` once the tree is known to be clean.',
        '- [ ] Re-enable the workflow and deployments; watch the next runs.',
        '### 6. Lessons learned',
        '- [ ] Close this issue when the incident is resolved: the lessons-learned workflow (`mode: lessons-learned`) then posts the timeline and review prompts.',
        '- [ ] Hold the review and turn its follow-up actions into issues.',
        ...(tailored ? ['### Checks for what changed', tailored] : []),
    ];
    // A blank line before each heading keeps the raw Markdown readable in the API and in e-mails.
    return lines.join('\n').replace(/\n(#{2,4} )/g, '\n\n$1') + '\n';
}
/** POSIX single quoting: nothing inside is expanded by a shell. */
function shellQuote(text) {
    return "'" + text.replace(/'/g, "'\\''") + "'";
}

// EXTERNAL MODULE: ./src/incident/evidence.ts
var evidence = __webpack_require__(4177);
// EXTERNAL MODULE: ./src/incident/octokit.ts
var incident_octokit = __webpack_require__(7331);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/incident/template.ts
/**
 * `checklist-template`: a Markdown file in the repository that replaces the built-in plan. Placeholders
 * `{{name}}` are filled with Markdown that is already safe (names escaped or in code spans); `${{ … }}`
 * (Actions expression syntax) is left alone. An unknown or unterminated placeholder is an error that names
 * it, raised before the gate writes anything to GitHub.
 */







/** The placeholders a template may use, with what they become (docs/checklist-template.md lists the same). */
const PLACEHOLDERS = {
    gate: 'The gate name (`baseline-name`), as code.',
    repository: 'The repository `owner/name`, as code.',
    ref: 'The full ref of the run, e.g. `refs/heads/main`, as code.',
    sha: 'The commit SHA of the run, as code.',
    run_url: 'The URL of the run attempt (plain URL).',
    run_link: 'A Markdown link to the run attempt.',
    workflow: 'The workflow name, as code.',
    job: 'The job id, as code.',
    actor: 'The login that triggered the run, as code (not a mention).',
    event: 'The event name, as code.',
    detected_at: 'Time of the detection (ISO 8601, UTC).',
    issue_number: 'The incident issue number.',
    assignees: 'The on-call people from `issue-assignees`, as @mentions.',
    counts: 'One-line summary, e.g. "3 unexpected changes (1 critical)".',
    counts_table: 'Table of the counts per class and kind.',
    changes_table: 'Table of the changes with old → new digests (truncated to fit).',
    tailored_checks: 'The built-in extra checks for what changed (workflows, lockfiles, binaries, …), or nothing.',
    baseline_key: 'The cache key (or file) of the baseline compared with, as code.',
    baseline_created: 'When the baseline was taken (ISO 8601).',
    baseline_commit: 'The commit the baseline was taken at, as code.',
    cache_key_prefix: "The cache key prefix of this gate's baselines, as code.",
};
const NAMES = Object.keys(PLACEHOLDERS);
/** `{{ name }}` not preceded by `$` (so `${{ secrets.X }}` stays literal). */
const TOKEN = /(?<!\$)\{\{([^{}]*)\}\}/g;
const lineOf = (text, index) => text.slice(0, index).split('\n').length;
/** Validates template text; throws naming the first unknown or unterminated placeholder and its line. */
function parseTemplate(text, file) {
    if (text.length > constants/* LIMITS */.b1.issueBody - 1024) {
        throw new Error(`checklist-template ${file} is ${text.length} characters; GitHub comments hold at most ${constants/* LIMITS */.b1.issueBody}. Shorten it.`);
    }
    const uses = new Set();
    for (const m of text.matchAll(TOKEN)) {
        const name = m[1].trim();
        if (!NAMES.includes(name)) {
            throw new Error(`checklist-template ${file}, line ${lineOf(text, m.index)}: unknown placeholder {{${m[1]}}}. ` +
                `Known placeholders: ${NAMES.map((n) => `{{${n}}}`).join(', ')} (see docs/checklist-template.md).`);
        }
        uses.add(name);
    }
    const rest = text.replace(TOKEN, '');
    const open = /(?<!\$)\{\{/.exec(rest);
    if (open) {
        throw new Error(`checklist-template ${file}, line ${lineOf(rest, open.index)}: '{{' without a matching '}}'. ` +
            'Write placeholders as {{name}}; ${{ … }} is left as it is.');
    }
    return { file, text, uses };
}
/** Reads and validates the template file; every problem is an error naming the file. */
function loadTemplate(file) {
    let text;
    try {
        text = external_node_fs_.readFileSync(file, 'utf8');
    }
    catch (e) {
        throw new Error(`Cannot read checklist-template ${file}: ${e.message}`);
    }
    return parseTemplate(text.replace(/^\uFEFF/, ''), file);
}
const orDash = (v, fmt) => (v ? fmt(v) : '—');
/** The values of every placeholder except the changes table. */
function values(p) {
    const ev = p.evidence;
    const b = p.report.baseline;
    return {
        gate: (0,markdown/* codeSpan */.SS)(ev.gate),
        repository: (0,markdown/* codeSpan */.SS)(ev.repository),
        ref: orDash(ev.ref, markdown/* codeSpan */.SS),
        sha: orDash(ev.sha, markdown/* codeSpan */.SS),
        run_url: ev.runUrl ?? '—',
        run_link: runLink(ev),
        workflow: orDash(ev.workflow, markdown/* codeSpan */.SS),
        job: orDash(ev.job, markdown/* codeSpan */.SS),
        actor: orDash(ev.actor, markdown/* codeSpan */.SS),
        event: orDash(ev.event, markdown/* codeSpan */.SS),
        detected_at: (0,markdown/* escapeText */.X1)(ev.detectedAt),
        issue_number: String(p.issueNumber),
        assignees: onCall(p.assignees),
        counts: (0,markdown/* escapeText */.X1)((0,render/* summaryCounts */.NB)(p.report.verdict.counts)),
        counts_table: countsTable(p.report.verdict.counts),
        tailored_checks: tailoredChecks(p.report.changes),
        baseline_key: orDash(b?.key ?? b?.location, markdown/* codeSpan */.SS),
        baseline_created: orDash(b?.createdAt, markdown/* escapeText */.X1),
        baseline_commit: orDash(b?.commit, markdown/* codeSpan */.SS),
        cache_key_prefix: orDash(cacheKeyPrefix(b?.key), markdown/* codeSpan */.SS),
    };
}
/** Fills the template; the changes table gets the room left under GitHub's comment limit. */
function fillTemplate(t, p, limit = constants/* LIMITS */.b1.issueBody) {
    const v = values(p);
    const head = (0,marker/* marker */.xL)('checklist', { gate: p.evidence.gate }) + '\n';
    const fill = (table) => head +
        t.text.replace(TOKEN, (_m, raw) => {
            const name = raw.trim();
            return name === 'changes_table' ? table : v[name];
        });
    const withoutTable = fill('');
    const tables = t.uses.has('changes_table')
        ? t.text.match(TOKEN).filter((m) => m.slice(2, -2).trim() === 'changes_table').length
        : 0;
    const budget = tables > 0 ? Math.floor((limit - withoutTable.length - 200) / tables) : 0;
    let table = '';
    if (tables > 0) {
        const built = changesTable(p.report.changes, Math.max(0, budget));
        table = built.markdown;
        if (built.shown < p.report.changes.length) {
            table += `\n\n_${built.shown} of ${p.report.changes.length} changes shown; the rest are in the issue body and the run summary._`;
        }
    }
    const text = fill(table);
    if (text.length > limit) {
        throw new Error(`checklist-template ${t.file} expands to ${text.length} characters, over GitHub's limit of ${limit}. Shorten it.`);
    }
    return text;
}

// EXTERNAL MODULE: ./src/incident/writers.ts
var incident_writers = __webpack_require__(1886);
;// CONCATENATED MODULE: ./src/incident/incident.ts
/**
 * Files a failed verdict as this gate's incident issue: one open issue per gate, found by its hidden marker
 * and label (never by title); later detections become comments; the incident-response checklist is posted
 * once per incident.
 *
 * Two runs at once: GitHub has no atomic "create if absent". So a run that found no open incident creates
 * one and then lists again. Issue numbers grow with creation time, so of all open incidents for this gate
 * the lowest number is the one every run agrees on. A run whose new issue is not the lowest closes it as a
 * duplicate of the winner and comments its detection there instead. The later creator always sees the
 * earlier issue when it lists again, so at most one issue stays open. The checklist and the lessons-learned
 * comment converge the same way (lowest comment id wins, a later copy is edited into a pointer).
 */









const LABEL_COLOR = 'b60205';
const LABEL_DESCRIPTION = 'Integrity gate incident: unexpected file changes';
/** Creates the labels that do not exist yet; a concurrent creation (422 already_exists) is fine. */
async function ensureLabels(octokit, r, labels) {
    for (const name of labels) {
        try {
            await octokit.rest.issues.getLabel({ ...r, name });
            continue;
        }
        catch (e) {
            if ((0,incident_octokit/* statusOf */.c2)(e) !== 404)
                throw e;
        }
        try {
            await octokit.rest.issues.createLabel({
                ...r,
                name,
                color: LABEL_COLOR,
                description: LABEL_DESCRIPTION,
            });
            core/* info */.pq(`Created label '${name}'.`);
        }
        catch (e) {
            const errors = e.response?.data
                ?.errors;
            if ((0,incident_octokit/* statusOf */.c2)(e) === 422 && errors?.some((x) => x.code === 'already_exists'))
                continue;
            throw e;
        }
    }
}
/**
 * Open incident issues of `gate`: labelled with `label`, carrying the incident marker and opened by the gate
 * or someone with write access (an outsider's issue with a copied marker is ignored). Lowest first.
 */
async function openIncidents(octokit, r, gate, label) {
    const issues = (await octokit.paginate(octokit.rest.issues.listForRepo, {
        ...r,
        state: 'open',
        labels: label,
        per_page: 100,
    }));
    const marked = issues.filter((i) => !i.pull_request && (0,marker/* hasMarker */.xY)(i.body, 'incident', gate));
    const writers = await (0,incident_writers/* writersAmong */.Df)(octokit, r, marked);
    return marked.filter((i) => (0,incident_writers/* isTrustedIssue */.d3)(i, writers)).sort((a, b) => a.number - b.number);
}
/** All comments of an issue, oldest first, with the authors of marked ones checked for write access. */
async function listComments(octokit, r, issueNumber) {
    const comments = (await octokit.paginate(octokit.rest.issues.listComments, {
        ...r,
        issue_number: issueNumber,
        per_page: 100,
    }));
    return { comments, writers: await (0,incident_writers/* writersAmong */.Df)(octokit, r, comments) };
}
/** Trusted comments with a marker of `kind` for `gate`, lowest id first. */
function markedComments(thread, kind, gate, issueAuthor) {
    return thread.comments
        .filter((c) => (0,marker/* hasMarker */.xY)(c.body, kind, gate) && (0,incident_writers/* isTrustedAuthor */.Xw)(c, issueAuthor, thread.writers))
        .sort((a, b) => a.id - b.id);
}
/**
 * Posts a comment of `kind` unless a trusted one exists; after posting, lists again and, if an older copy
 * appeared meanwhile (a concurrent run), turns this one into a pointer to it. Returns the surviving comment.
 */
async function postOnce(octokit, r, issue, kind, gate, body) {
    const author = issue.user?.login;
    const before = markedComments(await listComments(octokit, r, issue.number), kind, gate, author);
    if (before.length > 0)
        return { comment: before[0], posted: false };
    const { data } = await octokit.rest.issues.createComment({ ...r, issue_number: issue.number, body });
    const mine = data;
    const after = markedComments(await listComments(octokit, r, issue.number), kind, gate, author);
    const first = after[0];
    if (first && first.id < mine.id) {
        await octokit.rest.issues.updateComment({
            ...r,
            comment_id: mine.id,
            body: `${(0,marker/* marker */.xL)('duplicate', { gate })}\n_A concurrent run posted the same ${kind} comment first: ${first.html_url ?? 'see above'}._\n`,
        });
        return { comment: first, posted: false };
    }
    return { comment: mine, posted: true };
}
/** Whether this run's detection is already recorded (a retried request or a re-run of the same attempt). */
function alreadyRecorded(issue, thread, ev) {
    if (!ev.runId)
        return false;
    const same = (body, kind) => {
        const m = (0,marker/* readMarker */.t7)(body);
        return (m?.kind === kind &&
            m.gate === ev.gate &&
            m.run === ev.runId &&
            m.attempt === ev.runAttempt &&
            m.phase === ev.phase);
    };
    return (same(issue.body, 'incident') ||
        thread.comments.some((c) => same(c.body, 'detection') && (0,incident_writers/* isTrustedAuthor */.Xw)(c, issue.user?.login, thread.writers)));
}
/** Comments this detection on an existing incident issue (once per run attempt). */
async function commentDetection(octokit, r, issue, outcome, ev) {
    const thread = await listComments(octokit, r, issue.number);
    if (alreadyRecorded(issue, thread, ev)) {
        core/* info */.pq(`This run's detection is already recorded on incident #${issue.number}.`);
        return;
    }
    await octokit.rest.issues.createComment({
        ...r,
        issue_number: issue.number,
        body: detectionComment(outcome.report, ev),
    });
    core/* info */.pq(`Added this detection to the open incident #${issue.number}: ${issue.html_url}`);
}
/** Closes `loser` as a duplicate of `winner`, with a comment pointing to it. */
async function closeDuplicate(octokit, r, loser, winner, gate) {
    await octokit.rest.issues.createComment({
        ...r,
        issue_number: loser.number,
        body: `${(0,marker/* marker */.xL)('duplicate', { gate })}\nDuplicate of #${winner.number}: another run opened the incident for this gate at the same time. The detection is recorded there.\n`,
    });
    await octokit.rest.issues.update({
        ...r,
        issue_number: loser.number,
        state: 'closed',
        state_reason: 'duplicate',
        duplicate_issue_id: winner.id,
    });
    core/* info */.pq(`Closed #${loser.number} as a duplicate of #${winner.number}.`);
}
/**
 * Creates the issue. GitHub refuses the whole issue (422, field `assignees`) when an assignee cannot be
 * assigned (a deactivated account, one that lost access): then it is filed unassigned with a warning, since
 * someone leaving must not stop incidents from being filed.
 */
async function createIssue(octokit, fields) {
    const { assignees, ...rest } = fields;
    try {
        const { data } = await octokit.rest.issues.create(assignees.length > 0 ? fields : rest);
        return data;
    }
    catch (e) {
        const errors = e.response?.data
            ?.errors;
        if ((0,incident_octokit/* statusOf */.c2)(e) !== 422 || !errors?.some((x) => x.field === 'assignees' || x.field === 'assignee'))
            throw e;
        core/* warning */.$e(`GitHub refused the issue-assignees (${assignees.join(', ')}): filing the incident unassigned. Check that each can be assigned in this repository.`);
        const { data } = await octokit.rest.issues.create(rest);
        return data;
    }
}
function prepare(settings) {
    (0,marker/* checkGate */.Ks)(settings.gate);
    const label = settings.issueLabels[0];
    if (!label)
        throw new Error('issue-labels is empty: the first label is how the gate finds its open incident.');
    const assignees = checkLogins(settings.issueAssignees);
    const template = settings.checklist && settings.checklistTemplate ? loadTemplate(settings.checklistTemplate) : undefined;
    return { template, assignees, label };
}
/** Posts the checklist once per incident (a trusted comment with the checklist marker means: done). */
async function ensureChecklist(octokit, r, issue, outcome, ev, p) {
    const input = {
        report: outcome.report,
        evidence: ev,
        assignees: p.assignees,
        issueNumber: issue.number,
    };
    const body = p.template ? fillTemplate(p.template, input) : builtInChecklist(input);
    const { posted } = await postOnce(octokit, r, issue, 'checklist', ev.gate, body);
    core/* info */.pq(posted
        ? `Posted the incident-response checklist on #${issue.number}.`
        : `The checklist is already on #${issue.number}.`);
}
/**
 * Opens this gate's incident issue, or comments on the open one, and posts the checklist once.
 * Returns the incident issue that now holds this detection.
 */
async function reportIncident(outcome, settings, phase) {
    const prepared = prepare(settings);
    const ev = {
        ...(0,evidence/* collectEvidence */.m)(settings.gate, process.env, github/* context */._.payload),
        phase,
    };
    const [owner, repo] = ev.repository.split('/');
    const r = { owner, repo };
    const octokit = (0,incident_octokit/* createClient */.UU)(settings.token);
    const gate = settings.gate;
    const existing = await (0,incident_octokit/* call */.T1)('list open incident issues', () => openIncidents(octokit, r, gate, prepared.label));
    let winner;
    if (existing.length > 0) {
        winner = existing[0];
        await (0,incident_octokit/* call */.T1)(`comment on incident #${winner.number}`, () => commentDetection(octokit, r, winner, outcome, ev));
        // Housekeeping after the detection is on record: a duplicate that cannot be closed must not cost it.
        for (const extra of existing.slice(1)) {
            await (0,incident_octokit/* call */.T1)(`close duplicate incident #${extra.number}`, () => closeDuplicate(octokit, r, extra, winner, gate)).catch((e) => core/* warning */.$e(e.message));
        }
    }
    else {
        await (0,incident_octokit/* call */.T1)('create the incident labels', () => ensureLabels(octokit, r, settings.issueLabels));
        const created = await (0,incident_octokit/* call */.T1)('create the incident issue', () => createIssue(octokit, {
            ...r,
            title: incidentTitle(outcome.report, ev),
            body: incidentBody(outcome.report, ev),
            labels: settings.issueLabels,
            assignees: prepared.assignees,
        }));
        core/* info */.pq(`Opened incident #${created.number}: ${created.html_url}`);
        const now = await (0,incident_octokit/* call */.T1)('list open incident issues', () => openIncidents(octokit, r, gate, prepared.label));
        // The new issue may not be listed yet (eventual consistency): it still counts.
        const all = [...now.filter((i) => i.number !== created.number), created].sort((a, b) => a.number - b.number);
        winner = all[0];
        if (winner.number !== created.number) {
            await (0,incident_octokit/* call */.T1)(`close duplicate incident #${created.number}`, () => closeDuplicate(octokit, r, created, winner, gate));
            await (0,incident_octokit/* call */.T1)(`comment on incident #${winner.number}`, () => commentDetection(octokit, r, winner, outcome, ev));
        }
    }
    if (settings.checklist) {
        await (0,incident_octokit/* call */.T1)(`post the checklist on #${winner.number}`, () => ensureChecklist(octokit, r, winner, outcome, ev, prepared));
    }
    return { number: winner.number, url: winner.html_url };
}


/***/ }),

/***/ 3978:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ks: () => (/* binding */ checkGate),
/* harmony export */   t7: () => (/* binding */ readMarker),
/* harmony export */   xL: () => (/* binding */ marker),
/* harmony export */   xY: () => (/* binding */ hasMarker)
/* harmony export */ });
/**
 * Hidden markers that let the gate find its own issues and comments again without trusting titles.
 *
 * A marker is an HTML comment on the FIRST line of a body. It only counts there: every attacker-controlled
 * string the gate writes (file names, refs) goes through a code span or escapeText, which makes newlines
 * visible, so such a string can never start a line — a file named `<!-- integrity-gate:… -->` cannot
 * forge a marker. Who may write a believed marker is decided in writers.ts.
 */
/** Gate names as `baseline-name` accepts them. Re-checked here: a marker must not be able to hold `-->`. */
const GATE = /^[A-Za-z0-9._-]{1,100}$/;
const RUN = /^[0-9]{1,20}$/;
/** Throws when `gate` is not a valid gate name (it ends up inside an HTML comment). */
function checkGate(gate) {
    if (!GATE.test(gate)) {
        throw new Error(`Invalid gate name '${gate}'. Expected 1-100 letters, digits, '.', '_' or '-'.`);
    }
    return gate;
}
/** The marker line, e.g. `<!-- integrity-gate:incident gate=default -->`. */
function marker(kind, fields) {
    let text = `<!-- integrity-gate:${kind} gate=${checkGate(fields.gate)}`;
    if (fields.run !== undefined && RUN.test(fields.run))
        text += ` run=${fields.run}`;
    if (fields.attempt !== undefined && RUN.test(fields.attempt))
        text += ` attempt=${fields.attempt}`;
    if (fields.phase === 'post')
        text += ' phase=post';
    return text + ' -->';
}
const LINE = /^<!-- integrity-gate:([a-z]+) gate=([A-Za-z0-9._-]{1,100})(?: run=([0-9]{1,20}))?(?: attempt=([0-9]{1,20}))?(?: phase=(post))? -->$/;
/** Parses the marker on the first line of `body`, or returns undefined. */
function readMarker(body) {
    if (!body)
        return undefined;
    const first = body.split('\n', 1)[0].replace(/\r$/, '');
    const m = LINE.exec(first);
    if (!m)
        return undefined;
    const kind = m[1];
    if (!['incident', 'detection', 'checklist', 'lessons', 'duplicate'].includes(kind))
        return undefined;
    return { kind, gate: m[2], run: m[3], attempt: m[4], phase: m[5] === 'post' ? 'post' : undefined };
}
/** True when the first line of `body` is a marker of `kind` (and of `gate`, when given). */
function hasMarker(body, kind, gate) {
    const m = readMarker(body);
    return m !== undefined && m.kind === kind && (gate === undefined || m.gate === gate);
}


/***/ }),

/***/ 7331:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T1: () => (/* binding */ call),
/* harmony export */   UU: () => (/* binding */ createClient),
/* harmony export */   c2: () => (/* binding */ statusOf)
/* harmony export */ });
/* unused harmony exports RETRIES, explainApiError */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3838);
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1758);
/* harmony import */ var _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9735);
/* harmony import */ var _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6856);
/**
 * The GitHub client for incident issues: @actions/github's Octokit with the retry and throttling plugins,
 * plus one place that turns API errors into messages that say what to fix.
 */




/** Attempts after the first try, for 5xx and for primary/secondary rate limits. */
const RETRIES = 3;
/**
 * Test-only: `INTEGRITY_GATE_RETRY_DELAY_MS` replaces the plugins' one-second unit for back-off and
 * `retry-after` waits, and drops the one-second spacing between writes, so tests against the local
 * stand-in stay fast. Not an input and not documented for users: in a workflow the defaults apply.
 */
function testDelayMs() {
    const text = process.env.INTEGRITY_GATE_RETRY_DELAY_MS;
    if (text === undefined || text === '')
        return undefined;
    if (!/^[0-9]{1,6}$/.test(text))
        throw new Error(`Invalid INTEGRITY_GATE_RETRY_DELAY_MS '${text}'.`);
    return Number(text);
}
/**
 * A limiter group that runs jobs at once: replaces the plugin's write spacing in tests only. Duck-typed
 * (the plugin calls `key(id).schedule(options, fn, ...args)`) so production code needs no Bottleneck import.
 */
const immediateGroup = {
    key: () => ({
        schedule: (...args) => {
            const at = args.findIndex((a) => typeof a === 'function');
            const fn = args[at];
            return Promise.resolve().then(() => fn(...args.slice(at + 1)));
        },
    }),
};
/** Creates the client. Throws a clear error for an empty token. */
function createClient(token) {
    if (!token) {
        throw new Error('The github-token input is empty: incident issues need a token with `permissions: issues: write`.');
    }
    const delay = testDelayMs();
    const baseUrl = process.env.GITHUB_API_URL;
    const limitHandler = (what) => (retryAfter, options, _o, retryCount) => {
        if (retryCount < RETRIES) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`GitHub ${what} on ${options.method} ${options.url}: retrying in ${retryAfter} s.`);
            return true;
        }
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`GitHub ${what} on ${options.method} ${options.url}: giving up after ${RETRIES} retries.`);
        return false;
    };
    return _actions_github__WEBPACK_IMPORTED_MODULE_1__/* .getOctokit */ .Q(token, {
        ...(baseUrl ? { baseUrl } : {}),
        log: {
            debug: (m) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(m),
            info: (m) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(m),
            warn: (m) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(m),
            error: (m) => _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .error */ .z3(m),
        },
        retry: { retries: RETRIES, ...(delay !== undefined ? { retryAfterBaseValue: delay } : {}) },
        throttle: {
            onRateLimit: limitHandler('rate limit'),
            onSecondaryRateLimit: limitHandler('secondary rate limit'),
            ...(delay !== undefined
                ? {
                    retryAfterBaseValue: delay,
                    fallbackSecondaryRateRetryAfter: 1,
                    write: immediateGroup,
                    notifications: immediateGroup,
                }
                : {}),
        },
    }, _octokit_plugin_retry__WEBPACK_IMPORTED_MODULE_2__/* .retry */ .L, _octokit_plugin_throttling__WEBPACK_IMPORTED_MODULE_3__/* .throttling */ .A);
}
/** GitHub's error message from the response body, when there is one. */
function bodyMessage(e) {
    const data = e.response?.data;
    const parts = [];
    if (data && typeof data.message === 'string')
        parts.push(data.message);
    if (data && Array.isArray(data.errors)) {
        for (const err of data.errors.slice(0, 3)) {
            if (typeof err === 'string')
                parts.push(err);
            else if (err && typeof err === 'object') {
                const o = err;
                parts.push([o.resource, o.field, o.code, o.message].filter((x) => typeof x === 'string').join(' '));
            }
        }
    }
    return parts.join('; ') || e.message || 'no message';
}
/** Turns an Octokit error into one that names the failed action and what to fix. */
function explainApiError(e, action) {
    const err = (e ?? {});
    const status = typeof err.status === 'number' ? err.status : undefined;
    const detail = bodyMessage(err);
    if (status === undefined) {
        return new Error(`Could not ${action}: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (status === 401) {
        return new Error(`Could not ${action}: GitHub rejected the token (401 ${detail}). Check the github-token input: it must be a valid token for this repository.`);
    }
    if (status === 403 && /secondary rate|rate limit/i.test(detail)) {
        return new Error(`Could not ${action}: GitHub's rate limit was still exceeded after ${RETRIES} retries (403 ${detail}).`);
    }
    if (status === 403) {
        return new Error(`Could not ${action}: the token lacks a permission (403 ${detail}). Give the job \`permissions: issues: write\` ` +
            '(with GITHUB_TOKEN), or use a token that can write issues in this repository.');
    }
    if (status === 404) {
        return new Error(`Could not ${action}: not found (404 ${detail}). Check that the token can see this repository and that the issue exists.`);
    }
    if (status === 410) {
        return new Error(`Could not ${action}: issues are disabled in this repository (410 ${detail}). Enable them or set create-issue: false.`);
    }
    if (status >= 500) {
        return new Error(`Could not ${action}: GitHub kept failing after ${RETRIES} retries (${status} ${detail}).`);
    }
    return new Error(`Could not ${action}: GitHub answered ${status} (${detail}).`);
}
/** Runs one API call; a failure becomes an explained error. */
async function call(action, fn) {
    try {
        return await fn();
    }
    catch (e) {
        throw explainApiError(e, action);
    }
}
/** The HTTP status of an Octokit error, if any. */
function statusOf(e) {
    const s = e?.status;
    return typeof s === 'number' ? s : undefined;
}


/***/ }),

/***/ 1886:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Df: () => (/* binding */ writersAmong),
/* harmony export */   Xw: () => (/* binding */ isTrustedAuthor),
/* harmony export */   d3: () => (/* binding */ isTrustedIssue)
/* harmony export */ });
/* unused harmony exports ACTIONS_BOT, forgetWriters */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3838);
/* harmony import */ var _marker_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3978);
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7331);
/**
 * Who may write the markers the gate believes. A marker is only text: anyone who can open an issue can put
 * the incident marker on its first line, and a triager, or an issue template's `labels:`, can give it the
 * incident label. So the gate believes an issue or comment only from itself (`github-actions[bot]`, or the
 * account that opened the incident with another token) or from someone with write access to the repository,
 * asked of GitHub (`GET /repos/{owner}/{repo}/collaborators/{username}/permission`). `author_association`
 * does not answer that: MEMBER is any member of the owning organisation and COLLABORATOR includes read and
 * triage roles.
 */



/** The identity of workflows' default GITHUB_TOKEN. */
const ACTIONS_BOT = 'github-actions[bot]';
const asked = new Map();
/** Whether GitHub says `login` may push to the repository (admin, maintain or write). */
async function canWrite(octokit, r, login) {
    try {
        const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...r, username: login });
        // `permission` maps maintain to write and triage to read (GitHub's documented legacy base roles).
        return data.permission === 'admin' || data.permission === 'write';
    }
    catch (e) {
        // 404: not a collaborator. Anything else: not known, so not believed — the safe side, since an
        // unbelieved marker makes the gate open or post again, never stay silent.
        if ((0,_octokit_js__WEBPACK_IMPORTED_MODULE_1__/* .statusOf */ .c2)(e) !== 404) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Could not check ${login}'s access to the repository (${e.message}): not trusted.`);
        }
        return false;
    }
}
/** Asks GitHub about the authors of the items that carry a marker (other than the Actions bot). */
async function writersAmong(octokit, r, items) {
    const logins = new Set();
    for (const item of items) {
        const login = item.user?.login;
        if (login && login !== ACTIONS_BOT && (0,_marker_js__WEBPACK_IMPORTED_MODULE_2__/* .readMarker */ .t7)(item.body) !== undefined)
            logins.add(login);
    }
    const writers = new Set();
    for (const login of logins) {
        const key = `${r.owner}/${r.repo}\n${login.toLowerCase()}`;
        let answer = asked.get(key);
        if (!answer) {
            answer = canWrite(octokit, r, login);
            asked.set(key, answer);
        }
        if (await answer)
            writers.add(login);
    }
    return writers;
}
/** Test-only: forget the answers (each test's stand-in has its own users). */
function forgetWriters() {
    asked.clear();
}
/**
 * Whether an incident issue is the gate's own: opened by the Actions bot, by a GitHub App acting as itself
 * (the gate run with an app's installation token), or by someone with write access (a personal token).
 */
function isTrustedIssue(issue, writers) {
    const login = issue.user?.login;
    if (!login)
        return false;
    if (login === ACTIONS_BOT || writers.has(login))
        return true;
    const app = issue.performed_via_github_app?.slug;
    return issue.user?.type === 'Bot' && app !== undefined && login === `${app}[bot]`;
}
/**
 * Whether a comment's marker may be believed, on an issue already known to be the gate's own: written by
 * that issue's author (the gate's identity), by the Actions bot, or by someone with write access.
 */
function isTrustedAuthor(item, issueAuthor, writers) {
    const login = item.user?.login;
    if (!login)
        return false;
    return login === issueAuthor || login === ACTIONS_BOT || writers.has(login);
}


/***/ })

};
