import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { createHash } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import { diffManifests } from '../../src/engine/diff.js'
import { EntryComparer, quickDiff, quickDiffEntries, type QuickDiff } from '../../src/engine/manifest-diff.js'
import {
  decodeInflated,
  encodeManifest,
  inflateManifest,
  inflateManifestAsync,
  ManifestError,
} from '../../src/engine/manifest.js'
import { keyFromBytes } from '../../src/engine/paths.js'
import type { Algorithm, Entry, EntryType, Manifest } from '../../src/engine/types.js'

const sha = (s: string): string => createHash('sha256').update(s).digest('hex')

/** Paths with usual (printable ASCII) names, odd ones that need escapes or UTF-8, and a raw name. */
const PATHS = [
  'a',
  'a b',
  'b',
  'd',
  'd/a',
  'd/a.c',
  'd/e/f',
  '.hidden',
  '..x',
  'x/.y',
  'q"uote',
  'back\\slash',
  'tab\there',
  'ü',
  'z~',
  keyFromBytes(Buffer.from([0xff, 0x41])),
]
const CONTENTS = ['', 'one', 'two', 'three']

const entryArb = (path: string): fc.Arbitrary<Entry> =>
  fc
    .record({
      type: fc.constantFrom<EntryType>('file', 'file', 'file', 'dir', 'dir', 'symlink', 'fifo'),
      content: fc.constantFrom(...CONTENTS),
      size: fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER), fc.constant(0)),
      mode: fc.constantFrom(0, 0o644, 0o755, 0o7777, 0o4755),
      problem: fc.constantFrom('none', 'none', 'none', 'none', 'error', 'unstable'),
    })
    .map((r): Entry => {
      const e: Entry = { path, type: r.type, size: r.size, mode: r.mode }
      if (r.problem === 'error') return { ...e, error: 'EACCES' }
      if (r.type === 'file') {
        const f: Entry = { ...e, size: r.content.length, digest: sha(r.content) }
        return r.problem === 'unstable' ? { ...f, unstable: true } : f
      }
      if (r.type === 'symlink') return { ...e, target: 't' }
      return e
    })

const entriesArb: fc.Arbitrary<Entry[]> = fc
  .subarray(PATHS, { minLength: 1 })
  .chain((paths) => fc.tuple(...paths.map(entryArb)) as fc.Arbitrary<Entry[]>)

const manifestOf = (entries: Entry[], algorithm: Algorithm = 'sha256', include: string[] = []): Manifest => ({
  header: {
    format: 'integrity-gate/manifest',
    version: 1,
    tool: '0.1.0',
    algorithm,
    include,
    exclude: [],
    createdAt: '2024-05-01T10:00:00Z',
    gate: 'g',
    provenance: { commit: 'abc' },
  },
  entries,
})

/** Two manifests sharing most entries: B keeps, changes, drops and adds entries of A. */
const pairArb = fc
  .tuple(entriesArb, entriesArb, fc.array(fc.boolean(), { minLength: PATHS.length, maxLength: PATHS.length }))
  .map(([a, other, keep]) => {
    const b = new Map(other.map((e) => [e.path, e]))
    a.forEach((e, i) => {
      if (keep[i]) b.set(e.path, e)
    })
    return [manifestOf(a), manifestOf([...b.values()])] as const
  })

const text = (m: Manifest): Buffer => gunzipSync(encodeManifest(m))

/** What the CLI computes without the fast path: both manifests decoded in full. */
function fullDiff(rawA: Buffer, rawB: Buffer): QuickDiff {
  const base = decodeInflated(rawA)
  const current = decodeInflated(rawB)
  return {
    base: base.header,
    current: current.header,
    diff: diffManifests(base, current),
    problems: current.entries.filter((e) => e.error !== undefined || e.unstable),
  }
}

/** quickDiff of two written manifests: it answers, and answers what decoding both in full gives. */
function agreesWithFullDiff(a: Manifest, b: Manifest): QuickDiff {
  const rawA = text(a)
  const rawB = text(b)
  const quick = quickDiff(rawA, rawB)
  expect(quick).toBeDefined()
  expect(quick).toEqual(fullDiff(rawA, rawB))
  return quick as QuickDiff
}

/** decodeInflated's ManifestError code for a text, or 'ok'. */
function decodeCode(raw: Buffer): string {
  try {
    decodeInflated(raw)
    return 'ok'
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e
    return e.code
  }
}

