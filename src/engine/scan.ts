/**
 * The scanner: walks a root without following symlinks and records every entry (type, size, mode,
 * digest of regular files, symlink target) under its byte-exact path key.
 *
 * Work split (measured fastest in plain Node, see PERF-NOTES.md): the main thread walks with
 * `readdirSync(withFileTypes)` — the dirent type means regular files need no lstat here — and sends
 * batches of file paths to worker threads that open, fstat and hash them with sync I/O into one reused
 * buffer. Everything that is not a regular file is described here from lstat and never opened.
 * The walk takes each directory's names in sorted order and enters a subdirectory at the place its
 * `name/` sorts, which is exactly the final path order: entries are handed on (`onEntry`, e.g. to a
 * manifest writer) as soon as everything before them is hashed, so serialising overlaps hashing.
 *
 * Decisions:
 * - The root: symlinks in the root path itself are resolved once (the caller chose it, and on macOS
 *   even os.tmpdir() sits behind a symlink); nothing below the root is ever followed. The root must be
 *   a directory and readable, otherwise the scan throws a message naming it.
 * - Directories are entries (type `dir`, mode, size 0): a new empty folder or a folder turned
 *   world-writable matters to a gate. Their st_size is not recorded because it depends on the
 *   filesystem and changes whenever a child is added, which the child's own entry already reports.
 * - Exclusion is like .gitignore: an excluded directory is pruned, i.e. neither it nor anything below
 *   it is recorded or even read (`node_modules/**` keeps the walk out of node_modules).
 * - Inclusion (when `include` is non-empty): an entry is recorded when it or one of its ancestor
 *   directories matches; a directory is also recorded when it leads to a recorded entry, so the
 *   folders above included files keep their modes. A directory that cannot be read is always
 *   recorded (with its error): it might hide included files, and a gate fails closed.
 * - `escapes` is lexical: `..` steps and absolute targets are resolved as text against the root, as
 *   the link would resolve if no directory on the way were itself a symlink.
 * - A file that vanishes or cannot be opened between listing and hashing is recorded with its error.
 * - A file written while it is hashed is hashed again and, if it keeps changing, marked `unstable`. The
 *   workers know a file was not written during the scan when its ctime is older than the scan's start
 *   (writes set ctime to the current time): such a file costs one fstat after its first read; files
 *   changed since then, and files larger than the read buffer, also get one after their last read.
 * - Concurrent tampering: a directory (the root too) is listed through a descriptor opened with
 *   O_NOFOLLOW and checked to be the inode the walk recorded for it — in the C addon (native.ts), whose
 *   listing also gives each subfolder's lstat relative to that descriptor, else through /proc/self/fd —
 *   so a directory swapped for a symlink, even swapped back before a second lstat could notice, is
 *   recorded as an error instead of being followed (the root: the scan fails). Without /proc the lstat is
 *   repeated after the listing. The C hash loop opens files under the root's descriptor with openat2;
 *   the walk's own lstats of other names go by absolute path (Node has no openat), so a swap of a parent
 *   directory at that moment cannot be excluded completely; a process that can do that can also change
 *   the tree after the scan.
 */
import { isUtf8 } from 'node:buffer'
import { availableParallelism, constants as osConstants } from 'node:os'
import { getSystemErrorMessage, getSystemErrorName } from 'node:util'
import * as path from 'node:path'
import {
  closeSync,
  constants as fsConstants,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  statSync,
  type Dirent,
  type Stats,
} from 'node:fs'
import { ALWAYS_EXCLUDED, compileGlobs, type Matcher } from './globs.js'
import { bytesFromKey, childKey, displayPath, isRawKey, keyFromBytes, relativeInside } from './paths.js'
import { nodeHashName } from './digest.js'
import { loadNativeAddon, nativeAddonPath, type NativeAddon } from './native.js'
import { HashPool } from './scan-pool.js'
import { InOrder } from './scan-order.js'
import { TYPE_CODES, type WorkerReply } from './scan-worker.js'
import type { Entry, EntryType, ScanOptions, ScanResult, ScanStats } from './types.js'

