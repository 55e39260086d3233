/**
 * A small, independent reader of the GitHub-flavoured Markdown we emit, used by the tests to decide whether
 * output is safe. It follows the rules that matter for hostile names: CommonMark code spans (a backtick run
 * closes only at a run of the same length), backslash escapes of ASCII punctuation, entity decoding (GitHub
 * links `&#64;name`, so decoded text counts), and cmark-gfm's table cell rule (a `|` right after a backslash
 * is escaped, whatever comes before).
 */

const ASCII_PUNCT = /[!-/:-@[-`{-~]/

export interface Token {
  code: boolean
  /** Source text of the token. */
  raw: string
  /** For code spans: the content between the fences, before space stripping. */
  content?: string
}

/** Splits one line into code spans and text, the way CommonMark does. */
export function tokenize(src: string): Token[] {
  const out: Token[] = []
  let text = ''
  let i = 0
  while (i < src.length) {
    const c = src[i]
    if (c === '\\' && i + 1 < src.length && ASCII_PUNCT.test(src[i + 1])) {
      text += src.slice(i, i + 2)
      i += 2
      continue
    }
    if (c === '`') {
      let n = 0
      while (src[i + n] === '`') n++
      const close = findRun(src, i + n, n)
      if (close >= 0) {
        if (text) out.push({ code: false, raw: text })
        text = ''
        out.push({ code: true, raw: src.slice(i, close + n), content: src.slice(i + n, close) })
        i = close + n
      } else {
        text += src.slice(i, i + n)
        i += n
      }
      continue
    }
    text += c
    i++
  }
  if (text) out.push({ code: false, raw: text })
  return out
}

/** Index of the next backtick run of exactly `n` at or after `from`, or -1. */
function findRun(src: string, from: number, n: number): number {
  let i = from
  while (i < src.length) {
    if (src[i] !== '`') {
      i++
      continue
    }
    let m = 0
    while (src[i + m] === '`') m++
    if (m === n) return i
    i += m
  }
  return -1
}

/** What a code span shows: CommonMark strips one space at both ends when both are spaces (not all spaces). */
export function codeContent(content: string): string {
  if (content.length >= 2 && content.startsWith(' ') && content.endsWith(' ') && /[^ ]/.test(content))
    return content.slice(1, -1)
  return content
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', commat: '@', num: '#' }

/** The characters a text token renders to; `escaped` marks backslash-escaped ones. */
export function renderText(raw: string): { ch: string; escaped: boolean }[] {
  const out: { ch: string; escaped: boolean }[] = []
  let i = 0
  while (i < raw.length) {
    if (raw[i] === '\\' && i + 1 < raw.length && ASCII_PUNCT.test(raw[i + 1])) {
      out.push({ ch: raw[i + 1], escaped: true })
      i += 2
      continue
    }
    if (raw[i] === '&') {
      const m = /^&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z]+));/.exec(raw.slice(i))
      if (m) {
        const decoded = m[1]
          ? String.fromCodePoint(Number(m[1]))
          : m[2]
            ? String.fromCodePoint(parseInt(m[2], 16))
            : ENTITIES[m[3]]
        if (decoded !== undefined) {
          out.push({ ch: decoded, escaped: false })
          i += m[0].length
          continue
        }
      }
    }
    const cp = String.fromCodePoint(raw.codePointAt(i) ?? 0)
    out.push({ ch: cp, escaped: false })
    i += cp.length
  }
  return out
}

/** Plain visible text of one line: code span contents plus rendered text (entities decoded, escapes applied). */
export function visibleText(line: string): string {
  return tokenize(line)
    .map((t) =>
      t.code
        ? codeContent(t.content ?? '')
        : renderText(t.raw)
            .map((c) => c.ch)
            .join(''),
    )
    .join('')
}

/** Number of cells cmark-gfm finds in a table row written with leading and trailing pipes. */
export function cellCount(row: string): number {
  let cells = 0
  for (let i = 0; i < row.length; i++) if (row[i] === '|' && (i === 0 || row[i - 1] !== '\\')) cells++
  return cells - 1
}

const DANGEROUS_CHARS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u

/**
 * Problems found in Markdown output (empty when safe): raw newlines or control/bidi characters (U+200D,
 * which the escaper inserts on purpose, excepted), and outside code spans: live mentions and e-mail
 * auto-links (`@` + name character, after decoding), issue references (`#` + digit, `GH-` + digit),
 * URL auto-links (`://`, `www.`), raw `<` (HTML), and unescaped `[`/`]` (link syntax).
 */
export function problems(markdown: string, opts: { multiline?: boolean } = {}): string[] {
  const found: string[] = []
  if (!opts.multiline && /[\r\n]/.test(markdown)) found.push('raw newline')
  for (const ch of markdown) {
    if (ch === '\u200D' || (opts.multiline && ch === '\n')) continue
    if (DANGEROUS_CHARS.test(ch))
      found.push(`control/invisible character U+${ch.codePointAt(0)?.toString(16)}`)
  }
  for (const line of markdown.split('\n')) {
    for (const t of tokenize(line)) {
      if (t.code) continue
      const rendered = renderText(t.raw)
      const text = rendered.map((c) => c.ch).join('')
      if (/@[\p{L}\p{N}_-]/u.test(text)) found.push(`mention or e-mail in ${JSON.stringify(text)}`)
      if (/#\p{N}/u.test(text)) found.push(`issue reference in ${JSON.stringify(text)}`)
      if (/gh-\p{N}/iu.test(text)) found.push(`GH- reference in ${JSON.stringify(text)}`)
      if (/:\/\//.test(text) || /www\./i.test(text)) found.push(`auto-link in ${JSON.stringify(text)}`)
      rendered.forEach((c) => {
        if (c.escaped) return
        if (c.ch === '[' || c.ch === ']') found.push(`unescaped ${c.ch} in ${JSON.stringify(t.raw)}`)
      })
      if (t.raw.includes('<')) found.push(`raw < in ${JSON.stringify(t.raw)}`)
    }
  }
  return [...new Set(found)]
}
