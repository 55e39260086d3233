/**
 * What the incident issue records about the run that detected the change, read from the runner's
 * environment. Every value may be shaped by whoever controls the workflow or the branch (ref names,
 * workflow names, actor logins): renderers escape all of them.
 */

/** The run and repository facts of one detection. */
export interface Evidence {
  gate: string
  /** `owner/repo`. */
  repository: string
  serverUrl: string
  runId?: string
  runAttempt?: string
  /** Link to the run attempt, only when every part is well-formed. */
  runUrl?: string
  workflow?: string
  job?: string
  actor?: string
  event?: string
  sha?: string
  /** Full ref, e.g. `refs/heads/main`. */
  ref?: string
  /** Short ref name for the title, e.g. `main`. */
  refName?: string
  /** Pull request number for pull_request events. */
  pullRequest?: number
  /** ISO-8601 UTC time of this detection. */
  detectedAt: string
  /** `post`: the post step (watch-job) found changes made during the job. */
  phase?: 'post'
}

const REPO = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/
const DIGITS = /^[0-9]{1,20}$/
const SERVER = /^https?:\/\/[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:\/[A-Za-z0-9._~/-]*)?$/

/** Reads the evidence of this run from the Actions environment (and the event payload, for PR numbers). */
export function collectEvidence(
  gate: string,
  env: NodeJS.ProcessEnv = process.env,
  payload: Record<string, unknown> = {},
  now: Date = new Date(),
): Evidence {
  const repository = env.GITHUB_REPOSITORY ?? ''
  if (!REPO.test(repository)) {
    throw new Error(
      `GITHUB_REPOSITORY '${repository}' is not of the form owner/repo: cannot file an incident issue.`,
    )
  }
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  const runId = env.GITHUB_RUN_ID || undefined
  const runAttempt = env.GITHUB_RUN_ATTEMPT || undefined
  let runUrl: string | undefined
  if (runId && DIGITS.test(runId) && SERVER.test(serverUrl)) {
    runUrl = `${serverUrl}/${repository}/actions/runs/${runId}`
    if (runAttempt && DIGITS.test(runAttempt)) runUrl += `/attempts/${runAttempt}`
  }
  const ref = env.GITHUB_REF || undefined
  const pr = (payload.pull_request as { number?: unknown } | undefined)?.number
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
  }
}

/** A duration in words for timelines: "2 d 3 h", "4 h 12 min", "7 min", "under a minute". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'unknown'
  const minutes = Math.floor(ms / 60000)
  if (minutes < 1) return 'under a minute'
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const mins = minutes % 60
  if (days > 0) return `${days} d ${hours} h`
  if (hours > 0) return `${hours} h ${mins} min`
  return `${mins} min`
}
