/**
 * `diff A B` without building 200k entry objects. Two manifests of one tree share almost every line, and
 * our writer puts one entry per line in a fixed form, so each line of the usual shape (a readable file, a
 * directory) is checked on its bytes, and a path whose line is byte-identical on both sides is counted as
 * unchanged without parsing it. Only the lines that differ, and every unusual line, become entries, and
 * those go through the ordinary diffManifests.
 *
 * This is a fast path only: it accepts a pair of manifests only when decodeManifest would accept both,
 * and answers `undefined` for anything it is not sure about (another layout, a signature, any invalid
 * line, unsorted or repeated paths). The caller then decodes the normal way, which gives the answer, or
 * the error, decode always gave.
 */
import { isAscii, isUtf8 } from 'node:buffer'
import { diffManifests } from './diff.js'
import {
  decodeManifestText,
  DIGEST_HEX_LENGTH,
  entryFromParsed,
  LINE,
  ManifestWriter,
  manifestHead,
} from './manifest.js'
import type { DiffResult, Entry, Manifest, ManifestHeader } from './types.js'

/** What `diff` needs from two decoded manifests. */
export interface QuickDiff {
  base: ManifestHeader
  current: ManifestHeader
  diff: DiffResult
  /** The current manifest's entries with an `error` or `unstable`, in path order. */
  problems: Entry[]
}

/**
 * diffManifests of two decompressed manifests (inflateManifest's output), or `undefined` when the fast
 * path cannot vouch for both; then decode them with decodeInflated. Unsigned manifests only.
 */
export function quickDiff(rawBase: Buffer, rawCurrent: Buffer): QuickDiff | undefined {
  return quickDiffFrom(indexBase(rawBase), rawCurrent)
}

/** A base manifest checked and indexed for quickDiffFrom. */
export type IndexedBase = Lines

/**
 * The first half of quickDiff: checks and indexes the base manifest, or undefined when the fast path
 * cannot vouch for it. Split out so `diff` can do it while the current manifest is still inflating.
 */
export function indexBase(rawBase: Buffer): IndexedBase | undefined {
  return scanManifest(rawBase)
}

/** The second half of quickDiff, from indexBase's answer. */
export function quickDiffFrom(a: IndexedBase | undefined, rawCurrent: Buffer): QuickDiff | undefined {
  if (a === undefined) return undefined
  const b = scanManifest(rawCurrent, a)
  if (b === undefined) return undefined
  const before: Entry[] = []
  const after: Entry[] = []
  let same = 0
  let i = 0
  let j = 0
  while (i < a.count || j < b.count) {
    if (j < b.count && b.repeats[j] === i) {
      // Found byte-identical to this base line while checking (so same path, same content).
      same++
      i++
      j++
      continue
    }
    const c = i >= a.count ? 1 : j >= b.count ? -1 : comparePaths(a, i, b, j)
    if (c < 0) before.push(entryAt(a, i++))
    else if (c > 0) after.push(entryAt(b, j++))
    else {
      if (a.pathStart[i] >= 0 && b.pathStart[j] >= 0 && sameLine(a, i, b, j)) same++
      else {
        before.push(entryAt(a, i))
        after.push(entryAt(b, j))
      }
      i++
      j++
    }
  }
  const diff = diffManifests({ header: a.header, entries: before }, { header: b.header, entries: after })
  diff.unchanged += same
  const problems = [...b.parsed.values()].filter((e) => e.error !== undefined || e.unstable === true)
  return { base: a.header, current: b.header, diff, problems }
}

/**
 * diffManifests(decode(rawBase), current) for a current manifest held as entries, the way verify does it
 * for its own scan: each entry goes through a ManifestWriter (which checks it, and throws on an invalid or
 * unsorted one) and then to an EntryComparer, with the writer's line (`how` 'lines') or without it
 * ('entries'). The base is checked and indexed line by line as in quickDiff, and a base line counts as
 * unchanged when the current entry with its path would be written as exactly that line. Undefined when
 * the base cannot be vouched for: then decode it in full.
 */
export function quickDiffEntries(
  rawBase: Buffer,
  current: Manifest,
  how: 'lines' | 'entries' = 'lines',
): DiffResult | undefined {
  const comparer = EntryComparer.open(rawBase)
  if (comparer === undefined) return undefined
  // Nothing is kept of the writer's output, so its back-pressure promise is not waited for.
  const writer = new ManifestWriter(current.header)
  try {
    for (const e of current.entries) {
      void writer.add(e)
      comparer.add(e, how === 'lines' ? writer.lastLine() : undefined)
    }
  } finally {
    writer.abandon()
  }
  return comparer.finish(current.header)
}

