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
import * as core from '@actions/core'
import * as github from '@actions/github'
import type { GateOutcome } from '../gate.js'
import type { ActionSettings } from '../inputs.js'
import { builtInChecklist, checkLogins, type PlanInput } from './checklist.js'
import { collectEvidence, type Evidence } from './evidence.js'
import { detectionComment, incidentBody, incidentTitle } from './issue-body.js'
import { checkGate, hasMarker, marker, readMarker, type MarkerKind } from './marker.js'
import { call, createClient, statusOf, type Client } from './octokit.js'
import { fillTemplate, loadTemplate, type Template } from './template.js'
import { isTrustedAuthor, isTrustedIssue, writersAmong, type Authored, type Writers } from './writers.js'

/** Owner and name of the repository the issues live in. */
export interface Repo {
  owner: string
  repo: string
}

/** The fields of an issue the incident code reads. */
export interface IssueInfo extends Authored {
  id: number
  number: number
  html_url: string
  state?: string
  pull_request?: unknown
}

/** The fields of a comment the incident code reads. */
export interface CommentInfo extends Authored {
  id: number
  body?: string
  html_url?: string
  created_at: string
}

/** An issue's comments and which of their authors may write markers. */
export interface Thread {
  comments: CommentInfo[]
  writers: Writers
}

const LABEL_COLOR = 'b60205'
const LABEL_DESCRIPTION = 'Integrity gate incident: unexpected file changes'

/** Creates the labels that do not exist yet; a concurrent creation (422 already_exists) is fine. */
export async function ensureLabels(octokit: Client, r: Repo, labels: readonly string[]): Promise<void> {
  for (const name of labels) {
    try {
      await octokit.rest.issues.getLabel({ ...r, name })
      continue
    } catch (e) {
      if (statusOf(e) !== 404) throw e
    }
    try {
      await octokit.rest.issues.createLabel({
        ...r,
        name,
        color: LABEL_COLOR,
        description: LABEL_DESCRIPTION,
      })
      core.info(`Created label '${name}'.`)
    } catch (e) {
      const errors = (e as { response?: { data?: { errors?: Array<{ code?: string }> } } }).response?.data
        ?.errors
      if (statusOf(e) === 422 && errors?.some((x) => x.code === 'already_exists')) continue
      throw e
    }
  }
}

/**
 * Open incident issues of `gate`: labelled with `label`, carrying the incident marker and opened by the gate
 * or someone with write access (an outsider's issue with a copied marker is ignored). Lowest first.
 */
export async function openIncidents(
  octokit: Client,
  r: Repo,
  gate: string,
  label: string,
): Promise<IssueInfo[]> {
  const issues = (await octokit.paginate(octokit.rest.issues.listForRepo, {
    ...r,
    state: 'open',
    labels: label,
    per_page: 100,
  })) as IssueInfo[]
  const marked = issues.filter((i) => !i.pull_request && hasMarker(i.body, 'incident', gate))
  const writers = await writersAmong(octokit, r, marked)
  return marked.filter((i) => isTrustedIssue(i, writers)).sort((a, b) => a.number - b.number)
}

/** All comments of an issue, oldest first, with the authors of marked ones checked for write access. */
export async function listComments(octokit: Client, r: Repo, issueNumber: number): Promise<Thread> {
  const comments = (await octokit.paginate(octokit.rest.issues.listComments, {
    ...r,
    issue_number: issueNumber,
    per_page: 100,
  })) as CommentInfo[]
  return { comments, writers: await writersAmong(octokit, r, comments) }
}

/** Trusted comments with a marker of `kind` for `gate`, lowest id first. */
export function markedComments(
  thread: Thread,
  kind: MarkerKind,
  gate: string,
  issueAuthor: string | undefined,
): CommentInfo[] {
  return thread.comments
    .filter((c) => hasMarker(c.body, kind, gate) && isTrustedAuthor(c, issueAuthor, thread.writers))
    .sort((a, b) => a.id - b.id)
}

/**
 * Posts a comment of `kind` unless a trusted one exists; after posting, lists again and, if an older copy
 * appeared meanwhile (a concurrent run), turns this one into a pointer to it. Returns the surviving comment.
 */
