import { describe, expect, it } from '@jest/globals'
import { bytesFromKey, displayPath, isRawKey, keyFromBytes } from '../../src/engine/paths.js'

describe('path keys', () => {
  it('keeps valid UTF-8 names as text', () => {
    const key = keyFromBytes(Buffer.from('dir/naïve ✓.txt'))
    expect(key).toBe('dir/naïve ✓.txt')
    expect(isRawKey(key)).toBe(false)
  })

  it('round-trips bytes that are not UTF-8 exactly', () => {
    const raw = Buffer.from([0x61, 0x2f, 0xff, 0xfe, 0x80, 0x62])
    const key = keyFromBytes(raw)
    expect(isRawKey(key)).toBe(true)
    expect(bytesFromKey(key).equals(raw)).toBe(true)
    expect(displayPath(key)).toBe('a/\\xff\\xfe\\x80b')
  })

  it('does not confuse a replacement character in a real name with invalid bytes', () => {
    const raw = Buffer.from('bad\uFFFDname', 'utf8')
    expect(keyFromBytes(raw)).toBe('bad\uFFFDname')
  })
})