/**
 * quickDiffEntries one entry at a time, so verify can compare while its scan is still hashing: `add` takes
 * the current entries in path order (as the scan hands them on), and the base text is checked only as far
 * as the comparison has got; `finish` checks the rest and answers exactly as quickDiffEntries does.
 */
export class EntryComparer {
  private i = 0
  private same = 0
  private readonly before: Entry[] = []
  private readonly after: Entry[] = []

  private constructor(private readonly scanner: LineScanner) {}

  /**
   * A comparer for a decompressed base, or undefined when it is not in our layout (decode it instead).
   * `header`: quickHeader(rawBase), when the caller has it already.
   */
  static open(rawBase: Buffer, header?: ManifestHeader): EntryComparer | undefined {
    const scanner = LineScanner.open(rawBase, undefined, header)
    return scanner && new EntryComparer(scanner)
  }

  /**
   * The next current entry; entries must come in strictly increasing path order. `line`: the line the
   * writer wrote for it (ManifestWriter.lastLine), when there is one: a base line with exactly these
   * bytes is the same entry, and valid (the writer checked it), so it needs neither a check nor a
   * field-by-field comparison.
   */
  add(e: Entry, line?: Buffer): void {
    if (line !== undefined && this.repeats(e, line)) return
    const a = this.scanner.lines
    for (;;) {
      if (!this.has(this.i)) {
        if (!this.scanner.failed) this.after.push(e)
        return
      }
      const c = compareToPath(a, this.i, e.path)
      if (c < 0) {
        this.before.push(entryAt(a, this.i++))
        continue
      }
      if (c > 0) this.after.push(e)
      else {
        if (a.pathStart[this.i] >= 0 && writtenAs(a, this.i, e)) this.same++
        else {
          this.before.push(entryAt(a, this.i))
          this.after.push(e)
        }
        this.i++
      }
      return
    }
  }

  /** True (and counted as unchanged) when base line `i` is exactly `line`, the writer's line for `e`. */
  private repeats(e: Entry, line: Buffer): boolean {
    const s = this.scanner
    // The writer checked the digest against the current algorithm; the base line must fit the base's.
    if (e.digest !== undefined && e.digest.length !== s.digestLength) return false
    const a = s.lines
    if (a.count > this.i) {
      // Checked already (while looking for an earlier entry's place): equal bytes, equal entry.
      if (line.compare(a.raw, a.lineStart[this.i], a.lineEnd[this.i]) !== 0) return false
    } else if (!s.nextRepeating(line, e.path.length)) return false
    this.same++
    this.i++
    return true
  }

  /** The diff once every current entry was added; undefined when the base turned out not to be ours. */
  finish(current: ManifestHeader): DiffResult | undefined {
    const a = this.scanner.lines
    while (this.has(this.i)) this.before.push(entryAt(a, this.i++))
    if (this.scanner.failed) return undefined
    const diff = diffManifests(
      { header: a.header, entries: this.before },
      { header: current, entries: this.after },
    )
    diff.unchanged += this.same
    return diff
  }

  /** Base line `i` is checked (checking on as far as needed); false past the end or after a bad line. */
  private has(i: number): boolean {
    const s = this.scanner
    while (s.lines.count <= i) if (!s.next()) return false
    return true
  }
}

/** comparePaths of line `i` against a path string (UTF-16 code-unit order, as everywhere). */
function compareToPath(x: Lines, i: number, path: string): number {
  const s = x.pathStart[i]
  if (s < 0) {
    const p = (x.parsed.get(i) as Entry).path
    return p < path ? -1 : p > path ? 1 : 0
  }
  // A usual line's path is printable ASCII: its bytes are its code units.
  const n = x.pathEnd[i] - s
  const m = Math.min(n, path.length)
  for (let k = 0; k < m; k++) {
    const d = x.raw[s + k] - path.charCodeAt(k)
    if (d !== 0) return d
  }
  return n - path.length
}

/**
 * True when `e` (same path as usual line `i`) would be written as exactly that line: a readable file, a
 * directory or a symlink inside the root with the same size, mode and digest or target, and nothing else.
 */
