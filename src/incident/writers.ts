/**
 * Who may write the markers the gate believes. A marker is only text: anyone who can open an issue can put
 * the incident marker on its first line, and a triager, or an issue template's `labels:`, can give it the
 * incident label. So the gate believes an issue or comment only from itself (`github-actions[bot]`, or the
 * account that opened the incident with another token) or from someone with write access to the repository,
 * asked of GitHub (`GET /repos/{owner}/{repo}/collaborators/{username}/permission`). `author_association`
 * does not answer that: MEMBER is any member of the owning organisation and COLLABORATOR includes read and
 * triage roles.
 */
import * as core from '@actions/core'
import { readMarker } from './marker.js'
import { statusOf, type Client } from './octokit.js'

/** The author fields of an issue or comment that decide whether its marker is believed. */
export interface Authored {
  body?: string | null
  user?: { login: string; type?: string } | null
  author_association?: string
  /** Set when a GitHub App wrote the item (its installation token, or a user token of the app). */
  performed_via_github_app?: { slug?: string } | null
}

/** The identity of workflows' default GITHUB_TOKEN. */
export const ACTIONS_BOT = 'github-actions[bot]'

/** Logins known to have write access; an answer per login and repository is asked once per process. */
export type Writers = ReadonlySet<string>

const asked = new Map<string, Promise<boolean>>()

/** Whether GitHub says `login` may push to the repository (admin, maintain or write). */
async function canWrite(
  octokit: Client,
  r: { owner: string; repo: string },
  login: string,
): Promise<boolean> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...r, username: login })
    // `permission` maps maintain to write and triage to read (GitHub's documented legacy base roles).
    return data.permission === 'admin' || data.permission === 'write'
  } catch (e) {
    // 404: not a collaborator. Anything else: not known, so not believed — the safe side, since an
    // unbelieved marker makes the gate open or post again, never stay silent.
    if (statusOf(e) !== 404) {
      core.warning(
        `Could not check ${login}'s access to the repository (${(e as Error).message}): not trusted.`,
      )
    }
    return false
  }
}

/** Asks GitHub about the authors of the items that carry a marker (other than the Actions bot). */
export async function writersAmong(
  octokit: Client,
  r: { owner: string; repo: string },
  items: readonly Authored[],
): Promise<Writers> {
  const logins = new Set<string>()
  for (const item of items) {
    const login = item.user?.login
    if (login && login !== ACTIONS_BOT && readMarker(item.body) !== undefined) logins.add(login)
  }
  const writers = new Set<string>()
  for (const login of logins) {
    const key = `${r.owner}/${r.repo}\n${login.toLowerCase()}`
    let answer = asked.get(key)
    if (!answer) {
      answer = canWrite(octokit, r, login)
      asked.set(key, answer)
    }
    if (await answer) writers.add(login)
  }
  return writers
}

/** Test-only: forget the answers (each test's stand-in has its own users). */
export function forgetWriters(): void {
  asked.clear()
}

/**
 * Whether an incident issue is the gate's own: opened by the Actions bot, by a GitHub App acting as itself
 * (the gate run with an app's installation token), or by someone with write access (a personal token).
 */
export function isTrustedIssue(issue: Authored, writers: Writers): boolean {
  const login = issue.user?.login
  if (!login) return false
  if (login === ACTIONS_BOT || writers.has(login)) return true
  const app = issue.performed_via_github_app?.slug
  return issue.user?.type === 'Bot' && app !== undefined && login === `${app}[bot]`
}

/**
 * Whether a comment's marker may be believed, on an issue already known to be the gate's own: written by
 * that issue's author (the gate's identity), by the Actions bot, or by someone with write access.
 */
export function isTrustedAuthor(item: Authored, issueAuthor: string | undefined, writers: Writers): boolean {
  const login = item.user?.login
  if (!login) return false
  return login === issueAuthor || login === ACTIONS_BOT || writers.has(login)
}