/** Files per worker batch: large enough to amortise messaging, small enough to balance the load. */
const BATCH_FILES = 256
/** Directory entries walked between two yields to the event loop (so worker replies are handled). */
const YIELD_EVERY = 512
const DEFAULT_PROGRESS_MS = 2000

/** A directory met during the walk. */
interface DirRec {
  /** Path key; '' for the root. */
  key: string
  /** The key is in raw (base64) form, so children go through childKey. */
  rawKey: boolean
  /** Raw relative path bytes; null for the root. */
  raw: Buffer | null
  /** The dir entry; null for the root (the root is not an entry). */
  entry: Entry | null
  parent: DirRec | null
  /** Everything below is included (this dir or an ancestor matched `include`, or include is empty). */
  included: boolean
  /** Recorded in the result (included itself, leads to a recorded entry, or has an error). */
  used: boolean
  /** lstat identity, compared again after listing. */
  dev: number
  ino: number
  /** Its entry's slot in walk order (-1 for the root). */
  slot: number
}

/**
 * Scans `options.root`. Resolves with entries sorted by path key (unique) and statistics. Throws when
 * the root is missing, not a directory or unreadable, for an unknown algorithm or a bad glob, and when
 * a hash worker dies; per-entry problems are recorded on the entry instead (`error`, `unstable`).
 */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const started = performance.now()
  const hashName = nodeHashName(options.algorithm)
  const root = resolveRoot(options.root)
  const exclude =
    literalMatcher([...ALWAYS_EXCLUDED, ...options.exclude]) ??
    compileGlobs([...ALWAYS_EXCLUDED, ...options.exclude])
  const includeAll = options.include.every((p) => p.trim() === '')
  const include: Matcher = includeAll ? () => true : compileGlobs(options.include)
  const pruned = alwaysExcludedKeys(options.alwaysExclude ?? [], root)
  const workers = workerCount(options.workers)
  const addon = options.native === false ? undefined : loadNativeAddon()

  const stats: ScanStats = { files: 0, dirs: 0, others: 0, bytes: 0, errors: 0, unstable: 0, durationMs: 0 }
  const abs = (key: string): Buffer =>
    key === '' ? root.raw : Buffer.concat([root.raw, SLASH, bytesFromKey(key)])
  // Entries in walk order, handed on (options.onEntry) in path order as soon as their turn comes.
  const out = new InOrder(stats, options.onEntry)
  /** A directory's own entry is final once its whole subtree has been walked (or could not be). */
  const closeDir = (d: DirRec): void => out.set(d.slot, d.used ? d.entry : null)

  /** Keys and slots of each batch in flight, by batch id. */
  const batches = new Map<number, { keys: string[]; slots: number[] }>()
  /** Entries the walk described itself (not directories), for progress. */
  let described = 0
  // Entries are built straight from the reply's columns (no intermediate object per file).
  const onResults = (id: number, reply: WorkerReply): void => {
    const batch = batches.get(id)
    const count = reply.t.length
    if (!batch || batch.keys.length !== count) throw new Error(`Hash worker answered an unknown batch ${id}.`)
    batches.delete(id)
    const { keys } = batch
    const errors = reply.e.length > 0 ? new Map(reply.e) : undefined
    let pos = 0
    for (let i = 0; i < count; i++) {
      const t = TYPE_CODES[reply.t[i]]
      if (t === 'relstat') {
        const now = describe(keys[i], abs(keys[i]), root) ?? flipping(keys[i])
        if (now.type === 'dir' && now.error === undefined) now.error = BECAME_DIR
        out.set(batch.slots[i], now)
        continue
      }
      const entry: Entry = { path: keys[i], type: t, size: t === 'dir' ? 0 : reply.s[i], mode: reply.m[i] }
      const flags = reply.f[i]
      if (flags & 1) {
        entry.digest = reply.d.slice(pos, pos + reply.len)
        pos += reply.len
      }
      const error = errors?.get(i)
      if (error !== undefined) entry.error = error
      else if (t === 'dir') entry.error = BECAME_DIR
      if (flags & 2) entry.unstable = true
      out.set(batch.slots[i], entry)
    }
    out.handOn()
  }

  // The batch being filled: keys, slots, and the keys' raw bytes NUL-separated in one reused buffer (no
  // Buffer object per file: allocation is what costs most on the main thread).
  let pendingKeys: string[] = []
  let pendingSlots: number[] = []
  let batchBuf = Buffer.allocUnsafe(64 * 1024)
  let batchLen = 0
  /** Files sent to the hash workers. */
  let batched = 0
  const queueFile = (key: string): void => {
    // A UTF-16 unit is at most 3 UTF-8 bytes; a raw key's bytes are shorter than its base64.
    if (batchLen + key.length * 3 + 1 > batchBuf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(batchBuf.length * 2, batchLen + key.length * 3 + 1))
      batchBuf.copy(bigger, 0, 0, batchLen)
      batchBuf = bigger
    }
    batchLen += isRawKey(key)
      ? bytesFromKey(key).copy(batchBuf, batchLen)
      : batchBuf.write(key, batchLen, 'utf8')
    batchBuf[batchLen++] = 0
    pendingKeys.push(key)
    batched++
    pendingSlots.push(out.add(key))
    if (pendingKeys.length >= BATCH_FILES) flush()
  }
  const flush = (): void => {
    if (pendingKeys.length === 0) return
    // An exact-size copy: postMessage clones the whole underlying ArrayBuffer of a view.
    const id = pool.submit(new Uint8Array(batchBuf.subarray(0, batchLen)))
    batches.set(id, { keys: pendingKeys, slots: pendingSlots })
    pendingKeys = []
    pendingSlots = []
    batchLen = 0
  }

  /** Lists a directory into a frame, its names in walk order; undefined when it cannot be listed. */
  const openDir = (dir: DirRec): Frame | undefined => {
    const listing = listDir(dir, abs(dir.key), options.root, addon)
    if (listing === undefined) return undefined
    const keys: string[] = []
    const types: number[] = []
    /** Per kept name, its index in the listing (for listing.stats). */
    const statAt: number[] = []
    /** Sort text per item: the name (a raw key as itself), and for a directory's contents name + '/'. */
    const sortText: string[] = []
    for (let i = 0; i < listing.names.length; i++) {
      const name: string | Buffer = listing.names[i]
      const type = listing.types[i]
      // Text names (the usual case) under a text parent stay text; same result as childKey.
      const text =
        typeof name === 'string' ? name : !dir.rawKey && isUtf8(name) ? name.toString('utf8') : undefined
      const key =
        text === undefined
          ? childKey(dir.raw, name as Buffer).key
          : dir.key === ''
            ? text
            : dir.key + '/' + text
      if (pruned.has(key) || exclude(key)) continue
      const idx = keys.length
      keys.push(key)
      types.push(type)
      statAt.push(i)
      sortText[2 * idx] = text ?? key
      if (type === IS_DIR) sortText[2 * idx + 1] = (text ?? key) + '/'
    }
    const items: number[] = []
    for (let i = 0; i < sortText.length; i++) if (sortText[i] !== undefined) items.push(i)
    items.sort((a, b) => (sortText[a] < sortText[b] ? -1 : sortText[a] > sortText[b] ? 1 : 0))
    return {
      dir,
      keys,
      types,
      statAt,
      stats: listing.stats,
      items,
      at: 0,
      subdirs: new Array<DirRec | undefined>(keys.length),
    }
  }

  /** Walks up to YIELD_EVERY names; false when the walk is over. */
  const walkStep = (stack: Frame[]): boolean => {
    for (let n = 0; n < YIELD_EVERY; n++) {
      if (stack.length === 0) return false
      const frame = stack[stack.length - 1]
      if (frame.at === frame.items.length) {
        stack.pop()
        if (frame.dir.entry) closeDir(frame.dir)
        continue
      }
      const item = frame.items[frame.at++]
      const idx = item >> 1
      if (item & 1) {
        // The contents of a subdirectory, at the place of `name/`.
        const sub = frame.subdirs[idx]
        if (sub === undefined) continue
        const child = openDir(sub)
        if (child) stack.push(child)
        else closeDir(sub)
        continue
      }
      const dir = frame.dir
      const key = frame.keys[idx]
      const type = frame.types[idx]
      const included = dir.included || include(key)
      // Undefined when lstat shows it is no longer a directory.
      const st =
        type !== IS_DIR
          ? undefined
          : frame.stats !== undefined
            ? listedDirStat(frame.stats, frame.statAt[idx])
            : lstatDir(abs(key))
      const rec = st === undefined ? undefined : dirRecord(key, st, dir, included)
      if (type === IS_FILE) {
        if (included) {
          queueFile(key)
          markUsed(dir)
        }
      } else if (rec) {
        rec.slot = out.add(key)
        if (included || rec.entry?.error !== undefined) markUsed(rec)
        // Entered at the place of `name/`; one that failed its lstat is recorded with the error instead.
        if (rec.entry?.error === undefined) frame.subdirs[idx] = rec
        else closeDir(rec)
      } else if (included) {
        // Not a file or directory, or no longer what readdir said: describe what is there now.
        const entry = describe(key, abs(key), root)
        // readdir said "not a directory", lstat says directory: swapped while listed. Never record it as a
        // clean, empty leaf whose contents nobody read (a snapshot would silently miss the subtree).
        if (entry?.type === 'dir' && entry.error === undefined) entry.error = BECAME_DIR
        // No entry: lstat says regular file (the dirent type was stale), so hash it like any other.
        if (entry) {
          out.add(key, entry)
          described++
        } else queueFile(key)
        markUsed(dir)
      }
    }
    return stack.length > 0
  }

  // Started as late as possible: only the progress timer is set up between here and the try whose
  // finally closes the pool, so nothing can throw in between and leave worker threads running.
  const native = addon ? nativeRoot(root) : undefined
  const pool = new HashPool(root.raw, hashName, workers, onResults, Date.now(), native)
  const progressMs = options.progressIntervalMs ?? DEFAULT_PROGRESS_MS
  const timer = options.onProgress
    ? setInterval(() => {
        // Workers count files and bytes as they go, so a single 5 GB file still shows progress.
        const elapsedMs = Math.round(performance.now() - started)
        const hashed = pool.hashed()
        options.onProgress?.({ files: hashed.files + described, bytes: hashed.bytes, elapsedMs })
      }, progressMs)
    : undefined

  try {
    const top: DirRec = {
      key: '',
      rawKey: false,
      raw: null,
      entry: null,
      parent: null,
      included: includeAll,
      used: true,
      // The root is listed pinned too: swapped after it was resolved (and after the hash workers' root
      // descriptor was opened), the scan fails instead of mixing two trees.
      dev: root.dev,
      ino: root.ino,
      slot: -1,
    }
    const stack: Frame[] = []
    const rootFrame = openDir(top)
    if (rootFrame) stack.push(rootFrame)
    // The walk runs in synchronous steps of YIELD_EVERY names, between which worker replies are
    // handled. A step is its own function, not a loop in this async one: V8 then compiles it once,
    // where the loop inside an async function was compiled again (on-stack replacement) after each
    // await, several times per scan.
    while (walkStep(stack)) {
      flush()
      await new Promise<void>((resolve) => setImmediate(resolve))
      pool.throwIfFailed()
    }
    flush()
    out.walkDone()
    await pool.drain()
    await out.finish()
  } finally {
    if (timer) clearInterval(timer)
    await pool.close()
    if (native) closeSync(native.rootFd)
  }
  stats.durationMs = Math.round(performance.now() - started)
  if (batched > 0)
    stats.hashedBy = pool.nativeFiles === 0 ? 'js' : pool.nativeFiles === batched ? 'c' : 'mixed'
  return { entries: out.entries, stats, nativeFiles: pool.nativeFiles }
}