const GOOD_A = manifestOf([
  { path: 'a', type: 'file', size: 3, mode: 0o644, digest: sha('one') },
  { path: 'd', type: 'dir', size: 0, mode: 0o755 },
  { path: 'd/x', type: 'file', size: 3, mode: 0o644, digest: sha('two') },
  { path: 'l', type: 'symlink', size: 4, mode: 0o777, target: '../a' },
  { path: 'z', type: 'dir', size: 0, mode: 0o700 },
])
const GOOD_B = manifestOf([
  { path: 'a', type: 'file', size: 3, mode: 0o644, digest: sha('one') },
  { path: 'd', type: 'dir', size: 0, mode: 0o755 },
  { path: 'd/x', type: 'file', size: 5, mode: 0o644, digest: sha('three') },
  { path: 'e', type: 'file', size: 3, mode: 0o600, digest: sha('two') },
  { path: 'l', type: 'symlink', size: 4, mode: 0o777, target: '../b' },
])

describe('quickDiff', () => {
  it('gives what decoding both manifests in full gives, for any pair of written manifests', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        agreesWithFullDiff(a, b)
      }),
      { numRuns: 300 },
    )
  })

  it('reports an algorithm or glob mismatch as the full diff does', () => {
    const entries = GOOD_A.entries.filter((e) => e.type === 'dir')
    const a = text(manifestOf(entries))
    for (const b of [text(manifestOf(entries, 'md5')), text(manifestOf(entries, 'sha256', ['src/**']))]) {
      const quick = quickDiff(a, b)
      expect(quick?.diff.incompatible.length).toBe(1)
      expect(quick).toEqual(fullDiff(a, b))
    }
  })

  it('checks each line by the digest length of its own manifest, even where the two texts repeat each other', () => {
    const long = createHash('sha512').update('x').digest('hex')
    const entries: Entry[] = [
      { path: 'a', type: 'file', size: 1, mode: 0o644, digest: long },
      { path: 'b', type: 'dir', size: 0, mode: 0o755 },
    ]
    const a = text(manifestOf(entries, 'sha512'))
    const b = text(manifestOf(entries, 'blake2b512'))
    expect(quickDiff(a, b)).toEqual(fullDiff(a, b))
    // The same lines under a header whose algorithm wants shorter digests: decode refuses them.
    const sha = text(GOOD_A)
    const md5 = Buffer.from(sha.toString('utf8').replace('"algorithm":"sha256"', '"algorithm":"md5"'))
    expect(decodeCode(md5)).toBe('schema')
    expect(quickDiff(sha, md5)).toBeUndefined()
    expect(quickDiff(md5, sha)).toBeUndefined()
  })

  it('falls back (undefined) for an empty entry list and for a signed manifest', () => {
    const empty = text(manifestOf([]))
    expect(quickDiff(empty, text(GOOD_A))).toBeUndefined()
    const signed = gunzipSync(encodeManifest(GOOD_A, { key: Buffer.from('k') }))
    expect(quickDiff(text(GOOD_A), signed)).toBeUndefined()
    expect(decodeCode(signed)).toBe('signature-unexpected')
  })

  const lineEdits: [string, (line: string) => string, string][] = [
    ['a size with a leading zero', (l) => l.replace('"size":3', '"size":03'), 'not-json'],
    ['a negative size', (l) => l.replace('"size":3', '"size":-3'), 'schema'],
    ['a fractional size', (l) => l.replace('"size":3', '"size":3.5'), 'schema'],
    ['a size beyond 2^53', (l) => l.replace('"size":3', '"size":90071992547409930'), 'schema'],
    ['mode 4096', (l) => l.replace('"mode":420', '"mode":4096'), 'schema'],
    [
      'an upper-case digest',
      (l) => l.replace(/"digest":"(\w+)"/, (_, d: string) => `"digest":"${d.toUpperCase()}"`),
      'schema',
    ],
    ['a short digest', (l) => l.replace(/"digest":"\w/, '"digest":"'), 'schema'],
    ['a non-hex digest', (l) => l.replace(/"digest":"\w/, '"digest":"g'), 'schema'],
    ['a `..` segment', (l) => l.replace('"path":"d/x"', '"path":"d/../x"'), 'schema'],
    ['a `.` segment', (l) => l.replace('"path":"d/x"', '"path":"d/./x"'), 'schema'],
    ['an empty segment', (l) => l.replace('"path":"d/x"', '"path":"d//x"'), 'schema'],
    ['a leading slash', (l) => l.replace('"path":"d/x"', '"path":"/d/x"'), 'schema'],
    ['a trailing slash', (l) => l.replace('"path":"d/x"', '"path":"d/x/"'), 'schema'],
    ['a NUL escape', (l) => l.replace('"path":"d/x"', '"path":"d/x\\u0000"'), 'schema'],
    ['a lone surrogate', (l) => l.replace('"path":"d/x"', '"path":"d/x\\ud800"'), 'schema'],
    ['an unknown field', (l) => l.replace('}', ',"owner":"root"}'), 'schema'],
    ['a repeated key', (l) => l.replace('{"path":"d/x"', '{"path":"d/x","path":"d/y"'), 'ok'],
    ['a type that needs a digest', (l) => l.replace(/,"digest":"\w+"/, ''), 'schema'],
    ['a dir with a digest', (l) => l.replace('"type":"file"', '"type":"dir"'), 'schema'],
    ['a raw control character', (l) => l.replace('"path":"d/x"', '"path":"d/\tx"'), 'not-json'],
    ['an unsorted path', (l) => l.replace('"path":"d/x"', '"path":"b"'), 'unsorted'],
    ['a repeated path', (l) => l.replace('"path":"d/x"', '"path":"d"'), 'duplicate'],
    ['a missing comma', (l) => l.replace(/,$/, ''), 'not-json'],
  ]

  const symlinkEdits: [string, (line: string) => string, string][] = [
    ['an empty target', (l) => l.replace('"target":"../a"', '"target":""'), 'schema'],
    [
      'a raw control character in the target',
      (l) => l.replace('"target":"../a"', '"target":"../\ta"'),
      'not-json',
    ],
    ['a NUL escape in the target', (l) => l.replace('"target":"../a"', '"target":"../a\\u0000"'), 'schema'],
    ['an escaped quote in the target', (l) => l.replace('"target":"../a"', '"target":"../\\"a"'), 'ok'],
    ['a non-ASCII target', (l) => l.replace('"target":"../a"', '"target":"../\u00e4"'), 'ok'],
    ['no target', (l) => l.replace(',"target":"../a"', ''), 'schema'],
    ['a target on a file', (l) => l.replace('"type":"symlink"', '"type":"file"'), 'schema'],
    ['a target and a digest', (l) => l.replace(',"target"', `,"digest":"${sha('x')}","target"`), 'schema'],
    ['escapes', (l) => l.replace('"}', '","escapes":true}'), 'ok'],
    ['an unknown type', (l) => l.replace('"type":"symlink"', '"type":"symlinks"'), 'schema'],
    ['a missing brace', (l) => l.replace('"},', '",'), 'not-json'],
  ]

  it.each([
    ...lineEdits.map(([what, edit, code]) => [what, edit, code, 'd/x'] as const),
    ...symlinkEdits.map(([what, edit, code]) => [what, edit, code, 'l'] as const),
  ])('refuses a line with %s exactly as decode does', (_, edit, code, path) => {
    const lines = text(GOOD_A).toString('utf8').split('\n')
    const at = lines.findIndex((l) => l.startsWith(`{"path":"${path}"`))
    lines[at] = edit(lines[at])
    const raw = Buffer.from(lines.join('\n'))
    expect(decodeCode(raw)).toBe(code)
    const quick = quickDiff(raw, text(GOOD_B))
    if (code === 'ok') expect(quick).toEqual(fullDiff(raw, text(GOOD_B)))
    else {
      expect(quick).toBeUndefined()
      expect(quickDiff(text(GOOD_B), raw)).toBeUndefined()
    }
  })

  const textEdits: [string, (t: string) => string, string][] = [
    ['a trailing comma after the last entry', (t) => t.replace('\n]}', ',\n]}'), 'not-json'],
    ['a blank line', (t) => t.replace(',\n{"path":"d"', ',\n\n{"path":"d"'), 'ok'],
    ['an extra top-level field', (t) => t.replace('\n]}\n', '\n],"extra":1}\n'), 'schema'],
    ['a repeated entries field', (t) => t.replace('\n]}\n', '\n],"entries":[]}\n'), 'ok'],
    ['a bad header', (t) => t.replace('"gate":"g"', '"gate":""'), 'schema'],
    ['a foreign format', (t) => t.replace('integrity-gate/manifest', 'other'), 'foreign'],
    ['a byte-order mark', (t) => '\ufeff' + t, 'not-json'],
    ['spaces in the header', (t) => t.replace('{"header":{', '{"header": {'), 'ok'],
    ['no final newline', (t) => t.slice(0, -1), 'ok'],
  ]

  it.each(textEdits)('falls back on %s, so decode decides', (_, edit, code) => {
    const raw = Buffer.from(edit(text(GOOD_A).toString('utf8')))
    expect(decodeCode(raw)).toBe(code)
    expect(quickDiff(raw, text(GOOD_B))).toBeUndefined()
  })

  it('falls back on text that is not UTF-8', () => {
    const raw = Buffer.from(
      text(GOOD_A).toString('latin1').replace('"gate":"g"', '"gate":"g\u00ff"'),
      'latin1',
    )
    expect(decodeCode(raw)).toBe('not-json')
    expect(quickDiff(raw, text(GOOD_B))).toBeUndefined()
  })

  it('never accepts a byte edit that decode refuses, and otherwise agrees with it', () => {
    const base = text(GOOD_A)
    const other = text(GOOD_B)
    const bytes = fc.constantFrom(
      ...Buffer.from('"\\/.,:{}[]\n 0159afgAZ-e'),
      0x00,
      0x1f,
      0x7f,
      0x80,
      0xc3,
      0xff,
    )
    fc.assert(
      fc.property(fc.nat(), bytes, fc.constantFrom('set', 'insert', 'delete'), (at, byte, how) => {
        const i = at % base.length
        const raw =
          how === 'set'
            ? Buffer.concat([base.subarray(0, i), Buffer.from([byte]), base.subarray(i + 1)])
            : how === 'insert'
              ? Buffer.concat([base.subarray(0, i), Buffer.from([byte]), base.subarray(i)])
              : Buffer.concat([base.subarray(0, i), base.subarray(i + 1)])
        const quick = quickDiff(raw, other)
        const back = quickDiff(other, raw)
        if (decodeCode(raw) !== 'ok') {
          expect(quick).toBeUndefined()
          expect(back).toBeUndefined()
        } else {
          if (quick !== undefined) expect(quick).toEqual(fullDiff(raw, other))
          if (back !== undefined) expect(back).toEqual(fullDiff(other, raw))
        }
      }),
      { numRuns: 2000 },
    )
  })
})

/**
 * Two large manifests of one tree, as `diff` usually sees them: long stretches of identical lines (which
 * quickDiff indexes a stretch at a time) between a few changed, dropped, added or unusual entries.
 */
const bigPairArb = fc
  .record({
    seed: fc.nat(),
    every: fc.integer({ min: 3, max: 400 }),
    edits: fc.array(fc.constantFrom('digest', 'mode', 'drop', 'add', 'symlink', 'error', 'escape'), {
      minLength: 1,
      maxLength: 12,
    }),
  })
  .map(({ seed, every, edits }) => {
    const usual = (i: number): Entry =>
      i % 17 === 0
        ? { path: `d${i % 7}/e${String(i).padStart(5, '0')}`, type: 'dir', size: 0, mode: 0o755 }
        : {
            path: `d${i % 7}/e${String(i).padStart(5, '0')}/f.txt`,
            type: 'file',
            size: i,
            mode: 0o644,
            digest: sha(`${seed}:${i}`),
          }
    const a = Array.from({ length: 3000 }, (_, i) => usual(i))
    // A few symlinks in A, half of them unusual lines (escapes), which a stretch must stop at.
    for (let i = 5, n = 0; i < a.length; i += every * 3, n++) {
      a[i] = { ...a[i], type: 'symlink', size: 1, target: 'x', ...(n % 2 === 1 ? { escapes: true } : {}) }
    }
    for (const e of a) if (e.type === 'symlink') delete e.digest
    const b = a.map((e) => ({ ...e }))
    edits.forEach((edit, n) => {
      const i = (seed + n * every * 7) % b.length
      const e = b[i]
      if (edit === 'digest' && e.type === 'file') e.digest = sha(`changed ${n}`)
      else if (edit === 'mode') e.mode = 0o600
      else if (edit === 'drop') b.splice(i, 1)
      else if (edit === 'add') b.splice(i, 0, { ...e, path: e.path + '.new' })
      else if (edit === 'symlink') b[i] = { path: e.path, type: 'symlink', size: 2, mode: 0o777, target: 'y' }
      else if (edit === 'error') b[i] = { path: e.path, type: e.type, size: 0, mode: 0, error: 'EACCES' }
      else if (edit === 'escape') b.splice(i, 0, { ...e, path: e.path + '"q' })
    })
    b.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0))
    const seen = new Set<string>()
    return [manifestOf(a), manifestOf(b.filter((e) => !seen.has(e.path) && seen.add(e.path)))] as const
  })

