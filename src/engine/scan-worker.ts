/**
 * The hashing worker, as plain JavaScript source run with `new Worker(WORKER_SOURCE, { eval: true })`.
 *
 * Why a string: the action and the CLI are bundled by ncc into single files, and a worker kept in its
 * own .ts/.js file is not found next to the bundle. A string travels inside the bundle unchanged. It
 * only requires node: built-ins, so it needs no bundler help.
 *
 * Why sync I/O: measured on the target machines (see PERF-NOTES.md), sync open/read into one reused
 * buffer per thread is 4–5× faster than fs.promises, because the per-file cost dominates and fresh
 * memory is expensive. Each worker owns one read buffer and one path buffer for its lifetime.
 *
 * Protocol:
 * - workerData: `{ root: Uint8Array (raw root path bytes), hash: string (Node hash name), bufferSize,
 *   progress: Float64Array on a SharedArrayBuffer, slot, stableBefore: number, native?: string,
 *   rootFd?: number, cancel?: Int32Array }` — `native`: the C loop's path (native.ts); it opens files
 *   under `rootFd`, a descriptor of the root the main thread holds open, and stops between reads once the
 *   pool sets cancel[0] (terminate() cannot interrupt C); when it does not load, the JavaScript loop runs.
 *   The worker adds to
 *   progress[8*slot] (files done) and progress[8*slot+1] (bytes hashed) as it goes, so progress moves
 *   during a 5 GB file. `stableBefore` (ms since the epoch, a little before the scan started): a file
 *   whose ctime is older was not written while the scan ran (see quickHash).
 *   A worker started early (prestartHashWorker) has no workerData and gets the same object as its first
 *   message, `{ config }`.
 * - in:  `{ id, paths: Uint8Array, claim: Int32Array }` — raw relative paths of regular files (per
 *   readdir), each followed by a NUL (NUL never occurs in a file name). Every batch is posted to every worker;
 *   `claim` is one shared Int32 per batch and the first worker to flip it 0 → 1 hashes the batch, the
 *   others skip it. So an idle worker takes the batches queued behind one busy with a huge file, with
 *   no round trip through the (busy, walking) main thread.
 * - out: a WorkerReply, from the worker that claimed the batch: the results in column form (typed
 *   arrays and one string of digests), because cloning 128 small objects per batch cost the workers
 *   more than a tenth of their time. `decodeReply` turns it back into WorkerResult objects.
 */

/** Result for one path, as sent back by the worker. */
export interface WorkerResult {
  /** Entry type seen by fstat; `relstat` = the name is now a symlink (swapped after readdir): lstat it. */
  t: 'file' | 'dir' | 'fifo' | 'socket' | 'block' | 'char' | 'unknown' | 'relstat'
  /** Size: bytes hashed for regular files, else the stat size. */
  s: number
  /** `st_mode & 0o7777` */
  m: number
  /** Hex digest (regular files that could be read). */
  d?: string
  /** Error text without the absolute path, e.g. `EACCES: permission denied`. */
  e?: string
  /** Still changing after a re-hash. */
  u?: true
}

/** Message from the main thread to a worker. */
export interface WorkerRequest {
  id: number
  paths: Uint8Array
  /** One Int32 on a SharedArrayBuffer: 0 = unclaimed, 1 = a worker took the batch. */
  claim: Int32Array
}

/** Message from a worker to the main thread: per path i, columns indexed by i. */
export interface WorkerReply {
  id: number
  /** Type codes, index into TYPE_CODES. */
  t: Uint8Array
  /** Sizes. */
  s: Float64Array
  /** `st_mode & 0o7777`. */
  m: Uint16Array
  /** Flags: 1 = has a digest, 2 = unstable. */
  f: Uint8Array
  /** The digests of the entries flagged 1, concatenated in order; each is `len` characters. */
  d: string
  len: number
  /** Errors as [index, text] pairs. */
  e: [number, string][]
  /** Hashed by the C loop. */
  native?: true
}

/** Type codes used in WorkerReply.t (the worker source spells the same list). */
export const TYPE_CODES = ['file', 'dir', 'fifo', 'socket', 'block', 'char', 'unknown', 'relstat'] as const

