/**
 * Realistic webhook payloads for `GITHUB_EVENT_PATH`, taken from `@octokit/webhooks-examples` (the payloads
 * GitHub documents) and adjusted to the repository and issue a test uses.
 *
 * The examples hold no `issues`/`closed` payload; it is made from the `reopened` one (same shape) with the
 * fields a close changes: `action`, `issue.state`, `issue.closed_at`, `issue.state_reason`.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

type Payload = Record<string, unknown>

/** Events the helper knows; `pull_request` alone means `pull_request.opened`. */
export type EventName = 'issues.closed' | 'issues.opened' | 'push' | 'pull_request' | `pull_request.${string}`

/** What a test may change in an example payload. */
export interface EventOverrides {
  /** Repository `owner/name`: rewritten everywhere the example names its repository (urls included). */
  repo?: string
  /** Login of the sender (the actor). */
  sender?: string
  /** Issue fields (`issues.*` events). Labels are names; they become label objects. */
  issue?: {
    number?: number
    title?: string
    body?: string | null
    labels?: string[]
    user?: string
    closed_at?: string
    created_at?: string
  }
  /** Push fields. */
  ref?: string
  before?: string
  after?: string
  /** Pull request fields (`pull_request.*` events). `fork: true` makes the head a fork in another account. */
  pullRequest?: {
    number?: number
    headSha?: string
    baseSha?: string
    headRef?: string
    baseRef?: string
    fork?: boolean
  }
  /** Deep-merged last, for anything else. */
  patch?: Payload
}

interface Definition {
  name: string
  examples: Payload[]
}

let examples: Definition[] | undefined

function definitions(): Definition[] {
  if (!examples) {
    const require = createRequire(import.meta.url)
    // The package's main is the api.github.com example file (4 MB JSON): read it once per process.
    examples = JSON.parse(readFileSync(require.resolve('@octokit/webhooks-examples'), 'utf8')) as Definition[]
  }
  return examples
}

function example(event: string, pick: (p: Payload) => boolean): Payload {
  const found = definitions()
    .find((d) => d.name === event)
    ?.examples.find(pick)
  if (!found) throw new Error(`@octokit/webhooks-examples has no matching '${event}' example`)
  return structuredClone(found)
}

function isObject(v: unknown): v is Payload {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function merge(target: Payload, patch: Payload): Payload {
  for (const [key, value] of Object.entries(patch)) {
    target[key] = isObject(value) && isObject(target[key]) ? merge(target[key] as Payload, value) : value
  }
  return target
}

/** Replaces every string in `value` through `fn` (for url rewrites). */
function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value)
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn))
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]))
  return value
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A user object of the example with another login (its `url`s follow). */
function renameUser(user: Payload, login: string): Payload {
  const old = new RegExp(`(github\\.com/(?:users/)?)${escape(String(user.login))}(?![\\w-])`, 'g')
  const renamed = mapStrings(user, (s) => s.replace(old, `$1${login}`)) as Payload
  renamed.login = login
  return renamed
}

/**
 * Fields GitHub sends today that some examples predate (the webhook schemas in the description require them).
 */
function modernise(payload: Payload): Payload {
  for (const key of ['repository', 'pull_request']) {
    const repos = key === 'repository' ? [payload.repository] : []
    if (key === 'pull_request' && isObject(payload.pull_request)) {
      const pull = payload.pull_request
      if (pull.auto_merge === undefined) pull.auto_merge = null
      if (isObject(pull.head)) repos.push(pull.head.repo)
      if (isObject(pull.base)) repos.push(pull.base.repo)
    }
    for (const repo of repos)
      if (isObject(repo) && repo.has_discussions === undefined) repo.has_discussions = false
  }
  return payload
}

function base(name: EventName): Payload {
  return modernise(example_(name))
}

function example_(name: EventName): Payload {
  if (name === 'push')
    return example('push', (p) => String(p.ref).startsWith('refs/heads/') && p.head_commit != null)
  if (name === 'issues.opened') return example('issues', (p) => p.action === 'opened')
  if (name === 'issues.closed') {
    const payload = example('issues', (p) => p.action === 'reopened')
    const issue = payload.issue as Payload
    payload.action = 'closed'
    issue.state = 'closed'
    issue.closed_at = issue.updated_at
    issue.state_reason = 'completed'
    return payload
  }
  const action = name === 'pull_request' ? 'opened' : name.slice('pull_request.'.length)
  return example('pull_request', (p) => p.action === action)
}

/**
 * A realistic payload for `name`, adjusted by `overrides`. Throws when the examples hold no such event.
 */
