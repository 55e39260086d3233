/**
 * Hostile manifests against a signed gate: files someone without the key writes by hand (gzip + JSON) to
 * crash or stall the gate before the signature is even looked at. A planted baseline must be refused fast,
 * with a ManifestError, never by running the process out of memory.
 */
import { describe, expect, it } from '@jest/globals'
import { errorOf } from '../../test-support/manifest-error.js'
import { gunzipSync, gzipSync } from 'node:zlib'
import { decodeManifest, encodeManifest } from '../../src/engine/manifest.js'
import type { Manifest } from '../../src/engine/types.js'

const key = Buffer.from('correct horse battery staple')

const header = {
  format: 'integrity-gate/manifest',
  version: 1,
  tool: '0.1.0',
  algorithm: 'sha1',
  include: [],
  exclude: [],
  createdAt: '2024-05-01T10:00:00.123Z',
  gate: 'release',
}

/** `{"header":…,"entries":` + middle + `}` as gzip. */
const planted = (middle: Buffer): Buffer =>
  gzipSync(
    Buffer.concat([Buffer.from(`{"header":${JSON.stringify(header)},"entries":`), middle, Buffer.from('}')]),
    { level: 9 },
  )

describe('hostile JSON shapes are refused before JSON.parse builds them', () => {
  // 134M-deep nesting (a 260 KB file, well under the size cap) ran V8 out of heap after ~2 minutes:
  // a fatal crash of the gate, not a refusal. Here 20M levels: seconds and ~1.5 GB before the fix.
  it('deep nesting: refused as a schema error, fast', () => {
    const depth = 20_000_000
    const bomb = planted(Buffer.concat([Buffer.alloc(depth, '['), Buffer.alloc(depth, ']')]))
    expect(bomb.length).toBeLessThan(100_000)
    const t = Date.now()
    const err = errorOf(() => decodeManifest(bomb, { key }))
    expect(Date.now() - t).toBeLessThan(1500)
    expect(err.code).toBe('schema')
    expect(err.message).toMatch(/nest/)
  })

  // 85M empty objects (255 MB, under the cap) did not finish within two minutes; 5M here.
  it('a flood of tiny objects: refused before they are built', () => {
    const n = 5_000_000
    const items = Buffer.alloc(n * 3, '{},')
    items[items.length - 1] = 0x5d // ]
    const bomb = planted(Buffer.concat([Buffer.from('['), items]))
    const t = Date.now()
    const err = errorOf(() => decodeManifest(bomb, { key }))
    expect(Date.now() - t).toBeLessThan(1500)
    expect(err.code).toBe('schema')
    expect(err.message).toMatch(/objects or arrays/)
  })

  it('brackets inside strings do not count: a large valid signed manifest with such names still decodes', () => {
    const name = (i: number) => `${i}` + '{['.repeat(20) + '"\\' + ']}'.repeat(20)
    const entries: Manifest['entries'] = [{ path: 'a', type: 'dir', size: 0, mode: 0o755 }]
    for (let i = 0; i < 40_000; i++) {
      entries.push({ path: `a/${name(i)}`, type: 'symlink', size: 1, mode: 0o777, target: name(i) })
    }
    entries.sort((x, y) => (x.path < y.path ? -1 : 1))
    const m: Manifest = { header: header as Manifest['header'], entries }
    const bytes = encodeManifest(m, { key })
    expect(gunzipSync(bytes).length).toBeGreaterThan(4 * 1024 * 1024) // large enough to be checked
    expect(decodeManifest(bytes, { key }).entries).toEqual(m.entries)
  })
})
