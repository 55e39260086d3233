/* eslint-disable @typescript-eslint/no-explicit-any -- these tests edit decoded JSON of arbitrary shape */
import { describe, expect, it } from '@jest/globals'
import { errorOf } from '../../test-support/manifest-error.js'
import { gunzipSync, gzipSync } from 'node:zlib'
import { createHash } from 'node:crypto'
import {
  canonicalBytes,
  decodeManifest,
  encodeManifest,
  ManifestError,
  MAX_MANIFEST_BYTES,
  type ManifestErrorCode,
} from '../../src/engine/manifest.js'
import { keyFromBytes } from '../../src/engine/paths.js'
import type { Entry, Manifest, ManifestHeader } from '../../src/engine/types.js'

const sha = (s: string): string => createHash('sha256').update(s).digest('hex')

function header(over: Partial<ManifestHeader> = {}): ManifestHeader {
  return {
    format: 'integrity-gate/manifest',
    version: 1,
    tool: '0.1.0',
    algorithm: 'sha256',
    include: [],
    exclude: ['node_modules/**'],
    createdAt: '2024-05-01T10:00:00Z',
    gate: 'default',
    provenance: {
      commit: 'a'.repeat(40),
      ref: 'refs/heads/main',
      repository: 'o/r',
      runId: '7',
      runAttempt: '1',
    },
    ...over,
  }
}

const rawName = keyFromBytes(Buffer.from([0x64, 0x2f, 0xff, 0xfe, 0x2e, 0x62, 0x69, 0x6e]))
const rawTarget = keyFromBytes(Buffer.from([0x2e, 0x2e, 0x2f, 0xc3]))

function sample(): Manifest {
  const entries: Entry[] = [
    { path: 'src/main.ts', type: 'file', size: 5, mode: 0o644, digest: sha('hello') },
    { path: 'bin', type: 'dir', size: 4096, mode: 0o755 },
    { path: 'bin/run', type: 'file', size: 3, mode: 0o4755, digest: sha('run') },
    { path: 'link', type: 'symlink', size: 10, mode: 0o777, target: '../outside', escapes: true },
    { path: 'rawlink', type: 'symlink', size: 4, mode: 0o777, target: rawTarget },
    { path: rawName, type: 'file', size: 0, mode: 0o600, digest: sha('') },
    { path: 'pipe', type: 'fifo', size: 0, mode: 0o644 },
    { path: 'secret', type: 'file', size: 9, mode: 0o000, error: 'EACCES: permission denied' },
    { path: 'growing.log', type: 'file', size: 99, mode: 0o644, unstable: true },
    { path: 'name with\nnewline "quotes" ✓', type: 'file', size: 1, mode: 0o644, digest: sha('x') },
  ]
  return { header: header(), entries }
}

const sortByPath = (es: Entry[]): Entry[] =>
  [...es].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))

/** Decompressed JSON document of an encoded manifest, for targeted edits. */
function docOf(bytes: Buffer): Record<string, any> {
  return JSON.parse(gunzipSync(bytes).toString('utf8'))
}
const gz = (doc: unknown): Buffer => gzipSync(Buffer.from(JSON.stringify(doc)))

function codeOf(fn: () => unknown): ManifestErrorCode {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(ManifestError)
    return (e as ManifestError).code
  }
  throw new Error('expected a ManifestError, nothing was thrown')
}

/** Encodes the sample, lets `edit` change the JSON document, and re-compresses it. */
function edited(edit: (doc: Record<string, any>) => void): Buffer {
  const doc = docOf(encodeManifest(sample()))
  edit(doc)
  return gz(doc)
}

