/**
 * Shared data shapes of the pure engine (scan, manifest, diff, policy, render).
 * Nothing here imports from @actions: the CLI and the action both build on these.
 */

/** Digest algorithms the scanner accepts. `md5` is accepted with a warning (collision-broken). */
export const ALGORITHMS = ['sha256', 'sha512', 'sha1', 'blake2b512', 'md5'] as const
export type Algorithm = (typeof ALGORITHMS)[number]
export const DEFAULT_ALGORITHM: Algorithm = 'sha256'

/**
 * Entry types. Directories are recorded (type `dir`, mode, no digest) because a new empty folder or a
 * folder that became world-writable is a security-relevant change a file-only listing would miss.
 */
export type EntryType = 'file' | 'dir' | 'symlink' | 'fifo' | 'socket' | 'block' | 'char' | 'unknown'

/**
 * One scanned path.
 *
 * `path` is the path key: relative to the scan root, `/`-separated, no leading `./`. A name whose bytes
 * are not valid UTF-8 is keyed as `\u0000` + base64(raw relative path bytes): NUL never occurs in a real
 * file name, so the two forms cannot collide, and the raw bytes round-trip exactly (see paths.ts).
 */
export interface Entry {
  path: string
  type: EntryType
  /** Size in bytes (lstat size; for symlinks the target length). */
  size: number
  /** Permission bits including setuid/setgid/sticky: `st_mode & 0o7777`. */
  mode: number
  /** Lower-case hex digest of the content: regular files only. */
  digest?: string
  /** Symlink target, encoded like `path` when not valid UTF-8. Never followed. */
  target?: string
  /** Symlink target resolves (lexically) outside the scan root. */
  escapes?: true
  /** The entry could not be read (e.g. EACCES); digest is absent. The scan goes on. */
  error?: string
  /** The file kept changing while hashed (checked twice): its digest cannot be trusted. */
  unstable?: true
}

export interface ScanStats {
  files: number
  dirs: number
  others: number
  bytes: number
  errors: number
  unstable: number
  durationMs: number
  /**
   * Which loop hashed the files: `c` the C addon (src/native/scan.c) for every file, `js` the JavaScript
   * loop, `mixed` some of each (a worker could not load the addon). Absent when no file was hashed.
   */
  hashedBy?: 'c' | 'js' | 'mixed'
}

export interface ScanResult {
  /** Sorted by `path` (JS string order, i.e. UTF-16 code units), unique. */
  entries: Entry[]
  stats: ScanStats
  /** Files hashed by the workers' C loop (src/native/scan.c); the rest by the JavaScript loop. */
  nativeFiles?: number
}

export interface Progress {
  files: number
  bytes: number
  elapsedMs: number
}

export interface ScanOptions {
  /** Absolute or cwd-relative root directory. */
  root: string
  algorithm: Algorithm
  /** Globs (picomatch, dotfiles match) on the path key; empty = everything. */
  include: string[]
  /** Globs; `.git/**` is always added by the scanner. */
  exclude: string[]
  /** Absolute paths never scanned (e.g. the local baseline store). */
  alwaysExclude?: string[]
  /** Worker threads; default: available cores. */
  workers?: number
  /** Called at least every `progressIntervalMs` (default 2000) on long scans. */
  onProgress?: (p: Progress) => void
  progressIntervalMs?: number
  /**
   * Called once per recorded entry, in the final (sorted) order, while the workers are still hashing:
   * a manifest writer fed from here overlaps its work with the scan. A returned promise means "wait":
   * the next entry comes after it settles. A throw or a rejection fails the scan.
   */
  onEntry?: (e: Entry) => Promise<void> | undefined | void
  /** Hash with the C loop where this platform has it (default true); false = the JavaScript loop only. */
  native?: boolean
}

/** Git / CI provenance stored in a manifest header. All optional. */
export interface Provenance {
  commit?: string
  ref?: string
  repository?: string
  runId?: string
  runAttempt?: string
}

export const MANIFEST_FORMAT = 'integrity-gate/manifest'
export const MANIFEST_VERSION = 1