function writtenAs(x: Lines, i: number, e: Entry): boolean {
  if (e.error !== undefined || e.escapes !== undefined || e.unstable !== undefined) return false
  const raw = x.raw
  let p = x.pathEnd[i] + TYPE_OPEN.length
  const typeEnd = raw[p] === 0x66 ? FILE_SIZE : raw[p] === 0x64 ? DIR_SIZE : SYMLINK_SIZE
  if (e.type !== (typeEnd === FILE_SIZE ? 'file' : typeEnd === DIR_SIZE ? 'dir' : 'symlink')) return false
  p = sameNumber(raw, p + typeEnd.length, e.size)
  if (p < 0 || !startsWith(raw, p, MODE)) return false
  p = sameNumber(raw, p + MODE.length, e.mode)
  if (p < 0) return false
  const d = e.digest
  const t = e.target
  if (typeEnd === FILE_SIZE) {
    if (d === undefined || t !== undefined || !startsWith(raw, p, DIGEST)) return false
    p = sameText(raw, p + DIGEST.length, d)
  } else if (typeEnd === SYMLINK_SIZE) {
    if (t === undefined || d !== undefined || !startsWith(raw, p, TARGET)) return false
    p = sameText(raw, p + TARGET.length, t)
  } else if (d !== undefined || t !== undefined) return false
  return p >= 0 && raw[p] === 0x7d && p + 1 === x.lineEnd[i]
}

/** When the bytes at `p` are `s` (its code units) and a closing quote, the offset after it; else -1. */
function sameText(raw: Buffer, p: number, s: string): number {
  for (let k = 0; k < s.length; k++) if (raw[p + k] !== s.charCodeAt(k)) return -1
  return raw[p + s.length] === QUOTE ? p + s.length + 1 : -1
}

/** When the decimal digits at `p` (already checked) spell `v`, the offset after them; otherwise -1. */
function sameNumber(raw: Buffer, p: number, v: number): number {
  let n = 0
  let q = p
  while (raw[q] >= 0x30 && raw[q] <= 0x39) n = n * 10 + raw[q++] - 0x30
  return q > p && n === v ? q : -1
}

/**
 * One manifest's entry lines, all checked. A line of the usual shape keeps only offsets (`pathStart` ≥ 0);
 * any other line was parsed and validated, and its entry is in `parsed` (`pathStart` is -1).
 */
interface Lines {
  raw: Buffer
  header: ManifestHeader
  count: number
  lineStart: Int32Array
  lineEnd: Int32Array
  pathStart: Int32Array
  pathEnd: Int32Array
  /** The base line this line repeats byte for byte (scanManifest's `base`), or -1. */
  repeats: Int32Array
  /** The entries of the lines that are not of the usual shape, by line (a Map: they are few and far apart). */
  parsed: Map<number, Entry>
}

const NL = 0x0a
const COMMA = 0x2c
const QUOTE = 0x22
const SLASH = 0x2f
const DOT = 0x2e
const BACKSLASH = 0x5c
const HEAD_END = Buffer.from(',"entries":[\n')
const TAIL = Buffer.from('\n]}\n')
const PATH_OPEN = LINE.pathOpen
const TYPE_OPEN = LINE.typeOpen
/** What follows `","type":"` up to the size, by type. */
const FILE_SIZE = Buffer.concat([Buffer.from('file'), LINE.sizeOpen])
const DIR_SIZE = Buffer.concat([Buffer.from('dir'), LINE.sizeOpen])
const SYMLINK_SIZE = Buffer.concat([Buffer.from('symlink'), LINE.sizeOpen])
const MODE = LINE.modeOpen
const DIGEST = LINE.digestOpen
const TARGET = LINE.targetOpen
/** Classes of the bytes of a name written without JSON escapes (printable ASCII except `"` and `\`). */
const PLAIN = 0
const BAD_BYTE = 1
const SLASH_BYTE = 2
const QUOTE_BYTE = 3
const TEXT_BYTE = new Uint8Array(256).fill(BAD_BYTE).fill(PLAIN, 0x20, 0x7f)
TEXT_BYTE[SLASH] = SLASH_BYTE
TEXT_BYTE[QUOTE] = QUOTE_BYTE
TEXT_BYTE[BACKSLASH] = BAD_BYTE
/** 1 for the lower-case hex digits a digest may use. */
const HEX = new Uint8Array(256)
for (const c of Buffer.from('0123456789abcdef')) HEX[c] = 1