describe('encodeManifest / decodeManifest round trip', () => {
  it('returns the same header and the entries sorted by path', () => {
    const m = sample()
    const back = decodeManifest(encodeManifest(m))
    expect(back.header).toEqual(m.header)
    expect(back.entries).toEqual(sortByPath(m.entries))
  })

  it('is byte-identical across calls and independent of input order', () => {
    const m = sample()
    const a = encodeManifest(m)
    const b = encodeManifest(m)
    const c = encodeManifest({ header: m.header, entries: [...m.entries].reverse() })
    expect(a.equals(b)).toBe(true)
    expect(a.equals(c)).toBe(true)
  })

  it('writes a gzip header without mtime and with a fixed OS byte', () => {
    const bytes = encodeManifest(sample())
    expect([...bytes.subarray(0, 3)]).toEqual([0x1f, 0x8b, 8])
    expect(bytes.readUInt32LE(4)).toBe(0)
    expect(bytes[9]).toBe(255)
  })

  it('stores non-UTF-8 names as base64 fields and never writes a NUL', () => {
    const text = gunzipSync(encodeManifest(sample())).toString('utf8')
    expect(text).not.toContain('\u0000')
    expect(text).not.toContain('\\u0000')
    const doc = JSON.parse(text)
    const raw = doc.entries.find((e: any) => e.pathBase64 !== undefined)
    expect(Buffer.from(raw.pathBase64, 'base64')).toEqual(
      Buffer.from([0x64, 0x2f, 0xff, 0xfe, 0x2e, 0x62, 0x69, 0x6e]),
    )
    const link = doc.entries.find((e: any) => e.path === 'rawlink')
    expect(Buffer.from(link.targetBase64, 'base64')).toEqual(Buffer.from([0x2e, 0x2e, 0x2f, 0xc3]))
  })

  it('writes header fields and entry fields in the documented order', () => {
    const doc = docOf(encodeManifest(sample()))
    expect(Object.keys(doc)).toEqual(['header', 'entries'])
    expect(Object.keys(doc.header)).toEqual([
      'format',
      'version',
      'tool',
      'algorithm',
      'include',
      'exclude',
      'createdAt',
      'gate',
      'provenance',
    ])
    const link = doc.entries.find((e: any) => e.path === 'link')
    expect(Object.keys(link)).toEqual(['path', 'type', 'size', 'mode', 'target', 'escapes'])
  })

  it('round-trips an empty manifest without provenance', () => {
    const m: Manifest = { header: header({ provenance: undefined }), entries: [] }
    const back = decodeManifest(encodeManifest(m))
    expect(back.entries).toEqual([])
    expect(back.header.provenance).toBeUndefined()
  })

  it('canonicalBytes is the unsigned decompressed file', () => {
    const m = sample()
    expect(canonicalBytes(m).equals(gunzipSync(encodeManifest(m)))).toBe(true)
  })

  it('ignores fields explicitly set to undefined', () => {
    const e = { path: 'a', type: 'dir', size: 0, mode: 0o755, digest: undefined } as Entry
    expect(decodeManifest(encodeManifest({ header: header(), entries: [e] })).entries).toEqual([
      { path: 'a', type: 'dir', size: 0, mode: 0o755 },
    ])
  })
})

describe('encodeManifest refuses what decode would refuse', () => {
  const one = (e: Partial<Entry> & Record<string, unknown>): Manifest => ({
    header: header(),
    entries: [{ path: 'f', type: 'file', size: 1, mode: 0o644, digest: sha('x'), ...e } as Entry],
  })
  it.each([
    ['a mode above 0o7777', { mode: 0o10000 }, /mode/],
    ['a negative size', { size: -1 }, /size/],
    ['a digest of the wrong length', { digest: 'ab' }, /digest/],
    ['an absolute path', { path: '/etc/passwd' }, /relative/],
    ['a parent segment', { path: 'a/../b' }, /relative/],
    ['an unknown field', { owner: 'root' }, /unknown field "owner"/],
  ])('%s', (_name, patch, message) => {
    const err = errorOf(() => encodeManifest(one(patch)))
    expect(err.code).toBe('schema')
    expect(err.message).toMatch(message)
  })

  it('refuses duplicate paths', () => {
    const e: Entry = { path: 'f', type: 'dir', size: 0, mode: 0o755 }
    expect(codeOf(() => encodeManifest({ header: header(), entries: [e, { ...e }] }))).toBe('duplicate')
  })

  it('refuses an unknown algorithm', () => {
    const m = { header: header({ algorithm: 'crc32' as never }), entries: [] }
    expect(codeOf(() => encodeManifest(m))).toBe('algorithm')
  })
})

