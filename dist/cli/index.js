#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 5581:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _engine_scan_pool_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4300);
/* harmony import */ var _heap_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8604);
/**
 * integrity-gate CLI: the same engine as the action, with a local baseline store.
 * Exit codes: 0 pass, 1 policy violation, 2 usage or runtime error (message on stderr).
 */


(0,_heap_js__WEBPACK_IMPORTED_MODULE_1__/* .capYoungGeneration */ .H)();
// A command that scans gets its first hash worker booting now, while the rest of the CLI loads (a cheap
// guess from the first word that is not an option; a wrong guess costs one idle thread's start-up).
const command = process.argv.slice(2).find((a) => !a.startsWith('-'));
if (command === 'snapshot' || command === 'verify' || command === 'export')
    (0,_engine_scan_pool_js__WEBPACK_IMPORTED_MODULE_0__/* .prestartHashWorker */ .oL)();
const { runCli } = await Promise.all(/* import() */[__nccwpck_require__.e(6), __nccwpck_require__.e(813)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4813));
// stdout closed early (`| head`) or failing (disk full): a runtime error (exit 2) in one line, never a stack
// trace and never exit 1, which means "policy violation".
process.stdout.on('error', (e) => {
    if (e.code !== 'EPIPE')
        process.stderr.write(`integrity-gate: error: cannot write to stdout: ${e.message}\n`);
    process.exit(2);
});
process.exitCode = await runCli(process.argv.slice(2), {
    stdout: (b) => process.stdout.write(b),
    stderr: (s) => process.stderr.write(s),
    env: process.env,
    cwd: process.cwd(),
});

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 4300:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   oL: () => (/* binding */ prestartHashWorker),
/* harmony export */   vO: () => (/* binding */ HashPool)
/* harmony export */ });
/* unused harmony export prestartedWorkerWaiting */
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _scan_worker_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1508);
/**
 * A small worker_threads pool for the scanner: batches of file paths go in, digests come out.
 *
 * Load balancing without the main thread: every batch is posted to every worker with a shared claim
 * flag, and the first worker to claim it hashes it (see scan-worker.ts). A worker stuck on a 5 GB file
 * therefore never holds back work the others can take, and no worker waits for the main thread, which
 * is busy walking. The cost is one extra copy of each batch's path bytes per worker (a few KiB).
 * The first worker starts with the pool, so it boots while the walk lists the first directories; the
 * others start one per batch up to the limit, so a tiny tree never pays for threads it does not need.
 * A worker started late is given the batches still unclaimed.
 */


/** Read buffer per worker. 1 MiB measured best: few syscalls, and small enough to stay in cache. */
const READ_BUFFER_BYTES = 1 << 20;
/**
 * How long before the scan's start a file's ctime must be for the workers' one-fstat path. The kernel
 * stamps ctime from a clock that can lag the real time by a tick, some filesystems keep times in 2-second
 * steps (FAT), and the clock may be slewed a little during the scan: a write during the scan still gets a
 * ctime after this point. A file changed within the margin before the scan just takes the careful path.
 */
const CTIME_MARGIN_MS = 2000;
/**
 * Every hash worker's options. A worker's garbage is per file and short-lived (a Stats object, a digest
 * string), so a 2 MB young generation scavenges cheaply and often; left to V8 it grew to several times
 * that per worker. Measured: node_modules verify peak RSS 188 → 181 MB, kernel 147 → 144, same time.
 */
const WORKER_OPTIONS = { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 2 } };
/** A worker started by prestartHashWorker, until the first pool adopts it. */
let early;
/**
 * Starts one hash worker now, before the program knows what it will scan. A worker's start-up (a new V8
 * isolate and Node's bootstrap) takes 60–80 ms here; started at the top of the CLI it overlaps loading
 * the rest of the program and reading the baseline instead of delaying the first hashes. The first
 * HashPool adopts it; until then it keeps nothing alive and a failure is only remembered (the pool then
 * starts its own worker). Calling it again before adoption does nothing.
 */
