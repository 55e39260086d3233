/** The action's log lines, through the real @actions/core: quoted text cannot start a workflow command. */
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { actionLog, info } from '../../src/action/log.js'

const written: string[] = []
const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
  written.push(String(chunk))
  return true
})
afterEach(() => {
  written.length = 0
})

/** The lines the runner would read, as it reads them (trimmed). */
const lines = (): string[] =>
  written
    .join('')
    .split(/\r?\n|\r/)
    .map((l) => l.trim())

describe('action log', () => {
  it('writes a message quoting hostile text as one line, with no workflow command in it', () => {
    const hostile = 'x\n::error title=FORGED::all good\r\n  ::stop-commands::tok\u2028::add-mask::y\u202e'
    info(`watch-actions: new actions or refs: ${hostile}.`)
    actionLog.info(`explain-with-git: the baseline's commit '${hostile}'`)
    expect(lines().filter((l) => l !== '')).toEqual([
      'watch-actions: new actions or refs: x\\n::error title=FORGED::all good\\r\\n  ::stop-commands::tok<U+2028>::add-mask::y<U+202E>.',
      "explain-with-git: the baseline's commit 'x\\n::error title=FORGED::all good\\r\\n  ::stop-commands::tok<U+2028>::add-mask::y<U+202E>'",
    ])
    expect(lines().some((l) => l.startsWith('::'))).toBe(false)
  })

  it('leaves warnings to core.warning, which escapes its message into one ::warning:: command', () => {
    actionLog.warning('a\n::error::b')
    expect(lines().filter((l) => l !== '')).toEqual(['::warning::a%0A::error::b'])
  })

  it('keeps ordinary messages as they are', () => {
    info('Saved baseline of 3 entries to the Actions cache (integrity-gate-v1-…).')
    expect(lines()[0]).toBe('Saved baseline of 3 entries to the Actions cache (integrity-gate-v1-…).')
    expect(spy).toHaveBeenCalled()
  })
})