/**
 * The C loop and a descriptor of the root for the hash workers. The descriptor is the directory the
 * walk resolved: a root swapped later does not move the workers.
 */
function nativeRoot(root: Root): { path: string; rootFd: number } | undefined {
  const addon = nativeAddonPath()
  if (addon === undefined) return undefined
  let rootFd: number
  try {
    rootFd = openSync(root.raw, fsConstants.O_RDONLY | fsConstants.O_DIRECTORY)
  } catch {
    // An unreadable root: the walk reports it in its own words.
    return undefined
  }
  try {
    const st = fstatSync(rootFd)
    if (st.dev === root.dev && st.ino === root.ino) return { path: addon, rootFd }
  } catch {
    // Falls through: closed below.
  }
  closeSync(rootFd)
  return undefined
}

/** A directory being walked: its names and where the walk is in them. */
interface Frame {
  dir: DirRec
  keys: string[]
  /** Per name: IS_FILE, IS_DIR or 0 (anything else), as the listing said. */
  types: number[]
  /** Per name, its index in the listing's stats. */
  statAt: number[]
  /** From the C listing: directories' lstat relative to this one (see Listing). */
  stats: Float64Array | undefined
  /** Walk order: 2i = name i itself, 2i+1 = the contents of name i (a directory). */
  items: number[]
  at: number
  /** Records of the subdirectories to enter, by name index. */
  subdirs: (DirRec | undefined)[]
}

