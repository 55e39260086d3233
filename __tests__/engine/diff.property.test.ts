import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { diffEntries } from '../../src/engine/diff.js'
import type { Change, ChangeKind, Entry } from '../../src/engine/types.js'

const sha = (s: string): string => createHash('sha256').update(s).digest('hex')

/** A small path universe and few contents, so adds, removes, collisions and moves are all common. */
const PATHS = ['a', 'b', 'c', 'd/a', 'd/b', 'd/e/f', 'x/y', 'x/z', '.hidden', 'ü', '\u0000/w==']
const CONTENTS = ['', 'one', 'two', 'three']

const entryArb = (path: string): fc.Arbitrary<Entry> =>
  fc
    .record({
      type: fc.constantFrom('file', 'file', 'file', 'dir', 'symlink'),
      content: fc.constantFrom(...CONTENTS),
      mode: fc.constantFrom(0o644, 0o755),
      target: fc.constantFrom('t1', 't2'),
      error: fc.constantFrom(false, false, false, false, true),
    })
    .map((r): Entry => {
      const e: Entry = { path, type: r.type as Entry['type'], size: 0, mode: r.mode }
      if (r.error) return { ...e, error: 'EACCES' }
      if (r.type === 'file') return { ...e, size: r.content.length, digest: sha(r.content) }
      if (r.type === 'symlink') return { ...e, size: r.target.length, target: r.target }
      return e
    })

const treeArb: fc.Arbitrary<Entry[]> = fc
  .subarray(PATHS)
  .chain((paths) => fc.tuple(...paths.map(entryArb)) as fc.Arbitrary<Entry[]>)
  .map((es) => [...es].sort((a, b) => (a.path < b.path ? -1 : 1)))

const SWAP: Partial<Record<ChangeKind, ChangeKind>> = { added: 'removed', removed: 'added' }
const ORDER: ChangeKind[] = ['added', 'removed', 'modified', 'mode', 'type', 'symlink', 'moved', 'unreadable']

/** The change diff(B, A) should hold for a change of diff(A, B). */
function inverse(c: Change): { path: string; from?: string; kinds: ChangeKind[] } {
  const kinds = c.kinds.map((k) => SWAP[k] ?? k).sort((p, q) => ORDER.indexOf(p) - ORDER.indexOf(q))
  return c.from !== undefined ? { path: c.from, from: c.path, kinds } : { path: c.path, kinds }
}
const shape = (c: Change) =>
  c.from !== undefined ? { path: c.path, from: c.from, kinds: c.kinds } : { path: c.path, kinds: c.kinds }
const byPath = <T extends { path: string }>(xs: T[]): T[] =>
  [...xs].sort((p, q) => (p.path < q.path ? -1 : 1))

describe('diff properties', () => {
  it('a tree against itself has no changes and every entry unchanged', () => {
    fc.assert(
      fc.property(treeArb, (a) => {
        const r = diffEntries(a, structuredClone(a))
        const unreadable = a.filter((e) => e.error !== undefined).length
        // A path the scan cannot read is never vouched for, even against itself.
        expect(r.changes.every((c) => c.kinds.length === 1 && c.kinds[0] === 'unreadable')).toBe(true)
        expect(r.changes.length).toBe(unreadable)
        expect(r.unchanged).toBe(a.length - unreadable)
      }),
      { numRuns: 300 },
    )
  })

  it('diff(B, A) is the inverse of diff(A, B)', () => {
    fc.assert(
      fc.property(treeArb, treeArb, (a, b) => {
        const ab = diffEntries(a, b)
        const ba = diffEntries(b, a)
        expect(byPath(ba.changes.map(shape))).toEqual(byPath(ab.changes.map(inverse)))
        expect(ba.unchanged).toBe(ab.unchanged)
      }),
      { numRuns: 1000 },
    )
  })

  it('changes are sorted by path, each path appears once, and unchanged + changes cover the common paths', () => {
    fc.assert(
      fc.property(treeArb, treeArb, (a, b) => {
        const r = diffEntries(a, b)
        const paths = r.changes.map((c) => c.path)
        expect(paths).toEqual([...paths].sort((p, q) => (p < q ? -1 : 1)))
        const touched = r.changes.flatMap((c) => (c.from !== undefined ? [c.path, c.from] : [c.path]))
        expect(new Set(touched).size).toBe(touched.length)
        const inA = new Set(a.map((e) => e.path))
        const common = b.filter((e) => inA.has(e.path)).length
        const changedCommon = r.changes.filter((c) => c.from === undefined && c.before && c.after).length
        expect(r.unchanged + changedCommon).toBe(common)
      }),
      { numRuns: 500 },
    )
  })

  it('a pure rename of a non-empty readable file is exactly one move', () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), fc.constantFrom('new/place', 'zz', 'd/renamed'), (a, pick, to) => {
        const files = a.filter((e) => e.type === 'file' && e.error === undefined && e.size > 0)
        fc.pre(files.length > 0)
        const moved = files[pick % files.length]
        const b = a
          .map((e) => (e === moved ? { ...e, path: to } : e))
          .sort((p, q) => (p.path < q.path ? -1 : 1))
        const r = diffEntries(a, b)
        const rest = r.changes.filter((c) => c.kinds.length !== 1 || c.kinds[0] !== 'unreadable')
        expect(rest.map(shape)).toEqual([{ path: to, from: moved.path, kinds: ['moved'] }])
      }),
      { numRuns: 500 },
    )
  })

  it('a file unstable in the current scan is never reported unchanged', () => {
    fc.assert(
      fc.property(treeArb, fc.nat(), (a, pick) => {
        const files = a.filter((e) => e.type === 'file' && e.error === undefined)
        fc.pre(files.length > 0)
        const victim = files[pick % files.length]
        const b = a.map((e) => (e === victim ? { ...e, unstable: true as const } : e))
        const c = diffEntries(a, b).changes.find((x) => x.path === victim.path)
        expect(c?.kinds).toContain('modified')
      }),
      { numRuns: 300 },
    )
  })
})