describe('quickDiff on large manifests (stretches of repeated lines)', () => {
  it('gives what decoding both manifests in full gives', () => {
    fc.assert(
      fc.property(bigPairArb, ([a, b]) => {
        agreesWithFullDiff(a, b)
      }),
      { numRuns: 60 },
    )
  })

  it('never accepts a byte edit inside a repeated stretch that decode refuses, and otherwise agrees', () => {
    const [a] = fc.sample(bigPairArb, { seed: 7, numRuns: 1 })[0]
    const rawA = text(a)
    const bytes = fc.constantFrom(...Buffer.from('"\\/.,:{}[]\n 09afgZ'), 0x00, 0x1f, 0x80, 0xff)
    fc.assert(
      fc.property(fc.nat(), bytes, fc.constantFrom('set', 'insert', 'delete'), (at, byte, how) => {
        // Past the header: the edit lands among the entries, which A and B otherwise share.
        const i = rawA.indexOf('"entries":[') + 12 + (at % (rawA.length - rawA.indexOf('"entries":[') - 12))
        const rawB =
          how === 'set'
            ? Buffer.concat([rawA.subarray(0, i), Buffer.from([byte]), rawA.subarray(i + 1)])
            : how === 'insert'
              ? Buffer.concat([rawA.subarray(0, i), Buffer.from([byte]), rawA.subarray(i)])
              : Buffer.concat([rawA.subarray(0, i), rawA.subarray(i + 1)])
        const quick = quickDiff(rawA, rawB)
        if (decodeCode(rawB) !== 'ok') expect(quick).toBeUndefined()
        else if (quick !== undefined) expect(quick).toEqual(fullDiff(rawA, rawB))
      }),
      { numRuns: 200 },
    )
  })
  it('does not take a line into a stretch when the bytes after it are not `,\\n` (edit at the stretch end)', () => {
    // A stretch found with doubling compares ends exactly at a difference 4096 bytes after it starts
    // (the first compare covers 4096 bytes). Pad the third path until a line ends exactly there, then
    // break the `,\\n` after that line: the line itself still repeats the base, its separator does not.
    const files = (pad: number): Entry[] =>
      Array.from({ length: 60 }, (_, i) => ({
        path: (i === 2 ? 'f002' + 'p'.repeat(pad) : `f${String(i).padStart(3, '0')}`) + '.txt',
        type: 'file',
        size: 1,
        mode: 0o644,
        digest: sha(String(i)),
      }))
    for (let pad = 0; pad < 200; pad++) {
      const rawA = text(manifestOf(files(pad)))
      const second = rawA.indexOf('\n{"path":"f001') + 1
      const end = second + 4096
      if (rawA[end - 1] !== 0x7d || rawA[end] !== 0x2c) continue
      for (const replacement of [Buffer.from('X\n'), Buffer.from(',,'), Buffer.from('')]) {
        const rawB = Buffer.concat([rawA.subarray(0, end), replacement, rawA.subarray(end + 2)])
        expect(decodeCode(rawB)).not.toBe('ok')
        expect(quickDiff(rawA, rawB)).toBeUndefined()
      }
      return
    }
    throw new Error('no padding puts a line end 4096 bytes into the stretch')
  })
})

