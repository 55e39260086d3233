/**
 * Git triage, the pure part: given what git says changed between the baseline's commit and the head commit,
 * and the git blob ids of the tree's current files, class each change `committed` or `unexplained`.
 *
 * The rule (documented in the README, "Git-aware triage"): a change is `committed` only when EVERY kind it
 * carries is accounted for by git AND the tree holds exactly what the head commit holds at that path:
 *   - `added`/`modified`/`symlink`/`type` of a file or symlink: git lists the path as changed, and the blob id
 *     of the scanned content (a symlink's target) equals the head commit's blob, with a matching file type
 *     (and exec bit) when git's modes are known. So an uncommitted edit in the checkout, a
 *     local commit made during the job, or a file rewritten after checkout are all `unexplained`, even when
 *     history also touched the path.
 *   - `removed`: git lists the path as deleted.
 *   - directories (git does not track them): an added or removed directory is committed when git adds or
 *     deletes a file below it; a directory's mode change never is.
 *   - `mode` of a file: only the exec bit is in git; the change is committed when git's old and new modes
 *     show the same exec-bit change, no other permission bit moved, and the content is head's blob (a commit
 *     that rewrote a file and made it executable does not vouch for the old content made executable).
 *   - any file vouched for by its blob must also carry the exec bit of head's mode, when git's modes are known.
 *   - `moved`: the old path is deleted and the new one added, as above.
 *   - `unreadable`: never (nothing vouches for the content), and neither is an `unstable` file.
 */
import { bytesFromKey, keyFromBytes } from './paths.js'
import type { Change, Entry } from './types.js'

/** One path git lists between the two commits, keyed relative to the scan root. */
export interface GitFileChange {
  /** `A` added, `D` deleted, `M` modified, `T` type changed (git's letters; renames are split into D + A). */
  status: 'A' | 'D' | 'M' | 'T'
  /** Git mode before/after (`100644`, `100755`, `120000`, …) when known (local history; not the API). */
  oldMode?: string
  newMode?: string
  /** Blob id at the head commit (hex), absent for deletions. */
  newBlob?: string
}

/** The working tree's blob ids for the paths that need one: `null` when the content cannot be vouched for. */
export type TreeBlobs = ReadonlyMap<string, string | null>

/** Paths (scan-root keys) whose current content must be hashed as git blobs before {@link classifyChanges}. */
export function blobCandidates(changes: readonly Change[], git: ReadonlyMap<string, GitFileChange>): Entry[] {
  const out: Entry[] = []
  for (const c of changes) {
    const g = git.get(c.path)
    const a = c.after
    if (
      g &&
      g.status !== 'D' &&
      a &&
      (a.type === 'file' || a.type === 'symlink') &&
      !a.error &&
      !a.unstable
    ) {
      out.push(a)
    }
  }
  return out
}

/** Sets `git` on every change; returns the counts. Changes must be the diff's (paths are scan-root keys). */
export function classifyChanges(
  changes: Change[],
  git: ReadonlyMap<string, GitFileChange>,
  blobs: TreeBlobs,
): { committed: number; unexplained: number } {
  const dirs = dirIndex(git)
  let committed = 0
  for (const c of changes) {
    c.git = explained(c, git, blobs, dirs) ? 'committed' : 'unexplained'
    if (c.git === 'committed') committed++
  }
  return { committed, unexplained: changes.length - committed }
}

/** Marks every change `unexplained` (no usable history, or a baseline commit that is not an ancestor). */
export function markAllUnexplained(changes: Change[]): { committed: number; unexplained: number } {
  for (const c of changes) c.git = 'unexplained'
  return { committed: 0, unexplained: changes.length }
}

interface DirIndex {
  /** Directory keys below which git adds (or keeps) a file at head. */
  withAdded: Set<string>
  /** Directory keys below which git deletes a file. */
  withDeleted: Set<string>
}

function dirIndex(git: ReadonlyMap<string, GitFileChange>): DirIndex {
  const withAdded = new Set<string>()
  const withDeleted = new Set<string>()
  for (const [key, g] of git) {
    const set = g.status === 'D' ? withDeleted : withAdded
    // Parents on raw bytes, so a non-UTF-8 name's parents get the same keys the scanner gives them.
    const raw = bytesFromKey(key)
    for (let i = raw.indexOf(0x2f); i !== -1; i = raw.indexOf(0x2f, i + 1)) {
      set.add(keyFromBytes(raw.subarray(0, i)))
    }
  }
  return { withAdded, withDeleted }
}