/**
 * The header of a decompressed manifest in our writer's exact layout, checked by decode's own rules; or
 * undefined when the text has another layout (then only a full decode can tell). The entries are not
 * looked at: quickDiff checks them.
 */
export function quickHeader(raw: Buffer): ManifestHeader | undefined {
  // Non-UTF-8 text is refused by decode; checked once here so unusual lines can be decoded safely later.
  if (!isAscii(raw) && !isUtf8(raw)) return undefined
  const headEnd = raw.indexOf(HEAD_END)
  if (headEnd < 0 || raw.length < headEnd + HEAD_END.length + TAIL.length) return undefined
  if (!raw.subarray(raw.length - TAIL.length).equals(TAIL)) return undefined
  // The header, checked by decode itself on the same document with an empty entry list; then it must be
  // written exactly as our writer writes it, so the split into header and lines cannot be ambiguous.
  let header: ManifestHeader
  try {
    header = decodeManifestText(raw.toString('utf8', 0, headEnd + HEAD_END.length - 1) + ']}\n').header
  } catch {
    return undefined
  }
  const first = headEnd + HEAD_END.length
  if (!Buffer.from(manifestHead(header) + '\n').equals(raw.subarray(0, first))) return undefined
  return header
}

/**
 * Checks one manifest and indexes its lines; undefined when anything is unusual or invalid. With `base`
 * (the other manifest, already checked), a line byte-identical to the base's usual line for the same place
 * is valid without a second check, when both manifests expect digests of one length: that is most lines.
 */
function scanManifest(raw: Buffer, base?: Lines): Lines | undefined {
  const scanner = LineScanner.open(raw, base)
  if (scanner === undefined) return undefined
  while (!scanner.done) if (!scanner.next()) return undefined
  return scanner.lines
}

/** scanManifest one line at a time: `next` checks and indexes the next line. */
class LineScanner {
  readonly lines: Lines
  /** Every line is checked. */
  done = false
  /** A line was not valid or not ours: only a full decode can answer. */
  failed = false
  private pos: number
  private readonly end: number
  readonly digestLength: number
  private readonly base: Lines | undefined
  /** The base line for the current line's place: the first with a path not before it. */
  private k = 0

  private constructor(raw: Buffer, header: ManifestHeader, base: Lines | undefined) {
    const first = raw.indexOf(HEAD_END) + HEAD_END.length
    this.end = raw.length - TAIL.length
    this.digestLength = DIGEST_HEX_LENGTH[header.algorithm]
    const cap = expectedLines(raw, first, this.end)
    this.lines = {
      raw,
      header,
      count: 0,
      lineStart: new Int32Array(cap),
      lineEnd: new Int32Array(cap),
      pathStart: new Int32Array(cap),
      pathEnd: new Int32Array(cap),
      repeats: new Int32Array(cap).fill(-1),
      parsed: new Map(),
    }
    this.base =
      base !== undefined && DIGEST_HEX_LENGTH[base.header.algorithm] === this.digestLength ? base : undefined
    this.pos = first
  }

  /** Undefined when the text is not in our layout (quickHeader); `header` skips that check when known. */
  static open(
    raw: Buffer,
    base?: Lines,
    header: ManifestHeader | undefined = quickHeader(raw),
  ): LineScanner | undefined {
    return header === undefined ? undefined : new LineScanner(raw, header, base)
  }

  /** Checks the next line; false when there is none (`done`) or it is not valid (`failed`). */
  next(): boolean {
    if (this.done || this.failed) return false
    const { lines, base, end, pos } = this
    const raw = lines.raw
    const n = lines.count
    if (n >= lines.lineStart.length) this.grow()
    let stop = base ? sameAsBase(raw, pos, end, base, this.k) : -1
    const repeated = stop >= 0
    let pathStart = pos + PATH_OPEN.length
    let pathEnd: number
    if (repeated) pathEnd = pos + (base!.pathEnd[this.k] - base!.lineStart[this.k])
    else if ((stop = usualLine(raw, pos, end, this.digestLength)) >= 0) pathEnd = usualPathEnd
    else {
      // Not the usual shape: the line alone is one JSON value (a string cannot hold a raw newline).
      const nl = raw.indexOf(NL, pos)
      stop = nl < 0 || nl > end ? end : nl
      if (stop < end) {
        if (raw[stop - 1] !== COMMA) return this.fail()
        stop--
      }
      try {
        const e = entryFromParsed(JSON.parse(raw.toString('utf8', pos, stop)), n, lines.header.algorithm)
        lines.parsed.set(n, e)
      } catch {
        return this.fail()
      }
      pathStart = -1
      pathEnd = -1
    }
    if (!this.record(pos, stop, pathStart, pathEnd)) return false
    // Base lines are strictly sorted, so after a repeated line the next one is already the right place.
    if (repeated) lines.repeats[n] = this.k++
    else if (base) while (this.k < base.count && comparePaths(base, this.k, lines, n) <= 0) this.k++
    if (stop === end) {
      this.done = true
      return true
    }
    if (raw[stop] !== COMMA || stop + 1 >= end || raw[stop + 1] !== NL) return this.fail()
    this.pos = stop + 2
    if (repeated) this.repeatRun()
    return true
  }

