/**
 * Differential test: the scanner's digests against coreutils on a generated tree of 2,000+ files with
 * random sizes (0 bytes, around the 1 MiB read-buffer boundary, several MB), nested folders and odd
 * names. coreutils runs through execFile on batches of paths, never through a shell.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import * as crypto from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { scan } from '../../src/engine/scan.js'
import type { Algorithm, Entry } from '../../src/engine/types.js'

const MiB = 1024 * 1024
let root: string
const files: string[] = []

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be reproduced. */
function rng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ODD = [
  ' space',
  'ünïcödé',
  '日本語',
  'emoji-😀',
  "quote'",
  'dq"',
  'back\\slash',
  'new\nline',
  '-dash',
  'tab\t',
  '$x',
  '*star',
]

beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-scan-diff-'))
  const rand = rng(20240601)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]
  const pool = crypto.randomBytes(8 * MiB)
  const dirs = ['']
  for (let i = 0; i < 60; i++) dirs.push(path.join(pick(dirs), `dir${i}${rand() < 0.3 ? pick(ODD) : ''}`))
  const special = [0, 0, 1, MiB - 1, MiB, MiB + 1, 2 * MiB, 3 * MiB + 17, 6 * MiB + 5]
  for (let i = 0; i < 2100; i++) {
    const size =
      i < special.length
        ? special[i]
        : rand() < 0.05
          ? 0
          : rand() < 0.01
            ? Math.floor(rand() * 4 * MiB)
            : Math.floor(rand() ** 3 * 64 * 1024)
    const name = `f${i}${rand() < 0.25 ? pick(ODD) : ''}.bin`
    const rel = path.join(pick(dirs), name)
    const start = Math.floor(rand() * (pool.length - size))
    fs.mkdirSync(path.join(root, path.dirname(rel)), { recursive: true })
    fs.writeFileSync(path.join(root, rel), pool.subarray(start, start + size))
    files.push(rel)
  }
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

/** Runs a coreutils digest tool on the files (relative to root) in batches; `-z` disables name escaping. */
function coreutils(tool: string, rels: string[]): Map<string, string> {
  const out = new Map<string, string>()
  for (let i = 0; i < rels.length; i += 200) {
    const batch = rels.slice(i, i + 200)
    const text = execFileSync(tool, ['-z', '--', ...batch], { cwd: root, maxBuffer: 64 * MiB }).toString(
      'utf8',
    )
    for (const line of text.split('\0')) {
      if (line === '') continue
      const sep = line.indexOf('  ')
      out.set(line.slice(sep + 2), line.slice(0, sep))
    }
  }
  return out
}

async function digests(algorithm: Algorithm): Promise<Map<string, Entry>> {
  const r = await scan({ root, algorithm, include: [], exclude: [] })
  return new Map(r.entries.filter((e) => e.type === 'file').map((e) => [e.path, e]))
}

describe('digests equal coreutils', () => {
  it('sha256 of every file in a 2,100-file tree equals sha256sum', async () => {
    const ours = await digests('sha256')
    const theirs = coreutils('sha256sum', files)
    expect(ours.size).toBe(files.length)
    expect(theirs.size).toBe(files.length)
    const mismatches = files.filter((f) => ours.get(f)?.digest !== theirs.get(f))
    expect(mismatches).toEqual([])
    for (const f of files) expect(ours.get(f)?.size).toBe(fs.statSync(path.join(root, f)).size)
  })

  const others: [Algorithm, string][] = [
    ['sha512', 'sha512sum'],
    ['sha1', 'sha1sum'],
    ['blake2b512', 'b2sum'],
    ['md5', 'md5sum'],
  ]
  it.each(others)('%s equals %s on the boundary-sized and oddly named files', async (algorithm, tool) => {
    const sample = [
      ...new Set([...files.slice(0, 9), ...files.filter((f) => /[\n\\ ]/.test(f)).slice(0, 10)]),
    ]
    const ours = await digests(algorithm)
    const theirs = coreutils(tool, sample)
    expect(theirs.size).toBe(sample.length)
    for (const f of sample) expect([f, ours.get(f)?.digest]).toEqual([f, theirs.get(f)])
  })
})
