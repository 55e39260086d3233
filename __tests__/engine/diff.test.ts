import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { diffEntries, diffManifests } from '../../src/engine/diff.js'
import type { Entry, Manifest, ManifestHeader } from '../../src/engine/types.js'

const sha = (s: string): string => createHash('sha256').update(s).digest('hex')
const file = (path: string, content: string, mode = 0o644): Entry => ({
  path,
  type: 'file',
  size: Buffer.byteLength(content),
  mode,
  digest: sha(content),
})
const dir = (path: string, mode = 0o755): Entry => ({ path, type: 'dir', size: 4096, mode })
const link = (path: string, target: string): Entry => ({
  path,
  type: 'symlink',
  size: target.length,
  mode: 0o777,
  target,
})

/** Compact view of the changes for assertions. */
const view = (entries: { changes: { path: string; kinds: string[]; from?: string }[] }) =>
  entries.changes.map((c) =>
    c.from !== undefined ? `${c.kinds.join('+')} ${c.from} -> ${c.path}` : `${c.kinds.join('+')} ${c.path}`,
  )

describe('diffEntries', () => {
  it('finds nothing between identical lists and counts them unchanged', () => {
    const a = [dir('d'), file('d/x', 'x'), link('l', 'd/x')]
    const r = diffEntries(
      a,
      a.map((e) => ({ ...e })),
    )
    expect(r.changes).toEqual([])
    expect(r.unchanged).toBe(3)
  })

  it('classes added, removed, modified, mode, symlink and type changes, sorted by path', () => {
    const before = [file('a', '1'), file('b', '2'), file('c', '3'), link('d', 'x'), file('e', '5'), dir('f')]
    const after = [
      file('b', '2 changed'),
      file('c', '3', 0o755),
      link('d', 'y'),
      dir('e'),
      dir('f', 0o777),
      file('g', '7'),
    ]
    const r = diffEntries(before, after)
    expect(view(r)).toEqual(['removed a', 'modified b', 'mode c', 'symlink d', 'type e', 'mode f', 'added g'])
    expect(r.unchanged).toBe(0)
    expect(r.changes.every((c) => c.severity === 'unexpected')).toBe(true)
    expect(r.changes[1].before?.digest).toBe(sha('2'))
    expect(r.changes[1].after?.digest).toBe(sha('2 changed'))
  })

  it('reports a type change only as type, even when the mode also differs', () => {
    const r = diffEntries([file('x', 'x', 0o644)], [dir('x', 0o755)])
    expect(view(r)).toEqual(['type x'])
  })

  it('reports content and mode changes of one file as one change with both kinds', () => {
    const r = diffEntries([file('x', 'a', 0o644)], [file('x', 'b', 0o4755)])
    expect(view(r)).toEqual(['modified+mode x'])
  })

  it('does not compare directory sizes', () => {
    const r = diffEntries([{ ...dir('d'), size: 4096 }], [{ ...dir('d'), size: 8192 }])
    expect(r.changes).toEqual([])
  })

  it('turns a removed and an added file with the same content into one move, across directories', () => {
    const r = diffEntries(
      [file('old/dir/a.sh', 'payload'), file('z', 'z')],
      [file('new/a.sh', 'payload'), file('z', 'z')],
    )
    expect(view(r)).toEqual(['moved old/dir/a.sh -> new/a.sh'])
    expect(r.changes[0].before?.path).toBe('old/dir/a.sh')
    expect(r.changes[0].after?.path).toBe('new/a.sh')
    expect(r.unchanged).toBe(1)
  })

  it('a move with a mode change carries both kinds', () => {
    const r = diffEntries([file('a', 'p', 0o644)], [file('b', 'p', 0o755)])
    expect(view(r)).toEqual(['mode+moved a -> b'])
  })

  it('pairs several candidates with one digest in sorted order', () => {
    const before = [file('r1', 'same'), file('r2', 'same'), file('r3', 'same')]
    const after = [file('a1', 'same'), file('a2', 'same')]
    expect(view(diffEntries(before, after))).toEqual(['moved r1 -> a1', 'moved r2 -> a2', 'removed r3'])
    expect(view(diffEntries([...before].reverse(), [...after].reverse()))).toEqual(
      view(diffEntries(before, after)),
    )
  })

  it('never pairs empty files as moves', () => {
    expect(view(diffEntries([file('a/__init__.py', '')], [file('b/.keep', '')]))).toEqual([
      'removed a/__init__.py',
      'added b/.keep',
    ])
  })

  it('does not treat symlinks or directories as moves', () => {
    expect(view(diffEntries([link('a', 't'), dir('d1')], [link('b', 't'), dir('d2')]))).toEqual([
      'removed a',
      'added b',
      'removed d1',
      'added d2',
    ])
  })

  it('reports a path the scan could not read as unreadable, even when nothing else differs', () => {
    const locked: Entry = { path: 'k', type: 'file', size: 3, mode: 0o000, error: 'EACCES' }
    expect(view(diffEntries([file('k', 'abc', 0o000)], [locked]))).toEqual(['unreadable k'])
    expect(view(diffEntries([locked], [locked]))).toEqual(['unreadable k'])
    expect(view(diffEntries([locked], [file('k', 'abc', 0o000)]))).toEqual(['unreadable k'])
    expect(view(diffEntries([], [locked]))).toEqual(['added+unreadable k'])
  })

  it('reports a symlink whose target could not be read as unreadable only, not as a target change', () => {
    // As for a file, whose digest is not compared when either side has an error: an unread target is
    // unknown, not changed to nothing (the report showed "target: a.txt → (empty)").
    const locked: Entry = { path: 'l', type: 'symlink', size: 5, mode: 0o777, error: 'EACCES' }
    expect(view(diffEntries([link('l', 'a.txt')], [locked]))).toEqual(['unreadable l'])
    expect(view(diffEntries([locked], [link('l', 'a.txt')]))).toEqual(['unreadable l'])
    expect(view(diffEntries([locked], [locked]))).toEqual(['unreadable l'])
  })

  it('reports a symlink that starts or stops pointing outside the root with the same target text', () => {
    // An absolute target inside the root the baseline scanned, outside the root scanned now (moved tree).
    const inside = link('l', '/work/repo/a.txt')
    const outside: Entry = { ...inside, escapes: true }
    const r = diffEntries([inside], [outside])
    expect(view(r)).toEqual(['symlink l'])
    expect(r.changes[0].after?.escapes).toBe(true)
    expect(view(diffEntries([outside], [inside]))).toEqual(['symlink l'])
    expect(view(diffEntries([outside], [{ ...outside }]))).toEqual([])
  })

  it('never pairs unreadable or unstable files as moves', () => {
    const before = [file('a', 'p')]
    const unstable: Entry = { ...file('b', 'p'), unstable: true }
    expect(view(diffEntries(before, [unstable]))).toEqual(['removed a', 'added b'])
  })

  it('reports a file that was unstable in the current scan as modified (fail closed)', () => {
    const stable = file('log', 'same')
    expect(view(diffEntries([stable], [{ ...stable, unstable: true }]))).toEqual(['modified log'])
  })

  it('sorts unsorted input and refuses duplicates', () => {
    const r = diffEntries([file('b', 'b'), file('a', 'a')], [file('a', 'a'), file('b', 'B')])
    expect(view(r)).toEqual(['modified b'])
    expect(() => diffEntries([file('a', '1'), file('a', '2')], [])).toThrow(/path 'a' twice/)
  })

  it('sorts raw (non-UTF-8) keys like any other key', () => {
    const raw = '\u0000/w=='
    const r = diffEntries([file('a', 'a')], [{ ...file('a', 'a') }, file(raw, 'r')])
    expect(r.changes.map((c) => c.path)).toEqual([raw])
  })

  it('diffs 100k entries against a copy with known edits', () => {
    const n = 100_000
    const before: Entry[] = []
    for (let i = 0; i < n; i++)
      before.push(file(`dir${String(i % 100).padStart(3, '0')}/f${String(i).padStart(6, '0')}`, `c${i}`))
    before.sort((x, y) => (x.path < y.path ? -1 : 1))
    const after = before.map((e) => ({ ...e }))
    const modified = new Set<string>()
    for (let i = 0; i < n; i += 1000) {
      after[i] = { ...after[i], digest: sha(`changed ${i}`) }
      modified.add(after[i].path)
    }
    const removedPath = after[n - 1].path
    after.pop()
    after.push(file('zz/new', 'brand new'))
    const moveFrom = after[500].path
    after[500] = { ...after[500], path: 'zz/moved' }
    after.sort((x, y) => (x.path < y.path ? -1 : 1))

    const r = diffEntries(before, after)
    const byKind = (k: string) => r.changes.filter((c) => c.kinds.includes(k as never)).map((c) => c.path)
    expect(new Set(byKind('modified'))).toEqual(modified)
    expect(byKind('removed')).toEqual([removedPath])
    expect(byKind('added')).toEqual(['zz/new'])
    expect(r.changes.find((c) => c.kinds.includes('moved'))?.from).toBe(moveFrom)
    expect(r.unchanged).toBe(n - modified.size - 2)
  })
})

