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
  headTree,
  isAncestor,
  isSha,
  type Checkout,
  type TreeEntry,
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

  // The compare API speaks for GITHUB_REPOSITORY's commits, with paths relative to its root. A checkout that
  // does not hold the head commit is not a clone of that history (another repository checked out into the
  // root, a submodule, another ref): mapping the API's paths onto it would vouch for files of another tree.
  if (!(await hasCommit(o.root, head))) {
    notes.push(
      `The head commit ${short(head)} is not in the local history of the checkout at the scan root (a checkout of another repository or ref, or a submodule), so git cannot explain any change.`,
    )
    return done('none', markAllUnexplained(changes), ids)
  }

  // 1. Local history.
  let why = await localGap(o.root, checkout, baseCommit)
  if (why === undefined) {
    const ancestor = await isAncestor(o.root, baseCommit, head)
    if (ancestor === false && !checkout.shallow) return notAncestor(changes, ids, 'local', done, notes)
    if (ancestor === true) {
      // git can still fail here (a partial clone whose remote cannot be reached for a missing tree, a
      // timeout): then the API is asked, or nothing is explained; triage never fails the step.
      const files = await changedPaths(o.root, checkout, baseCommit, head).catch((e: Error) => {
        why = `${e.message.replace(/[.\s]+$/, '')}`
        return undefined
      })
      if (files !== undefined) {
        const blobs = await treeBlobs(
          o.root,
          blobCandidates(changes, files),
          o.algorithm,
          checkout.objectFormat,
        )
        return done('local', classifyChanges(changes, files, blobs), { ...ids, ancestor: true })
      }
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
    `${gap}; the changes were explained through the GitHub compare API instead (it knows no old file modes, so mode changes stay unexplained; what the head commit holds is read from the checkout).`,
  )
  if (comparison.status === 'behind' || comparison.status === 'diverged') {
    return notAncestor(changes, ids, 'api', done, notes)
  }
  if (comparison.truncated) {
    notes.push(
      'GitHub lists at most 300 changed files per comparison; changes to paths beyond that list stay unexplained.',
    )
  }
  // The API only says which paths changed: what the head commit holds there (mode, blob, or nothing) is read
  // from the checkout, which holds the head commit's tree even when shallow.
  let tree
  try {
    tree = await headTree(o.root, checkout, head)
  } catch (e) {
    notes.push(
      `The head commit's tree could not be read (${(e as Error).message}), so no change could be explained.`,
    )
    return done('none', markAllUnexplained(changes), ids)
  }
  const files = confirmWithHead(comparison.files, tree)
  const blobs = await treeBlobs(o.root, blobCandidates(changes, files), o.algorithm, checkout.objectFormat)
  return done('api', classifyChanges(changes, files, blobs), { ...ids, ancestor: true })
}

/**
 * The compare API's paths, with their mode and blob taken from the head commit's tree (the API's `sha` is not
 * needed): a path the API calls deleted must be absent there, any other must be present. A path where the two
 * disagree is dropped, so its change stays unexplained.
 */
function confirmWithHead(
  api: ReadonlyMap<string, GitFileChange>,
  tree: ReadonlyMap<string, TreeEntry>,
): Map<string, GitFileChange> {
  const files = new Map<string, GitFileChange>()
  for (const [key, g] of api) {
    const t = tree.get(key)
    if (g.status === 'D') {
      if (t === undefined) files.set(key, { status: 'D' })
    } else if (t !== undefined) {
      files.set(key, { status: g.status, newMode: t.mode, newBlob: t.id })
    }
  }
  return files
}

/** Why local history cannot answer, or undefined when the baseline commit is present (the head commit is). */
async function localGap(root: string, checkout: Checkout, base: string): Promise<string | undefined> {
  const depth = 'fetch it (actions/checkout with fetch-depth: 0, or a depth that reaches it)'
  if (!(await hasCommit(root, base))) {
    return checkout.shallow
      ? `The clone is shallow and does not contain the baseline commit ${short(base)}: ${depth}`
      : `The baseline commit ${short(base)} is not in the local history (force-pushed away, or not fetched): ${depth}`
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