export async function postOnce(
  octokit: Client,
  r: Repo,
  issue: IssueInfo,
  kind: MarkerKind,
  gate: string,
  body: string,
): Promise<{ comment: CommentInfo; posted: boolean }> {
  const author = issue.user?.login
  const before = markedComments(await listComments(octokit, r, issue.number), kind, gate, author)
  if (before.length > 0) return { comment: before[0], posted: false }
  const { data } = await octokit.rest.issues.createComment({ ...r, issue_number: issue.number, body })
  const mine = data as CommentInfo
  const after = markedComments(await listComments(octokit, r, issue.number), kind, gate, author)
  const first = after[0]
  if (first && first.id < mine.id) {
    await octokit.rest.issues.updateComment({
      ...r,
      comment_id: mine.id,
      body: `${marker('duplicate', { gate })}\n_A concurrent run posted the same ${kind} comment first: ${first.html_url ?? 'see above'}._\n`,
    })
    return { comment: first, posted: false }
  }
  return { comment: mine, posted: true }
}

/** Whether this run's detection is already recorded (a retried request or a re-run of the same attempt). */
function alreadyRecorded(issue: IssueInfo, thread: Thread, ev: Evidence): boolean {
  if (!ev.runId) return false
  const same = (body: string | null | undefined, kind: MarkerKind) => {
    const m = readMarker(body)
    return (
      m?.kind === kind &&
      m.gate === ev.gate &&
      m.run === ev.runId &&
      m.attempt === ev.runAttempt &&
      m.phase === ev.phase
    )
  }
  return (
    same(issue.body, 'incident') ||
    thread.comments.some(
      (c) => same(c.body, 'detection') && isTrustedAuthor(c, issue.user?.login, thread.writers),
    )
  )
}

/** Comments this detection on an existing incident issue (once per run attempt). */
async function commentDetection(
  octokit: Client,
  r: Repo,
  issue: IssueInfo,
  outcome: Pick<GateOutcome, 'report'>,
  ev: Evidence,
): Promise<void> {
  const thread = await listComments(octokit, r, issue.number)
  if (alreadyRecorded(issue, thread, ev)) {
    core.info(`This run's detection is already recorded on incident #${issue.number}.`)
    return
  }
  await octokit.rest.issues.createComment({
    ...r,
    issue_number: issue.number,
    body: detectionComment(outcome.report, ev),
  })
  core.info(`Added this detection to the open incident #${issue.number}: ${issue.html_url}`)
}

/** Closes `loser` as a duplicate of `winner`, with a comment pointing to it. */
async function closeDuplicate(
  octokit: Client,
  r: Repo,
  loser: IssueInfo,
  winner: IssueInfo,
  gate: string,
): Promise<void> {
  await octokit.rest.issues.createComment({
    ...r,
    issue_number: loser.number,
    body: `${marker('duplicate', { gate })}\nDuplicate of #${winner.number}: another run opened the incident for this gate at the same time. The detection is recorded there.\n`,
  })
  await octokit.rest.issues.update({
    ...r,
    issue_number: loser.number,
    state: 'closed',
    state_reason: 'duplicate',
    duplicate_issue_id: winner.id,
  })
  core.info(`Closed #${loser.number} as a duplicate of #${winner.number}.`)
}

/**
 * Creates the issue. GitHub refuses the whole issue (422, field `assignees`) when an assignee cannot be
 * assigned (a deactivated account, one that lost access): then it is filed unassigned with a warning, since
 * someone leaving must not stop incidents from being filed.
 */
async function createIssue(
  octokit: Client,
  fields: Repo & { title: string; body: string; labels: string[]; assignees: string[] },
): Promise<IssueInfo> {
  const { assignees, ...rest } = fields
  try {
    const { data } = await octokit.rest.issues.create(assignees.length > 0 ? fields : rest)
    return data as IssueInfo
  } catch (e) {
    const errors = (e as { response?: { data?: { errors?: Array<{ field?: string }> } } }).response?.data
      ?.errors
    if (statusOf(e) !== 422 || !errors?.some((x) => x.field === 'assignees' || x.field === 'assignee'))
      throw e
    core.warning(
      `GitHub refused the issue-assignees (${assignees.join(', ')}): filing the incident unassigned. Check that each can be assigned in this repository.`,
    )
    const { data } = await octokit.rest.issues.create(rest)
    return data as IssueInfo
  }
}

