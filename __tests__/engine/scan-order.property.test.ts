/**
 * The scanner hands entries on in final path order while it is still hashing (a directory's names are
 * walked sorted, its contents at the place of `name/`, raw names first). These trees are built to
 * break that: names that are prefixes of each other followed by characters below and above `/`,
 * surrogate pairs, invalid UTF-8, empty directories and symlinks.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { decodeManifest, encodeManifest, ManifestWriter } from '../../src/engine/manifest.js'
import { keyFromBytes } from '../../src/engine/paths.js'
import { scan } from '../../src/engine/scan.js'
import { InOrder } from '../../src/engine/scan-order.js'
import type { Entry, ManifestHeader, ScanStats } from '../../src/engine/types.js'

const bases: string[] = []
afterEach(() => {
  for (const b of bases.splice(0)) fs.rmSync(b, { recursive: true, force: true })
})

/** Names chosen to sort differently as `name` and as `name/…`: '!' ' ' '-' '.' lie below '/', '0' and 'a' above. */
const NAMES = ['a', 'a!', 'a b', 'a-', 'a.c', 'a0', 'ab', 'é', 'e\u0301', '😀', '\uFF01', '.a', 'A']
const RAW = [Buffer.from([0x61, 0xff]), Buffer.from([0xfe]), Buffer.from([0x61, 0x2e, 0xc3])]

type Node = { kind: 'file' | 'link' } | { kind: 'dir'; children: Map<string, Node> }

const nodeArb: fc.Arbitrary<Node> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant({ kind: 'file' as const }),
    fc.constant({ kind: 'link' as const }),
    tie('dir'),
  ) as fc.Arbitrary<Node>,
  dir: fc
    .uniqueArray(fc.tuple(fc.integer({ min: 0, max: NAMES.length + RAW.length - 1 }), tie('node')), {
      selector: ([i]) => i,
      maxLength: 6,
    })
    .map((kids) => ({
      kind: 'dir' as const,
      children: new Map(kids.map(([i, n]) => [String(i), n as Node])),
    })),
})).dir as fc.Arbitrary<Node>

function nameBytes(i: number): Buffer {
  return i < NAMES.length ? Buffer.from(NAMES[i], 'utf8') : RAW[i - NAMES.length]
}

/** Builds the tree under `dir` (byte paths) and returns the keys it must produce. */
function build(dir: Buffer, rel: Buffer | null, node: Node, keys: string[]): void {
  if (node.kind !== 'dir') return
  for (const [i, child] of node.children) {
    const name = nameBytes(Number(i))
    const abs = Buffer.concat([dir, Buffer.from('/'), name])
    const childRel = rel ? Buffer.concat([rel, Buffer.from('/'), name]) : name
    keys.push(keyFromBytes(childRel))
    if (child.kind === 'file') fs.writeFileSync(abs, childRel)
    else if (child.kind === 'link') fs.symlinkSync('target', abs)
    else {
      fs.mkdirSync(abs)
      build(abs, childRel, child, keys)
    }
  }
}

function tempRoot(): string {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-order-'))
  bases.push(base)
  return base
}

const header = (): ManifestHeader => ({
  format: 'integrity-gate/manifest',
  version: 1,
  tool: 'test',
  algorithm: 'sha256',
  include: [],
  exclude: [],
  createdAt: '2026-11-27T00:00:00.000Z',
  gate: 'order',
})

async function scanStreaming(root: string, workers?: number) {
  const seen: Entry[] = []
  const writer = new ManifestWriter(header())
  const result = await scan({
    root,
    algorithm: 'sha256',
    include: [],
    exclude: [],
    workers,
    onEntry: (e) => {
      seen.push(e)
      return writer.add(e)
    },
  })
  return { result, seen, bytes: await writer.finish() }
}