const SLASH = Buffer.from('/')

interface Root {
  /** Raw bytes of the real (symlink-free) root path. */
  raw: Buffer
  /** Absolute forms of the root (as given, and real), as latin1 strings of their bytes. */
  forms: string[]
  real: string
  given: string
  /** The root directory's identity when resolved. */
  dev: number
  ino: number
}

/** Resolves and checks the root; throws a message naming it when the scan cannot start. */
function resolveRoot(root: string): Root {
  const given = path.resolve(root)
  let raw: Buffer
  let st: Stats
  try {
    raw = realPath(given)
    st = statSync(raw)
  } catch (e) {
    const err = e as NodeJS.ErrnoException
    if (err.code === 'ENOENT') throw new Error(`Scan root '${root}' does not exist.`)
    throw new Error(`Cannot scan root '${root}': ${errorText(err)}.`)
  }
  if (!st.isDirectory()) throw new Error(`Scan root '${root}' is not a directory.`)
  const real = raw.toString()
  const forms = [...new Set([Buffer.from(given).toString('latin1'), raw.toString('latin1')])]
  return { raw, forms, real, given, dev: st.dev, ino: st.ino }
}

/**
 * The real path as bytes. realpath(3) first: Node's JavaScript realpath reads each link target as UTF-8 text,
 * which garbles a target holding a byte that is not UTF-8 (the root was then reported missing). The
 * JavaScript one stays as the fallback where the native call fails on some Windows volumes.
 */