export interface ManifestHeader {
  format: typeof MANIFEST_FORMAT
  version: typeof MANIFEST_VERSION
  /** Version of integrity-gate that wrote it. */
  tool: string
  algorithm: Algorithm
  include: string[]
  exclude: string[]
  /** ISO-8601 UTC. */
  createdAt: string
  /** Gate name (`baseline-name`). */
  gate: string
  provenance?: Provenance
}

export interface Manifest {
  header: ManifestHeader
  entries: Entry[]
}

/** Change classes, named as in the issues and the JSON report. */
export type ChangeKind =
  'added' | 'removed' | 'modified' | 'mode' | 'type' | 'symlink' | 'moved' | 'unreadable'

/** How the policy classes a change. */
export type Severity = 'critical' | 'unexpected' | 'allowed'

/** One changed path. A path can carry several kinds (e.g. `modified` + `mode`). */
export interface Change {
  path: string
  /** Non-empty, in the order of the ChangeKind union. */
  kinds: ChangeKind[]
  /** For `moved`: the old path. */
  from?: string
  before?: Entry
  after?: Entry
  severity: Severity
  /**
   * Git triage (explain-with-git): `committed` when git history between the baseline's commit and the head
   * commit accounts for every kind of this change and the tree matches the head commit; `unexplained`
   * otherwise. Absent when no triage ran (no history, or turned off).
   */
  git?: GitClass
}

/** Git triage classes, named as in the issues and the JSON report. */
export type GitClass = 'committed' | 'unexplained'

/**
 * `unexpected`: fail on critical or unexpected changes; `critical`: on critical ones only; `unexplained`:
 * on critical or unexpected changes that git history does not explain (all of them when no triage ran);
 * `never`: report only.
 */
export type FailOn = 'unexpected' | 'critical' | 'unexplained' | 'never'

export interface Policy {
  allow: string[]
  protected: string[]
  failOn: FailOn
}

export interface DiffResult {
  /** Sorted by path. Severity is `unexpected` until the policy is applied. */
  changes: Change[]
  unchanged: number
  /**
   * Reasons why the baseline cannot be compared fairly (different algorithm, include/exclude). When
   * non-empty the comparison is not trusted and the verdict fails closed.
   */
  incompatible: string[]
}

export type Result = 'clean' | 'changed' | 'violation' | 'baseline-created' | 'baseline-saved' | 'no-baseline'

export interface Counts {
  added: number
  removed: number
  modified: number
  mode: number
  type: number
  symlink: number
  moved: number
  unreadable: number
  /** Changed paths (a path with several kinds counts once). */
  changes: number
  critical: number
  unexpected: number
  allowed: number
  unchanged: number
}

export interface Verdict {
  pass: boolean
  result: 'clean' | 'changed' | 'violation'
  counts: Counts
  /** Plain sentences explaining a failure (incompatible baseline, failing changes). */
  reasons: string[]
}

/** Where the baseline came from, for reports. */
export interface BaselineInfo {
  source: 'cache' | 'file' | 'local'
  key?: string
  location?: string
  createdAt: string
  commit?: string
  signed: boolean
}

/** Everything a report renderer needs. */
export interface Report {
  gate: string
  root: string
  algorithm: Algorithm
  verdict: Verdict
  changes: Change[]
  incompatible: string[]
  baseline?: BaselineInfo
  scan: ScanStats
  /** Scan entries with `error` or `unstable` (shown as warnings). */
  problems: Entry[]
  /** Git triage facts, when explain-with-git ran (see src/git/explain.ts). */
  git?: GitTriage
}

/** What git triage did, for reports: which commits, which history, and what it could not explain. */
export interface GitTriage {
  /** `local`: the checkout's git history; `api`: the GitHub compare API; `none`: nothing could answer. */
  source: 'local' | 'api' | 'none'
  /** The baseline's commit (from its header). */
  base?: string
  /** The commit the tree is compared with (GITHUB_SHA, else HEAD). */
  head?: string
  /** False when the baseline commit is not an ancestor of the head (force-push, rollback, foreign baseline). */
  ancestor?: boolean
  committed: number
  unexplained: number
  /** Plain sentences: why some or all changes could not be explained (shallow clone, missing commit, …). */
  notes: string[]
}
