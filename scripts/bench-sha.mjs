// Raw SHA-256 throughput of Node's crypto (OpenSSL) on memory: the hashing half of the machine's limit.
// Each worker thread hashes `gib` GiB by feeding one reused 1 MiB buffer to createHash, so neither
// allocation nor I/O is measured.
import crypto from 'node:crypto'
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads'

/**
 * Hashes `gib` GiB on each of `threads` worker threads at once.
 * @param {number} threads
 * @param {number} gib
 * @returns {Promise<{threads: number, wall: number, perThreadMBs: number, totalMBs: number}>}
 */
export async function shaThroughput(threads, gib = 1) {
  const t0 = process.hrtime.bigint()
  const secs = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise((resolve, reject) => {
          const w = new Worker(new URL(import.meta.url), { workerData: { gib } })
          w.on('message', resolve)
          w.on('error', reject)
        }),
    ),
  )
  const wall = Number(process.hrtime.bigint() - t0) / 1e9
  const bytes = gib * 2 ** 30
  const perThread = secs.reduce((a, s) => a + bytes / s / 1e6, 0) / threads
  return { threads, wall, perThreadMBs: perThread, totalMBs: (bytes * threads) / wall / 1e6 }
}

if (!isMainThread) {
  const buf = crypto.randomBytes(2 ** 20)
  const rounds = workerData.gib * 1024
  const h0 = crypto.createHash('sha256')
  h0.update(buf) // warm up the code path before timing
  h0.digest()
  const t0 = process.hrtime.bigint()
  const h = crypto.createHash('sha256')
  for (let i = 0; i < rounds; i++) h.update(buf)
  h.digest()
  parentPort?.postMessage(Number(process.hrtime.bigint() - t0) / 1e9)
}
