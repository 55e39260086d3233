/**
 * `mode: lessons-learned`: when an incident issue is closed, post one review comment with the incident's
 * timeline (opened, each detection, checklist progress, closed, time to close) and the review prompts.
 * Idempotent: a trusted comment with the lessons marker means it was already posted.
 */
import * as core from '@actions/core'
import * as github from '@actions/github'
import { LIMITS, Outputs } from '../constants.js'
import { codeSpan, escapeText } from '../engine/markdown.js'
import type { ActionSettings } from '../inputs.js'
import { formatDuration } from './evidence.js'
import { listComments, postOnce, type IssueInfo, type Repo, type Thread } from './incident.js'
import { marker, readMarker } from './marker.js'
import { call, createClient } from './octokit.js'
import { isTrustedAuthor, isTrustedIssue, writersAmong } from './writers.js'

/** The fields of a closed incident issue the review reads. */
export interface ClosedIssue extends IssueInfo {
  created_at: string
  closed_at?: string | null
  state_reason?: string | null
  closed_by?: { login: string } | null
  labels?: Array<string | { name?: string }>
}

/** The subset of github.context lessons-learned reads. */
export interface EventContext {
  eventName: string
  payload: Record<string, unknown>
}

/** Most timeline rows shown: the first and last detections of a long incident, and a count in between. */
const TIMELINE_MAX = 200

const who = (u: { login: string } | null | undefined): string => (u?.login ? codeSpan(u.login) : 'unknown')
const when = (iso: string): string => escapeText(iso)

/** Counts ticked and open task-list items (`- [x]` / `- [ ]`). */
export function taskProgress(body: string): { done: number; total: number } {
  let done = 0
  let total = 0
  for (const line of body.split('\n')) {
    const m = /^\s*[-*+] \[( |x|X)\] /.exec(line)
    if (!m) continue
    total++
    if (m[1] !== ' ') done++
  }
  return { done, total }
}

