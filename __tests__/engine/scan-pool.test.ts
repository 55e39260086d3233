/**
 * HashPool on a real temporary tree: how many worker threads it starts, and that every batch is answered
 * whichever worker takes it.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as crypto from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { HashPool } from '../../src/engine/scan-pool.js'
import { decodeReply, type WorkerReply } from '../../src/engine/scan-worker.js'

let root: string
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-pool-'))
  for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(root, `f${i}`), `content ${i}`)
})
afterEach(() => fs.rmSync(root, { recursive: true, force: true }))

const sha256 = (s: string): string => crypto.createHash('sha256').update(s).digest('hex')
const batch = (names: string[]): Uint8Array =>
  new Uint8Array(Buffer.from(names.map((n) => n + '\0').join('')))

/** A pool of up to `size` threads that keeps every reply by batch id. */
function pool(size: number): { pool: HashPool; replies: Map<number, WorkerReply> } {
  const replies = new Map<number, WorkerReply>()
  const p = new HashPool(Buffer.from(root), 'sha256', size, (id, r) => replies.set(id, r), Date.now())
  return { pool: p, replies }
}

describe('HashPool', () => {
  it('starts no second worker for work that fits in one batch', async () => {
    const { pool: p, replies } = pool(2)
    try {
      const id = p.submit(batch(['f0', 'f1', 'f2']))
      await p.drain()
      expect(p.threads()).toBe(1)
      expect(decodeReply(replies.get(id) as WorkerReply).map((r) => r.d)).toEqual(
        [0, 1, 2].map((i) => sha256(`content ${i}`)),
      )
    } finally {
      await p.close()
    }
  })

  it('starts another worker while batches wait, up to its size, and answers every batch', async () => {
    const { pool: p, replies } = pool(2)
    try {
      // Submitted back to back: the first worker is still booting, so batches wait and a second starts.
      const ids = Array.from({ length: 10 }, (_, k) =>
        p.submit(batch([0, 1, 2, 3].map((j) => `f${4 * k + j}`))),
      )
      expect(p.threads()).toBe(2)
      await p.drain()
      expect(p.threads()).toBe(2)
      ids.forEach((id, k) => {
        const digests = decodeReply(replies.get(id) as WorkerReply).map((r) => r.d)
        expect(digests).toEqual([0, 1, 2, 3].map((j) => sha256(`content ${4 * k + j}`)))
      })
    } finally {
      await p.close()
    }
  })
})
