import { afterEach, describe, expect, it, jest } from '@jest/globals'
import fc from 'fast-check'
import * as core from '@actions/core'
import { displayName, escapeCommandData, escapeCommandProperty } from '../../src/engine/commands.js'
import { keyFromBytes } from '../../src/engine/paths.js'

/** What core.warning writes to stdout for a message and a file property. */
function coreWarningLine(message: string, file: string): string {
  let written = ''
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written += String(chunk)
    return true
  })
  try {
    core.warning(message, { file })
  } finally {
    spy.mockRestore()
  }
  return written
}

describe('workflow-command escaping', () => {
  afterEach(() => {
    jest.restoreAllMocks()
  })

  it('escapes like @actions/core', () => {
    expect(escapeCommandData('50%\r\n::error::x')).toBe('50%25%0D%0A::error::x')
    expect(escapeCommandProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A')
  })

  it('gives the same bytes as core.warning for any message and file name', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1 }),
        fc.string({ unit: 'binary', minLength: 1 }),
        (m, f) => {
          return (
            coreWarningLine(m, f) === `::warning file=${escapeCommandProperty(f)}::${escapeCommandData(m)}\n`
          )
        },
      ),
      { numRuns: 500 },
    )
  })

  it('cannot start a new command line from a hostile name', () => {
    const name = 'src/a.js\n::error::x\r\n::add-mask::y'
    const line = `::warning file=${escapeCommandProperty(name)}::changed: ${escapeCommandData(name)}`
    expect(line.split(/\r?\n|\r/)).toHaveLength(1)
    // The property cannot end early (no `:` or `,` left) and the message stays on the command's own line.
    expect(line).toBe(
      '::warning file=src/a.js%0A%3A%3Aerror%3A%3Ax%0D%0A%3A%3Aadd-mask%3A%3Ay' +
        '::changed: src/a.js%0A::error::x%0D%0A::add-mask::y',
    )
    expect(displayName(name)).toBe('src/a.js\\n::error::x\\r\\n::add-mask::y')
  })

  it('shows raw bytes and escape sequences visibly', () => {
    const raw = keyFromBytes(Buffer.from([0x61, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0xff]))
    expect(displayName(raw)).toBe('a\\x1b[31m\\xff')
  })
})