describe('quickDiff when the first lines are much longer than the rest', () => {
  // The line index is sized from the first 64 KiB; here that guesses ~60 lines for ~3,000, so it must grow
  // (while lines are checked one by one, while a repeated stretch is indexed, and for verify's writer lines).
  const file = (path: string, content: string): Entry => ({
    path,
    type: 'file',
    size: content.length,
    mode: 0o644,
    digest: sha(content),
  })
  const long = Array.from({ length: 60 }, (_, i) =>
    file(`a${String(i).padStart(2, '0')}/${'x'.repeat(1200)}`, 'l'),
  )
  const short = (change: (i: number) => string): Entry[] =>
    Array.from({ length: 3000 }, (_, i) => file(`s/${String(i).padStart(4, '0')}`, change(i)))
  const a = manifestOf([...long, ...short(String)])
  const b = manifestOf([...long, ...short((i) => (i % 97 === 0 ? `changed ${i}` : String(i)))])

  it('gives what decoding both manifests in full gives', () => {
    expect(text(a).indexOf('\n{"path":"s/')).toBeGreaterThan(65536)
    expect(agreesWithFullDiff(a, b).diff.changes).toHaveLength(31)
  })

  it('gives what decoding the base in full gives for verify, with the writer lines and without', () => {
    const rawA = text(a)
    for (const how of ['lines', 'entries'] as const) {
      const quick = quickDiffEntries(rawA, b, how)
      expect(quick?.changes).toHaveLength(31)
      expect(quick).toEqual(diffManifests(decodeInflated(rawA), b))
    }
  })
})