function prestartHashWorker() {
    if (early)
        return;
    const entry = { worker: new node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.Worker(_scan_worker_js__WEBPACK_IMPORTED_MODULE_1__/* .WORKER_SOURCE */ .rH, WORKER_OPTIONS), broken: false };
    entry.worker.on('error', () => (entry.broken = true));
    entry.worker.on('exit', () => (entry.broken = true));
    entry.worker.unref();
    early = entry;
}
/** True while a prestarted worker waits to be adopted (for tests). */
function prestartedWorkerWaiting() {
    return early !== undefined;
}
/** The prestarted worker, if there is a healthy one; it is then the caller's. */
function adoptEarly() {
    const entry = early;
    early = undefined;
    if (!entry)
        return undefined;
    if (entry.broken) {
        void entry.worker.terminate();
        return undefined;
    }
    entry.worker.ref();
    return entry.worker;
}
/** Runs hash batches on up to `size` worker threads. Always `close()` it (in a finally). */
class HashPool {
    workers = [];
    /** Batches posted and not answered yet, by id. */
    pending = new Map();
    nextId = 0;
    failure;
    closing = false;
    waiter;
    root;
    hashName;
    size;
    onResults;
    /** Per worker [files, bytes], written by the workers as they hash (approximate, for progress only). */
    progress;
    /** Files whose ctime is older were not written during the scan (ms since the epoch). */
    stableBefore;
    /** The C loop's path and a descriptor of the root that it opens files under (see native.ts). */
    native;
    /** Files hashed by the C loop so far. */
    nativeFiles = 0;
    /** Set on close: the C loop stops at its next file or read (a worker cannot be terminated inside C). */
    cancel = new Int32Array(new SharedArrayBuffer(4));
    /**
     * @param root raw bytes of the (real) root directory; workers open `root + '/' + relative path`
     * @param hashName Node crypto hash name
     * @param size maximum number of worker threads
     * @param onResults called on the main thread with a batch id and the worker's reply (columns in the
     *   batch's order; decodeReply turns it into objects)
     * @param startedAt when the scan started (ms since the epoch)
     * @param native the C loop to use where it loads, with an open descriptor of the root (the caller closes it)
     */
    constructor(root, hashName, size, onResults, startedAt, native) {
        this.root = root;
        this.native = native;
        this.hashName = hashName;
        this.size = size;
        this.onResults = onResults;
        this.stableBefore = startedAt - CTIME_MARGIN_MS;
        // One cache line (8 doubles) per worker: two workers bumping counters in one line would keep
        // taking it from each other's core on every file.
        this.progress = new Float64Array(new SharedArrayBuffer(64 * size));
        // The first worker boots (tens of ms) while the walk lists the first directories.
        this.start();
    }
    /** How many worker threads this pool has started so far. */
    threads() {
        return this.workers.length;
    }
    /** Files and bytes hashed so far, including the part of a large file read so far. */
    hashed() {
        let files = 0;
        let bytes = 0;
        for (let i = 0; i < this.progress.length; i += 8) {
            files += this.progress[i];
            bytes += this.progress[i + 1];
        }
        return { files, bytes };
    }
    /** Queues raw relative paths, each followed by a NUL; returns the batch id given back to `onResults`. */
    submit(paths) {
        this.throwIfFailed();
        // Another worker only while batches wait for the ones there are: a tree that fits in one batch (or
        // that one worker keeps up with) never pays for a thread that boots in 60-80 ms, competes with the
        // first for the cores and must be terminated at the end (a 136-file tree: -10 to -20 ms of ~0.2 s).
        if (this.workers.length < this.size && this.pending.size >= this.workers.length)
            this.start();
        const id = this.nextId++;
        const request = { id, paths, claim: new Int32Array(new SharedArrayBuffer(4)) };
        this.pending.set(id, request);
        for (const w of this.workers)
            w.postMessage(request);
        return id;
    }
    /** Throws the first worker failure, if any (called between walk steps to stop early). */
    throwIfFailed() {
        if (this.failure)
            throw this.failure;
    }
    /** Resolves when every submitted batch has been answered; rejects on a worker failure. */
    drain() {
        this.throwIfFailed();
        if (this.pending.size === 0)
            return Promise.resolve();
        return new Promise((resolve, reject) => {
            this.waiter = { resolve, reject };
        });
    }
    /** Stops every worker; safe to call more than once and after a failure. */
    async close() {
        this.closing = true;
        Atomics.store(this.cancel, 0, 1);
        await Promise.all(this.workers.map((w) => w.terminate()));
        this.workers.length = 0;
    }
    start() {
        const config = {
            root: this.root,
            hash: this.hashName,
            bufferSize: READ_BUFFER_BYTES,
            progress: this.progress,
            slot: this.workers.length,
            stableBefore: this.stableBefore,
            native: this.native?.path,
            rootFd: this.native?.rootFd,
            cancel: this.cancel,
        };
        // Sent before any batch, so the worker is configured when the first one arrives.
        const adopted = adoptEarly();
        adopted?.postMessage({ config });
        const worker = adopted ?? new node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.Worker(_scan_worker_js__WEBPACK_IMPORTED_MODULE_1__/* .WORKER_SOURCE */ .rH, { ...WORKER_OPTIONS, workerData: config });
        worker.on('message', (reply) => this.onReply(reply));
        worker.on('error', (err) => this.fail(new Error(`Hash worker failed: ${err.message}`)));
        worker.on('exit', (code) => {
            if (!this.closing)
                this.fail(new Error(`Hash worker exited unexpectedly (code ${code}).`));
        });
        // Batches nobody has claimed yet: the new worker may take them too (claims keep it to one taker).
        for (const request of this.pending.values())
            if (Atomics.load(request.claim, 0) === 0)
                worker.postMessage(request);
        this.workers.push(worker);
    }
    onReply(reply) {
        if (!this.pending.delete(reply.id)) {
            this.fail(new Error(`Hash worker answered batch ${reply.id}, which is not pending.`));
            return;
        }
        if (reply.native)
            this.nativeFiles += reply.t.length;
        try {
            this.onResults(reply.id, reply);
        }
        catch (e) {
            this.fail(e);
            return;
        }
        if (this.pending.size === 0 && this.waiter) {
            const { resolve } = this.waiter;
            this.waiter = undefined;
            resolve();
        }
    }
    fail(err) {
        if (this.failure)
            return;
        this.failure = err;
        if (this.waiter) {
            const { reject } = this.waiter;
            this.waiter = undefined;
            reject(err);
        }
    }
}