function realPath(given: string): Buffer {
  try {
    return realpathSync.native(given, { encoding: 'buffer' })
  } catch {
    return realpathSync(given, { encoding: 'buffer' })
  }
}

/** Keys of `alwaysExclude` paths that lie inside the root (paths outside it cannot be met). */
function alwaysExcludedKeys(paths: readonly string[], root: Root): Set<string> {
  const keys = new Set<string>()
  for (const p of paths) {
    const candidates = [path.resolve(p)]
    try {
      candidates.push(realpathSync(candidates[0]))
    } catch {
      // Not created yet (e.g. a store folder made after the scan): the lexical form is enough.
    }
    for (const c of candidates) {
      for (const base of [root.given, root.real]) {
        const rel = relativeInside(base, c)
        if (rel === undefined) continue
        if (rel === '')
          throw new Error(`Excluded path '${p}' is the scan root itself: nothing would be scanned.`)
        keys.add(keyFromBytes(Buffer.from(rel.split(path.sep).join('/'))))
      }
    }
  }
  return keys
}

/**
 * A cheap matcher for lists made only of literal paths and `literal/**` (the default exclusions), with
 * picomatch's answers for those forms: `a` matches the key `a`, `a/**` matches `a` and everything below.
 * Undefined when any pattern has another glob character: then picomatch decides (per entry, it costs
 * more than the rest of the walk's bookkeeping on 100k files).
 */