describe('quickDiffEntries (verify: a base text against the scan entries)', () => {
  // 'lines': each entry comes with the writer's line, as in verify; 'entries': without it.
  it.each(['lines', 'entries'] as const)(
    'gives what decoding the base in full gives, for any pair of written manifests (%s)',
    (how) => {
      fc.assert(
        fc.property(pairArb, ([a, b]) => {
          const rawA = text(a)
          const current = decodeInflated(text(b))
          expect(quickDiffEntries(rawA, current, how)).toEqual(diffManifests(decodeInflated(rawA), current))
        }),
        { numRuns: 300 },
      )
    },
  )

  it('gives what decoding the base in full gives on large pairs, with the writer lines', () => {
    fc.assert(
      fc.property(bigPairArb, ([a, b]) => {
        const rawA = text(a)
        expect(quickDiffEntries(rawA, b)).toEqual(diffManifests(decodeInflated(rawA), b))
      }),
      { numRuns: 30 },
    )
  })

  it('never accepts a base that decode refuses, even where its line repeats the writer line', () => {
    // Edits of one byte anywhere among the base's lines; the current entries are the unedited base.
    const [a] = fc.sample(bigPairArb, { seed: 11, numRuns: 1 })[0]
    const rawA = text(a)
    const current = decodeInflated(rawA)
    const from = rawA.indexOf('"entries":[') + 12
    const bytes = fc.constantFrom(...Buffer.from('"\\/.,:{}[]\n 09afgZ'), 0x00, 0x1f, 0x80, 0xff)
    fc.assert(
      fc.property(fc.nat(), bytes, fc.constantFrom('set', 'insert', 'delete'), (at, byte, how) => {
        const i = from + (at % (rawA.length - from))
        const edited =
          how === 'set'
            ? Buffer.concat([rawA.subarray(0, i), Buffer.from([byte]), rawA.subarray(i + 1)])
            : how === 'insert'
              ? Buffer.concat([rawA.subarray(0, i), Buffer.from([byte]), rawA.subarray(i)])
              : Buffer.concat([rawA.subarray(0, i), rawA.subarray(i + 1)])
        const quick = quickDiffEntries(edited, current)
        if (decodeCode(edited) !== 'ok') expect(quick).toBeUndefined()
        else if (quick !== undefined) expect(quick).toEqual(diffManifests(decodeInflated(edited), current))
      }),
      { numRuns: 200 },
    )
  })

  it('checks a repeated line by the digest length of the base, not of the writer', () => {
    // sha256 lines under a header that says md5: decode refuses the base, though every line is
    // byte-identical to what the writer writes for the sha256 entries.
    const sha = text(GOOD_A)
    const md5 = Buffer.from(sha.toString('utf8').replace('"algorithm":"sha256"', '"algorithm":"md5"'))
    expect(decodeCode(md5)).toBe('schema')
    expect(quickDiffEntries(md5, GOOD_A)).toBeUndefined()
  })

  it('does not count a line as unchanged when any field of the entry differs', () => {
    const base = GOOD_A.entries
    const raw = text(GOOD_A)
    const variants: Entry[] = [
      { ...base[0], size: 4 },
      { ...base[0], mode: 0o600 },
      { ...base[0], digest: sha('other') },
      { ...base[0], unstable: true },
      { path: 'a', type: 'dir', size: 0, mode: 0o644 },
      { ...base[1], mode: 0o700 },
      { path: 'd', type: 'file', size: 0, mode: 0o755, digest: sha('') },
      { ...base[3], target: '../b' },
      { ...base[3], target: '../a/' },
      { ...base[3], target: '../' },
      { path: 'l', type: 'file', size: 4, mode: 0o777, digest: sha('x') },
      { path: 'l', type: 'dir', size: 4, mode: 0o777 },
    ]
    for (const how of ['lines', 'entries'] as const) {
      for (const v of variants) {
        const current = decodeInflated(text(manifestOf(base.map((e) => (e.path === v.path ? v : e)))))
        const quick = quickDiffEntries(raw, current, how)
        expect(quick).toEqual(diffManifests(decodeInflated(raw), current))
        expect(quick?.changes.map((c) => c.path)).toEqual([v.path])
      }
      const unchanged = quickDiffEntries(raw, decodeInflated(raw), how)
      expect(unchanged?.changes).toEqual([])
      expect(unchanged?.unchanged).toBe(base.length)
    }
  })

  it('reports an algorithm mismatch as the full diff does, and falls back for a signed base', () => {
    const entries = GOOD_A.entries.filter((e) => e.type === 'dir')
    const raw = text(manifestOf(entries))
    const md5 = decodeInflated(text(manifestOf(entries, 'md5')))
    expect(quickDiffEntries(raw, md5)?.incompatible.length).toBe(1)
    expect(quickDiffEntries(raw, md5)).toEqual(diffManifests(decodeInflated(raw), md5))
    const signed = gunzipSync(encodeManifest(GOOD_A, { key: Buffer.from('k') }))
    expect(quickDiffEntries(signed, GOOD_B)).toBeUndefined()
  })
})

