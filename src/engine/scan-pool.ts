/**
 * A small worker_threads pool for the scanner: batches of file paths go in, digests come out.
 * Workers start lazily (a tiny tree never pays for threads it does not need) and each holds at most a
 * few batches, so a worker stuck on a 5 GB file does not hold back work the others can take.
 */
import { Worker } from 'node:worker_threads'
import { WORKER_SOURCE, type WorkerReply, type WorkerRequest, type WorkerResult } from './scan-worker.js'

/** Batches a worker may hold at once: enough to stay busy while the main thread walks. */
const MAX_IN_FLIGHT = 3
/** Read buffer per worker. 1 MiB measured best: large enough for few syscalls, small enough to stay warm. */
const READ_BUFFER_BYTES = 1 << 20

interface Slot {
  worker: Worker
  inFlight: number
}

/** Runs hash batches on up to `size` worker threads. Always `close()` it (in a finally). */
export class HashPool {
  private readonly slots: Slot[] = []
  private readonly queue: WorkerRequest[] = []
  private nextId = 0
  private inFlight = 0
  private failure: Error | undefined
  private closing = false
  private waiter: { resolve: () => void; reject: (e: Error) => void } | undefined

  /**
   * @param root raw bytes of the (real) root directory; workers open `root + '/' + relative path`
   * @param hashName Node crypto hash name
   * @param size maximum number of worker threads
   * @param onResults called on the main thread with a batch id and its results, in submission order within the batch
   */
  constructor(
    private readonly root: Buffer,
    private readonly hashName: string,
    private readonly size: number,
    private readonly onResults: (id: number, results: WorkerResult[]) => void,
  ) {}

  /** Queues raw relative paths joined by NUL; returns the batch id given back to `onResults`. */
  submit(paths: Buffer): number {
    this.throwIfFailed()
    const id = this.nextId++
    this.queue.push({ id, paths })
    this.pump()
    return id
  }

  /** Throws the first worker failure, if any (called between walk steps to stop early). */
  throwIfFailed(): void {
    if (this.failure) throw this.failure
  }

  /** Resolves when every submitted batch has been answered; rejects on a worker failure. */
  drain(): Promise<void> {
    this.throwIfFailed()
    if (this.queue.length === 0 && this.inFlight === 0) return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject }
    })
  }

  /** Stops every worker; safe to call more than once and after a failure. */
  async close(): Promise<void> {
    this.closing = true
    await Promise.all(this.slots.map((s) => s.worker.terminate()))
    this.slots.length = 0
  }

  private pump(): void {
    while (this.queue.length > 0 && !this.failure) {
      let slot = this.leastBusy()
      if ((slot === undefined || slot.inFlight > 0) && this.slots.length < this.size) slot = this.start()
      if (slot === undefined || slot.inFlight >= MAX_IN_FLIGHT) return
      const request = this.queue.shift() as WorkerRequest
      slot.inFlight++
      this.inFlight++
      slot.worker.postMessage(request)
    }
  }

  private leastBusy(): Slot | undefined {
    let best: Slot | undefined
    for (const s of this.slots) if (best === undefined || s.inFlight < best.inFlight) best = s
    return best
  }

  private start(): Slot {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { root: this.root, hash: this.hashName, bufferSize: READ_BUFFER_BYTES },
    })
    const slot: Slot = { worker, inFlight: 0 }
    worker.on('message', (reply: WorkerReply) => this.onReply(slot, reply))
    worker.on('error', (err: Error) => this.fail(new Error(`Hash worker failed: ${err.message}`)))
    worker.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`Hash worker exited unexpectedly (code ${code}).`))
    })
    this.slots.push(slot)
    return slot
  }

  private onReply(slot: Slot, reply: WorkerReply): void {
    slot.inFlight--
    this.inFlight--
    try {
      this.onResults(reply.id, reply.results)
    } catch (e) {
      this.fail(e as Error)
      return
    }
    this.pump()
    if (this.queue.length === 0 && this.inFlight === 0 && this.waiter) {
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
