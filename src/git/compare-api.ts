/**
 * The GitHub compare API (`GET /repos/{owner}/{repo}/compare/{base}...{head}`), used when the checkout's own
 * history cannot answer (a shallow clone, or the baseline commit not fetched). Only the first page is read:
 * it holds all the files GitHub lists, at most 300 per comparison; beyond that, paths it leaves out stay
 * unexplained (fail closed), and a note says so.
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
  // One page: GitHub lists the changed files (up to 300 for the whole comparison) only on the first page
  // of a paginated comparison; later pages hold only more commits, which triage does not use. Following
  // them cost up to 50 requests, and past 5,000 commits it gave up and explained nothing.
  const url = `${base}/repos/${o.repository}/compare/${encodeURIComponent(o.base)}...${encodeURIComponent(o.head)}?per_page=1`
  const files = new Map<string, GitFileChange>()
  let status = ''
  let listed = 0
  try {
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
      listed = body.files.length
      for (const f of body.files) addFile(files, f as Record<string, unknown>, o.prefix)
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
      put(name, { status: 'A' })
      break
    case 'added':
    case 'copied':
      put(name, { status: 'A' })
      break
    case 'modified':
    case 'changed':
      put(name, { status: 'M' })
      break
    default:
      // `unchanged` and anything new: nothing changed that we could vouch for.
      break
  }
}