describe('EntryComparer (verify compares while its scan hands entries on)', () => {
  it('checks the rest of the base in finish: a bad line after the last entry still means "decode it"', () => {
    const entries = GOOD_A.entries
    const raw = text(GOOD_A)
    // The last line made invalid (mode 0o10000), and only entries before it handed on.
    const lines = raw.toString('latin1').split('\n')
    const last = lines.length - 3
    expect(lines[last]).toContain('"mode":')
    lines[last] = lines[last].replace(/"mode":\d+/, '"mode":4096')
    const bad = Buffer.from(lines.join('\n'), 'latin1')
    const early = EntryComparer.open(bad)
    expect(early).toBeDefined()
    for (const e of entries.slice(0, 2)) early?.add(e)
    expect(early?.finish(GOOD_A.header)).toBeUndefined()
    expect(() => decodeInflated(bad)).toThrow(ManifestError)
    // The same base intact, fed one entry at a time, answers like quickDiffEntries and the full decode.
    const whole = EntryComparer.open(raw)
    for (const e of GOOD_B.entries) whole?.add(e)
    expect(whole?.finish(GOOD_B.header)).toEqual(diffManifests(decodeInflated(raw), GOOD_B))
  })

  it('answers undefined for a base that is not in the layout of the writer', () => {
    expect(EntryComparer.open(Buffer.from(JSON.stringify(GOOD_A)))).toBeUndefined()
  })
})

