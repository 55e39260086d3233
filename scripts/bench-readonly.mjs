#!/usr/bin/env node
// The read-only cost of a tree: what a scanner pays before it hashes anything. The main thread walks
// (readdir with file types, names as Buffers, symlinks never followed) and hands batches of paths to
// `threads` worker threads round-robin; each worker opens, reads to EOF into one reused 1 MiB buffer,
// and closes every file. No hashing, unless `--hash`: then each worker also hashes what it reads with
// SHA-256 (one `crypto.hash` per file that fits the buffer, a Hash object otherwise), which is the
// floor of a scan in plain Node: the same walk, reads and hashing, and nothing else (no stat, no
// ordering, no manifest). `--hash --stat` adds one fstat per file after its first read, the least any
// integrity scan must do besides (a file's mode and type are part of what it records).
// `--native ADDON` runs the per-file work in the scanner's C loop instead (src/native/scan.c: open under a
// descriptor of the root, read, fstat, close, and SHA-256 unless ADDON is the read-only build made by
// `node scripts/build-native.mjs --read-only OUT`), with the same walk and batches.
// Prints `{"files":…,"bytes":…}` on stdout.
//
//   node scripts/bench-readonly.mjs DIR [threads] [--hash [--stat] | --native ADDON]
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads'

const BATCH = 128
const MAX_INFLIGHT = 4

if (isMainThread) {
  const root = process.argv[2]
  const threads = Number(process.argv[3] ?? os.availableParallelism())
  const native = process.argv[4] === '--native' ? process.argv[5] : undefined
  const hash = process.argv[4] === '--hash'
  const stat = hash && process.argv[5] === '--stat'
  const usable =
    root &&
    Number.isInteger(threads) &&
    threads >= 1 &&
    (process.argv[4] === undefined || hash || native) &&
    (process.argv[5] === undefined || stat || native) &&
    process.argv.length <= 6
  if (!usable) {
    process.stderr.write(
      'usage: node scripts/bench-readonly.mjs DIR [threads] [--hash [--stat] | --native ADDON]\n',
    )
    process.exit(2)
  }
  // The C loop opens files under this descriptor, by relative path (as the scanner hands them over).
  const rootFd = native ? fs.openSync(root, fs.constants.O_RDONLY | fs.constants.O_DIRECTORY) : undefined
  const progress = new Float64Array(new SharedArrayBuffer(64 * threads))
  const workers = Array.from(
    { length: threads },
    (_, slot) =>
      new Worker(new URL(import.meta.url), {
        workerData: { hash, stat, native: native && path.resolve(native), rootFd, progress, slot },
      }),
  )
  // Back-pressure: at most MAX_INFLIGHT batches per worker are queued, so the walk cannot run far
  // ahead and pile up paths in memory (fresh memory is costly on these VMs and would skew the row).
  let inflight = 0
  let wake = () => {}
  const totals = workers.map(
    (w) =>
      new Promise((resolve, reject) => {
        w.on('message', (m) => {
          if (m === 'ack') {
            inflight--
            wake()
          } else resolve(m)
        })
        w.on('error', reject)
      }),
  )
  let next = 0
  let batch = []
  const flush = async () => {
    if (batch.length === 0) return
    while (inflight >= MAX_INFLIGHT * workers.length) await new Promise((r) => (wake = r))
    inflight++
    workers[next].postMessage(batch)
    next = (next + 1) % workers.length
    batch = []
  }
  const stack = [Buffer.from(root)]
  // Relative paths for the C loop: the part after `root/`, NUL-terminated.
  const cut = Buffer.byteLength(root) + 1
  const NUL = Buffer.from([0])
  while (stack.length > 0) {
    const dir = stack.pop()
    for (const ent of fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' })) {
      const full = Buffer.concat([dir, Buffer.from('/'), ent.name])
      if (ent.isDirectory()) stack.push(full)
      else if (ent.isFile()) {
        batch.push(native ? Buffer.concat([full.subarray(cut), NUL]) : full)
        if (batch.length === BATCH) await flush()
      }
    }
  }
  await flush()
  for (const w of workers) w.postMessage(null)
  const done = await Promise.all(totals)
  await Promise.all(workers.map((w) => w.terminate()))
  const sum = done.reduce((a, d) => ({ files: a.files + d.files, bytes: a.bytes + d.bytes }), {
    files: 0,
    bytes: 0,
  })
  process.stdout.write(`${JSON.stringify(sum)}\n`)
} else {
  // Page-aligned, like the scanner's read buffer: a fresh 1 MiB Buffer starts 16 bytes past a page
  // boundary, where the kernel's copy into it costs 2-2.5x more (4K aliasing), which would make this
  // "best the machine can do" row slower than the scanner itself.
  const buf = Buffer.from(new WebAssembly.Memory({ initial: 16, maximum: 16 }).buffer)
  const hash = workerData?.hash === true
  const stat = workerData?.stat === true
  let files = 0
  let bytes = 0
  let addon
  if (workerData?.native) {
    const m = { exports: {} }
    process.dlopen(m, workerData.native)
    addon = m.exports
  }
  const stableBefore = Date.now() - 2000
  const cancel = new Int32Array(new SharedArrayBuffer(4))
  parentPort?.on('message', (batch) => {
    if (batch === null) {
      parentPort?.postMessage({ files, bytes })
      return
    }
    if (addon) {
      const n = batch.length
      const paths = Buffer.concat(batch.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)))
      const [t, s, m, f, e] = [Uint8Array, Float64Array, Uint16Array, Uint8Array, Int32Array].map(
        (T) => new T(n),
      )
      addon.hashBatch(
        workerData.rootFd,
        paths,
        n,
        buf,
        'sha256',
        stableBefore,
        workerData.progress,
        workerData.slot,
        t,
        s,
        m,
        f,
        e,
        Buffer.allocUnsafe(n * 64),
        0, // paths are relative to rootFd: no absolute-path limit to mimic here
        cancel,
      )
      for (let i = 0; i < n; i++) if (e[i] !== 0) throw new Error(`errno ${e[i]} on file ${i} of a batch`)
      files += n
      bytes += s.reduce((a, x) => a + x, 0)
      parentPort?.postMessage('ack')
      return
    }
    for (const p of batch) {
      // Paths arrive as Uint8Array after structured clone; fs accepts them as byte-exact paths.
      const fd = fs.openSync(Buffer.from(p.buffer, p.byteOffset, p.byteLength), 'r')
      try {
        let n = fs.readSync(fd, buf, 0, buf.length, null)
        if (stat) fs.fstatSync(fd)
        if (hash && n < buf.length) {
          crypto.hash('sha256', buf.subarray(0, n), 'hex')
          bytes += n
        } else {
          const h = hash ? crypto.createHash('sha256') : undefined
          for (; n > 0; n = fs.readSync(fd, buf, 0, buf.length, null)) {
            h?.update(buf.subarray(0, n))
            bytes += n
          }
          h?.digest('hex')
        }
      } finally {
        fs.closeSync(fd)
      }
      files++
    }
    parentPort?.postMessage('ack')
  })
}
