import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import {
  clip,
  codeCell,
  codeSpan,
  escapeText,
  makeVisible,
  tableCell,
  tableRow,
  ZWJ,
} from '../../src/engine/markdown.js'
import { cellCount, codeContent, problems, renderText, tokenize, visibleText } from './markdown-checker.js'

/** Strings an attacker would pick: Markdown/HTML syntax, mentions, references, controls, bidi, astral. */
const hostileChar = fc.constantFrom(
  '@',
  '#',
  '`',
  '``',
  '<',
  '>',
  '|',
  '\\',
  '[',
  ']',
  '(',
  ')',
  '!',
  '*',
  '_',
  '~',
  '&',
  ':',
  '/',
  '.',
  '-',
  ' ',
  '\n',
  '\r',
  '\t',
  '\u001b',
  '\u0000',
  '\u007f',
  '\u0085',
  '\u200b',
  '\u200d',
  '\u202e',
  '\u2066',
  '\ufeff',
  '\u061c',
  '\u00a0',
  '\u2028',
  '\ud800',
  '\udc00',
  'a',
  'Z',
  '1',
  '9',
  'w',
  'g',
  'h',
  'G',
  'H',
  'é',
  '✓',
  '😀',
  'x',
  '&#64;',
  '&amp;',
  'https://',
  'www.',
  '::error::',
  '](',
  '<img src=x>',
)
const hostile = fc.oneof(
  fc.array(hostileChar, { maxLength: 30 }).map((a) => a.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
)

const nonEmpty = hostile.filter((s) => s !== '')

const RUNS = { numRuns: 3000 }

describe('makeVisible', () => {
  it('shows controls, bidi and invisible characters by name and keeps the rest', () => {
    expect(makeVisible('a\nb\tc\rd\u001b[31m')).toBe('a\\nb\\tc\\rd\\x1b[31m')
    expect(makeVisible('evil\u202Etxt.exe')).toBe('evil<U+202E>txt.exe')
    expect(makeVisible('\u0085\u00A0\u200B\uFEFF\u061C\u2066')).toBe(
      '<U+0085><U+00A0><U+200B><U+FEFF><U+061C><U+2066>',
    )
    expect(makeVisible('naïve ✓ 😀 x')).toBe('naïve ✓ 😀 x')
  })

  it('shows variation selectors and every other default-ignorable code point', () => {
    // `ci.yml` + U+FE0F looked exactly like `ci.yml` in a report.
    expect(makeVisible('.github/workflows/ci.yml\uFE0F')).toBe('.github/workflows/ci.yml<U+FE0F>')
    expect(makeVisible('a\uFE00b\u{E0100}c\u{E01EF}')).toBe('a<U+FE00>b<U+E0100>c<U+E01EF>')
    const ignorable = /^\p{Default_Ignorable_Code_Point}$/u
    let checked = 0
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue
      const ch = String.fromCodePoint(cp)
      if (!ignorable.test(ch)) continue
      expect(makeVisible(`a${ch}b`)).toBe(`a<U+${cp.toString(16).toUpperCase().padStart(4, '0')}>b`)
      checked++
    }
    expect(checked).toBeGreaterThan(4000)
  })

  it('leaves no control, format or separator character in any string', () => {
    fc.assert(
      fc.property(hostile, (s) => !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u.test(makeVisible(s))),
      RUNS,
    )
  })
})

describe('codeSpan', () => {
  it('uses a fence longer than any backtick run and pads names that touch the fence', () => {
    expect(codeSpan('a`b')).toBe('``a`b``')
    expect(codeSpan('`x')).toBe('`` `x ``')
    expect(codeSpan(' a ')).toBe('`  a  `')
    expect(codeSpan('@octocat #1')).toBe('`@octocat #1`')
    // CommonMark has no empty code span: an empty string shows as one space.
    expect(codeSpan('')).toBe('` `')
  })

  it('escapes pipes only for tables', () => {
    expect(codeSpan('a|b')).toBe('`a|b`')
    expect(codeCell('a|b')).toBe('`a\\|b`')
  })

  it('is one code span showing exactly the visible form of any string', () => {
    fc.assert(
      fc.property(nonEmpty, (s) => {
        const out = codeSpan(s)
        const tokens = tokenize(out)
        return (
          tokens.length === 1 &&
          tokens[0].code &&
          codeContent(tokens[0].content ?? '') === makeVisible(s) &&
          problems(out).length === 0
        )
      }),
      RUNS,
    )
  })

  it('in a table keeps the column count and shows the visible form after the table un-escapes pipes', () => {
    fc.assert(
      fc.property(nonEmpty, (s) => {
        const out = codeCell(s)
        const row = tableRow([out, 'x'])
        // cmark-gfm removes the backslash before each `|` in a cell, then parses inlines.
        const cell = out.replace(/\\\|/g, '|')
        const tokens = tokenize(cell)
        return (
          cellCount(row) === 2 &&
          tokens.length === 1 &&
          codeContent(tokens[0].content ?? '') === makeVisible(s) &&
          problems(out).length === 0
        )
      }),
      RUNS,
    )
  })
})

