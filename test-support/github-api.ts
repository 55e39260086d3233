/**
 * A local stand-in for api.github.com: issues, comments, labels, assignees, a minimal repository and compare
 * endpoint, held in memory, on 127.0.0.1. Every request is checked against GitHub's OpenAPI description
 * (`@octokit/openapi`); each mismatch is recorded in `violations` so end-to-end tests can assert there is none.
 *
 * Usage:
 * ```ts
 * const gh = await startGitHubApi({ repos: ['octo-org/app'] })
 * process.env.GITHUB_API_URL = gh.url // before `await import('@actions/github')`, which reads it at import
 * const octokit = getOctokit(gh.token, { baseUrl: gh.url })
 * gh.state.seedIssue('octo-org/app', { title: 'old incident', labels: ['integrity'] }) // optional seeding
 * gh.fault({ method: 'POST', path: /\/issues$/, status: 502 })            // next matching request fails once
 * gh.fault(secondaryRateLimit(/\/comments$/))                             // GitHub's 403 + retry-after: 1
 * gh.fault({ path: /\/issues/, status: 500, times: Infinity })            // until `.clear()`
 * gh.latency.push({ method: 'GET', path: /\/issues$/, ms: 50 })            // widen race windows
 * // … run the code under test …
 * expect(gh.violations).toEqual([])
 * expect(gh.state.issues('octo-org/app')).toHaveLength(1)
 * await gh.stop()
 * ```
 * Order of checks for each request: route → request schema (422) → faults → auth (401/403) → repository
 * (404) → handler → response schema (2xx only) → latency. Writes are unsynchronised, like GitHub's: two
 * clients that both list and then create get two issues.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { checkRequest, checkResponse, loadSpec, matchOperation, type Operation } from './openapi-spec.js'
import { GitHubState, Shapes, type IssueRecord, type RepoRecord, type Role } from './github-model.js'
import { searchIssues } from './github-search.js'

/** A request or response that does not match GitHub's description, or a request no GitHub route serves. */
export interface Violation {
  /** `route`: no such operation; `request`: bad params/body/headers; `response`: the stand-in drifted. */
  kind: 'route' | 'request' | 'response' | 'unimplemented'
  method: string
  path: string
  operationId?: string
  message: string
}

/** One request the stand-in answered. */
export interface Recorded {
  method: string
  /** Path without the query string, as sent (percent-encoded). */
  path: string
  query: Record<string, string>
  operationId?: string
  /** Parsed JSON body, if any. */
  body?: unknown
  status: number
  /** The token the request carried, if any. */
  token?: string
}

/** A scripted failure: the next `times` requests that match get this answer instead of the real one. */
export interface FaultSpec {
  /** Upper-case method to match; any when absent. */
  method?: string
  /** Tested against the path (without query); any when absent. */
  path?: RegExp
  status: number
  /** How many matching requests fail; default 1; `Infinity` for "forever". */
  times?: number
  /** JSON body; a GitHub-style `{message, documentation_url}` for the status when absent. */
  body?: unknown
  headers?: Record<string, string>
}

/** Handle of an installed fault: how often it fired, and a way to remove it. */
export interface Fault {
  readonly spec: FaultSpec
  /** Requests answered by this fault so far. */
  hits: number
  /** Removes the fault (remaining `times` are dropped). */
  clear(): void
}

/** Delay before the stand-in answers matching requests (the answer is computed first, then held). */
export interface LatencySpec {
  method?: string
  path?: RegExp
  ms: number
}

/** What a token may do: `write` can call everything, `read` gets GitHub's 403 on any write. */
export interface TokenSpec {
  /** Login the token acts as (default `github-actions[bot]`). */
  login?: string
  permission: 'read' | 'write'
}

