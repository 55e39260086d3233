import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { gunzipSync, gzipSync } from 'node:zlib'
import { decodeManifest, encodeManifest, ManifestError } from '../../src/engine/manifest.js'
import { keyFromBytes } from '../../src/engine/paths.js'
import type { Entry, EntryType, Manifest } from '../../src/engine/types.js'

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex')

/** A path segment: text (incl. odd characters) or raw bytes; never empty, `.`, `..`, or holding `/` or NUL. */
const segmentBytes = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 8, unit: 'grapheme' }).map((s) => Buffer.from(s, 'utf8')),
    fc.uint8Array({ minLength: 1, maxLength: 6 }).map((b) => Buffer.from(b)),
  )
  .map((b) => Buffer.from(b.filter((x) => x !== 0 && x !== 0x2f)))
  .filter((b) => b.length > 0 && b.toString('latin1') !== '.' && b.toString('latin1') !== '..')

const pathKey = fc
  .array(segmentBytes, { minLength: 1, maxLength: 3 })
  .map((segs) => keyFromBytes(Buffer.concat(segs.flatMap((s, i) => (i === 0 ? [s] : [Buffer.from('/'), s])))))

const targetKey = fc
  .uint8Array({ minLength: 1, maxLength: 12 })
  .map((b) => Buffer.from(b).filter((x) => x !== 0))
  .filter((b) => b.length > 0)
  .map((b) => keyFromBytes(Buffer.from(b)))

const entryArb: fc.Arbitrary<Entry> = fc
  .record({
    path: pathKey,
    type: fc.constantFrom<EntryType>('file', 'dir', 'symlink', 'fifo', 'socket', 'block', 'char', 'unknown'),
    size: fc.nat(),
    mode: fc.integer({ min: 0, max: 0o7777 }),
    digest: fc.uint8Array({ minLength: 32, maxLength: 32 }).map(hex),
    target: targetKey,
    escapes: fc.boolean(),
    problem: fc.constantFrom('none', 'none', 'none', 'error', 'unstable'),
  })
  .map((r) => {
    const e: Entry = { path: r.path, type: r.type, size: r.size, mode: r.mode }
    if (r.problem === 'error') {
      e.error = 'EACCES: permission denied'
      return e
    }
    if (r.type === 'file') {
      e.digest = r.digest
      if (r.problem === 'unstable') e.unstable = true
    }
    if (r.type === 'symlink') {
      e.target = r.target
      if (r.escapes) e.escapes = true
    }
    return e
  })

const manifestArb: fc.Arbitrary<Manifest> = fc
  .record({
    entries: fc.uniqueArray(entryArb, { selector: (e) => e.path, maxLength: 12 }),
    gate: fc.string({ minLength: 1, maxLength: 10 }),
    include: fc.array(fc.string(), { maxLength: 2 }),
    commit: fc.option(fc.uint8Array({ minLength: 20, maxLength: 20 }).map(hex), { nil: undefined }),
  })
  .map(({ entries, gate, include, commit }) => ({
    header: {
      format: 'integrity-gate/manifest' as const,
      version: 1 as const,
      tool: '0.1.0',
      algorithm: 'sha256' as const,
      include,
      exclude: [],
      createdAt: '2024-05-01T10:00:00Z',
      gate,
      ...(commit !== undefined ? { provenance: { commit } } : {}),
    },
    entries,
  }))

const sorted = (es: Entry[]): Entry[] =>
  [...es].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))

/** Decodes and returns the manifest, or null when a ManifestError (and only that) was thrown. */
function tryDecode(bytes: Buffer, key?: Buffer): Manifest | null {
  try {
    return decodeManifest(bytes, key !== undefined ? { key } : {})
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e
    expect(e.message.length).toBeGreaterThan(10)
    return null
  }
}

/** Replaces or deletes one value somewhere in a JSON document (chosen by index over all slots). */
function mutate(doc: unknown, pick: number, replacement: unknown, remove: boolean): unknown {
  const slots: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = []
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach((x, i) => (slots.push({ parent: v, key: i }), walk(x)))
    else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        slots.push({ parent: v as Record<string, unknown>, key: k })
        walk(x)
      }
  }
  walk(doc)
  if (slots.length === 0) return replacement
  const { parent, key } = slots[pick % slots.length]
  if (remove && Array.isArray(parent)) parent.splice(key as number, 1)
  else if (remove) delete (parent as Record<string, unknown>)[key as string]
  else (parent as Record<string | number, unknown>)[key] = replacement
  return doc
}

