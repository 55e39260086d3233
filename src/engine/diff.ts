/**
 * Compares two sorted entry lists (a baseline and a fresh scan) in one merge walk: O(n) plus a Map for
 * move detection, so 100k-entry manifests diff in milliseconds.
 */
import { displayPath } from './paths.js'
import type { Change, ChangeKind, DiffResult, Entry, Manifest } from './types.js'

// Every `kinds` array below is built in the order of the ChangeKind union, as types.ts promises.

/**
 * Changes from `before` to `after`, sorted by path (a move sits at its new path, with `from`).
 *
 * - `type`: the entry type changed; nothing else is compared (a dir's mode vs a file's is meaningless).
 * - `modified`: a file's digest or size differs. A file `unstable` in `after` is always `modified`: its
 *   digest was never confirmed, so the gate cannot say it is unchanged (fail closed).
 * - `mode`: as named. Directory and special-file sizes are not compared (noise).
 * - `symlink`: the target differs, or the link started or stopped pointing outside the root (`escapes`)
 *   with the same target text (an absolute target, the tree scanned at another place). Not compared when
 *   either side has an `error`: its target was never read, and `unreadable` says so.
 * - `unreadable`: either side has an `error` (also on added/removed entries). If the scan cannot read a
 *   path, or the baseline could not, nothing vouches for its content, so it is always reported.
 * - `moved`: a removed and an added regular file with the same digest and size become one change. With
 *   several candidates for one digest, the k-th added path (sorted) pairs with the k-th removed path
 *   (sorted): deterministic and symmetric, so diff(B, A) gives the same pairs reversed. Empty files
 *   are never paired: every empty file has the same digest, so "moved" would claim an identity the
 *   content cannot show; they stay an honest `removed` + `added`. Entries with `error` or `unstable`
 *   are never paired either (their digest is absent or untrusted).
 *
 * Inputs are expected sorted by path key; unsorted input is sorted (on a copy), duplicates throw.
 */
export function diffEntries(
  before: readonly Entry[],
  after: readonly Entry[],
): { changes: Change[]; unchanged: number } {
  const a = sortedUnique(before, 'before')
  const b = sortedUnique(after, 'after')
  const slots: (Change | null)[] = []
  const removedByContent = new Map<string, number[]>()
  const addedCandidates: number[] = []
  let unchanged = 0
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i] : undefined
    const y = j < b.length ? b[j] : undefined
    if (x !== undefined && (y === undefined || x.path < y.path)) {
      if (movable(x)) push(removedByContent, contentKey(x), slots.length)
      slots.push(change(x.path, kindsOneSide('removed', x), x, undefined))
      i++
    } else if (y !== undefined && (x === undefined || y.path < x.path)) {
      if (movable(y)) addedCandidates.push(slots.length)
      slots.push(change(y.path, kindsOneSide('added', y), undefined, y))
      j++
    } else {
      const kinds = compare(x as Entry, y as Entry)
      if (kinds.length === 0) unchanged++
      else slots.push(change(y!.path, kinds, x, y))
      i++
      j++
    }
  }
  pairMoves(slots, removedByContent, addedCandidates)
  return { changes: slots.filter((c): c is Change => c !== null), unchanged }
}

/**
 * diffEntries plus the reasons a fair comparison is impossible: another digest algorithm or other
 * include/exclude globs. The changes are still listed, but callers must treat a non-empty
 * `incompatible` as a failure (applyPolicy does).
 */
export function diffManifests(base: Manifest, current: Manifest): DiffResult {
  const { changes, unchanged } = diffEntries(base.entries, current.entries)
  const incompatible: string[] = []
  const bh = base.header
  const ch = current.header
  if (bh.algorithm !== ch.algorithm) {
    incompatible.push(
      `The baseline was made with ${bh.algorithm} but this scan uses ${ch.algorithm}: digests of different ` +
        `algorithms cannot be compared. Recreate the baseline with ${ch.algorithm}.`,
    )
  }
  for (const field of ['include', 'exclude'] as const) {
    const was = normalizeGlobs(bh[field])
    const now = normalizeGlobs(ch[field])
    if (was.join('\n') !== now.join('\n')) {
      incompatible.push(
        `The baseline was made with ${field} globs ${listGlobs(was)} but this scan uses ${listGlobs(now)}: ` +
          `the two cover different files. Recreate the baseline with the current ${field} list.`,
      )
    }
  }
  return { changes, unchanged, incompatible }
}