const EXEC = 0o100
const isExec = (mode: number): boolean => (mode & EXEC) !== 0

function explained(
  c: Change,
  git: ReadonlyMap<string, GitFileChange>,
  blobs: TreeBlobs,
  dirs: DirIndex,
): boolean {
  if (c.kinds.includes('unreadable') || c.after?.unstable) return false
  const g = git.get(c.path)
  for (const kind of c.kinds) {
    switch (kind) {
      case 'added':
        if (!presentAtHead(c.after, g, blobs, dirs)) return false
        break
      case 'removed':
        if (!deletedAtHead(c.path, c.before, g, dirs)) return false
        break
      case 'modified':
      case 'symlink':
        if (!contentAtHead(c.after, g, blobs)) return false
        break
      case 'type':
        // Without git's modes (the compare API) a type change cannot be vouched for.
        if (c.after?.type !== 'dir' && !g?.newMode) return false
        if (!presentAtHead(c.after, g, blobs, dirs)) return false
        if (
          c.before?.type === 'dir'
            ? !dirs.withDeleted.has(c.path)
            : g?.oldMode && !modeFits(c.before, g.oldMode)
        )
          return false
        break
      case 'mode':
        // The exec bit git changed AND the content git holds: a commit that rewrote a file and made it
        // executable does not vouch for the old content made executable.
        if (!modeExplained(c, c.from !== undefined ? git.get(c.from) : g, g)) return false
        if (!contentAtHead(c.after, g, blobs)) return false
        break
      case 'moved':
        if (c.from === undefined || !deletedAtHead(c.from, c.before, git.get(c.from), dirs)) return false
        if (!presentAtHead(c.after, g, blobs, dirs)) return false
        break
      default:
        return false
    }
  }
  return true
}

/** The entry exists at head as git says, with the same content (files, symlinks) or files below (dirs). */
function presentAtHead(
  a: Entry | undefined,
  g: GitFileChange | undefined,
  blobs: TreeBlobs,
  dirs: DirIndex,
): boolean {
  if (!a) return false
  // A checkout never makes setuid, setgid, sticky or world-writable entries.
  if (a.type !== 'symlink' && (a.mode & 0o7002) !== 0) return false
  if (a.type === 'dir') return dirs.withAdded.has(a.path)
  return contentAtHead(a, g, blobs)
}

/**
 * The file or symlink holds the head commit's blob, with git's type and, for a file, git's exec bit when
 * git's modes are known (a checkout sets the exec bit from the mode: an exec bit that differs from the head
 * commit's was set or cleared after checkout, even when the change at hand is only the content's).
 */
function contentAtHead(a: Entry | undefined, g: GitFileChange | undefined, blobs: TreeBlobs): boolean {
  if (!a || !g || g.status === 'D' || !g.newBlob) return false
  if (g.newMode ? !modeFits(a, g.newMode) : a.type !== 'file') return false
  if (a.type === 'file' && g.newMode && isExec(a.mode) !== (g.newMode === '100755')) return false
  const blob = blobs.get(a.path)
  return blob !== undefined && blob !== null && blob === g.newBlob
}

function deletedAtHead(
  key: string,
  b: Entry | undefined,
  g: GitFileChange | undefined,
  dirs: DirIndex,
): boolean {
  if (b?.type === 'dir') return dirs.withDeleted.has(key)
  return g?.status === 'D'
}

/** The entry's type agrees with a git mode: 120000 symlink, 100644/100755 file. */
function modeFits(e: Entry | undefined, mode: string): boolean {
  if (!e) return false
  if (mode === '120000') return e.type === 'symlink'
  if (mode === '100644' || mode === '100755') return e.type === 'file'
  return false
}

function modeExplained(c: Change, gOld: GitFileChange | undefined, gNew: GitFileChange | undefined): boolean {
  const b = c.before
  const a = c.after
  if (!b || !a || a.type !== 'file' || b.type !== 'file') return false
  // Only the exec bits are git's: any other permission change (world-writable, setuid) is never committed.
  if (((b.mode ^ a.mode) & 0o7777 & ~0o111) !== 0) return false
  const oldMode = c.from !== undefined ? gOld?.oldMode : gNew?.oldMode
  const newMode = gNew?.newMode
  if (!oldMode || !newMode) return false
  return (
    isExec(b.mode) === (oldMode === '100755') &&
    isExec(a.mode) === (newMode === '100755') &&
    oldMode !== newMode
  )
}