/** Turns a reply back into one result per path, in order. */
export function decodeReply(reply: WorkerReply): WorkerResult[] {
  const out: WorkerResult[] = []
  const errors = new Map(reply.e)
  let pos = 0
  for (let i = 0; i < reply.t.length; i++) {
    const r: WorkerResult = { t: TYPE_CODES[reply.t[i]], s: reply.s[i], m: reply.m[i] }
    if (reply.f[i] & 1) {
      r.d = reply.d.slice(pos, pos + reply.len)
      pos += reply.len
    }
    if (reply.f[i] & 2) r.u = true
    const e = errors.get(i)
    if (e !== undefined) r.e = e
    out.push(r)
  }
  return out
}

/** The worker's source. Plain CommonJS-style JS: eval workers run as scripts with `require`. */
export const WORKER_SOURCE = String.raw`
'use strict'
const { parentPort, workerData } = require('node:worker_threads')
const fs = require('node:fs')
const crypto = require('node:crypto')
const util = require('node:util')

const C = fs.constants
// O_NOFOLLOW: a name swapped for a symlink fails with ELOOP instead of being followed.
// O_NONBLOCK: a name swapped for a FIFO opens without waiting for a writer, and reading it never waits
// either; fstat then says "not a regular file" and it is recorded as what it is (see quickHash).
const OPEN_FLAGS = C.O_RDONLY | C.O_NOFOLLOW | C.O_NONBLOCK

// The settings, from workerData, or from the first message when the worker was started before the
// program knew what to scan (prestartHashWorker).
let hashName, stableBefore, readBuf, progress, filesSlot, bytesSlot, prefix, pathBuf
// The C loop (src/native/scan.c) and what it needs, when it loaded.
let native, rootFd, slot, hexBuf, hexLen, cancel
function configure(d) {
  hashName = d.hash
  // Missing or not a number: never true in quickHash, so every file takes the careful path.
  stableBefore = d.stableBefore
  readBuf = pageAlignedBuffer(d.bufferSize)
  progress = d.progress
  // Each worker's counters sit on their own cache line (8 doubles), see HashPool.
  filesSlot = 8 * d.slot
  bytesSlot = filesSlot + 1
  prefix = Buffer.concat([Buffer.from(d.root), Buffer.from('/')])
  // One path buffer for the worker's life: root + '/' + relative path (names are at most PATH_MAX long).
  pathBuf = Buffer.allocUnsafe(prefix.length + 8192)
  prefix.copy(pathBuf, 0)
  slot = d.slot
  native = undefined
  if (typeof d.native === 'string' && Number.isInteger(d.rootFd)) {
    try {
      // RTLD_NOW: a Node without the OpenSSL 3 symbols it uses fails here, at load, instead of aborting
      // the process at the first call (the default, lazy binding).
      const m = { exports: {} }
      process.dlopen(m, d.native, require('node:os').constants.dlopen.RTLD_NOW)
      if (typeof m.exports.hashBatch === 'function') native = m.exports
    } catch {
      // Not loadable here (another libc, say): the JavaScript loop gives the same answers.
    }
    rootFd = d.rootFd
    cancel = d.cancel instanceof Int32Array ? d.cancel : new Int32Array(new SharedArrayBuffer(4))
    hexLen = crypto.createHash(hashName).digest('hex').length
    hexBuf = Buffer.allocUnsafe(256 * hexLen)
  }
}

// The C loop's errno as the text the JavaScript loop records (errorText of Node's fs error).
function errnoText(errno) {
  return util.getSystemErrorName(-errno) + ': ' + util.getSystemErrorMessage(-errno)
}

// A WorkerReply for count paths, its columns zeroed.
function newReply(id, count) {
  return {
    id,
    t: new Uint8Array(count),
    s: new Float64Array(count),
    m: new Uint16Array(count),
    f: new Uint8Array(count),
    d: '',
    len: 0,
    e: [],
  }
}

function nativeBatch(msg, paths, count) {
  if (hexBuf.length < count * hexLen) hexBuf = Buffer.allocUnsafe(count * hexLen)
  const reply = newReply(msg.id, count)
  reply.len = hexLen
  reply.native = true
  const errs = new Int32Array(count)
  const n = native.hashBatch(rootFd, paths, count, readBuf, hashName, stableBefore, progress, slot,
    reply.t, reply.s, reply.m, reply.f, errs, hexBuf, prefix.length, cancel)
  // The pool is closing (it set cancel): no answer.
  if (n < 0) return undefined
  reply.d = hexBuf.latin1Slice(0, n)
  for (let i = 0; i < count; i++) if (errs[i] !== 0) reply.e.push([i, errnoText(errs[i])])
  return reply
}

function fullPath(rel) {
  if (prefix.length + rel.length > pathBuf.length) {
    pathBuf = Buffer.allocUnsafe(prefix.length + rel.length * 2)
    prefix.copy(pathBuf, 0)
  }
  rel.copy(pathBuf, prefix.length)
  return pathBuf.subarray(0, prefix.length + rel.length)
}

const TYPE_CODES = ['file', 'dir', 'fifo', 'socket', 'block', 'char', 'unknown', 'relstat']

// The read buffer starts on a page boundary. The kernel copies file data out of page-aligned page-cache
// pages; a fresh 1 MiB Buffer is malloc'ed by mmap and starts 16 bytes past a page boundary, where the
// CPU's copy loop runs into 4K aliasing: reads into it took 2-2.5x the system time of reads into a
// page-aligned buffer (kernel tree, AMD EPYC; BENCHMARKS.md). A WebAssembly.Memory is page-aligned by
// construction; without WebAssembly (--jitless) a plain Buffer still works, only slower.
function pageAlignedBuffer(size) {
  try {
    const pages = Math.ceil(size / 65536)
    return Buffer.from(new WebAssembly.Memory({ initial: pages, maximum: pages }).buffer, 0, size)
  } catch {
    return Buffer.allocUnsafeSlow(size)
  }
}

function typeOf(mode) {
  switch (mode & C.S_IFMT) {
    case C.S_IFREG: return 'file'
    case C.S_IFDIR: return 'dir'
    case C.S_IFIFO: return 'fifo'
    case C.S_IFSOCK: return 'socket'
    case C.S_IFBLK: return 'block'
    case C.S_IFCHR: return 'char'
    default: return 'unknown'
  }
}

// "EACCES: permission denied, open '/abs/path'" -> "EACCES: permission denied": the absolute path
// differs between machines and would make two scans of the same tree disagree.
function errorText(err) {
  const msg = String((err && err.message) || err)
  const cut = err && err.syscall ? msg.indexOf(', ' + err.syscall) : -1
  return cut > 0 ? msg.slice(0, cut) : msg
}

// Reads the whole file through the reused buffer. Stops at the fstat size, saving the extra read that
// would only confirm EOF (a file that grows shows up as a changed size in the second fstat); a file
// whose size says 0 is read until EOF so it is still checked for content.
// Most files fit in the first read: those are hashed in one call (crypto.hash), which skips the Hash
// object per file (fewer allocations and less garbage on a tree of small files). alreadyRead (0 or more):
// the buffer already holds that many bytes from offset 0.
function hashFd(fd, size, alreadyRead = -1) {
  const first = alreadyRead >= 0 ? alreadyRead : fs.readSync(fd, readBuf, 0, readBuf.length, 0)
  progress[bytesSlot] += first
  if (first === 0 || (size > 0 && first >= size)) {
    return { d: crypto.hash(hashName, readBuf.subarray(0, first), 'hex'), n: first }
  }
  const h = crypto.createHash(hashName)
  h.update(readBuf.subarray(0, first))
  let pos = first
  for (;;) {
    const n = fs.readSync(fd, readBuf, 0, readBuf.length, pos)
    if (n === 0) break
    h.update(readBuf.subarray(0, n))
    pos += n
    progress[bytesSlot] += n
    if (size > 0 && pos >= size) break
  }
  return { d: h.digest('hex'), n: pos }
}

// Number stats, not bigint: two bigint fstats per file cost more in garbage collection than the
// hashing of a small file. mtimeMs/ctimeMs are doubles with sub-microsecond resolution at today's
// dates, and the size and inode are compared exactly.
function same(a, b) {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino
}

function unreadable(path, err) {
  try {
    const st = fs.lstatSync(path)
    return { t: 'file', s: st.size, m: st.mode & 0o7777, e: errorText(err) }
  } catch {
    return { t: 'file', s: 0, m: 0, e: errorText(err) }
  }
}

// The usual file, not written since before the scan started, costs one fstat (a stat per file is a
// tenth of the scan's CPU) besides its reads. The fstat comes after the first read and does both checks
// the careful path makes with two:
// - the type: a name swapped for a FIFO or a device after readdir is read at most once, without
//   blocking (O_NONBLOCK), and what was read is dropped; it is recorded by its fstat type;
// - stability: every write sets ctime to the current time, so a ctime from before the scan started
//   (stableBefore) means nothing wrote to the file while it was read, and the size must equal the bytes
//   read. (mmap'ed writes may set ctime late; the careful path cannot see them either. A clock stepped
//   back by more than the margin during the scan, by root or an NTP step, could hide a concurrent write:
//   its torn digest then shows as a modification, without the unstable flag.)
// A file larger than the buffer is hashed on from the chunk already read, and needs a second fstat after
// its last read: still an old ctime and the size that was read.
// Anything else — a read error, a recent ctime, another size — answers undefined: the careful path then
// starts over with its own fstat before and after reading.
function quickHash(fd) {
  let n
  try {
    n = fs.readSync(fd, readBuf, 0, readBuf.length, 0)
  } catch {
    return undefined
  }
  const st = fs.fstatSync(fd)
  const mode = st.mode
  if ((mode & C.S_IFMT) !== C.S_IFREG) return { t: typeOf(mode), s: st.size, m: mode & 0o7777 }
  if (!(st.ctimeMs < stableBefore)) return undefined
  if (n < readBuf.length) {
    if (st.size !== n) return undefined
    progress[bytesSlot] += n
    return { t: 'file', s: n, m: mode & 0o7777, d: crypto.hash(hashName, readBuf.subarray(0, n), 'hex') }
  }
  const r = hashFd(fd, st.size, n)
  const after = fs.fstatSync(fd)
  if (!(after.ctimeMs < stableBefore) || r.n !== after.size) return undefined
  return { t: 'file', s: r.n, m: after.mode & 0o7777, d: r.d }
}

function hashOne(path) {
  let fd
  try {
    fd = fs.openSync(path, OPEN_FLAGS)
  } catch (err) {
    if (err && err.code === 'ELOOP') return { t: 'relstat', s: 0, m: 0 }
    return unreadable(path, err)
  }
  try {
    const quick = quickHash(fd)
    if (quick !== undefined) return quick
    let before = fs.fstatSync(fd)
    const mode = before.mode
    if ((mode & C.S_IFMT) !== C.S_IFREG) return { t: typeOf(mode), s: before.size, m: mode & 0o7777 }
    // First pass, then at most one re-hash when size/mtime/ctime/inode moved while reading.
    for (let attempt = 0; ; attempt++) {
      const r = hashFd(fd, before.size)
      const after = fs.fstatSync(fd)
      const m = after.mode & 0o7777
      if (same(before, after) && r.n === after.size) return { t: 'file', s: r.n, m, d: r.d }
      if (attempt === 1) return { t: 'file', s: r.n, m, d: r.d, u: true }
      before = after
    }
  } catch (err) {
    return unreadable(path, err)
  } finally {
    try { fs.closeSync(fd) } catch {}
  }
}

if (workerData && workerData.root !== undefined) configure(workerData)

parentPort.on('message', (msg) => {
  if (msg.config !== undefined) {
    configure(msg.config)
    return
  }
  if (Atomics.compareExchange(msg.claim, 0, 0, 1) !== 0) return
  const paths = Buffer.from(msg.paths.buffer, msg.paths.byteOffset, msg.paths.byteLength)
  let count = 0
  for (let i = paths.indexOf(0); i >= 0; i = paths.indexOf(0, i + 1)) count++
  if (native !== undefined) {
    const reply = nativeBatch(msg, paths, count)
    if (reply !== undefined) parentPort.postMessage(reply)
    return
  }
  const reply = newReply(msg.id, count)
  const digests = []
  let start = 0
  for (let i = 0; i < count; i++) {
    const end = paths.indexOf(0, start)
    const r = hashOne(fullPath(paths.subarray(start, end)))
    progress[filesSlot]++
    start = end + 1
    reply.t[i] = TYPE_CODES.indexOf(r.t)
    reply.s[i] = r.s
    reply.m[i] = r.m
    if (r.d !== undefined) {
      reply.f[i] |= 1
      digests.push(r.d)
      reply.len = r.d.length
    }
    if (r.u) reply.f[i] |= 2
    if (r.e !== undefined) reply.e.push([i, r.e])
  }
  reply.d = digests.join('')
  parentPort.postMessage(reply)
})
`