describe('decodeManifest errors', () => {
  it('refuses plain JSON and random bytes as not gzip', () => {
    const plain = errorOf(() => decodeManifest(Buffer.from('{"header":{}}')))
    expect(plain.code).toBe('not-gzip')
    expect(plain.message).toMatch(/plain JSON/)
    expect(codeOf(() => decodeManifest(Buffer.from([1, 2, 3, 4])))).toBe('not-gzip')
    expect(codeOf(() => decodeManifest(Buffer.alloc(0)))).toBe('not-gzip')
  })

  it('reports a truncated file as truncated', () => {
    const bytes = encodeManifest(sample())
    for (const len of [2, 10, 20, Math.floor(bytes.length / 2), bytes.length - 1]) {
      expect(codeOf(() => decodeManifest(bytes.subarray(0, len)))).toBe('truncated')
    }
  })

  it('reports damaged compressed data or checksum as corrupt', () => {
    const bytes = Buffer.from(encodeManifest(sample()))
    bytes[bytes.length - 6] ^= 0xff // inside the CRC-32 trailer
    const err = errorOf(() => decodeManifest(bytes))
    expect(err.code).toBe('corrupt')
    const trailing = Buffer.concat([encodeManifest(sample()), Buffer.from('junk')])
    expect(codeOf(() => decodeManifest(trailing))).toBe('corrupt')
  })

  it('caps the decompressed size (gzip bomb)', () => {
    const bomb = gzipSync(Buffer.alloc(MAX_MANIFEST_BYTES + 1, 0x20), { level: 1 })
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024)
    const err = errorOf(() => decodeManifest(bomb))
    expect(err.code).toBe('too-large')
    expect(codeOf(() => decodeManifest(encodeManifest(sample()), { maxBytes: 100 }))).toBe('too-large')
  })

  it('reports gzip of something that is not JSON', () => {
    expect(codeOf(() => decodeManifest(gzipSync(Buffer.from('hello world'))))).toBe('not-json')
    expect(codeOf(() => decodeManifest(gzipSync(Buffer.from([0x22, 0xff, 0x22]))))).toBe('not-json')
  })

  it('refuses a manifest with a byte-order mark in front (our writer never writes one)', () => {
    // A non-ASCII entry, so the text takes the UTF-8 decoder (ASCII text is read as latin1, BOM bytes are not).
    const m = sample()
    m.entries.push({ path: 'zz-ünïcode.txt', type: 'file', size: 1, mode: 0o644, digest: 'c'.repeat(64) })
    const text = gunzipSync(encodeManifest(m))
    expect(decodeManifest(gzipSync(text)).entries).toHaveLength(m.entries.length)
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text])
    expect(codeOf(() => decodeManifest(gzipSync(bom)))).toBe('not-json')
    // An ASCII-only text with a BOM is not ASCII: it takes the same decoder and is refused the same way.
    const ascii = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), gunzipSync(encodeManifest(sample()))])
    expect(codeOf(() => decodeManifest(gzipSync(ascii)))).toBe('not-json')
  })

  it('reports valid JSON that is not ours as foreign', () => {
    for (const doc of [
      [1, 2],
      'text',
      null,
      42,
      {},
      { header: { format: 'something-else' } },
      { name: 'pkg' },
    ]) {
      const err = errorOf(() => decodeManifest(gz(doc)))
      expect(err.code).toBe('foreign')
      expect(err.message).toMatch(/not an integrity-gate manifest/)
    }
  })

  it('reports a newer format version distinctly', () => {
    const err = errorOf(() => decodeManifest(edited((d) => (d.header.version = 2))))
    expect(err.code).toBe('future-version')
    expect(err.message).toMatch(/version 2.*Upgrade integrity-gate/s)
    expect(codeOf(() => decodeManifest(edited((d) => (d.header.version = 0))))).toBe('schema')
    expect(codeOf(() => decodeManifest(edited((d) => (d.header.version = '1'))))).toBe('schema')
  })

  it('reports an unknown algorithm with the valid names', () => {
    const err = errorOf(() => decodeManifest(edited((d) => (d.header.algorithm = 'crc32'))))
    expect(err.code).toBe('algorithm')
    expect(err.message).toMatch(/"crc32".*sha256, sha512, sha1, blake2b512, md5/)
  })

  const entryIndex = (d: Record<string, any>, path: string): number =>
    d.entries.findIndex((e: any) => e.path === path)

  it.each<[string, (d: Record<string, any>) => void, RegExp]>([
    ['entries not an array', (d) => (d.entries = {}), /"entries" must be an array/],
    ['unknown top-level field', (d) => (d.extra = 1), /unknown top-level field "extra"/],
    ['unknown header field', (d) => (d.header.owner = 'x'), /unknown field header.owner/],
    ['bad createdAt', (d) => (d.header.createdAt = 'yesterday'), /header.createdAt/],
    ['createdAt not UTC', (d) => (d.header.createdAt = '2024-05-01T10:00:00+02:00'), /header.createdAt/],
    ['empty gate', (d) => (d.header.gate = ''), /header.gate/],
    ['tool not a string', (d) => (d.header.tool = 1), /header.tool/],
    ['include not strings', (d) => (d.header.include = [1]), /header.include\[0\]/],
    ['provenance field not a string', (d) => (d.header.provenance.runId = 7), /header.provenance.runId/],
    [
      'mode too large',
      (d) => (d.entries[entryIndex(d, 'bin')].mode = 4096),
      /entries\[\d+\] \("bin"\): mode/,
    ],
    ['mode fractional', (d) => (d.entries[entryIndex(d, 'bin')].mode = 0.5), /mode/],
    ['size negative', (d) => (d.entries[entryIndex(d, 'bin')].size = -1), /\("bin"\): size/],
    ['size a string', (d) => (d.entries[entryIndex(d, 'bin')].size = '1'), /size/],
    ['unknown type', (d) => (d.entries[entryIndex(d, 'bin')].type = 'door'), /type must be one of/],
    [
      'upper-case digest',
      (d) => toUpper(d.entries[entryIndex(d, 'bin/run')]),
      /digest must be 64 lower-case hex/,
    ],
    ['short digest', (d) => (d.entries[entryIndex(d, 'bin/run')].digest = 'abc'), /digest/],
    ['file without digest', (d) => delete d.entries[entryIndex(d, 'bin/run')].digest, /needs a digest/],
    [
      'digest on a dir',
      (d) => (d.entries[entryIndex(d, 'bin')].digest = sha('')),
      /only a file has a digest/,
    ],
    ['symlink without target', (d) => delete d.entries[entryIndex(d, 'link')].target, /needs a target/],
    [
      'target on a file',
      (d) => (d.entries[entryIndex(d, 'bin/run')].target = 'x'),
      /only a symlink has a target/,
    ],
    ['escapes false', (d) => (d.entries[entryIndex(d, 'link')].escapes = false), /escapes must be true/],
    [
      'null optional field',
      (d) => (d.entries[entryIndex(d, 'bin')].error = null),
      /error must be a non-empty/,
    ],
    ['unstable dir', (d) => (d.entries[entryIndex(d, 'bin')].unstable = true), /only a file can be unstable/],
    ['unknown entry field', (d) => (d.entries[0].uid = 0), /entries\[0\] has unknown field "uid"/],
    ['entry not an object', (d) => (d.entries[0] = 'x'), /entries\[0\] must be an object/],
    ['path and pathBase64', (d) => (d.entries[entryIndex(d, 'bin')].pathBase64 = 'AA=='), /both "path" and/],
    ['no path', (d) => delete d.entries[entryIndex(d, 'bin')].path, /needs "path" or "pathBase64"/],
    ['empty path', (d) => (d.entries[entryIndex(d, 'bin')].path = ''), /path must be a non-empty string/],
    ['absolute path', (d) => (d.entries[entryIndex(d, 'bin')].path = '/etc'), /must be relative/],
    ['dot-dot path', (d) => (d.entries[entryIndex(d, 'bin')].path = 'a/../../etc'), /must be relative/],
    ['empty segment', (d) => (d.entries[entryIndex(d, 'bin')].path = 'a//b'), /must be relative/],
    ['NUL in path', (d) => (d.entries[entryIndex(d, 'bin')].path = 'a\u0000b'), /NUL/],
    ['lone surrogate', (d) => (d.entries[entryIndex(d, 'bin')].path = 'a\ud800'), /well-formed/],
    [
      'pathBase64 of UTF-8',
      (d) => (d.entries[0] = { ...d.entries[0], path: undefined, pathBase64: 'YWJj' }),
      /valid UTF-8/,
    ],
    ['bad base64', (d) => (d.entries[0] = { ...d.entries[0], path: undefined, pathBase64: '!!' }), /base64/],
    [
      'base64 with NUL',
      (d) => (d.entries[0] = { ...d.entries[0], path: undefined, pathBase64: '/wA=' }),
      /NUL/,
    ],
    [
      'raw path with ..',
      (d) => (d.entries[0].pathBase64 = Buffer.from([0x2e, 0x2e, 0x2f, 0xff]).toString('base64')),
      /relative/,
    ],
    ['signature not an object', (d) => (d.signature = 'x'), /"signature" must be an object/],
  ])('schema: %s', (_name, edit, message) => {
    const err = errorOf(() => decodeManifest(edited(edit)))
    expect(err.code).toBe('schema')
    expect(err.message).toMatch(message)
  })

  it('reports unsorted and duplicate entries with their index and path', () => {
    const unsorted = errorOf(() => decodeManifest(edited((d) => d.entries.reverse())))
    expect(unsorted.code).toBe('unsorted')
    expect(unsorted.message).toMatch(/entries\[1\] \(".*"\) comes after/)
    const dup = errorOf(() => decodeManifest(edited((d) => d.entries.splice(1, 0, d.entries[1]))))
    expect(dup.code).toBe('duplicate')
    expect(dup.message).toMatch(/entries\[2\]/)
  })

  it('refuses a manifest of another gate when one is expected', () => {
    const bytes = encodeManifest(sample())
    expect(decodeManifest(bytes, { expectGate: 'default' }).header.gate).toBe('default')
    const err = errorOf(() => decodeManifest(bytes, { expectGate: 'release' }))
    expect(err.code).toBe('gate-mismatch')
    expect(err.message).toMatch(/"default", not "release"/)
  })
})

function toUpper(e: Record<string, string>): void {
  e.digest = e.digest.toUpperCase()
}