/***/ }),

/***/ 1508:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   rH: () => (/* binding */ WORKER_SOURCE),
/* harmony export */   sb: () => (/* binding */ TYPE_CODES)
/* harmony export */ });
/* unused harmony export decodeReply */
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
/** Type codes used in WorkerReply.t (the worker source spells the same list). */
const TYPE_CODES = ['file', 'dir', 'fifo', 'socket', 'block', 'char', 'unknown', 'relstat'];
/** Turns a reply back into one result per path, in order. */
function decodeReply(reply) {
    const out = [];
    const errors = new Map(reply.e);
    let pos = 0;
    for (let i = 0; i < reply.t.length; i++) {
        const r = { t: TYPE_CODES[reply.t[i]], s: reply.s[i], m: reply.m[i] };
        if (reply.f[i] & 1) {
            r.d = reply.d.slice(pos, pos + reply.len);
            pos += reply.len;
        }
        if (reply.f[i] & 2)
            r.u = true;
        const e = errors.get(i);
        if (e !== undefined)
            r.e = e;
        out.push(r);
    }
    return out;
}
/** The worker's source. Plain CommonJS-style JS: eval workers run as scripts with `require`. */
const WORKER_SOURCE = String.raw `
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
`;


/***/ }),

/***/ 8604:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  H: () => (/* binding */ capYoungGeneration)
});

;// CONCATENATED MODULE: external "node:v8"
const external_node_v8_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");
;// CONCATENATED MODULE: ./src/heap.ts
/**
 * Caps V8's young generation at a few MB in this process (and the workers it starts): once it has
 * reached 4 MB, V8 grows it a page at a time instead of doubling it.
 *
 * Why: a scan keeps one entry per file until it ends, so most young objects survive their scavenge, and
 * V8 answers a high survival rate by doubling the young generation again and again (from 1 MB to 128 MB
 * while a million small objects are kept, in the test). Those objects end up in the old generation
 * either way, so the memory buys little. Measured (BENCHMARKS.md, fourth session): peak RSS of the
 * kernel snapshot 160 → 143 MB, of the node_modules verify 193 → 169 MB; wall time the same within this
 * host's noise (verify +0.05 s in 9 runs). Stopping the doubling from the start (1 MB) saved a little
 * more but cost 150 ms of scavenges on the kernel (214 instead of 30), and capping at 8 MB left the
 * verify at 182 MB. (The timer checks every 10 ms, so a fast-growing heap can get one doubling past the
 * cap first; in the scans above it stayed at 4 MB.)
 *
 * `--max-semi-space-size` would say it directly, but it only counts before the heap is set up, i.e. on
 * node's command line, which neither the runner (`node dist/index.js`) nor the CLI's shebang lets us
 * pass. The growth factor is read each time V8 considers growing, so it can be changed while running:
 * a timer checks the size until the cap is reached (unref'd, so it never keeps the process alive).
 */

const YOUNG_CAP_BYTES = 4 * 2 ** 20;
const CHECK_MS = 10;
function capYoungGeneration() {
    const timer = setInterval(() => {
        if (youngGenerationBytes() < YOUNG_CAP_BYTES)
            return;
        (0,external_node_v8_namespaceObject.setFlagsFromString)('--semi-space-growth-factor=1');
        clearInterval(timer);
    }, CHECK_MS);
    timer.unref();
}
function youngGenerationBytes() {
    return (0,external_node_v8_namespaceObject.getHeapSpaceStatistics)().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(5581);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
