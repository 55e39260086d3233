/**
 * Git-aware triage (`explain-with-git`): classes each change `committed` or `unexplained` from the history
 * between the baseline's commit and the head commit, using the checkout's own history when it can answer and
 * the GitHub compare API when it cannot (shallow clone, baseline commit not fetched). The rule for one change
 * is in src/engine/triage.ts. No @actions/core here: messages go through the caller's logger.
 */
import { makeVisible } from '../engine/markdown.js'
import { blobCandidates, classifyChanges, markAllUnexplained, type GitFileChange } from '../engine/triage.js'
import type { Algorithm, Change, GitTriage } from '../engine/types.js'
import { treeBlobs } from './blob.js'
import { compareCommits } from './compare-api.js'
import {
  changedPaths,
  findCheckout,
  hasCommit,
  headCommit,
  isAncestor,
  isSha,
  type Checkout,
} from './local.js'

/** Settings of {@link explainChanges}. */
export interface ExplainOptions {
  /** The scan root (absolute). */
  root: string
  /** The scan's digest algorithm: a file re-read for its blob id must still have the scanned digest. */
  algorithm: Algorithm
  /** The commit the tree should hold: GITHUB_SHA in a workflow; HEAD when absent. */
  head?: string
  /** The compare API, when a token and repository are known. */
  api?: { url: string; repository: string; token: string }
  log?: (message: string) => void
}

const short = (sha: string): string => sha.slice(0, 12)

/**
 * Sets `git` on every change and returns what triage did, or undefined when the root is not inside a git work
 * tree (or git is missing): then nothing is classed and the gate behaves exactly as without triage.
 */
export async function explainChanges(
  changes: Change[],
  baseCommit: string | undefined,
  o: ExplainOptions,
): Promise<GitTriage | undefined> {
  const checkout = await findCheckout(o.root)
  if (!checkout) return undefined
  const notes: string[] = []
  const done = (
    source: GitTriage['source'],
    counts: { committed: number; unexplained: number },
    extra: Partial<GitTriage> = {},
  ): GitTriage => {
    const triage: GitTriage = { source, ...extra, ...counts, notes }
    for (const n of notes) o.log?.(`explain-with-git: ${n}`)
    return triage
  }
  if (baseCommit === undefined || baseCommit === '') {
    notes.push(
      'The baseline records no commit (it was saved outside a workflow or by an older version), so git cannot explain any change. The next baseline saved by the action records one.',
    )
    return done('none', markAllUnexplained(changes))
  }
  if (!isSha(baseCommit)) {
    notes.push(
      // The baseline's text, shown (not written) on one line: notes go to the log, where a line break
      // could start a workflow command.
      `The baseline's commit '${makeVisible(baseCommit.slice(0, 80))}' is not a full commit id, so git cannot explain any change.`,
    )
    return done('none', markAllUnexplained(changes))
  }
  const head = o.head && isSha(o.head) ? o.head : await headCommit(o.root)
  if (head === undefined) {
    notes.push('The checkout has no HEAD commit, so git cannot explain any change.')
    return done('none', markAllUnexplained(changes), { base: baseCommit })
  }
  const ids = { base: baseCommit, head }

  // 1. Local history.
  const why = await localGap(o.root, checkout, baseCommit, head)
  if (why === undefined) {
    const ancestor = await isAncestor(o.root, baseCommit, head)
    if (ancestor === false && !checkout.shallow) return notAncestor(changes, ids, 'local', done, notes)
    if (ancestor === true) {
      const files = await changedPaths(o.root, checkout, baseCommit, head)
      const blobs = await treeBlobs(
        o.root,
        blobCandidates(changes, files),
        o.algorithm,
        checkout.objectFormat,
      )
      return done('local', classifyChanges(changes, files, blobs), { ...ids, ancestor: true })
    }
  }
  const gap =
    why ??
    `git could not tell whether the baseline commit ${short(baseCommit)} is an ancestor of ${short(head)}` +
      (checkout.shallow
        ? ' in this shallow clone (use fetch-depth: 0, or a depth that reaches the baseline commit)'
        : '')

  // 2. The compare API.
  if (!o.api || !o.api.token || !o.api.repository) {
    notes.push(
      `${gap}. No token or repository to ask the GitHub compare API instead, so no change could be explained.`,
    )
    return done('none', markAllUnexplained(changes), ids)
  }
  let comparison
  try {
    comparison = await compareCommits({
      ...o.api,
      apiUrl: o.api.url,
      base: baseCommit,
      head,
      prefix: checkout.prefix.toString('utf8'),
    })
  } catch (e) {
    notes.push(
      `${gap}. The GitHub compare API could not answer either (${(e as Error).message}), so no change could be explained.`,
    )
    return done('none', markAllUnexplained(changes), ids)
  }
  notes.push(
    `${gap}; the changes were explained through the GitHub compare API instead (it knows no file modes, so mode changes stay unexplained).`,
  )
  if (comparison.status === 'behind' || comparison.status === 'diverged') {
    return notAncestor(changes, ids, 'api', done, notes)
  }
  if (comparison.truncated) {
    notes.push(
      'GitHub lists at most 300 changed files per comparison; changes to paths beyond that list stay unexplained.',
    )
  }
  const files: Map<string, GitFileChange> = comparison.files
  // GitHub's blob ids are SHA-1.
  const blobs = await treeBlobs(o.root, blobCandidates(changes, files), o.algorithm, 'sha1')
  return done('api', classifyChanges(changes, files, blobs), { ...ids, ancestor: true })
}

/** Why local history cannot answer, or undefined when both commits are present. */
async function localGap(
  root: string,
  checkout: Checkout,
  base: string,
  head: string,
): Promise<string | undefined> {
  const depth = 'fetch it (actions/checkout with fetch-depth: 0, or a depth that reaches it)'
  if (!(await hasCommit(root, base))) {
    return checkout.shallow
      ? `The clone is shallow and does not contain the baseline commit ${short(base)}: ${depth}`
      : `The baseline commit ${short(base)} is not in the local history (force-pushed away, or not fetched): ${depth}`
  }
  if (!(await hasCommit(root, head))) {
    return `The head commit ${short(head)} is not in the local history`
  }
  return undefined
}

function notAncestor(
  changes: Change[],
  ids: { base: string; head: string },
  source: GitTriage['source'],
  done: (
    s: GitTriage['source'],
    c: { committed: number; unexplained: number },
    x?: Partial<GitTriage>,
  ) => GitTriage,
  notes: string[],
): GitTriage {
  notes.push(
    `The baseline commit ${short(ids.base)} is not an ancestor of ${short(ids.head)} (a force-push, a rollback, or a baseline from another branch or repository): git history cannot explain any change, so all ${changes.length} are unexplained.`,
  )
  return done(source, markAllUnexplained(changes), { ...ids, ancestor: false })
}
