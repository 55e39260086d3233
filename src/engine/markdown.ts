/**
 * Escaping for attacker-controlled text (file names, symlink targets, error strings) in GitHub-flavoured
 * Markdown: job summaries and issue bodies.
 *
 * GitHub turns `\@name`, `&#64;name` and `&commat;name` into live mentions and `\#123` into an issue link:
 * its mention and reference filters run on the rendered HTML text, after Markdown has consumed backslashes
 * and entities. So a backslash is not enough. What survives rendering is either a code span (nothing inside
 * is a mention, link or HTML) or a zero-width joiner (U+200D) placed right after `@`, `#` and the other
 * characters that start an auto-link, which breaks the pattern in the rendered text itself.
 */

/** Zero-width joiner: inserted after `@`, `#`, `://` and `www` to break mentions, references and auto-links. */
export const ZWJ = '\u200D'

/**
 * Characters that render as nothing, change text direction, break lines, or look like a plain space: a name
 * holding them can pass for another name (`config.js` + U+202E …, `ci.yml` + a variation selector) or forge
 * lines and terminal escapes. Cc = C0/DEL/C1 controls, Cf = format characters (bidi controls, zero-width
 * characters, BOM, tags), Zl/Zp = line/paragraph separators, Zs = spaces (the plain space is exempted below),
 * Cs = lone surrogates, Default_Ignorable_Code_Point = what Unicode says to draw as nothing, among them the
 * variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF), fillers and invisible combining marks that its
 * classes count as letters or marks; U+2800 (the blank braille pattern) draws nothing either.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}\p{Cs}\p{Default_Ignorable_Code_Point}\u2800]/gu

/** How one invisible or control character is shown. */
function visibleForm(ch: string): string {
  if (ch === ' ') return ' '
  if (ch === '\n') return '\\n'
  if (ch === '\r') return '\\r'
  if (ch === '\t') return '\\t'
  const cp = ch.codePointAt(0) ?? 0
  // C0 and DEL in the familiar \xNN form; C1 and the rest as <U+XXXX> so they cannot be confused with the
  // `\xNN` that displayPath uses for bytes that are not UTF-8.
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0')
  return '<U+' + cp.toString(16).toUpperCase().padStart(4, '0') + '>'
}

/**
 * Makes control, bidi, invisible and non-ASCII space characters visible (`\n`, `\t`, `\x1b`, `<U+202E>`,
 * `<U+00A0>`); everything else is kept. For display only: the form is not reversible (a name may already
 * contain the text `\n`). The result holds no C0/C1 control, so it cannot emit a terminal escape sequence
 * or start a new line.
 */
export function makeVisible(text: string): string {
  return text.replace(INVISIBLE, visibleForm)
}

/** Length of the longest run of backticks in `text`. */
function longestBacktickRun(text: string): number {
  let longest = 0
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  return longest
}

/** Options of {@link codeSpan}. */
export interface CodeSpanOptions {
  /** The span goes into a table cell: `|` becomes `\|`, which GitHub's table parser un-escapes even here. */
  table?: boolean
}

/**
 * Inline code for a name. Inside a code span nothing is a mention, reference, link, emphasis or HTML; the
 * fence is one backtick longer than any backtick run in the text so the text cannot close it. Newlines and
 * other controls are made visible (a code span cannot hold a line break inside a table, and a raw one would
 * end a table row). With `{ table: true }` every `|` is written `\|`: GFM splits table rows on `|` before
 * inline parsing, even inside code spans, and removes the backslash of `\|` afterwards (GFM spec, tables
 * extension), so the reader still sees `|`.
 */
