/**
 * The GitHub compare API (`GET /repos/{owner}/{repo}/compare/{base}...{head}`), used when the checkout's own
 * history cannot answer (a shallow clone, or the baseline commit not fetched). Every page is read (the
 * Link header's `next`), and files are collected from all of them. GitHub lists at most 300 files per
 * comparison: beyond that, paths it leaves out stay unexplained (fail closed), and a note says so.
 * The API knows no file modes and names paths as text, so mode changes and non-UTF-8 names cannot be
 * explained this way. Only the paths and their status are used: the caller reads what the head commit holds
 * at each path (mode, blob) from the checkout (src/git/explain.ts).
 */
import { HttpClient } from '@actions/http-client'
import type { GitFileChange } from '../engine/triage.js'

/** What the compare endpoint told us. */
export interface Comparison {
  /** `ahead`/`identical`: base is an ancestor of head; `behind`/`diverged`: it is not. */
  status: string
  /** Paths keyed relative to the scan root (prefix removed). */
  files: Map<string, GitFileChange>
  /** True when GitHub's 300-file cap may have left paths out. */
  truncated: boolean
}

/** Settings of {@link compareCommits}. */
export interface CompareOptions {
  /** `GITHUB_API_URL`, e.g. https://api.github.com. */
  apiUrl: string
  /** owner/repo. */
  repository: string
  token: string
  base: string
  head: string
  /** The scan root inside the repository, `''` or ending in `/`. */
  prefix: string
  /** Safety bound on pages. Default 50. */
  maxPages?: number
}

/** GitHub lists at most this many files per comparison. */
export const COMPARE_FILE_CAP = 300

/** Reads the whole comparison; throws a message naming the HTTP status and what to check. */
export async function compareCommits(o: CompareOptions): Promise<Comparison> {
  if (!/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(o.repository)) {
    throw new Error(`GITHUB_REPOSITORY '${o.repository}' is not owner/repo.`)
  }
  if (!o.token) throw new Error('no github-token was given')
  const client = new HttpClient('integrity-gate', [], {
    allowRetries: true,
    maxRetries: 2,
    socketTimeout: 60_000,
  })
  const headers = {
    Accept: 'application/vnd.github+json',
    Authorization: `Bearer ${o.token}`,
    'X-GitHub-Api-Version': '2022-11-28',
  }
  const base = o.apiUrl.replace(/\/+$/, '')
  let url: string | undefined =
    `${base}/repos/${o.repository}/compare/${encodeURIComponent(o.base)}...${encodeURIComponent(o.head)}?per_page=100`
  const files = new Map<string, GitFileChange>()
  let status = ''
  let listed = 0
  try {
    for (let page = 0; url !== undefined; page++) {
      if (page >= (o.maxPages ?? 50)) throw new Error(`more than ${o.maxPages ?? 50} pages of commits`)
      const response = await client.get(url, headers)
      const code = response.message.statusCode ?? 0
      const text = await response.readBody()
      if (code !== 200) {
        const hint =
          code === 404
            ? ' (a commit is unknown to GitHub, or the token cannot read the repository: it needs contents: read)'
            : code === 401 || code === 403
              ? ' (the token lacks contents: read, or a rate limit was hit)'
              : ''
        throw new Error(`GitHub answered HTTP ${code}${hint}: ${text.slice(0, 200)}`)
      }
      const body = JSON.parse(text) as { status?: unknown; files?: unknown }
      if (typeof body.status === 'string') status = body.status
      if (Array.isArray(body.files)) {
        listed += body.files.length
        for (const f of body.files) addFile(files, f as Record<string, unknown>, o.prefix)
      }
      url = nextPage(response.message.headers.link, base)
    }
  } finally {
    client.dispose()
  }
  if (!['ahead', 'identical', 'behind', 'diverged'].includes(status)) {
    throw new Error(`the compare answer has no known status ('${status}')`)
  }
  return { status, files, truncated: listed >= COMPARE_FILE_CAP }
}

function addFile(files: Map<string, GitFileChange>, f: Record<string, unknown>, prefix: string): void {
  const name = typeof f.filename === 'string' ? f.filename : undefined
  if (name === undefined) throw new Error('the compare answer lists a file without a filename')
  const sha = typeof f.sha === 'string' && /^[0-9a-f]{40,64}$/.test(f.sha) ? f.sha : undefined
  const put = (repoPath: string, change: GitFileChange): void => {
    if (prefix && !repoPath.startsWith(prefix)) return
    const key = repoPath.slice(prefix.length)
    if (key) files.set(key, change)
  }
  switch (f.status) {
    case 'removed':
      put(name, { status: 'D' })
      break
    case 'renamed':
      // Renames are split like --no-renames does: the old path deleted, the new one added.
      if (typeof f.previous_filename === 'string') put(f.previous_filename, { status: 'D' })
      put(name, { status: 'A', newBlob: sha })
      break
    case 'added':
    case 'copied':
      put(name, { status: 'A', newBlob: sha })
      break
    case 'modified':
    case 'changed':
      put(name, { status: 'M', newBlob: sha })
      break
    default:
      // `unchanged` and anything new: nothing changed that we could vouch for.
      break
  }
}

/**
 * The next page to read, if any. The token goes with each request, so a `next` link to another origin than
 * the API's (a proxy or an answer that is not GitHub's) is refused instead of followed.
 */
export function nextPage(header: string | string[] | undefined, apiBase: string): string | undefined {
  const next = nextLink(header)
  if (next === undefined) return undefined
  let origin: string
  try {
    origin = new URL(next).origin
  } catch {
    throw new Error(`the compare answer's next page is not a URL: ${next.slice(0, 200)}`)
  }
  if (origin !== new URL(apiBase).origin)
    throw new Error(
      `the compare answer's next page is on ${origin}, not the API's host: not followed with the token`,
    )
  return next
}

/** The `next` URL of a Link header, if any. */
export function nextLink(header: string | string[] | undefined): string | undefined {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '')
  for (const part of text.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part)
    if (m) return m[1]
  }
  return undefined
}
