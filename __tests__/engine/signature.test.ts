/* eslint-disable @typescript-eslint/no-explicit-any -- these tests edit decoded JSON of arbitrary shape */
import { describe, expect, it } from '@jest/globals'
import { createHmac } from 'node:crypto'
import { gunzipSync, gzipSync } from 'node:zlib'
import { canonicalBytes, decodeManifest, encodeManifest, ManifestError } from '../../src/engine/manifest.js'
import { actionsBaselineKey, sign, verify } from '../../src/engine/signature.js'
import type { Manifest } from '../../src/engine/types.js'

const key = Buffer.from('correct horse battery staple')
const otherKey = Buffer.from('another key')

function manifest(): Manifest {
  return {
    header: {
      format: 'integrity-gate/manifest',
      version: 1,
      tool: '0.1.0',
      algorithm: 'sha1',
      include: [],
      exclude: [],
      createdAt: '2024-05-01T10:00:00.123Z',
      gate: 'release',
    },
    entries: [
      { path: 'a.txt', type: 'file', size: 1, mode: 0o644, digest: '1'.repeat(40) },
      { path: 'b', type: 'dir', size: 0, mode: 0o755 },
    ],
  }
}

function rewrite(bytes: Buffer, edit: (doc: Record<string, any>) => void): Buffer {
  const doc = JSON.parse(gunzipSync(bytes).toString('utf8'))
  edit(doc)
  return gzipSync(Buffer.from(JSON.stringify(doc)))
}

function codeOf(fn: () => unknown): string {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(ManifestError)
    return (e as ManifestError).code
  }
  throw new Error('expected a ManifestError')
}

describe('sign / verify', () => {
  it('is HMAC-SHA256 in lower-case hex', () => {
    const content = Buffer.from('content')
    expect(sign(content, key)).toBe(createHmac('sha256', key).update(content).digest('hex'))
  })

  it('accepts only the right signature for the content and key', () => {
    const content = Buffer.from('content')
    const sig = sign(content, key)
    expect(verify(content, key, sig)).toBe(true)
    expect(verify(Buffer.from('contenT'), key, sig)).toBe(false)
    expect(verify(content, otherKey, sig)).toBe(false)
    expect(verify(content, key, sig.slice(0, 62))).toBe(false)
    expect(verify(content, key, sig.toUpperCase())).toBe(false)
  })

  it('refuses an empty key', () => {
    expect(() => sign(Buffer.from('x'), Buffer.alloc(0))).toThrow(/empty/)
  })
})

describe('actionsBaselineKey', () => {
  it('derives a key of its own: what one signs, the other does not verify', () => {
    const key = Buffer.from('k1')
    const actions = actionsBaselineKey(key)
    expect(actions.equals(actionsBaselineKey(Buffer.from('k1')))).toBe(true)
    expect(actions.equals(key)).toBe(false)
    expect(actions.equals(actionsBaselineKey(Buffer.from('k2')))).toBe(false)
    const content = Buffer.from('{"header":{}}')
    expect(verify(content, actions, sign(content, key))).toBe(false)
    expect(verify(content, key, sign(content, actions))).toBe(false)
    expect(() => actionsBaselineKey(Buffer.alloc(0))).toThrow()
  })
})

describe('signed manifests', () => {
  it('signs the canonical content and verifies with the same key', () => {
    const bytes = encodeManifest(manifest(), { key })
    const doc = JSON.parse(gunzipSync(bytes).toString('utf8'))
    expect(doc.signature).toEqual({ alg: 'hmac-sha256', value: sign(canonicalBytes(manifest()), key) })
    expect(decodeManifest(bytes, { key })).toEqual(manifest())
  })

  it('is deterministic when signed', () => {
    expect(encodeManifest(manifest(), { key }).equals(encodeManifest(manifest(), { key }))).toBe(true)
  })

  it('signed but read without a key: signature-unexpected', () => {
    const bytes = encodeManifest(manifest(), { key })
    expect(codeOf(() => decodeManifest(bytes))).toBe('signature-unexpected')
  })

  it('unsigned but read with a key: signature-missing', () => {
    const bytes = encodeManifest(manifest())
    expect(codeOf(() => decodeManifest(bytes, { key }))).toBe('signature-missing')
  })

  it('another key: signature-mismatch', () => {
    const bytes = encodeManifest(manifest(), { key })
    expect(codeOf(() => decodeManifest(bytes, { key: otherKey }))).toBe('signature-mismatch')
  })

  it.each<[string, (d: Record<string, any>) => void]>([
    ['a digest', (d) => (d.entries[0].digest = '2'.repeat(40))],
    ['a mode', (d) => (d.entries[1].mode = 0o777)],
    ['the gate', (d) => (d.header.gate = 'other')],
    [
      'the creation time (replay of an old file as new)',
      (d) => (d.header.createdAt = '2030-01-01T00:00:00Z'),
    ],
    ['a removed entry', (d) => d.entries.pop()],
    ['an added entry', (d) => d.entries.push({ path: 'c', type: 'dir', size: 0, mode: 0o755 })],
    ['the signature itself', (d) => (d.signature.value = '0'.repeat(64))],
  ])('tampering with %s: signature-mismatch', (_name, edit) => {
    const bytes = rewrite(encodeManifest(manifest(), { key }), edit)
    expect(codeOf(() => decodeManifest(bytes, { key }))).toBe('signature-mismatch')
  })

  it('a key-less reader still refuses a manifest whose signature was stripped only if a key is given', () => {
    const stripped = rewrite(encodeManifest(manifest(), { key }), (d) => delete d.signature)
    expect(codeOf(() => decodeManifest(stripped, { key }))).toBe('signature-missing')
  })

  it('refuses an empty key on both sides', () => {
    expect(codeOf(() => encodeManifest(manifest(), { key: Buffer.alloc(0) }))).toBe('key-empty')
    const bytes = encodeManifest(manifest(), { key })
    expect(codeOf(() => decodeManifest(bytes, { key: Buffer.alloc(0) }))).toBe('key-empty')
  })

  it('refuses a malformed signature object as a schema error', () => {
    const bytes = rewrite(encodeManifest(manifest(), { key }), (d) => (d.signature.alg = 'hmac-md5'))
    expect(codeOf(() => decodeManifest(bytes, { key }))).toBe('schema')
  })
})
