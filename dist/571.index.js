export const id = 571;
export const ids = [571];
export const modules = {

/***/ 1571:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   runLessonsLearned: () => (/* binding */ runLessonsLearned)
/* harmony export */ });
/* unused harmony exports taskProgress, lessonsComment, targetIssue */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3838);
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1758);
/* harmony import */ var _constants_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7242);
/* harmony import */ var _engine_markdown_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1850);
/* harmony import */ var _evidence_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(4177);
/* harmony import */ var _incident_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4050);
/* harmony import */ var _marker_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(3978);
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7331);
/* harmony import */ var _writers_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1886);
/**
 * `mode: lessons-learned`: when an incident issue is closed, post one review comment with the incident's
 * timeline (opened, each detection, checklist progress, closed, time to close) and the review prompts.
 * Idempotent: a trusted comment with the lessons marker means it was already posted.
 */









/** Most timeline rows shown: the first and last detections of a long incident, and a count in between. */
const TIMELINE_MAX = 200;
const who = (u) => (u?.login ? (0,_engine_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .codeSpan */ .SS)(u.login) : 'unknown');
const when = (iso) => (0,_engine_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeText */ .X1)(iso);
/** Counts ticked and open task-list items (`- [x]` / `- [ ]`). */
function taskProgress(body) {
    let done = 0;
    let total = 0;
    for (const line of body.split('\n')) {
        const m = /^\s*[-*+] \[( |x|X)\] /.exec(line);
        if (!m)
            continue;
        total++;
        if (m[1] !== ' ')
            done++;
    }
    return { done, total };
}
/** The lessons-learned comment for a closed incident issue and its comments. */
function lessonsComment(issue, thread, gate, serverRepoUrl) {
    const author = issue.user?.login;
    const { comments, writers } = thread;
    // [sort key, time shown, event]. The elision row takes the time of the first detection it stands for, so
    // it sorts where they were (a row comparing equal to everything gives the sort no consistent order).
    const rows = [
        [
            issue.created_at,
            when(issue.created_at),
            `Incident opened by ${who(issue.user)} (first detection${runOf(issue.body, serverRepoUrl)})`,
        ],
    ];
    const detections = comments.filter((c) => (0,_marker_js__WEBPACK_IMPORTED_MODULE_7__/* .readMarker */ .t7)(c.body)?.kind === 'detection' && (0,_writers_js__WEBPACK_IMPORTED_MODULE_6__/* .isTrustedAuthor */ .Xw)(c, author, writers));
    // A long incident shows its first and last detections and one row counting those in between, emitted at
    // the first one left out.
    const head = TIMELINE_MAX / 2;
    const tail = detections.length - TIMELINE_MAX / 2;
    detections.forEach((c, i) => {
        if (detections.length > TIMELINE_MAX && i >= head && i < tail) {
            if (i === head)
                rows.push([c.created_at, '…', `${tail - head} more detection${tail - head === 1 ? '' : 's'}`]);
            return;
        }
        const link = c.html_url ? ` ([comment](${c.html_url}))` : '';
        rows.push([c.created_at, when(c.created_at), `Detection ${i + 2}${runOf(c.body, serverRepoUrl)}${link}`]);
    });
    const checklist = comments.find((c) => (0,_marker_js__WEBPACK_IMPORTED_MODULE_7__/* .readMarker */ .t7)(c.body)?.kind === 'checklist' && (0,_writers_js__WEBPACK_IMPORTED_MODULE_6__/* .isTrustedAuthor */ .Xw)(c, author, writers));
    if (checklist)
        rows.push([checklist.created_at, when(checklist.created_at), 'Incident-response checklist posted']);
    const human = comments.find((c) => !(0,_marker_js__WEBPACK_IMPORTED_MODULE_7__/* .readMarker */ .t7)(c.body) && c.user?.login !== author && !c.user?.login.endsWith('[bot]'));
    if (human)
        rows.push([human.created_at, when(human.created_at), `First response by ${who(human.user)}`]);
    rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const closedAt = issue.closed_at ?? undefined;
    if (closedAt) {
        const reason = issue.state_reason ? ` as ${(0,_engine_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeText */ .X1)(issue.state_reason.replace('_', ' '))}` : '';
        rows.push([closedAt, when(closedAt), `Closed${reason} by ${who(issue.closed_by)}`]);
    }
    const ttc = closedAt ? (0,_evidence_js__WEBPACK_IMPORTED_MODULE_8__/* .formatDuration */ .a)(Date.parse(closedAt) - Date.parse(issue.created_at)) : 'not closed';
    const progress = checklist?.body ? taskProgress(checklist.body) : undefined;
    const lines = [
        (0,_marker_js__WEBPACK_IMPORTED_MODULE_7__/* .marker */ .xL)('lessons', { gate }),
        `## Lessons learned (gate ${(0,_engine_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .codeSpan */ .SS)(gate)})`,
        `Time to close: **${(0,_engine_markdown_js__WEBPACK_IMPORTED_MODULE_3__/* .escapeText */ .X1)(ttc)}**. Detections: **${detections.length + 1}**.` +
            (progress ? ` Checklist: **${progress.done} of ${progress.total}** tasks ticked.` : ''),
        '### Timeline (UTC)',
        '| Time | Event |',
        '|---|---|',
        ...rows.map(([, t, e]) => `| ${t} | ${e} |`),
        '### Review',
        'Answer in replies below, then turn each follow-up action into an issue.',
        '- [ ] **Root cause:** how did the change get in, and why was it possible?',
        '- [ ] **Detection:** how long between the change and the detection? Would a narrower `include`, `protected` paths or `watch-job` have caught it sooner?',
        '- [ ] **What worked:** which steps of the plan helped (containment, rotation, restore)?',
        '- [ ] **What failed or was slow:** missing access, unclear ownership, noisy alerts, steps nobody knew how to do.',
        '- [ ] **Changes to the plan:** what to add, remove or reorder in the checklist (`checklist-template`), who to call (`issue-assignees`).',
        '- [ ] **Follow-up actions:** each with an owner and a due date.',
    ];
    let text = lines.join('\n').replace(/\n(#{2,3} )/g, '\n\n$1') + '\n';
    if (text.length > _constants_js__WEBPACK_IMPORTED_MODULE_2__/* .LIMITS */ .b1.issueBody)
        text = text.slice(0, _constants_js__WEBPACK_IMPORTED_MODULE_2__/* .LIMITS */ .b1.issueBody - 200) + '\n\n_Timeline truncated._\n';
    return text;
}
/** ", run 123 attempt 1" from a detection marker, linked when the repository URL is known. */
function runOf(body, repoUrl) {
    const m = (0,_marker_js__WEBPACK_IMPORTED_MODULE_7__/* .readMarker */ .t7)(body);
    if (!m?.run)
        return '';
    const label = `run ${m.run}${m.attempt ? `, attempt ${m.attempt}` : ''}`;
    if (!repoUrl)
        return `, ${label}`;
    return `, [${label}](${repoUrl}/actions/runs/${m.run}${m.attempt ? `/attempts/${m.attempt}` : ''})`;
}
const labelName = (l) => (typeof l === 'string' ? l : (l.name ?? ''));
/** Which issue to review: `issue-number`, or the issue of an `issues: closed` event; undefined = nothing to do. */
function targetIssue(settings, ctx) {
    if (settings.issueNumber !== undefined)
        return settings.issueNumber;
    if (ctx.eventName === 'issues') {
        if (ctx.payload.action !== 'closed')
            return undefined;
        const n = ctx.payload.issue?.number;
        if (typeof n === 'number' && Number.isSafeInteger(n) && n > 0)
            return n;
        throw new Error('The issues event payload has no issue number.');
    }
    throw new Error(`mode: lessons-learned runs on an 'issues: closed' event or with the issue-number input; this run's event is '${ctx.eventName}'.`);
}
/** Posts the lessons-learned comment on a closed incident issue (once), and sets issue-number / issue-url. */
async function runLessonsLearned(settings, ctx = _actions_github__WEBPACK_IMPORTED_MODULE_1__/* .context */ ._) {
    const number = targetIssue(settings, ctx);
    if (number === undefined) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(`Nothing to do: lessons-learned reviews closed issues, and this event is 'issues: ${String(ctx.payload.action)}'.`);
        return;
    }
    const repository = process.env.GITHUB_REPOSITORY ?? '';
    const [owner, repo] = repository.split('/');
    if (!owner || !repo)
        throw new Error(`GITHUB_REPOSITORY '${repository}' is not of the form owner/repo.`);
    const r = { owner, repo };
    const label = settings.issueLabels[0];
    const octokit = (0,_octokit_js__WEBPACK_IMPORTED_MODULE_5__/* .createClient */ .UU)(settings.token);
    const issue = await (0,_octokit_js__WEBPACK_IMPORTED_MODULE_5__/* .call */ .T1)(`read issue #${number}`, async () => (await octokit.rest.issues.get({ ...r, issue_number: number })).data);
    const m = (0,_marker_js__WEBPACK_IMPORTED_MODULE_7__/* .readMarker */ .t7)(issue.body);
    const labelled = label !== undefined &&
        (issue.labels ?? []).some((l) => labelName(l).toLowerCase() === label.toLowerCase());
    if (m?.kind !== 'incident' || !labelled || issue.pull_request) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(`Issue #${number} is not an integrity-gate incident (no incident marker and '${label}' label): nothing to review.`);
        return;
    }
    // Anyone can copy the marker into an issue that a triager or a template labels: review only the gate's own.
    if (!(0,_writers_js__WEBPACK_IMPORTED_MODULE_6__/* .isTrustedIssue */ .d3)(issue, await (0,_writers_js__WEBPACK_IMPORTED_MODULE_6__/* .writersAmong */ .Df)(octokit, r, [issue]))) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(`Issue #${number} carries the incident marker but was not opened by the gate or by someone with write access: nothing to review.`);
        return;
    }
    if (issue.state !== 'closed') {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(`Incident #${number} is still open: the lessons-learned review is posted when it is closed.`);
        return;
    }
    if (issue.state_reason === 'duplicate') {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .notice */ .lm(`Incident #${number} was closed as a duplicate: the review belongs on the incident it duplicates.`);
        return;
    }
    const server = (process.env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
    const repoUrl = /^https?:\/\/[A-Za-z0-9.:-]+$/.test(server) ? `${server}/${owner}/${repo}` : undefined;
    const { comment, posted } = await (0,_octokit_js__WEBPACK_IMPORTED_MODULE_5__/* .call */ .T1)(`post the lessons-learned comment on #${number}`, async () => {
        const thread = await (0,_incident_js__WEBPACK_IMPORTED_MODULE_4__/* .listComments */ .fg)(octokit, r, number);
        return (0,_incident_js__WEBPACK_IMPORTED_MODULE_4__/* .postOnce */ .yn)(octokit, r, issue, 'lessons', m.gate, lessonsComment(issue, thread, m.gate, repoUrl));
    });
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(posted
        ? `Posted the lessons-learned review on #${number}: ${comment.html_url ?? ''}`
        : `The lessons-learned review is already on #${number}.`);
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Outputs */ .tY.IssueNumber, String(number));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setOutput */ .uH(_constants_js__WEBPACK_IMPORTED_MODULE_2__/* .Outputs */ .tY.IssueUrl, issue.html_url);
}


/***/ })

};