/** Kinds for a path present on both sides, pushed in union order; allocation-free when nothing changed. */
function compare(x: Entry, y: Entry): ChangeKind[] {
  const unreadable = x.error !== undefined || y.error !== undefined
  if (x.type !== y.type) return unreadable ? ['type', 'unreadable'] : ['type']
  const contentChanged =
    y.type === 'file' &&
    ((!unreadable && (x.digest !== y.digest || x.size !== y.size)) || y.unstable === true)
  const modeChanged = x.mode !== y.mode
  // A symlink's target counts only when both sides read it (an unread one is unknown, not empty, as a file's
  // digest). Where it points counts too: the same absolute target text leaves the root once the tree moved.
  const targetChanged =
    y.type === 'symlink' &&
    !unreadable &&
    (x.target !== y.target || (x.escapes === true) !== (y.escapes === true))
  if (!contentChanged && !modeChanged && !targetChanged && !unreadable) return NO_KINDS
  const kinds: ChangeKind[] = []
  if (contentChanged) kinds.push('modified')
  if (modeChanged) kinds.push('mode')
  if (targetChanged) kinds.push('symlink')
  if (unreadable) kinds.push('unreadable')
  return kinds
}

const NO_KINDS: ChangeKind[] = []

function kindsOneSide(kind: 'added' | 'removed', e: Entry): ChangeKind[] {
  return e.error !== undefined ? [kind, 'unreadable'] : [kind]
}

function pairMoves(slots: (Change | null)[], removedByContent: Map<string, number[]>, added: number[]): void {
  if (removedByContent.size === 0) return
  const used = new Map<string, number>()
  for (const ai of added) {
    const add = slots[ai] as Change
    const key = contentKey(add.after as Entry)
    const queue = removedByContent.get(key)
    const next = used.get(key) ?? 0
    if (queue === undefined || next >= queue.length) continue
    used.set(key, next + 1)
    const rem = slots[queue[next]] as Change
    const from = rem.before as Entry
    const to = add.after as Entry
    slots[queue[next]] = null
    slots[ai] = change(to.path, from.mode !== to.mode ? ['mode', 'moved'] : ['moved'], from, to, from.path)
  }
}

function movable(e: Entry): boolean {
  return (
    e.type === 'file' && e.digest !== undefined && e.error === undefined && e.unstable !== true && e.size > 0
  )
}

function contentKey(e: Entry): string {
  return `${e.digest}:${e.size}`
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}

function change(path: string, kinds: ChangeKind[], before?: Entry, after?: Entry, from?: string): Change {
  const c: Change = { path, kinds, severity: 'unexpected' }
  if (from !== undefined) c.from = from
  if (before !== undefined) c.before = before
  if (after !== undefined) c.after = after
  return c
}

/** Returns the list itself when already strictly sorted (the normal case), else a sorted copy. */
function sortedUnique(list: readonly Entry[], name: string): readonly Entry[] {
  let sorted = true
  for (let k = 1; k < list.length && sorted; k++) if (!(list[k - 1].path < list[k].path)) sorted = false
  if (sorted) return list
  const copy = [...list].sort((p, q) => (p.path < q.path ? -1 : p.path > q.path ? 1 : 0))
  for (let k = 1; k < copy.length; k++) {
    if (copy[k - 1].path === copy[k].path) {
      throw new Error(`Cannot diff: the ${name} list has the path '${displayPath(copy[k].path)}' twice.`)
    }
  }
  return copy
}

function normalizeGlobs(globs: readonly string[]): string[] {
  return [...new Set(globs.map((g) => g.trim()).filter((g) => g.length > 0))].sort()
}

function listGlobs(globs: string[]): string {
  return globs.length === 0 ? '(none)' : globs.map((g) => `'${g}'`).join(', ')
}