describe('manifest properties', () => {
  it('round-trips any valid manifest, deterministically and regardless of entry order', () => {
    fc.assert(
      fc.property(manifestArb, (m) => {
        const bytes = encodeManifest(m)
        expect(encodeManifest({ header: m.header, entries: [...m.entries].reverse() }).equals(bytes)).toBe(
          true,
        )
        const back = decodeManifest(bytes)
        expect(back.entries).toEqual(sorted(m.entries))
        expect(back.header).toEqual(m.header)
        const text = gunzipSync(bytes).toString('utf8')
        expect(text.includes('\u0000')).toBe(false)
        // One entry per line, each in compact JSON form with no stray whitespace.
        for (const line of text.split('\n').slice(1, -2)) {
          const json = line.endsWith(',') ? line.slice(0, -1) : line
          expect(JSON.stringify(JSON.parse(json))).toBe(json)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('bit flips give a ManifestError or, when harmless (gzip header bytes), the same content', () => {
    fc.assert(
      fc.property(manifestArb, fc.nat(), fc.integer({ min: 0, max: 7 }), (m, at, bit) => {
        const bytes = Buffer.from(encodeManifest(m))
        bytes[at % bytes.length] ^= 1 << bit
        const back = tryDecode(bytes)
        if (back !== null) expect(back).toEqual(decodeManifest(encodeManifest(m)))
      }),
      { numRuns: 500 },
    )
  })

  it('any truncation is refused with a ManifestError', () => {
    fc.assert(
      fc.property(manifestArb, fc.nat(), (m, cut) => {
        const bytes = encodeManifest(m)
        expect(tryDecode(bytes.subarray(0, cut % bytes.length))).toBeNull()
      }),
      { numRuns: 300 },
    )
  })

  it('random JSON edits give a ManifestError or a manifest that encodes again', () => {
    fc.assert(
      fc.property(manifestArb, fc.nat(), fc.jsonValue(), fc.boolean(), (m, pick, value, remove) => {
        const doc = JSON.parse(gunzipSync(encodeManifest(m)).toString('utf8'))
        const bytes = gzipSync(Buffer.from(JSON.stringify(mutate(doc, pick, value, remove))))
        const back = tryDecode(bytes)
        if (back !== null) expect(decodeManifest(encodeManifest(back))).toEqual(back)
      }),
      { numRuns: 500 },
    )
  })

  it('edits of a signed manifest never verify with different content', () => {
    const key = Buffer.from('k3y')
    fc.assert(
      fc.property(manifestArb, fc.nat(), fc.jsonValue(), fc.boolean(), (m, pick, value, remove) => {
        const doc = JSON.parse(gunzipSync(encodeManifest(m, { key })).toString('utf8'))
        const bytes = gzipSync(Buffer.from(JSON.stringify(mutate(doc, pick, value, remove))))
        const back = tryDecode(bytes, key)
        if (back !== null) expect(back).toEqual(decodeManifest(encodeManifest(m, { key }), { key }))
      }),
      { numRuns: 300 },
    )
  })

  it('accepts a path exactly when it has no empty, `.` or `..` segment, on encode and on decode', () => {
    const segment = fc.constantFrom('', '.', '..', 'a', '.a', 'a.', '..a', 'a..', '...', 'é')
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (segs) => {
        const p = segs.join('/')
        const valid = segs.every((x) => x !== '' && x !== '.' && x !== '..')
        const m: Manifest = {
          header: {
            format: 'integrity-gate/manifest',
            version: 1,
            tool: '0.1.0',
            algorithm: 'sha256',
            include: [],
            exclude: [],
            createdAt: '2024-05-01T10:00:00Z',
            gate: 'g',
          },
          entries: [{ path: p, type: 'dir', size: 0, mode: 0o755 }],
        }
        const encoded = (() => {
          try {
            return encodeManifest(m)
          } catch (e) {
            expect(e).toBeInstanceOf(ManifestError)
            return undefined
          }
        })()
        expect(encoded !== undefined).toBe(valid)
        // The same text written by hand: decode must agree.
        const text = `{"header":${JSON.stringify(m.header)},"entries":[\n${JSON.stringify(m.entries[0])}\n]}\n`
        expect(tryDecode(gzipSync(Buffer.from(text))) !== null).toBe(valid)
      }),
      { numRuns: 400 },
    )
  })

  it('arbitrary bytes, text and JSON are refused with a ManifestError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
          fc.uint8Array({ maxLength: 64 }).map((b) => gzipSync(Buffer.from(b))),
          fc.string().map((s) => gzipSync(Buffer.from(s))),
          fc.jsonValue().map((v) => gzipSync(Buffer.from(JSON.stringify(v) ?? 'null'))),
        ),
        (bytes) => {
          expect(tryDecode(bytes)).toBeNull()
        },
      ),
      { numRuns: 500 },
    )
  })
})
