/**
 * A small subset of GitHub's issue search syntax for the stand-in: `repo:`, `is:issue`/`is:pr`,
 * `is:open`/`is:closed`/`state:`, `label:`, `author:`, `in:title`/`in:body`/`in:comments` and free terms or
 * quoted phrases (case-insensitive substring). Unknown qualifiers throw, so a test never passes on a query
 * the stand-in silently ignored.
 */
import type { GitHubState, IssueRecord, RepoRecord } from './github-model.js'

/** One search hit and the repository it belongs to. */
export interface SearchHit {
  repo: RepoRecord
  issue: IssueRecord
}

/** Splits a query into terms, keeping `"quoted phrases"` (also after a qualifier: `label:"a b"`) whole. */
function tokens(q: string): string[] {
  const out: string[] = []
  const re = /(\S+?:)?"([^"]*)"|(\S+)/g
  for (let m = re.exec(q); m; m = re.exec(q)) out.push(m[3] ?? `${m[1] ?? ''}\u0000${m[2]}`)
  return out
}

/** Runs a search over every repository in the state. */
export function searchIssues(state: GitHubState, q: string): SearchHit[] {
  const repos: string[] = []
  const labels: string[] = []
  const words: string[] = []
  const where = new Set<string>()
  let wantState: string | undefined
  let author: string | undefined
  let kind = 'issue'
  for (const raw of tokens(q)) {
    const quoted = raw.includes('\u0000')
    const [qualifier, value] = quoted
      ? (raw.split('\u0000') as [string, string])
      : raw.includes(':')
        ? [raw.slice(0, raw.indexOf(':') + 1), raw.slice(raw.indexOf(':') + 1)]
        : ['', raw]
    switch (qualifier) {
      case '':
        words.push(value.toLowerCase())
        break
      case 'repo:':
        repos.push(value.toLowerCase())
        break
      case 'label:':
        labels.push(value.toLowerCase())
        break
      case 'author:':
        author = value
        break
      case 'state:':
        wantState = value
        break
      case 'in:':
        for (const w of value.split(',')) where.add(w)
        break
      case 'is:':
        if (value === 'open' || value === 'closed') wantState = value
        else if (value === 'issue' || value === 'pr') kind = value
        else throw new Error(`The stand-in's search does not support is:${value}`)
        break
      default:
        throw new Error(`The stand-in's search does not support the qualifier ${qualifier}`)
    }
  }
  if (where.size === 0) where.add('title').add('body')
  const hits: SearchHit[] = []
  if (kind === 'pr') return hits
  for (const [key, repo] of state.repos) {
    if (repos.length > 0 && !repos.includes(key)) continue
    const fullName = `${repo.owner}/${repo.name}`
    for (const issue of repo.issues) {
      if (wantState && issue.state !== wantState) continue
      if (author && issue.user !== author) continue
      const own = issue.labels.map((l) => l.toLowerCase())
      if (!labels.every((l) => own.includes(l))) continue
      const haystack = [
        where.has('title') ? issue.title : '',
        where.has('body') ? (issue.body ?? '') : '',
        ...(where.has('comments') ? state.comments(fullName, issue.number).map((c) => c.body) : []),
      ]
        .join('\n')
        .toLowerCase()
      if (words.every((w) => haystack.includes(w))) hits.push({ repo, issue })
    }
  }
  return hits
}