export function codeSpan(text: string, opts: CodeSpanOptions = {}): string {
  let body = makeVisible(text)
  if (opts.table) body = body.replace(/\|/g, '\\|')
  const fence = '`'.repeat(longestBacktickRun(body) + 1)
  // CommonMark strips one space at each end when both ends are spaces, and a backtick at an end would merge
  // with the fence: pad both ends with a space in those cases so the text is shown exactly.
  if (body === '') return '` `' // CommonMark has no empty code span; one space is the closest
  // A body of nothing but spaces is shown as it is (CommonMark strips nothing then), so it needs no pad.
  const allSpaces = /^ +$/.test(body)
  const pad = !allSpaces && (body.startsWith('`') || body.endsWith('`') || /^ .* $/s.test(body)) ? ' ' : ''
  return fence + pad + body + pad + fence
}

/** A code span safe inside a table cell: `codeSpan(text, { table: true })`. */
export function codeCell(text: string): string {
  return codeSpan(text, { table: true })
}

/**
 * Punctuation with a meaning in GFM as GitHub renders it: emphasis, code, links and images, headings, list
 * markers (`-`, `+`, `1.`), setext underlines (`=`), strikethrough, tables, and `$` (GitHub math). Others
 * (`:`, `/`, `,`, `;`, …) stay as they are so dates and paths remain readable in the source.
 */
const BACKSLASH_ESCAPED = new Set('!$()*+-.=[\\]_`{|}~')

/**
 * Plain text outside code, safe in prose, headings and table cells. Controls and invisibles are made
 * visible; `&`, `<`, `>` become entities (entities also work inside HTML blocks, where backslashes do not);
 * Markdown punctuation is backslash-escaped (no emphasis, links, images, headings, list markers, math,
 * strikethrough or table breaks — `\|` is what GFM tables expect); and a zero-width joiner is placed
 * after `@` (mentions and e-mail auto-links), `#` (issue references), the `:` of `://` (URL auto-links), the
 * `-` of `GH-123`, and between `www` and `.`, so GitHub's post-render filters find nothing to link.
 */
export function escapeText(text: string): string {
  const chars = Array.from(makeVisible(text))
  let out = ''
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]
    const next = chars[i + 1] ?? ''
    if (ch === '&') out += '&amp;'
    else if (ch === '<') out += '&lt;'
    else if (ch === '>') out += '&gt;'
    else if (ch === '@') out += '@' + ZWJ
    else if (ch === '#') out += '\\#' + ZWJ
    else if (ch === ':' && next === '/') out += '\\:' + ZWJ
    else if (ch === '-' && /^\d$/.test(next) && /gh$/i.test(chars.slice(Math.max(0, i - 2), i).join('')))
      out += '\\-' + ZWJ
    else if (ch === '.' && /www$/i.test(chars.slice(Math.max(0, i - 3), i).join(''))) out += ZWJ + '\\.'
    else if (BACKSLASH_ESCAPED.has(ch)) out += '\\' + ch
    else out += ch
  }
  return out
}

/** A plain-text value safe inside a table cell (escapeText always escapes `|`; an empty cell stays valid). */
export function tableCell(text: string): string {
  return escapeText(text)
}

/**
 * One table row from cells that are already Markdown (built with codeCell/tableCell or trusted literals).
 * A cell must not contain a raw newline or an unescaped `|`; this is checked, because a broken row would
 * shift every later column.
 */
export function tableRow(cells: string[]): string {
  for (const cell of cells) {
    // cmark-gfm's cell scanner, `(escaped_char | [^|\r\n])+` with the longest match, treats any `|` directly
    // after a backslash as escaped, whatever the number of backslashes before it.
    if (/[\r\n]/.test(cell) || /(^|[^\\])\|/.test(cell)) {
      throw new Error(`table cell is not escaped (raw newline or "|"): ${JSON.stringify(cell.slice(0, 80))}`)
    }
  }
  return '| ' + cells.join(' | ') + ' |'
}

/**
 * Cuts `text` to at most `max` code points (adding `…`), before any escaping so an escape is never split.
 * Used for titles and messages that have no business being long.
 */
export function clip(text: string, max: number): string {
  const cps = Array.from(text)
  return cps.length <= max ? text : cps.slice(0, Math.max(0, max - 1)).join('') + '…'
}
