/**
 * Which events may write a baseline. A baseline saved from code an outsider controls would approve that
 * outsider's changes for every later run, so such events never save unless the user opts in.
 */

/** The parts of the Actions context this decision needs. */
export interface EventInfo {
  eventName: string
  /** owner/repo of the workflow's repository. */
  repository: string
  payload: Record<string, unknown>
}

/** Events whose code or inputs come from people without write access. */
const ALWAYS_UNTRUSTED: Record<string, string> = {
  pull_request_target:
    'pull_request_target runs with the base repository\u2019s token while the tree may hold the pull request\u2019s code',
  issue_comment: 'issue_comment can be triggered by anyone who can comment',
  pull_request_review_comment: 'pull_request_review_comment can be triggered by anyone who can comment',
  discussion_comment: 'discussion_comment can be triggered by anyone who can comment',
}

/** Returns why saving is refused for this event, or undefined when the event is trusted. */
export function untrustedReason(ev: EventInfo): string | undefined {
  const fixed = ALWAYS_UNTRUSTED[ev.eventName]
  if (fixed) return `the '${ev.eventName}' event is untrusted (${fixed}).`
  if (ev.eventName === 'pull_request' || ev.eventName === 'pull_request_review') {
    const head = repoName(get(ev.payload, ['pull_request', 'head', 'repo', 'full_name']))
    // A missing head repository means the fork was deleted: unknown origin, treat as a fork.
    if (head === undefined || head.toLowerCase() !== ev.repository.toLowerCase()) {
      return `the pull request comes from a fork (${head ?? 'deleted repository'}), whose code is untrusted.`
    }
    return undefined
  }
  if (ev.eventName === 'workflow_run') {
    const head = repoName(get(ev.payload, ['workflow_run', 'head_repository', 'full_name']))
    const trigger = get(ev.payload, ['workflow_run', 'event'])
    if (
      typeof trigger === 'string' &&
      trigger.startsWith('pull_request') &&
      head?.toLowerCase() !== ev.repository.toLowerCase()
    ) {
      return `the workflow_run was triggered by a pull request from a fork (${head ?? 'unknown'}).`
    }
  }
  return undefined
}

function get(obj: unknown, keys: string[]): unknown {
  let cur = obj
  for (const k of keys) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[k]
  }
  return cur
}

function repoName(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined
}
