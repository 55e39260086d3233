import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import {
  cacheKey,
  cachePrefix,
  gateSegment,
  keySegments,
  MAX_KEY_LENGTH,
  osSegment,
  timeSegment,
} from '../../src/stores/cache-key.js'
import { cacheVersion } from '../../src/stores/cache-store.js'

const time = new Date('2025-03-04T05:06:07.089Z')

describe('cache key scheme', () => {
  it('puts format version, OS, gate, run, attempt and time in the key, after the prefix', () => {
    const prefix = cachePrefix('default', 'Linux')
    expect(prefix).toMatch(/^integrity-gate-v1-linux-default\.[0-9a-f]{16}-$/)
    const key = cacheKey({ gate: 'default', os: 'Linux', runId: '123456', runAttempt: 2, time })
    expect(key).toBe(`${prefix}123456-2-20250304T050607089Z`)
  })

  it('maps Node platform names to the runner names', () => {
    expect(osSegment('darwin')).toBe(osSegment('macOS'))
    expect(osSegment('win32')).toBe(osSegment('Windows'))
    expect(osSegment('linux')).toBe(osSegment('Linux'))
  })

  it('rejects what would make an ambiguous or invalid key', () => {
    expect(() => cachePrefix('', 'Linux')).toThrow(/gate name .* empty/)
    expect(() => cachePrefix('g', 'lin-ux')).toThrow(/Invalid OS name 'lin-ux'/)
    expect(() => cacheKey({ gate: 'g', os: 'Linux', runId: '12a', runAttempt: 1, time })).toThrow(
      /run id '12a'/,
    )
    expect(() => cacheKey({ gate: 'g', os: 'Linux', runId: 1, runAttempt: -1, time })).toThrow(/run attempt/)
  })

  it('keeps gates apart even when one name starts with the other or they slug alike', () => {
    for (const [a, b] of [
      ['a', 'a-b'],
      ['My Gate', 'my gate'],
      ['my-gate', 'my_gate'],
    ] as const) {
      expect(gateSegment(a)).not.toBe(gateSegment(b))
      expect(
        cacheKey({ gate: b, os: 'Linux', runId: 1, runAttempt: 1, time }).startsWith(cachePrefix(a, 'Linux')),
      ).toBe(false)
    }
  })

  it('never lets one gate’s prefix match another gate’s key, and keys follow the client’s rules', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 600 }), fc.string({ minLength: 1 }), (a, b) => {
        const key = cacheKey({ gate: a, os: 'Linux', runId: '99999999999', runAttempt: 99, time })
        expect(key.length).toBeLessThanOrEqual(MAX_KEY_LENGTH)
        expect(key).not.toContain(',')
        expect(gateSegment(a)).not.toContain('-')
        if (a !== b) expect(key.startsWith(cachePrefix(b, 'Linux'))).toBe(false)
      }),
    )
  })
})

describe('key segments (what checkReplay compares with the signed header)', () => {
  it('gives back the run id, attempt and time a key was made of, for both kinds', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.integer({ min: 1, max: 99 }),
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom('tree' as const, 'actions' as const),
        (gate, runId, runAttempt, time, kind) => {
          const key = cacheKey({ gate, os: 'Linux', runId, runAttempt, time, kind })
          expect(keySegments(key)).toEqual({
            runId: String(runId),
            runAttempt: String(runAttempt),
            time: timeSegment(time),
          })
        },
      ),
    )
    expect(timeSegment(new Date('2026-11-28T09:35:12.345Z'))).toBe('20261128T093512345Z')
    // createdAt with more digits than ms stamps the same key as its ms value (how save and check both read it).
    expect(timeSegment(new Date('2026-11-28T09:35:12.345678901Z'))).toBe('20261128T093512345Z')
  })

  it('answers undefined for a key of another shape', () => {
    for (const key of [
      '',
      'integrity-gate-v1-linux-g.0123-12-1',
      'x-12-1-20261128T093512345',
      'x-a-1-20261128T093512345Z',
    ])
      expect(keySegments(key)).toBeUndefined()
  })
})

describe('cache version', () => {
  it('hashes paths, compression and salt like @actions/cache', () => {
    const expected = (parts: string[]): string => createHash('sha256').update(parts.join('|')).digest('hex')
    expect(cacheVersion(['/t/a.json.gz'], 'gzip', 'linux')).toBe(expected(['/t/a.json.gz', 'gzip', '1.0']))
    expect(cacheVersion(['C:\\t\\a'], 'zstd-without-long', 'win32')).toBe(
      expected(['C:\\t\\a', 'zstd-without-long', 'windows-only', '1.0']),
    )
  })
})