/** Options of {@link startGitHubApi}. */
export interface GitHubApiOptions {
  /** Repositories (`owner/name`) that exist; default `['octo-org/octo-repo']`. */
  repos?: string[]
  /** Accepted tokens; default one write token {@link DEFAULT_TOKEN}. */
  tokens?: Record<string, TokenSpec>
  /**
   * Roles of people (`GET …/collaborators/{username}/permission`); the logins of write tokens other than
   * the Actions bot get `write` unless named here. Anyone else is not a collaborator (404).
   */
  roles?: Record<string, Role>
  /** Logins that may be assigned; others are silently dropped as GitHub does. Default: anyone. */
  assignable?: string[]
  /** Check every 2xx answer against the documented response schema (default true). */
  validateResponses?: boolean
  /** Clock for timestamps (default: real time). */
  clock?: () => Date
  /** Latency rules, first match wins; see {@link LatencySpec}. */
  latency?: LatencySpec[]
}

/** A running stand-in. */
export interface GitHubApi {
  /** Base URL to pass as Octokit's `baseUrl` (or `GITHUB_API_URL`), e.g. `http://127.0.0.1:40123`. */
  url: string
  /** The default write token. */
  token: string
  state: GitHubState
  violations: Violation[]
  requests: Recorded[]
  /** Installs a scripted failure; see {@link FaultSpec}. */
  fault(spec: FaultSpec): Fault
  /** Latency rules, editable while running. */
  latency: LatencySpec[]
  stop(): Promise<void>
}

/** The write token accepted by default. */
export const DEFAULT_TOKEN = 'ghs_standin_write_token'

/** A secondary rate limit answer as GitHub sends it (403, `retry-after: 1`). */
export function secondaryRateLimit(path?: RegExp, times = 1): FaultSpec {
  return {
    path,
    times,
    status: 403,
    headers: { 'retry-after': '1', 'x-ratelimit-remaining': '4990' },
    body: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.',
      documentation_url:
        'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: '403',
    },
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Bad credentials',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  422: 'Validation Failed',
  500: 'Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
}

/** An answer a handler computed. */
interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

/** Everything a handler sees. */
interface Ctx {
  op: Operation
  params: Record<string, string>
  query: URLSearchParams
  body: Record<string, unknown>
  rawBody: unknown
  repo: RepoRecord
  fullName: string
  login: string
  url: URL
  /** Records a violation against this request (for stand-in limits a handler finds). */
  violation: (kind: Violation['kind'], message: string) => void
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.message))
  }
}

function errorBody(status: number, message: string, docsUrl: string, extra: Record<string, unknown> = {}) {
  return { message, documentation_url: docsUrl, status: String(status), ...extra }
}

function notFound(op: Operation): HttpError {
  return new HttpError(404, errorBody(404, 'Not Found', op.docsUrl))
}

function pageParams(query: URLSearchParams): { perPage: number; page: number } {
  const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30) || 30))
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1)
  return { perPage, page }
}

/** Slices a list and builds GitHub's `Link` header (`next`/`last`, `prev`/`first`) for the other pages. */
function paginate<T>(items: T[], ctx: Ctx): { page: T[]; headers: Record<string, string> } {
  const { perPage, page } = pageParams(ctx.query)
  const last = Math.max(1, Math.ceil(items.length / perPage))
  const link = (n: number, rel: string) => {
    const u = new URL(ctx.url)
    u.searchParams.set('per_page', String(perPage))
    u.searchParams.set('page', String(n))
    return `<${u.toString()}>; rel="${rel}"`
  }
  const links: string[] = []
  if (page > 1) links.push(link(page - 1, 'prev'))
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
  if (page > 1) links.push(link(1, 'first'))
  return {
    page: items.slice((page - 1) * perPage, page * perPage),
    headers: links.length > 0 ? { link: links.join(', ') } : {},
  }
}

function labelNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : []
  return list
    .map((l) =>
      typeof l === 'string' ? l : l && typeof l === 'object' ? (l as { name?: unknown }).name : undefined,
    )
    .filter((n): n is string => typeof n === 'string' && n.length > 0)
}

function sortIssues(issues: IssueRecord[], query: URLSearchParams, comments: (i: IssueRecord) => number) {
  const sort = query.get('sort') ?? 'created'
  const dir = (query.get('direction') ?? 'desc') === 'asc' ? 1 : -1
  const key = (i: IssueRecord): string | number =>
    sort === 'updated' ? i.updatedAt : sort === 'comments' ? comments(i) : i.createdAt
  return [...issues].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    const c = ka < kb ? -1 : ka > kb ? 1 : a.number - b.number
    return c * dir
  })
}