/** Everything checked before the first write: a bad template or assignee fails the step with nothing filed. */
interface Prepared {
  template?: Template
  assignees: string[]
  label: string
}

function prepare(settings: ActionSettings): Prepared {
  checkGate(settings.gate)
  const label = settings.issueLabels[0]
  if (!label)
    throw new Error('issue-labels is empty: the first label is how the gate finds its open incident.')
  const assignees = checkLogins(settings.issueAssignees)
  const template =
    settings.checklist && settings.checklistTemplate ? loadTemplate(settings.checklistTemplate) : undefined
  return { template, assignees, label }
}

/** Posts the checklist once per incident (a trusted comment with the checklist marker means: done). */
async function ensureChecklist(
  octokit: Client,
  r: Repo,
  issue: IssueInfo,
  outcome: Pick<GateOutcome, 'report'>,
  ev: Evidence,
  p: Prepared,
): Promise<void> {
  const input: PlanInput = {
    report: outcome.report,
    evidence: ev,
    assignees: p.assignees,
    issueNumber: issue.number,
  }
  const body = p.template ? fillTemplate(p.template, input) : builtInChecklist(input)
  const { posted } = await postOnce(octokit, r, issue, 'checklist', ev.gate, body)
  core.info(
    posted
      ? `Posted the incident-response checklist on #${issue.number}.`
      : `The checklist is already on #${issue.number}.`,
  )
}

/**
 * Opens this gate's incident issue, or comments on the open one, and posts the checklist once.
 * Returns the incident issue that now holds this detection.
 */
export async function reportIncident(
  outcome: Pick<GateOutcome, 'report'>,
  settings: ActionSettings,
  phase?: 'post',
): Promise<{ number: number; url: string }> {
  const prepared = prepare(settings)
  const ev = {
    ...collectEvidence(settings.gate, process.env, github.context.payload as Record<string, unknown>),
    phase,
  }
  const [owner, repo] = ev.repository.split('/')
  const r: Repo = { owner, repo }
  const octokit = createClient(settings.token)
  const gate = settings.gate

  const existing = await call('list open incident issues', () =>
    openIncidents(octokit, r, gate, prepared.label),
  )
  let winner: IssueInfo
  if (existing.length > 0) {
    winner = existing[0]
    await call(`comment on incident #${winner.number}`, () =>
      commentDetection(octokit, r, winner, outcome, ev),
    )
    // Housekeeping after the detection is on record: a duplicate that cannot be closed must not cost it.
    for (const extra of existing.slice(1)) {
      await call(`close duplicate incident #${extra.number}`, () =>
        closeDuplicate(octokit, r, extra, winner, gate),
      ).catch((e: unknown) => core.warning((e as Error).message))
    }
  } else {
    await call('create the incident labels', () => ensureLabels(octokit, r, settings.issueLabels))
    const created = await call('create the incident issue', () =>
      createIssue(octokit, {
        ...r,
        title: incidentTitle(outcome.report, ev),
        body: incidentBody(outcome.report, ev),
        labels: settings.issueLabels,
        assignees: prepared.assignees,
      }),
    )
    core.info(`Opened incident #${created.number}: ${created.html_url}`)
    const now = await call('list open incident issues', () => openIncidents(octokit, r, gate, prepared.label))
    // The new issue may not be listed yet (eventual consistency): it still counts.
    const all = [...now.filter((i) => i.number !== created.number), created].sort(
      (a, b) => a.number - b.number,
    )
    winner = all[0]
    if (winner.number !== created.number) {
      await call(`close duplicate incident #${created.number}`, () =>
        closeDuplicate(octokit, r, created, winner, gate),
      )
      await call(`comment on incident #${winner.number}`, () =>
        commentDetection(octokit, r, winner, outcome, ev),
      )
    }
  }
  if (settings.checklist) {
    await call(`post the checklist on #${winner.number}`, () =>
      ensureChecklist(octokit, r, winner, outcome, ev, prepared),
    )
  }
  return { number: winner.number, url: winner.html_url }
}