  /**
   * After a line that repeats its base line, the next lines very likely repeat the base's next lines
   * too (two manifests of one tree differ in a few places). The longest stretch of equal bytes is found
   * with native compares, and every whole base line inside it, with the `,\n` after it, is indexed at
   * once: the same result as checking those lines one by one with sameAsBase (each is a usual line of
   * the base, so valid, and the base's order holds between them and after the line just checked).
   */
  private repeatRun(): void {
    const base = this.base!
    const lines = this.lines
    const k0 = this.k
    if (k0 >= base.count || base.pathStart[k0] < 0) return
    const delta = this.pos - base.lineStart[k0]
    const matchEnd =
      base.lineStart[k0] + equalLength(lines.raw, this.pos, this.end, base.raw, base.lineStart[k0])
    let n = lines.count
    let k = k0
    // The base's last line is left to next(): after it comes the end of the text, not `,\n`.
    while (
      k + 1 < base.count &&
      n < lines.lineStart.length &&
      base.pathStart[k] >= 0 &&
      base.lineEnd[k] + 2 <= matchEnd &&
      base.lineEnd[k] + delta + 2 <= this.end
    ) {
      lines.lineStart[n] = base.lineStart[k] + delta
      lines.lineEnd[n] = base.lineEnd[k] + delta
      lines.pathStart[n] = base.pathStart[k] + delta
      lines.pathEnd[n] = base.pathEnd[k] + delta
      lines.repeats[n] = k
      n++
      k++
    }
    if (k === k0) return
    lines.count = n
    this.k = k
    this.pos = lines.lineEnd[n - 1] + 2
  }

  /**
   * Indexes the next line when its bytes are exactly `line`, a line of the usual shape that our writer
   * has just written (so valid; `pathLength`: its path's length, all ASCII) and it is followed by `,\n` or
   * the end. False, with nothing changed, otherwise: then `next` checks the line the usual way.
   */
  nextRepeating(line: Buffer, pathLength: number): boolean {
    if (this.done || this.failed) return false
    const { lines, end, pos } = this
    const raw = lines.raw
    const n = lines.count
    const stop = pos + line.length
    if (stop > end) return false
    if (n >= lines.lineStart.length) this.grow()
    if (stop < end && (raw[stop] !== COMMA || stop + 1 >= end || raw[stop + 1] !== NL)) return false
    if (line.compare(raw, pos, stop) !== 0) return false
    // EntryComparer only asks after the line before was found to come before this entry, but record
    // checks the order of every line this scanner indexes, whoever asks.
    if (!this.record(pos, stop, pos + PATH_OPEN.length, pos + PATH_OPEN.length + pathLength)) return false
    if (stop === end) this.done = true
    else this.pos = stop + 2
    return true
  }

  /**
   * Indexes line `count` at [pos, stop) (`pathStart` -1: a parsed line, its entry in `parsed`); false, and
   * failed, when its path does not come after the line before.
   */
  private record(pos: number, stop: number, pathStart: number, pathEnd: number): boolean {
    const lines = this.lines
    const n = lines.count
    lines.lineStart[n] = pos
    lines.lineEnd[n] = stop
    lines.pathStart[n] = pathStart
    lines.pathEnd[n] = pathEnd
    lines.count = n + 1
    return n === 0 || comparePaths(lines, n - 1, lines, n) < 0 || this.fail()
  }

  /** Room for more lines: the index arrays grow by half. */
  private grow(): void {
    const l = this.lines
    const cap = l.lineStart.length + (l.lineStart.length >> 1) + 16
    l.lineStart = grown(l.lineStart, cap)
    l.lineEnd = grown(l.lineEnd, cap)
    l.pathStart = grown(l.pathStart, cap)
    l.pathEnd = grown(l.pathEnd, cap)
    l.repeats = grown(l.repeats, cap).fill(-1, l.repeats.length)
  }