/** The lessons-learned comment for a closed incident issue and its comments. */
export function lessonsComment(
  issue: ClosedIssue,
  thread: Thread,
  gate: string,
  serverRepoUrl?: string,
): string {
  const author = issue.user?.login
  const { comments, writers } = thread
  // [sort key, time shown, event]. The elision row takes the time of the first detection it stands for, so
  // it sorts where they were (a row comparing equal to everything gives the sort no consistent order).
  const rows: Array<[string, string, string]> = [
    [
      issue.created_at,
      when(issue.created_at),
      `Incident opened by ${who(issue.user)} (first detection${runOf(issue.body, serverRepoUrl)})`,
    ],
  ]
  const detections = comments.filter(
    (c) => readMarker(c.body)?.kind === 'detection' && isTrustedAuthor(c, author, writers),
  )
  // A long incident shows its first and last detections and one row counting those in between, emitted at
  // the first one left out.
  const head = TIMELINE_MAX / 2
  const tail = detections.length - TIMELINE_MAX / 2
  detections.forEach((c, i) => {
    if (detections.length > TIMELINE_MAX && i >= head && i < tail) {
      if (i === head)
        rows.push([c.created_at, '…', `${tail - head} more detection${tail - head === 1 ? '' : 's'}`])
      return
    }
    const link = c.html_url ? ` ([comment](${c.html_url}))` : ''
    rows.push([c.created_at, when(c.created_at), `Detection ${i + 2}${runOf(c.body, serverRepoUrl)}${link}`])
  })
  const checklist = comments.find(
    (c) => readMarker(c.body)?.kind === 'checklist' && isTrustedAuthor(c, author, writers),
  )
  if (checklist)
    rows.push([checklist.created_at, when(checklist.created_at), 'Incident-response checklist posted'])
  const human = comments.find(
    (c) => !readMarker(c.body) && c.user?.login !== author && !c.user?.login.endsWith('[bot]'),
  )
  if (human) rows.push([human.created_at, when(human.created_at), `First response by ${who(human.user)}`])
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const closedAt = issue.closed_at ?? undefined
  if (closedAt) {
    const reason = issue.state_reason ? ` as ${escapeText(issue.state_reason.replace('_', ' '))}` : ''
    rows.push([closedAt, when(closedAt), `Closed${reason} by ${who(issue.closed_by)}`])
  }
  const ttc = closedAt ? formatDuration(Date.parse(closedAt) - Date.parse(issue.created_at)) : 'not closed'
  const progress = checklist?.body ? taskProgress(checklist.body) : undefined

  const lines = [
    marker('lessons', { gate }),
    `## Lessons learned (gate ${codeSpan(gate)})`,
    `Time to close: **${escapeText(ttc)}**. Detections: **${detections.length + 1}**.` +
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
  ]
  let text = lines.join('\n').replace(/\n(#{2,3} )/g, '\n\n$1') + '\n'
  if (text.length > LIMITS.issueBody)
    text = text.slice(0, LIMITS.issueBody - 200) + '\n\n_Timeline truncated._\n'
  return text
}

/** ", run 123 attempt 1" from a detection marker, linked when the repository URL is known. */
function runOf(body: string | null | undefined, repoUrl: string | undefined): string {
  const m = readMarker(body)
  if (!m?.run) return ''
  const label = `run ${m.run}${m.attempt ? `, attempt ${m.attempt}` : ''}`
  if (!repoUrl) return `, ${label}`
  return `, [${label}](${repoUrl}/actions/runs/${m.run}${m.attempt ? `/attempts/${m.attempt}` : ''})`
}

const labelName = (l: string | { name?: string }): string => (typeof l === 'string' ? l : (l.name ?? ''))

/** Which issue to review: `issue-number`, or the issue of an `issues: closed` event; undefined = nothing to do. */
export function targetIssue(settings: ActionSettings, ctx: EventContext): number | undefined {
  if (settings.issueNumber !== undefined) return settings.issueNumber
  if (ctx.eventName === 'issues') {
    if (ctx.payload.action !== 'closed') return undefined
    const n = (ctx.payload.issue as { number?: unknown } | undefined)?.number
    if (typeof n === 'number' && Number.isSafeInteger(n) && n > 0) return n
    throw new Error('The issues event payload has no issue number.')
  }
  throw new Error(
    `mode: lessons-learned runs on an 'issues: closed' event or with the issue-number input; this run's event is '${ctx.eventName}'.`,
  )
}

/** Posts the lessons-learned comment on a closed incident issue (once), and sets issue-number / issue-url. */
export async function runLessonsLearned(
  settings: ActionSettings,
  ctx: EventContext = github.context,
): Promise<void> {
  const number = targetIssue(settings, ctx)
  if (number === undefined) {
    core.notice(
      `Nothing to do: lessons-learned reviews closed issues, and this event is 'issues: ${String(ctx.payload.action)}'.`,
    )
    return
  }
  const repository = process.env.GITHUB_REPOSITORY ?? ''
  const [owner, repo] = repository.split('/')
  if (!owner || !repo) throw new Error(`GITHUB_REPOSITORY '${repository}' is not of the form owner/repo.`)
  const r: Repo = { owner, repo }
  const label = settings.issueLabels[0]
  const octokit = createClient(settings.token)
  const issue = await call(
    `read issue #${number}`,
    async () => (await octokit.rest.issues.get({ ...r, issue_number: number })).data as ClosedIssue,
  )
  const m = readMarker(issue.body)
  const labelled =
    label !== undefined &&
    (issue.labels ?? []).some((l) => labelName(l).toLowerCase() === label.toLowerCase())
  if (m?.kind !== 'incident' || !labelled || issue.pull_request) {
    core.notice(
      `Issue #${number} is not an integrity-gate incident (no incident marker and '${label}' label): nothing to review.`,
    )
    return
  }
  // Anyone can copy the marker into an issue that a triager or a template labels: review only the gate's own.
  if (!isTrustedIssue(issue, await writersAmong(octokit, r, [issue]))) {
    core.notice(
      `Issue #${number} carries the incident marker but was not opened by the gate or by someone with write access: nothing to review.`,
    )
    return
  }
  if (issue.state !== 'closed') {
    core.notice(`Incident #${number} is still open: the lessons-learned review is posted when it is closed.`)
    return
  }
  if (issue.state_reason === 'duplicate') {
    core.notice(
      `Incident #${number} was closed as a duplicate: the review belongs on the incident it duplicates.`,
    )
    return
  }
  const server = (process.env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  const repoUrl = /^https?:\/\/[A-Za-z0-9.:-]+$/.test(server) ? `${server}/${owner}/${repo}` : undefined
  const { comment, posted } = await call(`post the lessons-learned comment on #${number}`, async () => {
    const thread = await listComments(octokit, r, number)
    return postOnce(octokit, r, issue, 'lessons', m.gate, lessonsComment(issue, thread, m.gate, repoUrl))
  })
  core.info(
    posted
      ? `Posted the lessons-learned review on #${number}: ${comment.html_url ?? ''}`
      : `The lessons-learned review is already on #${number}.`,
  )
  core.setOutput(Outputs.IssueNumber, String(number))
  core.setOutput(Outputs.IssueUrl, issue.html_url)
}
