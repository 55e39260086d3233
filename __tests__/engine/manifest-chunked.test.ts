/** The chunked gzip writer: sync and thread-pool encodes agree byte for byte, across many chunks. */
import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { gunzipSync } from 'node:zlib'
import { canonicalBytes, decodeManifest, encodeManifest, ManifestWriter } from '../../src/engine/manifest.js'
import { keyFromBytes } from '../../src/engine/paths.js'
import { MANIFEST_FORMAT, MANIFEST_VERSION, type Entry, type Manifest } from '../../src/engine/types.js'

/** `count` file entries with distinct names and digests, plus one raw (non-UTF-8) name. */
function big(count: number): Manifest {
  const entries: Entry[] = []
  for (let i = 0; i < count; i++) {
    const name = `dir${i % 97}/file-${String(i).padStart(6, '0')}.txt`
    entries.push({
      path: name,
      type: 'file',
      size: i,
      mode: 0o644,
      digest: createHash('sha256').update(name).digest('hex'),
    })
  }
  // Names and numbers the direct writer must render exactly as JSON.stringify does.
  const odd = [
    'quote"d',
    'back\\slash',
    'tab\tname',
    'ctl\u0001x',
    'é-ünï',
    '日本語',
    'emoji-😀',
    'line\u2028sep',
    // Characters whose low byte is `"`, `A` or NUL: a writer that copied code units as bytes would get them wrong.
    '\u0122\u0141\u0100',
  ]
  for (const name of odd) {
    entries.push({
      path: `odd/${name}`,
      type: 'file',
      size: 2 ** 40 + 7,
      mode: 0o4755,
      digest: 'a'.repeat(64),
    })
  }
  entries.push({ path: 'odd/dir', type: 'dir', size: 0, mode: 0 })
  // A path longer than a 1 MiB chunk can hold as UTF-8 in the worst case (3 bytes per character).
  entries.push({
    path: `odd/long-${'日'.repeat(400_000)}`,
    type: 'file',
    size: 1,
    mode: 0o644,
    digest: 'b'.repeat(64),
  })
  entries.push({ path: 'odd/link', type: 'symlink', size: 3, mode: 0o777, target: '../x' })
  entries.push({
    path: keyFromBytes(Buffer.from([0x7a, 0xff])),
    type: 'file',
    size: 1,
    mode: 0o600,
    error: 'EACCES: permission denied',
  })
  return {
    header: {
      format: MANIFEST_FORMAT,
      version: MANIFEST_VERSION,
      tool: 'test',
      algorithm: 'sha256',
      include: [],
      exclude: [],
      createdAt: '2024-01-31T12:00:00Z',
      gate: 'g',
    },
    entries,
  }
}

/** The manifest written entry by entry in path order, as a scan streams it (compressed on the thread pool). */
async function streamed(m: Manifest, opts: { key?: Buffer } = {}): Promise<Buffer> {
  const writer = new ManifestWriter(m.header, opts)
  const sorted = [...m.entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  for (const e of sorted) writer.add(e)
  return writer.finish()
}

describe('chunked manifest encoding', () => {
  // 30k entries make about 4 MB of JSON: several 1 MiB chunks.
  const m = big(30_000)

  it('gives the same bytes inline and on the thread pool, and decodes to the canonical text', async () => {
    const sync = encodeManifest(m)
    const pooled = await streamed(m)
    expect(pooled.equals(sync)).toBe(true)
    expect(gunzipSync(sync).equals(canonicalBytes(m))).toBe(true)
    expect(decodeManifest(sync).entries).toHaveLength(m.entries.length)
  })

  it('signs the canonical bytes the same way in both modes', async () => {
    const key = Buffer.from('k3y')
    const sync = encodeManifest(m, { key })
    expect((await streamed(m, { key })).equals(sync)).toBe(true)
    expect(decodeManifest(sync, { key }).entries).toHaveLength(m.entries.length)
    expect(() => decodeManifest(sync, { key: Buffer.from('other') })).toThrow(/signature does not match/)
  })

  it('refuses what encodeManifest refuses, entry by entry', () => {
    const [a, b, c] = [...m.entries].sort((x, y) => (x.path < y.path ? -1 : 1))
    const writer = new ManifestWriter(m.header)
    writer.add(b)
    expect(() => writer.add(a)).toThrow(/entries must be sorted by path/)
    expect(() => writer.add(b)).toThrow(/repeats a path/)
    expect(() => writer.add({ ...c, digest: 'XYZ' })).toThrow(/digest/)
    // 64 characters, the last not hex though its low byte is ('a' is 0x61, U+0161 is š).
    expect(() => writer.add({ ...c, digest: 'a'.repeat(63) + '\u0161' })).toThrow(/digest/)
    expect(() => writer.add({ ...c, digest: 'a'.repeat(63) + 'A' })).toThrow(/digest/)
    expect(() => new ManifestWriter({ ...m.header, version: 2 as 1 })).toThrow(/version 1/)
    writer.abandon()
    expect(() => writer.add(c)).toThrow(/after finish/)
  })

  it('encodes an empty manifest', async () => {
    const empty = { ...m, entries: [] }
    expect(decodeManifest(await streamed(empty)).entries).toEqual([])
    expect(gunzipSync(encodeManifest(empty)).toString()).toMatch(/"entries":\[\]\}\n$/)
  })
})