function literalMatcher(patterns: readonly string[]): Matcher | undefined {
  const exact = new Set<string>()
  const below: string[] = []
  for (const raw of patterns) {
    const p = raw.trim()
    if (p === '') continue
    const base = p.endsWith('/**') ? p.slice(0, -3) : p
    if (base === '' || /[*?[\]{}()!+@\\]/.test(base) || base.startsWith('/') || base.startsWith('./'))
      return undefined
    if (base.split('/').some((seg) => seg === '' || seg === '.' || seg === '..')) return undefined
    exact.add(base)
    if (base !== p) below.push(base + '/')
  }
  return (key) => {
    // compileGlobs matches raw names by their display form (\xNN for bad bytes): do the same.
    const k = isRawKey(key) ? displayPath(key) : key
    return exact.has(k) || below.some((prefix) => k.startsWith(prefix))
  }
}

function workerCount(requested: number | undefined): number {
  if (requested === undefined) return Math.max(1, availableParallelism())
  if (!Number.isInteger(requested) || requested < 1) {
    throw new Error(`Invalid worker count ${requested}: expected a whole number of at least 1.`)
  }
  return requested
}

/** A directory's names and, per name, IS_FILE, IS_DIR or 0 (anything else; the walk looks closer). */
interface Listing {
  names: string[] | Buffer[]
  types: ArrayLike<number>
  /**
   * From the C listing: 3 numbers per name; for a directory its lstat made relative to this folder's
   * pinned descriptor (mode, dev, ino), or minus the errno when that failed.
   */
  stats?: Float64Array
}

const IS_FILE = 1
const IS_DIR = 2
const NUL = Buffer.from([0])
const { ELOOP, ENOTDIR } = osConstants.errno

/**
 * Lists a directory; on failure records the error on its entry (or throws for the root).
 * Names come as strings: a Buffer per name cost more than the rest of the walk. A name that is not
 * valid UTF-8 comes as bytes (and any name under a raw parent), so it is keyed exactly.
 * Pinned to the inode the walk's lstat saw: a path could be swapped for a symlink to a decoy and back
 * around the listing, with both lstats seeing the real directory. The listing goes through a descriptor
 * opened with O_NOFOLLOW that must be that inode — in the C addon (one call), else through /proc/self/fd.
 */