describe('diffManifests', () => {
  const header = (over: Partial<ManifestHeader> = {}): ManifestHeader => ({
    format: 'integrity-gate/manifest',
    version: 1,
    tool: '0.1.0',
    algorithm: 'sha256',
    include: ['src/**'],
    exclude: [],
    createdAt: '2024-05-01T10:00:00Z',
    gate: 'g',
    ...over,
  })
  const m = (h: ManifestHeader, entries: Entry[] = [file('src/a', 'a')]): Manifest => ({ header: h, entries })

  it('is compatible for the same algorithm and globs (glob order and blanks do not matter)', () => {
    const r = diffManifests(m(header({ exclude: ['b', 'a'] })), m(header({ exclude: [' a', 'b', ''] })))
    expect(r.incompatible).toEqual([])
    expect(r.changes).toEqual([])
    expect(r.unchanged).toBe(1)
  })

  it('says plainly when the algorithm differs', () => {
    const r = diffManifests(m(header({ algorithm: 'sha512' })), m(header()))
    expect(r.incompatible).toHaveLength(1)
    expect(r.incompatible[0]).toMatch(/made with sha512 but this scan uses sha256/)
  })

  it('says plainly when include or exclude differ', () => {
    const r = diffManifests(m(header({ exclude: ['dist/**'] })), m(header({ include: ['**'] })))
    expect(r.incompatible).toHaveLength(2)
    expect(r.incompatible[0]).toMatch(/include globs 'src\/\*\*' but this scan uses '\*\*'/)
    expect(r.incompatible[1]).toMatch(/exclude globs 'dist\/\*\*' but this scan uses \(none\)/)
  })
})