describe('escapeText', () => {
  it('neutralises mentions, references, links, HTML and table breaks', () => {
    expect(escapeText('@octocat')).toBe(`@${ZWJ}octocat`)
    expect(escapeText('fix #123')).toBe(`fix \\#${ZWJ}123`)
    expect(escapeText('<img src=x onerror=alert(1)>')).toBe('&lt;img src\\=x onerror\\=alert\\(1\\)&gt;')
    expect(escapeText('[x](https://evil)')).toBe(`\\[x\\]\\(https\\:${ZWJ}//evil\\)`)
    expect(escapeText('a|b')).toBe('a\\|b')
    expect(escapeText('www.evil.com')).toBe(`www${ZWJ}\\.evil\\.com`)
    expect(escapeText('GH-12')).toBe(`GH\\-${ZWJ}12`)
    expect(escapeText('&#64;x')).toBe(`&amp;\\#${ZWJ}64;x`)
  })

  it('renders to the visible form (ZWJs aside) with nothing active, for any string', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = escapeText(s)
        const shown = tokenize(out)
          .map((t) =>
            t.code
              ? t.raw
              : renderText(t.raw)
                  .map((c) => c.ch)
                  .join(''),
          )
          .join('')
          .replaceAll(ZWJ, '')
        return tokenize(out).every((t) => !t.code) && shown === makeVisible(s) && problems(out).length === 0
      }),
      RUNS,
    )
  })

  it('keeps table columns', () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        const row = tableRow([tableCell(a), codeCell(b), tableCell(b)])
        return cellCount(row) === 3 && problems(row).length === 0
      }),
      RUNS,
    )
  })
})

describe('the checker itself', () => {
  // The property tests are only as good as the checker: it must flag what GitHub would render live.
  it('flags live mentions, references, links, HTML and newlines', () => {
    expect(problems('hi @octocat')).not.toEqual([])
    expect(problems('hi \\@octocat')).not.toEqual([])
    expect(problems('hi &#64;octocat')).not.toEqual([])
    expect(problems('see #12')).not.toEqual([])
    expect(problems('see \\#12')).not.toEqual([])
    expect(problems('<b>x</b>')).not.toEqual([])
    expect(problems('[a](b)')).not.toEqual([])
    expect(problems('https://x')).not.toEqual([])
    expect(problems('a\nb')).not.toEqual([])
    expect(problems('a\u202eb')).not.toEqual([])
    expect(problems('`@octocat #1 <b>`')).toEqual([])
    // GFM splits rows before inline parsing: a code span does not protect a bare `|`.
    expect(cellCount('| a | b\\|c | `d|e` |')).toBe(4)
    expect(cellCount('| a | b\\|c | `d\\|e` |')).toBe(3)
    expect(visibleText('`` a`b `` \\* &amp;')).toBe('a`b * &')
  })
})

describe('tableRow and clip', () => {
  it('refuses a cell that would break the row', () => {
    expect(() => tableRow(['a|b'])).toThrow(/not escaped/)
    expect(() => tableRow(['a\nb'])).toThrow(/not escaped/)
    expect(tableRow(['a\\|b', '`c`'])).toBe('| a\\|b | `c` |')
  })

  it('clips by code point, never inside a surrogate pair', () => {
    expect(clip('😀😀😀', 2)).toBe('😀…')
    expect(clip('abc', 3)).toBe('abc')
  })
})

describe('codeSpan regressions', () => {
  it('shows a name of only spaces exactly (CommonMark strips nothing from an all-space span)', () => {
    expect(codeSpan('  ')).toBe('`  `')
    expect(codeCell(' ')).toBe('` `')
  })
})
