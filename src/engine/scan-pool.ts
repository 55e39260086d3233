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
import { Worker } from 'node:worker_threads'
import { WORKER_SOURCE, type WorkerReply, type WorkerRequest } from './scan-worker.js'

/** Read buffer per worker. 1 MiB measured best: few syscalls, and small enough to stay in cache. */
const READ_BUFFER_BYTES = 1 << 20
/**
 * How long before the scan's start a file's ctime must be for the workers' one-fstat path. The kernel
 * stamps ctime from a clock that can lag the real time by a tick, some filesystems keep times in 2-second
 * steps (FAT), and the clock may be slewed a little during the scan: a write during the scan still gets a
 * ctime after this point. A file changed within the margin before the scan just takes the careful path.
 */
const CTIME_MARGIN_MS = 2000
/**
 * Every hash worker's options. A worker's garbage is per file and short-lived (a Stats object, a digest
 * string), so a 2 MB young generation scavenges cheaply and often; left to V8 it grew to several times
 * that per worker. Measured: node_modules verify peak RSS 188 → 181 MB, kernel 147 → 144, same time.
 */
const WORKER_OPTIONS = { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 2 } } as const

/** A worker started by prestartHashWorker, until the first pool adopts it. */
let early: { worker: Worker; broken: boolean } | undefined

/**
 * Starts one hash worker now, before the program knows what it will scan. A worker's start-up (a new V8
 * isolate and Node's bootstrap) takes 60–80 ms here; started at the top of the CLI it overlaps loading
 * the rest of the program and reading the baseline instead of delaying the first hashes. The first
 * HashPool adopts it; until then it keeps nothing alive and a failure is only remembered (the pool then
 * starts its own worker). Calling it again before adoption does nothing.
 */
export function prestartHashWorker(): void {
  if (early) return
  const entry = { worker: new Worker(WORKER_SOURCE, WORKER_OPTIONS), broken: false }
  entry.worker.on('error', () => (entry.broken = true))
  entry.worker.on('exit', () => (entry.broken = true))
  entry.worker.unref()
  early = entry
}

/** True while a prestarted worker waits to be adopted (for tests). */
export function prestartedWorkerWaiting(): boolean {
  return early !== undefined
}

/** The prestarted worker, if there is a healthy one; it is then the caller's. */
function adoptEarly(): Worker | undefined {
  const entry = early
  early = undefined
  if (!entry) return undefined
  if (entry.broken) {
    void entry.worker.terminate()
    return undefined
  }
  entry.worker.ref()
  return entry.worker
}

/** Runs hash batches on up to `size` worker threads. Always `close()` it (in a finally). */
export class HashPool {
  private readonly workers: Worker[] = []
  /** Batches posted and not answered yet, by id. */
  private readonly pending = new Map<number, WorkerRequest>()
  private nextId = 0
  private failure: Error | undefined
  private closing = false
  private waiter: { resolve: () => void; reject: (e: Error) => void } | undefined
  private readonly root: Buffer
  private readonly hashName: string
  private readonly size: number
  private readonly onResults: (id: number, reply: WorkerReply) => void
  /** Per worker [files, bytes], written by the workers as they hash (approximate, for progress only). */
  private readonly progress: Float64Array
  /** Files whose ctime is older were not written during the scan (ms since the epoch). */
  private readonly stableBefore: number
  /** The C loop's path and a descriptor of the root that it opens files under (see native.ts). */
  private readonly native: { path: string; rootFd: number } | undefined
  /** Files hashed by the C loop so far. */
  nativeFiles = 0
  /** Set on close: the C loop stops at its next file or read (a worker cannot be terminated inside C). */
  private readonly cancel = new Int32Array(new SharedArrayBuffer(4))