describe('inflateManifestAsync', () => {
  it('inflates like inflateManifest and refuses bad data with the same codes', async () => {
    const bytes = encodeManifest(GOOD_A)
    expect((await inflateManifestAsync(bytes)).equals(inflateManifest(bytes))).toBe(true)
    const cases: [Buffer, string][] = [
      [Buffer.from('{"header":1}'), 'not-gzip'],
      [bytes.subarray(0, bytes.length - 9), 'truncated'],
      [gzipSync(Buffer.alloc(5000)), 'too-large'],
    ]
    for (const [bad, code] of cases) {
      const max = code === 'too-large' ? 4096 : undefined
      expect(() => inflateManifest(bad, max)).toThrow(expect.objectContaining({ code }) as unknown as Error)
      await expect(inflateManifestAsync(bad, max)).rejects.toMatchObject({ code })
    }
  })

  it('inflates correctly whatever the gzip trailer claims the size is', () => {
    const bytes = Buffer.from(encodeManifest(GOOD_A))
    for (const claim of [0, 1, 100, 0xffffffff]) {
      const lying = Buffer.from(bytes)
      lying.writeUInt32LE(claim, lying.length - 4)
      // zlib checks ISIZE itself: a wrong one is a corrupt file, whatever chunk size it suggested.
      expect(() => inflateManifest(lying)).toThrow(ManifestError)
    }
    expect(inflateManifest(bytes).equals(text(GOOD_A))).toBe(true)
  })
})