export function eventPayload(name: EventName, overrides: EventOverrides = {}): Payload {
  let payload = base(name)
  const repository = payload.repository as Payload
  if (overrides.repo) {
    const [owner, repoName] = overrides.repo.split('/')
    if (!owner || !repoName)
      throw new Error(`Invalid repository '${overrides.repo}'. Expected format {owner}/{repo}.`)
    // `Hello-World.git` must be rewritten too; `Hello-World-2` must not.
    const old = new RegExp(`${escape(String(repository.full_name))}(?![\\w-])`, 'g')
    payload = mapStrings(payload, (s) => s.replace(old, overrides.repo!)) as Payload
    // Every repository object of the payload (`repository`, a pull request's head and base) now carries the
    // new full_name; give it the matching name and owner.
    const fix = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(fix)
      if (!isObject(node)) return
      Object.values(node).forEach(fix)
      if (node.full_name === overrides.repo && isObject(node.owner)) {
        node.name = repoName
        node.owner = renameUser(node.owner, owner)
      }
    }
    fix(payload)
  }
  if (overrides.sender) payload.sender = renameUser(payload.sender as Payload, overrides.sender)
  if (overrides.issue && isObject(payload.issue)) {
    let issue = payload.issue as Payload
    const { number, labels, user, ...fields } = overrides.issue
    if (number !== undefined) {
      const old = new RegExp(`/issues/${String(issue.number)}(?![0-9])`, 'g')
      issue = mapStrings(issue, (s) => s.replace(old, `/issues/${number}`)) as Payload
      issue.number = number
    }
    if (labels) {
      const template = ((issue.labels as Payload[] | undefined) ?? [])[0] ?? {}
      issue.labels = labels.map((label, i) => ({
        ...template,
        id: 1000 + i,
        node_id: Buffer.from(`0:Label${1000 + i}`).toString('base64'),
        url: `${String(issue.repository_url)}/labels/${encodeURIComponent(label)}`,
        name: label,
        color: 'ededed',
        default: false,
        description: null,
      }))
    }
    if (user) issue.user = renameUser(issue.user as Payload, user)
    Object.assign(issue, fields)
    payload.issue = issue
  }
  if (overrides.ref !== undefined) payload.ref = overrides.ref
  if (overrides.before !== undefined) payload.before = overrides.before
  if (overrides.after !== undefined) {
    payload.after = overrides.after
    if (isObject(payload.head_commit)) payload.head_commit.id = overrides.after
  }
  const pr = overrides.pullRequest
  if (pr && isObject(payload.pull_request)) {
    const pull = payload.pull_request as Payload
    const head = pull.head as Payload
    const baseRef = pull.base as Payload
    if (pr.number !== undefined) {
      payload.number = pr.number
      pull.number = pr.number
    }
    if (pr.headSha) head.sha = pr.headSha
    if (pr.baseSha) baseRef.sha = pr.baseSha
    if (pr.headRef) head.ref = pr.headRef
    if (pr.baseRef) baseRef.ref = pr.baseRef
    if (pr.fork) {
      const forkRepo = structuredClone(head.repo) as Payload
      const forkName = `fork-owner/${String(forkRepo.name)}`
      forkRepo.full_name = forkName
      forkRepo.fork = true
      forkRepo.id = Number(forkRepo.id) + 1
      forkRepo.owner = {
        ...(forkRepo.owner as Payload),
        login: 'fork-owner',
        html_url: 'https://github.com/fork-owner',
      }
      head.repo = forkRepo
      head.label = `fork-owner:${String(head.ref)}`
      head.user = forkRepo.owner
    }
  }
  if (overrides.patch) merge(payload, overrides.patch)
  return payload
}

/** The event file and the environment a runner would set for it. */
export interface WrittenEvent {
  path: string
  payload: Payload
  /** `GITHUB_EVENT_NAME`, `GITHUB_EVENT_PATH`, `GITHUB_REPOSITORY`, `GITHUB_REPOSITORY_OWNER`, `GITHUB_ACTOR`,
   * and for push / pull_request `GITHUB_REF` and `GITHUB_SHA`. */
  env: Record<string, string>
}

/**
 * Writes `eventPayload(name, overrides)` to `event.json` in `dir` (a new temp dir by default) for
 * `GITHUB_EVENT_PATH`, and returns the matching runner environment.
 */
export function writeEvent(name: EventName, overrides: EventOverrides = {}, dir?: string): WrittenEvent {
  const payload = eventPayload(name, overrides)
  const folder = dir ?? mkdtempSync(join(tmpdir(), 'gh-event-'))
  const path = join(folder, 'event.json')
  writeFileSync(path, JSON.stringify(payload, null, 2))
  const repository = payload.repository as Payload
  const eventName = name.split('.')[0]
  const env: Record<string, string> = {
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: path,
    GITHUB_REPOSITORY: String(repository.full_name),
    GITHUB_REPOSITORY_OWNER: String((repository.owner as Payload).login),
    GITHUB_ACTOR: String((payload.sender as Payload).login),
  }
  if (eventName === 'push') {
    env.GITHUB_REF = String(payload.ref)
    env.GITHUB_SHA = String(payload.after)
  } else if (eventName === 'pull_request') {
    const pull = payload.pull_request as Payload
    env.GITHUB_REF = `refs/pull/${String(pull.number)}/merge`
    env.GITHUB_SHA = String((pull.head as Payload).sha)
  }
  return { path, payload, env }
}