  private fail(): false {
    this.failed = true
    return false
  }
}

/**
 * How many lines the entries between `first` and `end` will make, from the line length in their first
 * 64 KiB, with a little to spare. Counting every newline took 100k native calls per manifest, and arrays
 * sized from the byte length were ~9 MB each for 100k entries; a wrong guess only costs a grow().
 */
function expectedLines(raw: Buffer, first: number, end: number): number {
  const sampleEnd = Math.min(end, first + 65536)
  let lines = 0
  for (let i = raw.indexOf(NL, first); i >= 0 && i < sampleEnd; i = raw.indexOf(NL, i + 1)) lines++
  if (lines === 0) return 16
  return Math.ceil(((end - first) / (sampleEnd - first)) * lines * 1.02) + 16
}

function grown(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap)
  b.set(a)
  return b
}

/**
 * When the line at `pos` is exactly `{"path":"P","type":"file","size":S,"mode":M,"digest":"D"}`,
 * `{"path":"P","type":"dir","size":S,"mode":M}` or `{"path":"P","type":"symlink","size":S,"mode":M,
 * "target":"T"}` with values decode accepts as they are (P printable ASCII without escapes and a valid
 * relative path, S a safe integer, M at most 4095, D lower-case hex of the algorithm's length, T non-empty
 * printable ASCII without escapes), the offset just after its `}`, and `usualPathEnd` is where P ends;
 * otherwise -1.
 */
function usualLine(raw: Buffer, pos: number, end: number, digestLength: number): number {
  if (!startsWith(raw, pos, PATH_OPEN)) return -1
  let p = pos + PATH_OPEN.length
  const pathStart = p
  let segStart = p
  for (; p < end; p++) {
    const k = TEXT_BYTE[raw[p]]
    if (k === PLAIN) continue
    if (k === QUOTE_BYTE) break
    if (k === BAD_BYTE || badSegment(raw, segStart, p)) return -1
    segStart = p + 1 // a slash
  }
  if (p === pathStart || p >= end || badSegment(raw, segStart, p)) return -1
  const pathEnd = p
  if (!startsWith(raw, p, TYPE_OPEN)) return -1
  p += TYPE_OPEN.length
  const type = raw[p]
  const typeEnd =
    type === 0x66 ? FILE_SIZE : type === 0x64 ? DIR_SIZE : type === 0x73 ? SYMLINK_SIZE : undefined
  if (typeEnd === undefined || !startsWith(raw, p, typeEnd)) return -1
  p += typeEnd.length
  const sizeEnd = digitsEnd(raw, p, end, 15)
  if (sizeEnd < 0 || !startsWith(raw, sizeEnd, MODE)) return -1
  p = sizeEnd + MODE.length
  const modeEnd = digitsEnd(raw, p, end, 4)
  if (modeEnd < 0) return -1
  let mode = 0
  for (let k = p; k < modeEnd; k++) mode = mode * 10 + raw[k] - 0x30
  if (mode > 0o7777) return -1
  p = modeEnd
  if (typeEnd === FILE_SIZE) {
    if (!startsWith(raw, p, DIGEST)) return -1
    p += DIGEST.length
    const digestEnd = p + digestLength
    if (digestEnd + 2 > end) return -1
    for (; p < digestEnd; p++) if (HEX[raw[p]] === 0) return -1
    if (raw[p] !== QUOTE) return -1
    p++
  } else if (typeEnd === SYMLINK_SIZE) {
    if (!startsWith(raw, p, TARGET)) return -1
    p += TARGET.length
    const targetStart = p
    while (p < end && TEXT_BYTE[raw[p]] !== QUOTE_BYTE) if (TEXT_BYTE[raw[p++]] === BAD_BYTE) return -1
    if (p === targetStart || p >= end) return -1
    p++
  }
  if (raw[p] !== 0x7d || p >= end) return -1
  usualPathEnd = pathEnd
  return p + 1
}

/** Where the path of the line usualLine accepted last ends. */
let usualPathEnd = -1

/**
 * When the bytes at `pos` repeat base line `k` (a usual line, so already checked) and end where a line
 * ends, the offset just after them; otherwise -1.
 */