function listDir(
  dir: DirRec,
  absPath: Buffer,
  rootName: string,
  addon: NativeAddon | undefined,
): Listing | undefined {
  const replaced = () => {
    if (!dir.entry)
      throw new RootReplaced(`Cannot read scan root '${rootName}': changed during scan: it was replaced.`)
    dir.entry.error = 'changed during scan: directory was replaced while being listed'
    markUsed(dir)
    return undefined
  }
  const failed = (text: string) => {
    if (!dir.entry) throw new Error(`Cannot read scan root '${rootName}': ${text}.`)
    dir.entry.error = text
    markUsed(dir)
    return undefined
  }
  if (addon) {
    const r = addon.listDir(Buffer.concat([absPath, NUL]), dir.dev, dir.ino, dir.rawKey)
    if (typeof r === 'number') {
      if (r === 0 || r === ELOOP || r === ENOTDIR) return replaced()
      return failed(errnoText(r))
    }
    const count = r.types.length
    const names = count === 0 ? [] : typeof r.names === 'string' ? r.names.split('\0') : splitNul(r.names)
    if (names.length !== count) throw new Error(`Scanner bug: ${names.length} names for ${count} types.`)
    return { names, types: r.types, stats: r.stats }
  }
  let fd: number | undefined
  try {
    let listed: Buffer | string = absPath
    if (PROC_FD) {
      try {
        fd = openSync(absPath, fsConstants.O_RDONLY | fsConstants.O_DIRECTORY | fsConstants.O_NOFOLLOW)
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code
        if (code === 'ELOOP' || code === 'ENOTDIR') return replaced()
        throw e
      }
      const st = fstatSync(fd)
      if (st.dev !== dir.dev || st.ino !== dir.ino) return replaced()
      listed = `/proc/self/fd/${fd}`
    }
    let names: Dirent<string>[] | Dirent<Buffer>[] = dir.rawKey
      ? readdirSync(listed, { withFileTypes: true, encoding: 'buffer' })
      : readdirSync(listed, { withFileTypes: true })
    // A name that is not valid UTF-8 decodes with U+FFFD: read again as bytes.
    if (!dir.rawKey && (names as Dirent<string>[]).some((d) => d.name.includes('\uFFFD')))
      names = readdirSync(listed, { withFileTypes: true, encoding: 'buffer' })
    if (dir.entry && fd === undefined) {
      // No /proc: a directory swapped for a symlink after our lstat would have been listed through the link.
      const st = lstatSync(absPath)
      if (!st.isDirectory() || st.dev !== dir.dev || st.ino !== dir.ino) return replaced()
    }
    const types = names.map((d) => (d.isFile() ? IS_FILE : d.isDirectory() ? IS_DIR : 0))
    return {
      names: names.map((d) => d.name) as string[] | Buffer[],
      types,
      // As the C listing does: each subfolder's lstat now, relative to this pinned folder.
      stats: fd === undefined ? undefined : subfolderStats(listed as string, names, types),
    }
  } catch (e) {
    if (e instanceof RootReplaced) throw e
    return failed(errorText(e))
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/** The scan root was not the directory it resolved to when listed: the scan stops with this message. */
class RootReplaced extends Error {}

/**
 * The Listing.stats of a folder listed through /proc/self/fd/N: each subfolder's lstat through that
 * name (no long path walked, and the folder pinned), or minus its errno.
 */
function subfolderStats(
  listed: string,
  names: Dirent<string>[] | Dirent<Buffer>[],
  types: number[],
): Float64Array {
  const stats = new Float64Array(3 * names.length)
  const base = Buffer.from(`${listed}/`)
  for (let i = 0; i < names.length; i++) {
    if (types[i] !== IS_DIR) continue
    const name = names[i].name
    try {
      const st = lstatSync(Buffer.concat([base, typeof name === 'string' ? Buffer.from(name) : name]))
      stats[3 * i] = st.mode
      stats[3 * i + 1] = st.dev
      stats[3 * i + 2] = st.ino
    } catch (e) {
      stats[3 * i] = -(
        osConstants.errno[(e as NodeJS.ErrnoException).code as keyof typeof osConstants.errno] ?? 5
      )
    }
  }
  return stats
}

/** The NUL-separated names of a listing that holds bytes. */
function splitNul(b: Buffer): Buffer[] {
  const out: Buffer[] = []
  let start = 0
  for (let i = b.indexOf(0); i >= 0; i = b.indexOf(0, start)) {
    out.push(b.subarray(start, i))
    start = i + 1
  }
  out.push(b.subarray(start))
  return out
}

/** Node's error text for an errno from the addon (as errorText cuts a Node fs error). */
function errnoText(errno: number): string {
  return `${getSystemErrorName(-errno)}: ${getSystemErrorMessage(-errno)}`
}

/** The error of an entry listed as a non-directory that was a directory when looked at again. */
const BECAME_DIR = 'changed during scan: became a directory while listed'

/** Whether /proc/self/fd lists an open directory (Linux): then listings are pinned to their inode. */
const PROC_FD = process.platform === 'linux' && existsSync('/proc/self/fd')

/** A subfolder's lstat as the walk needs it (st_mode, dev, ino), or the error text when it failed. */
type DirStat = { mode: number; dev: number; ino: number } | string

/** The lstat of a subfolder by its absolute path (used without the listing's own, see Listing.stats). */
function lstatDir(absPath: Buffer): DirStat {
  try {
    const st = lstatSync(absPath)
    return { mode: st.mode, dev: st.dev, ino: st.ino }
  } catch (e) {
    return errorText(e)
  }
}

/** The lstat of the listing's name `at`, taken relative to the listed folder (see Listing.stats). */
function listedDirStat(stats: Float64Array, at: number): DirStat {
  const mode = stats[3 * at]
  return mode < 0 ? errnoText(-mode) : { mode, dev: stats[3 * at + 1], ino: stats[3 * at + 2] }
}

/** The record of a directory, or undefined when its lstat shows it is no longer a directory. */
function dirRecord(key: string, st: DirStat, parent: DirRec, included: boolean): DirRec | undefined {
  const entry: Entry = { path: key, type: 'dir', size: 0, mode: 0 }
  const rec: DirRec = {
    key,
    rawKey: isRawKey(key),
    raw: bytesFromKey(key),
    entry,
    parent,
    included,
    used: false,
    dev: 0,
    ino: 0,
    slot: -1,
  }
  if (typeof st === 'string') {
    entry.error = st
    return rec
  }
  if ((st.mode & fsConstants.S_IFMT) !== fsConstants.S_IFDIR) return undefined
  entry.mode = st.mode & 0o7777
  rec.dev = st.dev
  rec.ino = st.ino
  return rec
}

/** Marks a directory and its ancestors as recorded. */
function markUsed(dir: DirRec): void {
  for (let d: DirRec | null = dir; d && !d.used; d = d.parent) d.used = true
}

/**
 * Describes a non-regular entry from lstat; never opens it. Returns undefined when lstat shows a regular
 * file (the caller sends it to the hash workers).
 */
function describe(key: string, absPath: Buffer, root: Root): Entry | undefined {
  let st: Stats
  try {
    st = lstatSync(absPath)
  } catch (e) {
    return { path: key, type: 'unknown', size: 0, mode: 0, error: errorText(e) }
  }
  const type = typeOf(st)
  const entry: Entry = { path: key, type, size: type === 'dir' ? 0 : st.size, mode: st.mode & 0o7777 }
  if (type === 'file') return undefined
  if (type === 'symlink') {
    try {
      const target = readlinkSync(absPath, { encoding: 'buffer' })
      entry.target = keyFromBytes(target)
      if (escapesRoot(bytesFromKey(key), target, root)) entry.escapes = true
    } catch (e) {
      entry.error = errorText(e)
    }
  }
  return entry
}

/** A name that was a file, then a symlink, then a file again while scanned: no trustworthy content. */
function flipping(key: string): Entry {
  return {
    path: key,
    type: 'file',
    size: 0,
    mode: 0,
    error: 'changed during scan: type kept changing',
    unstable: true,
  }
}

function typeOf(st: Stats): EntryType {
  if (st.isFile()) return 'file'
  if (st.isDirectory()) return 'dir'
  if (st.isSymbolicLink()) return 'symlink'
  if (st.isFIFO()) return 'fifo'
  if (st.isSocket()) return 'socket'
  if (st.isBlockDevice()) return 'block'
  if (st.isCharacterDevice()) return 'char'
  return 'unknown'
}

/**
 * True when a symlink at relative path `linkRaw` with `target` resolves, as text, outside the root.
 * Works on latin1 strings so arbitrary bytes survive and `/`, `.`, `..` are compared exactly.
 */
export function escapesRoot(linkRaw: Buffer, target: Buffer, root: { forms: string[] }): boolean {
  const t = target.toString('latin1')
  if (t.startsWith('/')) {
    const norm = path.posix.normalize(t)
    return !root.forms.some((r) => r === '/' || norm === r || norm.startsWith(r + '/'))
  }
  let depth = linkRaw.toString('latin1').split('/').length - 1
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue
    if (seg === '..') {
      if (--depth < 0) return true
    } else depth++
  }
  return false
}

/** `EACCES: permission denied, open '/abs'` → `EACCES: permission denied` (no machine-specific path). */
function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException
  const msg = String(err?.message ?? e)
  const cut = err?.syscall ? msg.indexOf(`, ${err.syscall}`) : -1
  return cut > 0 ? msg.slice(0, cut) : msg
}