/** Route handlers by GitHub operation id. */
function handlers(state: GitHubState, shapes: Shapes, assignable?: string[]) {
  const assign = (logins: string[]) => logins.filter((l) => !assignable || assignable.includes(l))
  const issueOf = (ctx: Ctx): IssueRecord => {
    const issue = state.issue(ctx.fullName, Number(ctx.params.issue_number))
    if (!issue) throw notFound(ctx.op)
    return issue
  }
  const commentOf = (ctx: Ctx) => {
    const comment = ctx.repo.comments.find((c) => c.id === Number(ctx.params.comment_id))
    if (!comment) throw notFound(ctx.op)
    return comment
  }
  const table: Record<string, (ctx: Ctx) => Reply> = {
    'repos/get': (ctx) => ({ status: 200, body: shapes.repository(ctx.repo) }),
    'repos/get-collaborator-permission-level': (ctx) => {
      const role = state.role(ctx.params.username)
      if (!role) throw notFound(ctx.op)
      return { status: 200, body: shapes.permission(ctx.params.username, role) }
    },
    'repos/compare-commits-with-basehead': (ctx) => {
      if (!ctx.params.basehead.includes('...')) throw notFound(ctx.op)
      return { status: 200, body: shapes.comparison(ctx.repo, ctx.params.basehead) }
    },
    'issues/create': (ctx) => {
      const b = ctx.body
      const assignees = assign([
        ...((b.assignees as string[] | undefined) ?? []),
        ...(typeof b.assignee === 'string' ? [b.assignee] : []),
      ])
      const issue = state.createIssue(ctx.fullName, ctx.login, {
        title: String(b.title),
        body: typeof b.body === 'string' ? b.body : null,
        labels: labelNames(b.labels),
        assignees,
      })
      const body = shapes.issue(ctx.repo, issue)
      return { status: 201, body, headers: { location: String(body.url) } }
    },
    'issues/get': (ctx) => ({ status: 200, body: shapes.issue(ctx.repo, issueOf(ctx)) }),
    'issues/update': (ctx) => {
      const issue = issueOf(ctx)
      const b = ctx.body
      if (typeof b.title === 'string' || typeof b.title === 'number') issue.title = String(b.title)
      if (b.body !== undefined) issue.body = typeof b.body === 'string' ? b.body : null
      if (b.labels !== undefined) state.setLabels(ctx.fullName, issue, labelNames(b.labels))
      if (Array.isArray(b.assignees)) issue.assignees = assign(b.assignees as string[])
      if (b.state === 'open' || b.state === 'closed') {
        const reason = (b.state_reason as IssueRecord['stateReason'] | undefined) ?? null
        state.setState(issue, b.state, reason, ctx.login)
      }
      issue.updatedAt = state.now()
      return { status: 200, body: shapes.issue(ctx.repo, issue) }
    },
    'issues/list-for-repo': (ctx) => {
      const q = ctx.query
      const wanted = q.get('state') ?? 'open'
      const labels = (q.get('labels') ?? '')
        .split(',')
        .map((l) => l.trim().toLowerCase())
        .filter(Boolean)
      const creator = q.get('creator')
      const assignee = q.get('assignee')
      const since = q.get('since')
      const milestone = q.get('milestone')
      const matches = ctx.repo.issues.filter((i) => {
        if (wanted !== 'all' && i.state !== wanted) return false
        const own = i.labels.map((l) => l.toLowerCase())
        if (!labels.every((l) => own.includes(l))) return false
        if (creator && i.user.toLowerCase() !== creator.toLowerCase()) return false
        if (assignee === 'none' && i.assignees.length > 0) return false
        if (assignee === '*' && i.assignees.length === 0) return false
        if (assignee && assignee !== '*' && assignee !== 'none' && !i.assignees.includes(assignee))
          return false
        if (since && i.updatedAt < since) return false
        // The stand-in has no milestones: only "none" (or no filter) can match.
        if (milestone && milestone !== 'none') return false
        return true
      })
      const sorted = sortIssues(matches, q, (i) => state.comments(ctx.fullName, i.number).length)
      const { page, headers } = paginate(sorted, ctx)
      return { status: 200, body: page.map((i) => shapes.issue(ctx.repo, i)), headers }
    },
    'issues/list-comments': (ctx) => {
      const issue = issueOf(ctx)
      const since = ctx.query.get('since')
      const all = state.comments(ctx.fullName, issue.number).filter((c) => !since || c.updatedAt >= since)
      const { page, headers } = paginate(all, ctx)
      return { status: 200, body: page.map((c) => shapes.comment(ctx.repo, c)), headers }
    },
    'issues/create-comment': (ctx) => {
      const issue = issueOf(ctx)
      const comment = state.addComment(ctx.fullName, issue.number, String(ctx.body.body), ctx.login)
      const body = shapes.comment(ctx.repo, comment)
      return { status: 201, body, headers: { location: String(body.url) } }
    },
    'issues/get-comment': (ctx) => ({ status: 200, body: shapes.comment(ctx.repo, commentOf(ctx)) }),
    'issues/update-comment': (ctx) => {
      const comment = commentOf(ctx)
      comment.body = String(ctx.body.body)
      comment.updatedAt = state.now()
      return { status: 200, body: shapes.comment(ctx.repo, comment) }
    },
    'issues/list-labels-for-repo': (ctx) => {
      const { page, headers } = paginate(state.labels(ctx.fullName), ctx)
      return { status: 200, body: page.map((l) => shapes.label(ctx.repo, l)), headers }
    },
    'issues/get-label': (ctx) => {
      const label = state.label(ctx.fullName, ctx.params.name)
      if (!label) throw notFound(ctx.op)
      return { status: 200, body: shapes.label(ctx.repo, label) }
    },
    'issues/create-label': (ctx) => {
      const name = String(ctx.body.name)
      if (state.label(ctx.fullName, name)) {
        throw new HttpError(
          422,
          errorBody(422, 'Validation Failed', ctx.op.docsUrl, {
            errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
          }),
        )
      }
      const color = typeof ctx.body.color === 'string' ? ctx.body.color.replace(/^#/, '') : 'ededed'
      const description = typeof ctx.body.description === 'string' ? ctx.body.description : null
      const label = state.ensureLabel(ctx.fullName, name, color, description)
      return { status: 201, body: shapes.label(ctx.repo, label) }
    },
    'issues/list-labels-on-issue': (ctx) => {
      const issue = issueOf(ctx)
      const labels = issue.labels.map((n) => shapes.label(ctx.repo, state.ensureLabel(ctx.fullName, n)))
      const { page, headers } = paginate(labels, ctx)
      return { status: 200, body: page, headers }
    },
    'issues/add-labels': (ctx) => {
      const issue = issueOf(ctx)
      // The description allows `{labels: [...]}`; Octokit and older clients also send a bare array.
      const names = labelNames(Array.isArray(ctx.rawBody) ? ctx.rawBody : ctx.body.labels)
      state.setLabels(ctx.fullName, issue, [...issue.labels, ...names])
      issue.updatedAt = state.now()
      const body = issue.labels.map((n) => shapes.label(ctx.repo, state.ensureLabel(ctx.fullName, n)))
      return { status: 200, body }
    },
    'issues/remove-label': (ctx) => {
      const issue = issueOf(ctx)
      const before = issue.labels.length
      issue.labels = issue.labels.filter((l) => l.toLowerCase() !== ctx.params.name.toLowerCase())
      if (issue.labels.length === before) {
        throw new HttpError(404, errorBody(404, 'Label does not exist', ctx.op.docsUrl))
      }
      const body = issue.labels.map((n) => shapes.label(ctx.repo, state.ensureLabel(ctx.fullName, n)))
      return { status: 200, body }
    },
    'issues/add-assignees': (ctx) => {
      const issue = issueOf(ctx)
      const wanted = assign((ctx.body.assignees as string[] | undefined) ?? [])
      issue.assignees = [...new Set([...issue.assignees, ...wanted])]
      issue.updatedAt = state.now()
      return { status: 201, body: shapes.issue(ctx.repo, issue) }
    },
    'search/issues-and-pull-requests': (ctx) => {
      let found: ReturnType<typeof searchIssues>
      try {
        found = searchIssues(state, ctx.query.get('q') ?? '')
      } catch (error) {
        ctx.violation('unimplemented', (error as Error).message)
        throw new HttpError(422, errorBody(422, 'Validation Failed', ctx.op.docsUrl))
      }
      const sorted = sortIssues(
        found.map((f) => f.issue),
        ctx.query,
        (i) => i.number,
      )
      const { page, headers } = paginate(sorted, ctx)
      const repoOf = new Map(found.map((f) => [f.issue, f.repo]))
      const items = page.map((i) => ({ ...shapes.issue(repoOf.get(i)!, i), score: 1 }))
      const body = { total_count: sorted.length, incomplete_results: false, search_type: 'lexical', items }
      return { status: 200, body, headers }
    },
  }
  return table
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = {
    'x-github-media-type': 'github.v3; format=json',
    'x-github-api-version-selected': '2022-11-28',
    'x-ratelimit-limit': '5000',
    'x-ratelimit-remaining': '4999',
    'x-ratelimit-used': '1',
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    'x-ratelimit-resource': 'core',
    ...(reply.headers ?? {}),
  }
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end()
    return
  }
  headers['content-type'] = 'application/json; charset=utf-8'
  res.writeHead(reply.status, headers).end(JSON.stringify(reply.body))
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/**
 * Starts the stand-in on 127.0.0.1 on a free port. The OpenAPI description is loaded (once per process)
 * before the promise resolves, so the first request is not slowed by it.
 */
export async function startGitHubApi(options: GitHubApiOptions = {}): Promise<GitHubApi> {
  loadSpec()
  const tokens: Record<string, TokenSpec> = options.tokens ?? { [DEFAULT_TOKEN]: { permission: 'write' } }
  const state = new GitHubState(options.repos ?? ['octo-org/octo-repo'], options.clock ?? (() => new Date()))
  for (const t of Object.values(tokens)) {
    if (t.login && t.login !== 'github-actions[bot]' && t.permission === 'write')
      state.setRole(t.login, 'write')
  }
  for (const [login, role] of Object.entries(options.roles ?? {})) state.setRole(login, role)
  const violations: Violation[] = []
  const requests: Recorded[] = []
  const faults: Fault[] = []
  const latency = [...(options.latency ?? [])]
  const validateResponses = options.validateResponses ?? true
  // Handlers need the URL (for `url` fields), known only once the server listens.
  const routes: { table?: ReturnType<typeof handlers> } = {}

  const handle = async (req: IncomingMessage, res: ServerResponse, base: string): Promise<void> => {
    const method = (req.method ?? 'GET').toUpperCase()
    const url = new URL(req.url ?? '/', base)
    const path = url.pathname
    const raw = await readBody(req)
    const auth = req.headers.authorization
    const token = auth ? /^(?:token|bearer)\s+(\S+)$/i.exec(auth)?.[1] : undefined
    const record: Recorded = { method, path, query: Object.fromEntries(url.searchParams), status: 0, token }
    requests.push(record)
    const violation = (kind: Violation['kind'], message: string, operationId?: string) =>
      violations.push({ kind, method, path, operationId, message })

    const reply = async (r: Reply, op?: Operation): Promise<void> => {
      const rule = latency.find((l) => (!l.method || l.method === method) && (!l.path || l.path.test(path)))
      if (rule) await new Promise((resolve) => setTimeout(resolve, rule.ms))
      record.status = r.status
      if (op && validateResponses && r.status >= 200 && r.status < 300) {
        for (const m of checkResponse(op, r.status, r.body)) violation('response', m, op.operationId)
      }
      send(res, r)
    }

    const match = matchOperation(method, path)
    if (!match) {
      violation('route', `no GitHub REST operation for ${method} ${path}`)
      return reply({ status: 404, body: errorBody(404, 'Not Found', 'https://docs.github.com/rest') })
    }
    const op = match.operation
    record.operationId = op.operationId

    let body: unknown
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'))
        record.body = body
      } catch {
        violation('request', 'request body is not valid JSON', op.operationId)
        return reply({ status: 400, body: errorBody(400, 'Problems parsing JSON', op.docsUrl) })
      }
      const type = req.headers['content-type'] ?? ''
      if (!/^application\/json\b/i.test(type)) {
        violation('request', `content-type '${type}' is not application/json`, op.operationId)
      }
    }
    const problems = checkRequest(op, {
      pathParams: match.pathParams,
      query: url.searchParams,
      headers: req.headers,
      body,
    })
    if (problems.length > 0) {
      for (const m of problems) violation('request', m, op.operationId)
      const message = `Invalid request.\n\n${problems.join('\n')}`
      return reply({ status: 422, body: errorBody(422, message, op.docsUrl) })
    }

    const fault = faults.find(
      (f) =>
        f.hits < (f.spec.times ?? 1) &&
        (!f.spec.method || f.spec.method === method) &&
        (!f.spec.path || f.spec.path.test(path)),
    )
    if (fault) {
      fault.hits++
      const status = fault.spec.status
      const fallback = errorBody(status, REASONS[status] ?? `Error ${status}`, op.docsUrl)
      return reply({ status, body: fault.spec.body ?? fallback, headers: fault.spec.headers })
    }

    if (!auth) {
      violation(
        'request',
        'no Authorization header (the code under test must always send its token)',
        op.operationId,
      )
      return reply({ status: 401, body: errorBody(401, 'Requires authentication', op.docsUrl) })
    }
    const who = token ? tokens[token] : undefined
    if (!who)
      return reply({ status: 401, body: errorBody(401, 'Bad credentials', 'https://docs.github.com/rest') })
    const isWrite = method !== 'GET' && method !== 'HEAD'
    if (isWrite && who.permission !== 'write') {
      return reply({
        status: 403,
        body: errorBody(403, 'Resource not accessible by integration', op.docsUrl),
        headers: { 'x-accepted-github-permissions': 'issues=write' },
      })
    }

    const params = match.pathParams
    const fullName = `${params.owner}/${params.repo}`
    const repo = params.owner && params.repo ? state.repo(fullName) : undefined
    if (params.owner && params.repo && !repo)
      return reply({ status: 404, body: errorBody(404, 'Not Found', op.docsUrl) })
    const handler = routes.table?.[op.operationId]
    if (!handler) {
      violation('unimplemented', `the stand-in does not implement ${op.operationId}`, op.operationId)
      return reply({ status: 404, body: errorBody(404, 'Not Found', op.docsUrl) })
    }
    const ctx: Ctx = {
      op,
      params,
      query: url.searchParams,
      body: body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {},
      rawBody: body,
      repo: repo as RepoRecord,
      fullName: repo ? `${repo.owner}/${repo.name}` : fullName,
      login: who.login ?? 'github-actions[bot]',
      url,
      violation: (kind, message) => violation(kind, message, op.operationId),
    }
    try {
      return await reply(handler(ctx), op)
    } catch (error) {
      if (error instanceof HttpError) return reply({ status: error.status, body: error.body })
      throw error
    }
  }

  const server = createServer((req, res) => {
    handle(req, res, url).catch((error: unknown) => {
      violations.push({
        kind: 'response',
        method: req.method ?? '',
        path: req.url ?? '',
        message: `stand-in crashed: ${error instanceof Error ? error.stack : String(error)}`,
      })
      if (!res.headersSent)
        send(res, { status: 500, body: errorBody(500, 'Server Error', 'https://docs.github.com/rest') })
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  routes.table = handlers(state, new Shapes(url, state), options.assignable)

  return {
    url,
    token: Object.keys(tokens).find((t) => tokens[t].permission === 'write') ?? DEFAULT_TOKEN,
    state,
    violations,
    requests,
    latency,
    fault(spec: FaultSpec): Fault {
      const fault: Fault = {
        spec,
        hits: 0,
        clear: () => {
          const i = faults.indexOf(fault)
          if (i >= 0) faults.splice(i, 1)
        },
      }
      faults.push(fault)
      return fault
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