function sameAsBase(raw: Buffer, pos: number, end: number, base: Lines, k: number): number {
  if (k >= base.count || base.pathStart[k] < 0) return -1
  const s = base.lineStart[k]
  const stop = pos + base.lineEnd[k] - s
  if (stop > end || (stop < end && raw[stop] !== COMMA)) return -1
  return sameBytes(raw, pos, base.raw, s, stop - pos) ? stop : -1
}

/**
 * How many bytes from `xs` in `x` (up to `xEnd`) equal those from `ys` in `y`, found with Buffer#compare
 * on doubling lengths and then halving ones; exact to within MATCH_SLACK bytes, never more than the truth.
 */
function equalLength(x: Buffer, xs: number, xEnd: number, y: Buffer, ys: number): number {
  const max = Math.min(xEnd - xs, y.length - ys)
  const same = (from: number, to: number) => x.compare(y, ys + from, ys + to, xs + from, xs + to) === 0
  let lo = 0
  let step = 4096
  while (lo < max) {
    const hi = Math.min(lo + step, max)
    if (same(lo, hi)) {
      lo = hi
      step *= 2
      continue
    }
    // The first difference lies in [lo, hi): narrow it down by halves.
    let top = hi
    while (top - lo > MATCH_SLACK) {
      const mid = (lo + top) >> 1
      if (same(lo, mid)) lo = mid
      else top = mid
    }
    return lo
  }
  return lo
}

/** equalLength's precision: lines around a difference are compared one by one anyway. */
const MATCH_SLACK = 256

/** Byte equality of two ranges; a plain loop beats Buffer#compare's argument checks on ~100-byte lines. */
function sameBytes(x: Buffer, xs: number, y: Buffer, ys: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (x[xs + k] !== y[ys + k]) return false
  return true
}

/** True for an empty, `.` or `..` segment between `s` and `e`. */
function badSegment(raw: Buffer, s: number, e: number): boolean {
  const n = e - s
  return n === 0 || (raw[s] === DOT && (n === 1 || (n === 2 && raw[s + 1] === DOT)))
}

/** End of a JSON integer of 1…`max` digits without a leading zero at `p`, or -1. */
function digitsEnd(raw: Buffer, p: number, end: number, max: number): number {
  let q = p
  while (q < end && q - p <= max && raw[q] >= 0x30 && raw[q] <= 0x39) q++
  const n = q - p
  if (n === 0 || n > max || (n > 1 && raw[p] === 0x30)) return -1
  return q
}

function startsWith(raw: Buffer, pos: number, lit: Buffer): boolean {
  if (pos + lit.length > raw.length) return false
  for (let k = 0; k < lit.length; k++) if (raw[pos + k] !== lit[k]) return false
  return true
}

/** Path order as decode and diff use it (UTF-16 code units): on the bytes when both are usual lines. */
function comparePaths(x: Lines, i: number, y: Lines, j: number): number {
  const xs = x.pathStart[i]
  const ys = y.pathStart[j]
  if (xs >= 0 && ys >= 0) {
    // Printable ASCII: byte order is code-unit order.
    const xe = x.pathEnd[i]
    const ye = y.pathEnd[j]
    const xr = x.raw
    const yr = y.raw
    const n = Math.min(xe - xs, ye - ys)
    for (let k = 0; k < n; k++) {
      const d = xr[xs + k] - yr[ys + k]
      if (d !== 0) return d
    }
    return xe - xs - (ye - ys)
  }
  const p = pathAt(x, i)
  const q = pathAt(y, j)
  return p < q ? -1 : p > q ? 1 : 0
}

function pathAt(x: Lines, i: number): string {
  const s = x.pathStart[i]
  return s >= 0 ? x.raw.toString('latin1', s, x.pathEnd[i]) : (x.parsed.get(i) as Entry).path
}

function sameLine(x: Lines, i: number, y: Lines, j: number): boolean {
  const n = x.lineEnd[i] - x.lineStart[i]
  return n === y.lineEnd[j] - y.lineStart[j] && sameBytes(x.raw, x.lineStart[i], y.raw, y.lineStart[j], n)
}

/** The entry decode would give for line `i`: a usual line is parsed now (it is ASCII, checked above). */
function entryAt(x: Lines, i: number): Entry {
  if (x.pathStart[i] < 0) return x.parsed.get(i) as Entry
  return JSON.parse(x.raw.toString('latin1', x.lineStart[i], x.lineEnd[i])) as Entry
}