  /**
   * @param root raw bytes of the (real) root directory; workers open `root + '/' + relative path`
   * @param hashName Node crypto hash name
   * @param size maximum number of worker threads
   * @param onResults called on the main thread with a batch id and the worker's reply (columns in the
   *   batch's order; decodeReply turns it into objects)
   * @param startedAt when the scan started (ms since the epoch)
   * @param native the C loop to use where it loads, with an open descriptor of the root (the caller closes it)
   */
  constructor(
    root: Buffer,
    hashName: string,
    size: number,
    onResults: (id: number, reply: WorkerReply) => void,
    startedAt: number,
    native?: { path: string; rootFd: number },
  ) {
    this.root = root
    this.native = native
    this.hashName = hashName
    this.size = size
    this.onResults = onResults
    this.stableBefore = startedAt - CTIME_MARGIN_MS
    // One cache line (8 doubles) per worker: two workers bumping counters in one line would keep
    // taking it from each other's core on every file.
    this.progress = new Float64Array(new SharedArrayBuffer(64 * size))
    // The first worker boots (tens of ms) while the walk lists the first directories.
    this.start()
  }

  /** How many worker threads this pool has started so far. */
  threads(): number {
    return this.workers.length
  }

  /** Files and bytes hashed so far, including the part of a large file read so far. */
  hashed(): { files: number; bytes: number } {
    let files = 0
    let bytes = 0
    for (let i = 0; i < this.progress.length; i += 8) {
      files += this.progress[i]
      bytes += this.progress[i + 1]
    }
    return { files, bytes }
  }

  /** Queues raw relative paths, each followed by a NUL; returns the batch id given back to `onResults`. */
  submit(paths: Uint8Array): number {
    this.throwIfFailed()
    // Another worker only while batches wait for the ones there are: a tree that fits in one batch (or
    // that one worker keeps up with) never pays for a thread that boots in 60-80 ms, competes with the
    // first for the cores and must be terminated at the end (a 136-file tree: -10 to -20 ms of ~0.2 s).
    if (this.workers.length < this.size && this.pending.size >= this.workers.length) this.start()
    const id = this.nextId++
    const request: WorkerRequest = { id, paths, claim: new Int32Array(new SharedArrayBuffer(4)) }
    this.pending.set(id, request)
    for (const w of this.workers) w.postMessage(request)
    return id
  }

  /** Throws the first worker failure, if any (called between walk steps to stop early). */
  throwIfFailed(): void {
    if (this.failure) throw this.failure
  }

  /** Resolves when every submitted batch has been answered; rejects on a worker failure. */
  drain(): Promise<void> {
    this.throwIfFailed()
    if (this.pending.size === 0) return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject }
    })
  }

  /** Stops every worker; safe to call more than once and after a failure. */
  async close(): Promise<void> {
    this.closing = true
    Atomics.store(this.cancel, 0, 1)
    await Promise.all(this.workers.map((w) => w.terminate()))
    this.workers.length = 0
  }

  private start(): void {
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
    }
    // Sent before any batch, so the worker is configured when the first one arrives.
    const adopted = adoptEarly()
    adopted?.postMessage({ config })
    const worker = adopted ?? new Worker(WORKER_SOURCE, { ...WORKER_OPTIONS, workerData: config })
    worker.on('message', (reply: WorkerReply) => this.onReply(reply))
    worker.on('error', (err: Error) => this.fail(new Error(`Hash worker failed: ${err.message}`)))
    worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`Hash worker exited unexpectedly (code ${code}).`))
    })
    // Batches nobody has claimed yet: the new worker may take them too (claims keep it to one taker).
    for (const request of this.pending.values())
      if (Atomics.load(request.claim, 0) === 0) worker.postMessage(request)
    this.workers.push(worker)
  }

  private onReply(reply: WorkerReply): void {
    if (!this.pending.delete(reply.id)) {
      this.fail(new Error(`Hash worker answered batch ${reply.id}, which is not pending.`))
      return
    }
    if (reply.native) this.nativeFiles += reply.t.length
    try {
      this.onResults(reply.id, reply)
    } catch (e) {
      this.fail(e as Error)
      return
    }
    if (this.pending.size === 0 && this.waiter) {
      const { resolve } = this.waiter
      this.waiter = undefined
      resolve()
    }
  }

  private fail(err: Error): void {
    if (this.failure) return
    this.failure = err
    if (this.waiter) {
      const { reject } = this.waiter
      this.waiter = undefined
      reject(err)
    }
  }
}
