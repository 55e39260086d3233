/**
 * Algorithm names: the accepted ones, md5's warning, clear errors for the rest, and in-memory digests
 * checked against coreutils reading the same bytes from stdin.
 */
import { describe, expect, it, jest } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { digestHex, MD5_WARNING, nodeHashName, parseAlgorithm } from '../../src/engine/digest.js'
import type { Algorithm } from '../../src/engine/types.js'

describe('parseAlgorithm', () => {
  it.each(['sha256', 'sha512', 'sha1', 'blake2b512'] as const)('accepts %s without a warning', (name) => {
    const warn = jest.fn<(msg: string) => void>()
    expect(parseAlgorithm(name, warn)).toBe(name)
    expect(warn).not.toHaveBeenCalled()
  })

  it('ignores case and surrounding blanks', () => {
    expect(parseAlgorithm('  SHA512 \n')).toBe('sha512')
  })

  it('takes an empty name (an unset input) as the default sha256', () => {
    expect(parseAlgorithm('')).toBe('sha256')
    expect(parseAlgorithm('  ')).toBe('sha256')
  })

  it('accepts md5 with a warning that it is collision-broken', () => {
    const warn = jest.fn<(msg: string) => void>()
    expect(parseAlgorithm('md5', warn)).toBe('md5')
    expect(warn).toHaveBeenCalledWith(MD5_WARNING)
    expect(MD5_WARNING).toMatch(/^md5 is collision-broken/)
  })

  it.each(['sha3-256', 'crc32', 'sha-256', 'blake2s256', 'md5-sha1'])(
    'rejects %s listing the valid names',
    (name) => {
      expect(() => parseAlgorithm(name)).toThrow(
        `Unknown digest algorithm '${name}'. Valid algorithms: sha256 (default), sha512, sha1, blake2b512, md5`,
      )
    },
  )
})

describe('digestHex', () => {
  const tools: [Algorithm, string][] = [
    ['sha256', 'sha256sum'],
    ['sha512', 'sha512sum'],
    ['sha1', 'sha1sum'],
    ['blake2b512', 'b2sum'],
    ['md5', 'md5sum'],
  ]
  it.each(tools)('%s equals %s', (algorithm, tool) => {
    const data = Buffer.from('integrity-gate \u00e9\u0000\xff'.repeat(1000), 'latin1')
    const expected = execFileSync(tool, ['-'], { input: data }).toString().split(' ')[0]
    expect(digestHex(algorithm, data)).toBe(expected)
  })

  it('refuses a value that is not an algorithm (e.g. from untyped JSON)', () => {
    expect(() => nodeHashName('sha384' as Algorithm)).toThrow(/Unknown digest algorithm 'sha384'/)
  })
})