describe('scan order', () => {
  it('hands on every entry once, sorted, and the streamed manifest equals the encoded one', async () => {
    await fc.assert(
      fc.asyncProperty(nodeArb, async (tree) => {
        const root = tempRoot()
        const keys: string[] = []
        build(Buffer.from(root), null, tree, keys)
        const { result, seen, bytes } = await scanStreaming(root, 2)
        const paths = result.entries.map((e) => e.path)
        expect(paths).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
        expect(seen).toEqual(result.entries)
        expect(bytes.equals(encodeManifest({ header: header(), entries: result.entries }))).toBe(true)
        fs.rmSync(root, { recursive: true, force: true })
      }),
      { numRuns: 60 },
    )
  })

  it('keeps the order when many batches come back from two workers out of turn', async () => {
    const root = tempRoot()
    const keys: string[] = []
    // 13 × 13 directories of 13 files: ~2,400 files in ~10 batches, names from the tricky set.
    for (const a of NAMES) {
      fs.mkdirSync(path.join(root, a))
      keys.push(a)
      for (const b of NAMES) {
        fs.mkdirSync(path.join(root, a, b))
        keys.push(`${a}/${b}`)
        for (const c of NAMES) {
          // The files named `ab` are larger, so one worker falls behind while the other takes later batches.
          fs.writeFileSync(path.join(root, a, b, c), c === 'ab' ? Buffer.alloc(256 << 10, 7) : `${a}${b}${c}`)
          keys.push(`${a}/${b}/${c}`)
        }
      }
    }
    const { result, seen, bytes } = await scanStreaming(root, 2)
    expect(result.entries.map((e) => e.path)).toEqual(keys.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)))
    expect(seen).toEqual(result.entries)
    expect(decodeManifest(bytes).entries).toEqual(result.entries)
  })

  it('waits while onEntry asks it to, and hands on the rest after the last file is hashed', async () => {
    const root = tempRoot()
    for (const a of NAMES) {
      fs.mkdirSync(path.join(root, a))
      for (const b of NAMES) fs.writeFileSync(path.join(root, a, b), a + b)
    }
    const seen: Entry[] = []
    let waiting = false
    const result = await scan({
      root,
      algorithm: 'sha256',
      include: [],
      exclude: [],
      onEntry: (e) => {
        expect(waiting).toBe(false)
        seen.push(e)
        if (seen.length % 7 !== 0) return undefined
        // A slow consumer: nothing may be handed on until this settles.
        waiting = true
        return new Promise<void>((resolve) =>
          setTimeout(() => {
            waiting = false
            resolve()
          }, 2),
        )
      },
    })
    expect(seen).toEqual(result.entries)
    expect(result.entries).toHaveLength(NAMES.length * (NAMES.length + 1))
  })

  it('a consumer whose wait fails fails the scan with its error', async () => {
    const root = tempRoot()
    for (const n of NAMES) fs.writeFileSync(path.join(root, n), n)
    let calls = 0
    await expect(
      scan({
        root,
        algorithm: 'sha256',
        include: [],
        exclude: [],
        onEntry: () => (++calls === 3 ? Promise.reject(new Error('compression failed')) : undefined),
      }),
    ).rejects.toThrow('compression failed')
    expect(calls).toBe(3)
  })

  it('a writer that throws fails the scan with its error', async () => {
    const root = tempRoot()
    for (const n of NAMES) fs.writeFileSync(path.join(root, n), n)
    await expect(
      scan({
        root,
        algorithm: 'sha256',
        include: [],
        exclude: [],
        onEntry: () => {
          throw new Error('disk full')
        },
      }),
    ).rejects.toThrow('disk full')
  })
})

describe('InOrder', () => {
  const stats = (): ScanStats => ({
    files: 0,
    dirs: 0,
    others: 0,
    bytes: 0,
    errors: 0,
    unstable: 0,
    durationMs: 0,
  })
  const dir = (path: string): Entry => ({ path, type: 'dir', size: 0, mode: 0o755 })
  const raw = keyFromBytes(Buffer.from([0x61, 0xff]))
  const raw2 = keyFromBytes(Buffer.from([0x62, 0xfe]))

  it('hands on raw keys first (sorted), skips unused slots, and waits for pending ones', async () => {
    const seen: string[] = []
    const o = new InOrder(stats(), (e) => {
      seen.push(e.path)
    })
    const a = o.add('a')
    o.add(raw2, dir(raw2))
    const unused = o.add('b')
    o.add('c', dir('c'))
    o.add(raw, dir(raw))
    o.handOn()
    expect(seen).toEqual([]) // nothing before the walk is over
    o.walkDone()
    expect(seen).toEqual([raw, raw2].sort()) // 'a' is still pending
    o.set(unused, null)
    o.set(a, dir('a'))
    o.handOn()
    await o.finish()
    expect(seen).toEqual([...[raw, raw2].sort(), 'a', 'c'])
    expect(o.entries.map((e) => e.path)).toEqual(seen)
  })

  it('refuses entries out of order, and a slot that never filled', async () => {
    const o = new InOrder(stats(), undefined)
    o.add('b', dir('b'))
    o.add('a', dir('a'))
    expect(() => o.walkDone()).toThrow(/Scanner bug: "a" out of order after "b"/)
    const p = new InOrder(stats(), undefined)
    p.add('a')
    p.walkDone()
    await expect(p.finish()).rejects.toThrow(/Scanner bug: 1 entries never completed/)
  })
})
