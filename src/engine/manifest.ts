/**
 * The baseline manifest, format v1: gzip-compressed JSON, byte-identical for the same header and entries,
 * validated field by field on load. The schema is documented in docs/manifest.md; keep the two in step.
 *
 * A bad baseline is never read as an empty one: every problem throws a ManifestError whose `code` says
 * what kind of problem it is and whose message says where (field, entry index, path).
 */
import { isAscii } from 'node:buffer'
import { createHmac, type Hmac } from 'node:crypto'
import { promisify } from 'node:util'
import {
  constants as zlibConstants,
  crc32,
  deflateRaw,
  deflateRawSync,
  gunzip,
  gunzipSync,
  type ZlibOptions,
} from 'node:zlib'
import { bytesFromKey, displayPath, isRawKey, keyFromBytes } from './paths.js'
import { sign, SIGNATURE_ALG, verify } from './signature.js'
import {
  ALGORITHMS,
  MANIFEST_FORMAT,
  MANIFEST_VERSION,
  type Algorithm,
  type Entry,
  type EntryType,
  type Manifest,
  type ManifestHeader,
  type Provenance,
} from './types.js'

/** What went wrong with a manifest; stable strings for callers and tests. */
export type ManifestErrorCode =
  | 'not-gzip'
  | 'truncated'
  | 'corrupt'
  | 'too-large'
  | 'not-json'
  | 'foreign'
  | 'future-version'
  | 'schema'
  | 'algorithm'
  | 'unsorted'
  | 'duplicate'
  | 'signature-missing'
  | 'signature-unexpected'
  | 'signature-mismatch'
  | 'key-empty'
  | 'gate-mismatch'

/** The only error encodeManifest/decodeManifest throw for bad input. */
export class ManifestError extends Error {
  /** Short machine-readable kind of problem, e.g. `truncated`, `schema`, `signature-mismatch`. */
  readonly code: ManifestErrorCode

  constructor(code: ManifestErrorCode, message: string) {
    super(message)
    this.name = 'ManifestError'
    this.code = code
  }
}

/** Hex length of a digest per algorithm: a digest of any other length is corrupt or from another algorithm. */
export const DIGEST_HEX_LENGTH: Readonly<Record<Algorithm, number>> = {
  sha256: 64,
  sha512: 128,
  sha1: 40,
  blake2b512: 128,
  md5: 32,
}

/**
 * Largest decompressed manifest accepted (256 MiB, roughly a million entries). The cap stops a small
 * hostile file (a gzip bomb) from exhausting memory; V8 strings cannot be much larger anyway.
 */
export const MAX_MANIFEST_BYTES = 256 * 1024 * 1024

export interface EncodeOptions {
  /** HMAC-SHA256 key; when given, the manifest is signed. */
  key?: Buffer
}

export interface DecodeOptions {
  /** HMAC key; when given the manifest must carry a valid signature, when absent it must carry none. */
  key?: Buffer
  /** Refuse a manifest whose header names another gate. */
  expectGate?: string
  /** Decompressed size cap in bytes (default MAX_MANIFEST_BYTES). */
  maxBytes?: number
}

/**
 * Fixed zlib settings: the same input then gives the same bytes with the same zlib build. zlib writes a
 * zero mtime and no file name; the OS byte is platform-dependent, so it is overwritten below.
 * Level 1: on a 100k-entry manifest (15 MB of JSON) it compresses 3× faster than level 6 for a file
 * about 6% larger, and the gzip ran after the scan, on the critical path. Any level decodes the same.
 * Window 8 KiB (windowBits 13): a manifest's repeats are near (key names, shared path prefixes) and its
 * digests do not repeat at all, so the default 32 KiB window only costs time: on the kernel manifest
 * (13 MB) 13 bits deflate in 98 ms instead of 123 ms and give a 2% smaller file. Any inflater with the
 * standard 32 KiB window reads a stream made with a smaller one.
 */
const GZIP_OPTIONS = {
  level: 1,
  windowBits: 13,
  memLevel: 8,
  strategy: zlibConstants.Z_DEFAULT_STRATEGY,
}
/**
 * The gzip header (RFC 1952): deflate, no flags, mtime 0, XFL 4 (fastest level), OS 255 ("unknown",
 * because zlib's own OS byte depends on the platform).
 */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 255])

const ENTRY_TYPES: readonly EntryType[] = [
  'file',
  'dir',
  'symlink',
  'fifo',
  'socket',
  'block',
  'char',
  'unknown',
]
const HEADER_KEYS = [
  'format',
  'version',
  'tool',
  'algorithm',
  'include',
  'exclude',
  'createdAt',
  'gate',
  'provenance',
]
const PROVENANCE_KEYS = ['commit', 'ref', 'repository', 'runId', 'runAttempt'] as const
const ENTRY_KEYS = ['path', 'type', 'size', 'mode', 'digest', 'target', 'escapes', 'error', 'unstable']
const JSON_ENTRY_KEYS = new Set([
  'path',
  'pathBase64',
  'type',
  'size',
  'mode',
  'digest',
  'target',
  'targetBase64',
  'escapes',
  'error',
  'unstable',
])
const TOP_KEYS = new Set(['header', 'entries', 'signature'])
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/

/**
 * Serialises, signs (when a key is given) and compresses a manifest. Entries are sorted by path key and
 * every field is validated first, so this never writes a file decodeManifest would refuse.
 */
export function encodeManifest(m: Manifest, opts: EncodeOptions = {}): Buffer {
  const { header, entries } = normalize(m)
  const gz = new GzipWriter(false, macFor(opts))
  gz.write(bodyStart(header))
  for (let i = 0; i < entries.length; i++) gz.writeEntry(i === 0 ? '\n' : ',\n', entries[i])
  gz.write(bodyEnd(entries.length))
  return gz.finishSync(signatureTail(gz))
}

function macFor(opts: EncodeOptions): Hmac | undefined {
  if (opts.key === undefined) return undefined
  signWith(Buffer.alloc(0), opts.key) // refuses an empty key before any work
  return createHmac('sha256', opts.key)
}

/**
 * The end of the file after the body pieces: `}\n`, with the signature in front of it when signing.
 * The HMAC covers the unsigned file, `}\n` included (what canonicalBytes returns).
 */
function signatureTail(gz: GzipWriter): string {
  const mac = gz.stopMac()
  if (mac === undefined) return '}\n'
  mac.update('}\n', 'utf8')
  return `,"signature":{"alg":"${SIGNATURE_ALG}","value":"${mac.digest('hex')}"}}\n`
}

/** Uncompressed bytes per chunk. */
const CHUNK_BYTES = 1 << 20
/** Chunks compressing on the thread pool at once before a writer asks its feeder to wait. */
const MAX_IN_FLIGHT = 3
/**
 * Writes a gzip file (RFC 1952, one member) whose deflate stream is made of independently compressed
 * chunks, each ended by a full flush, then an empty final block (the way pigz builds its output). Text
 * goes straight into a chunk buffer (reused once its compression is done), so no 15 MB string or copy
 * of it exists. A chunk is cut before a piece that might not fit: the bytes
 * depend only on the pieces, so equal input gives byte-identical output; any gzip reader decodes it.
 */
class GzipWriter {
  private readonly parts: (Buffer | Promise<Buffer>)[] = [GZIP_HEADER]
  private buf: Buffer = Buffer.allocUnsafe(CHUNK_BYTES)
  private len = 0
  /** Where writeEntry put its last line in `buf`, when it was a usual line (see lastLine); else -1. */
  private lineStart = -1
  private lineEnd = -1
  /**
   * CRC-32 and length of the text so far. In a typed array, not two number fields: the first CRC above
   * 2^30 turned a small-integer field into a double, which changed the writer's shape mid-scan and threw
   * away V8's optimised code for everything that writes entries.
   */
  private readonly sums = new Float64Array(2)
  /** Chunk buffers whose compression finished, for reuse (fresh memory is costly on these VMs). */
  private readonly spare: Buffer[] = []
  /** Compressions not finished yet. */
  private readonly inFlight = new Set<Promise<unknown>>()

  /**
   * @param pooled compress on the thread pool (then end with finish) instead of inline
   * @param mac HMAC updated with every byte written until stopMac
   */
  constructor(
    private readonly pooled: boolean,
    private mac: Hmac | undefined,
  ) {}

  write(text: string): void {
    // A UTF-16 unit is at most 3 UTF-8 bytes.
    if (this.len + text.length * 3 > CHUNK_BYTES) {
      this.flush()
      if (text.length * 3 > CHUNK_BYTES) {
        this.compress(Buffer.from(text, 'utf8'))
        return
      }
    }
    this.len += this.buf.write(text, this.len)
  }

  /**
   * Writes `sep` and entryLine(e) (same bytes) straight into the chunk buffer, without building the
   * line as a string: the usual entry (text path needing no escape; a file or a directory) then leaves
   * no garbage, and churning V8's young generation during the encode cost ~40 MB of peak RSS.
   */
  writeEntry(sep: string, e: Entry): void {
    const path = e.path
    this.lineEnd = -1
    if (
      e.target !== undefined ||
      e.error !== undefined ||
      e.escapes !== undefined ||
      e.unstable !== undefined ||
      isRawKey(path)
    ) {
      this.write(sep + entryLine(e))
      return
    }
    const room = path.length * 3 + (e.digest?.length ?? 0) + 96
    if (room > CHUNK_BYTES) {
      // Longer than a chunk could ever hold: the general writer compresses it on its own.
      this.write(sep + entryLine(e))
      return
    }
    if (this.len + room > CHUNK_BYTES) this.flush()
    // The short fixed pieces are copied byte by byte: Buffer#write's argument handling cost more than
    // the copy itself. The path and the digest are copied natively and checked as bytes: a charCodeAt
    // loop over them cost several ns per character on Node 24.
    const b = this.buf
    let n = putBytes(b, this.len, sep === '\n' ? NL : COMMA_NL)
    n = putBytes(b, n, PATH_OPEN)
    const written = b.write(path, n, 'utf8')
    // One byte per character: all ASCII.
    const ascii = written === path.length
    if (ascii ? !plainJsonBytes(b, n, n + written) : NEEDS_JSON_ESCAPE.test(path)) {
      // Needs JSON escaping: the general writer (nothing was committed yet).
      this.write(sep + entryLine(e))
      return
    }
    n += written
    n = putBytes(b, n, TYPE_OPEN)
    n = putAscii(b, n, e.type)
    n = putBytes(b, n, SIZE_OPEN)
    n = writeDecimal(b, n, e.size)
    n = putBytes(b, n, MODE_OPEN)
    n = writeDecimal(b, n, e.mode)
    if (e.digest !== undefined) {
      n = putBytes(b, n, DIGEST_OPEN)
      // Checked as lower-case hex (ASCII) before: latin1 writes it byte for byte.
      n += b.write(e.digest, n, 'latin1')
      b[n++] = 0x22 // "
    }
    b[n++] = 0x7d // }
    if (ascii && (e.type === 'file' || e.type === 'dir')) {
      this.lineStart = this.len + (sep === '\n' ? NL.length : COMMA_NL.length)
      this.lineEnd = n
    }
    this.len = n
  }

  /**
   * The bytes of the line the last writeEntry wrote, when it was a file or directory with an ASCII path
   * written by the fast path above; undefined otherwise. A view into the chunk buffer, valid
   * until the next write.
   */
  lastLine(): Buffer | undefined {
    return this.lineEnd < 0 ? undefined : this.buf.subarray(this.lineStart, this.lineEnd)
  }

  /**
   * When MAX_IN_FLIGHT chunks are compressing: a promise settled when one of them is done (the caller
   * should wait for it before writing more); otherwise undefined.
   */
  backlog(): Promise<void> | undefined {
    if (this.inFlight.size < MAX_IN_FLIGHT) return undefined
    return Promise.race(this.inFlight).then(() => undefined)
  }

  /** Flushes what the HMAC must cover and hands the HMAC back; later writes are not covered. */
  stopMac(): Hmac | undefined {
    this.flush()
    const mac = this.mac
    this.mac = undefined
    return mac
  }

  finishSync(last: string): Buffer {
    this.write(last)
    this.flush()
    return Buffer.concat([...(this.parts as Buffer[]), ...this.end()])
  }

  /** Leaves the chunks in flight to finish unobserved (their results are dropped). */
  abandon(): void {
    for (const p of this.parts) if (p instanceof Promise) p.catch(() => {})
  }

  async finish(last: string): Promise<Buffer> {
    this.write(last)
    this.flush()
    return Buffer.concat([...(await Promise.all(this.parts)), ...this.end()])
  }

  private flush(): void {
    if (this.len === 0) return
    const chunk = this.buf.subarray(0, this.len)
    // A chunk on the thread pool keeps its buffer until compressed: write on into a fresh one.
    if (this.compress(chunk)) this.buf = this.spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES)
    this.len = 0
  }

  /** Compresses one chunk; true when it went to the thread pool (its memory is still in use). */
  private compress(chunk: Buffer): boolean {
    this.mac?.update(chunk)
    this.sums[0] = crc32(chunk, this.sums[0])
    this.sums[1] += chunk.length
    if (!this.pooled) {
      this.parts.push(deflateRawSync(chunk, CHUNK_ZLIB))
      return false
    }
    const done = deflateRawAsync(chunk, CHUNK_ZLIB)
    const whole = this.buf
    const release = (): void => {
      this.inFlight.delete(settled)
      if (chunk.buffer === whole.buffer) this.spare.push(whole)
    }
    const settled: Promise<void> = done.then(release, release)
    this.inFlight.add(settled)
    this.parts.push(done)
    return true
  }

  /** An empty final block, then CRC-32 and length mod 2^32 of the uncompressed text. */
  private end(): Buffer[] {
    const trailer = Buffer.alloc(8)
    trailer.writeUInt32LE(this.sums[0] >>> 0, 0)
    trailer.writeUInt32LE(this.sums[1] % 2 ** 32, 4)
    return [
      deflateRawSync(Buffer.alloc(0), { ...GZIP_OPTIONS, finishFlush: zlibConstants.Z_FINISH }),
      trailer,
    ]
  }
}

/**
 * Each chunk ends on a byte boundary with a full flush, so chunks can simply be concatenated. Output in
 * one 512 KiB piece (a 1 MiB chunk of manifest text deflates to ~280 KB) instead of zlib's default 16 KiB:
 * on the thread pool every piece is a round trip through the main thread (kernel manifest: 175 → 140 ms
 * of CPU; the same bytes).
 */
const CHUNK_ZLIB = { ...GZIP_OPTIONS, finishFlush: zlibConstants.Z_FULL_FLUSH, chunkSize: 1 << 19 }
const deflateRawAsync = promisify(deflateRaw) as (buf: Buffer, o: ZlibOptions) => Promise<Buffer>

/**
 * The bytes the signature covers: exactly the decompressed file encodeManifest writes without a key
 * (`{"header":…,"entries":[…]}` plus a newline). Decoding recomputes them from the validated content, so
 * any change to a header field or an entry invalidates the signature.
 */
export function canonicalBytes(m: Manifest): Buffer {
  const { header, entries } = normalize(m)
  return Buffer.from(serialize(header, entries), 'utf8')
}

/** Decompresses, parses and validates a manifest (and its signature). Throws ManifestError on any problem. */
export function decodeManifest(bytes: Buffer, opts: DecodeOptions = {}): Manifest {
  return decodeInflated(inflateManifest(bytes, opts.maxBytes), opts)
}

/**
 * The first half of decodeManifest: checks the gzip magic and decompresses (capped at `maxBytes`), with
 * the same errors. Split out so `diff` can look at the text before deciding how to parse it.
 */
export function inflateManifest(bytes: Buffer, maxBytes = MAX_MANIFEST_BYTES): Buffer {
  checkGzipMagic(bytes)
  try {
    return gunzipSync(bytes, inflateOptions(bytes, maxBytes))
  } catch (e) {
    throw gunzipError(e, maxBytes)
  }
}

/** inflateManifest on libuv's thread pool, so the main thread can work on something else meanwhile. */
export async function inflateManifestAsync(bytes: Buffer, maxBytes = MAX_MANIFEST_BYTES): Promise<Buffer> {
  checkGzipMagic(bytes)
  try {
    return await gunzipAsync(bytes, inflateOptions(bytes, maxBytes))
  } catch (e) {
    throw gunzipError(e, maxBytes)
  }
}

const gunzipAsync = promisify(gunzip) as (buf: Buffer, o: ZlibOptions) => Promise<Buffer>

/**
 * zlib's output chunk sized from the gzip trailer's ISIZE (the text's length mod 2^32), so the text comes
 * out in one buffer: the default 16 KiB chunks and their final concatenation cost 40% of the inflate. The
 * trailer is untrusted, so it is only a hint, bounded by what deflate can expand to (1032:1), the size cap
 * and 64 MiB; `maxOutputLength` still enforces the cap.
 */
function inflateOptions(bytes: Buffer, maxBytes: number): ZlibOptions {
  const hint = bytes.length >= 18 ? bytes.readUInt32LE(bytes.length - 4) + 1 : 0
  const chunkSize = Math.max(
    zlibConstants.Z_DEFAULT_CHUNK,
    Math.min(hint, bytes.length * 1032, maxBytes + 1, 64 * 1024 * 1024),
  )
  return { maxOutputLength: maxBytes, chunkSize }
}

/** The second half of decodeManifest: parses and validates the decompressed text (`maxBytes` is unused). */
export function decodeInflated(raw: Buffer, opts: DecodeOptions = {}): Manifest {
  if (raw.length > SHAPE_CHECK_FROM) checkShape(raw)
  return decodeText(textOf(raw), opts)
}

/**
 * Texts up to this size skip checkShape: the worst they can build is a few hundred MB for a moment, and the
 * scan costs ~2 ms per MB (a sixth of JSON.parse), which the usual manifest need not pay.
 */
const SHAPE_CHECK_FROM = 4 * 1024 * 1024

/** Deepest nesting accepted; a valid manifest nests 3 deep (top → header → provenance, top → entries → entry). */
const MAX_DEPTH = 16

/**
 * Refuses JSON shapes that JSON.parse would turn into far more memory than the text's size, before it
 * builds them: under the size cap a 260 KB gzip of 134M nested `[` ran V8 out of heap (a fatal crash, not a
 * refusal), and 85M `{}` in the entries took minutes and gigabytes. A valid manifest nests 3 deep and has
 * one object per entry of at least 43 bytes plus a few fixed ones, so both limits leave valid files alone.
 * Scans bytes: in UTF-8 a multi-byte character never contains `"`, `\`, brackets or braces.
 */
function checkShape(raw: Buffer): void {
  let depth = 0
  let containers = 0
  const n = raw.length
  for (let i = 0; i < n; i++) {
    const c = raw[i]
    if (c === 0x22) {
      // Skip the string: to the next `"` not escaped by a backslash.
      for (i++; i < n; i++) {
        const d = raw[i]
        if (d === 0x5c) i++
        else if (d === 0x22) break
      }
    } else if (c === 0x7b || c === 0x5b) {
      containers++
      if (++depth > MAX_DEPTH) {
        throw schema(`the JSON nests deeper than ${MAX_DEPTH} levels (a manifest nests 3)`)
      }
    } else if (c === 0x7d || c === 0x5d) depth--
  }
  if (containers > 64 + n / 32) {
    throw schema(
      `the JSON holds ${containers} objects or arrays in ${n} bytes, far more than a manifest of that size`,
    )
  }
}

/**
 * Parses and validates a small manifest text whose entry list is empty (diff's fast path checks the
 * header this way, with decode's own rules and errors). Throws ManifestError.
 */
export function decodeManifestText(text: string): Manifest {
  return decodeText(text, {})
}

/** The canonical text before the first entry line: `{"header":…,"entries":[` (no newline). */
export function manifestHead(header: ManifestHeader): string {
  return bodyStart(header)
}

/**
 * One parsed entry object checked by decode's rules (`index` is its position, for messages); returns the
 * entry decode would keep, or throws the ManifestError decode would throw for it.
 */
export function entryFromParsed(x: unknown, index: number, algorithm: Algorithm): Entry {
  return quickEntry(x, DIGEST_HEX_LENGTH[algorithm]) ?? entryFromJson(x, index, algorithm)
}

function decodeText(text: string, opts: DecodeOptions): Manifest {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (e) {
    throw new ManifestError(
      'not-json',
      `The baseline is not valid JSON after decompression: ${(e as Error).message}`,
    )
  }
  const top = checkIdentity(doc)
  for (const k of Object.keys(top)) {
    if (!TOP_KEYS.has(k)) throw schema(`unknown top-level field ${JSON.stringify(k)}`)
  }
  const header = headerFromJson(top.header)
  if (!Object.hasOwn(top, 'entries') || !Array.isArray(top.entries))
    throw schema('"entries" must be an array')
  const list: unknown[] = top.entries
  const digestLength = DIGEST_HEX_LENGTH[header.algorithm]
  const entries: Entry[] = new Array(list.length)
  for (let i = 0; i < list.length; i++) {
    // The two common shapes (a readable file, a directory) are checked in place and the parsed object
    // kept as the entry; everything else, and every error, goes through entryFromJson.
    entries[i] = quickEntry(list[i], digestLength) ?? entryFromJson(list[i], i, header.algorithm)
    if (i > 0) checkOrder(entries[i - 1], entries[i], i)
  }
  const manifest: Manifest = { header, entries }
  checkSignature(top, manifest, opts.key)
  if (opts.expectGate !== undefined) checkGate(header, opts.expectGate)
  return manifest
}

/** Refuses a manifest whose header names another gate (decode's `expectGate`). */
export function checkGate(header: ManifestHeader, expected: string): void {
  if (header.gate !== expected) {
    throw new ManifestError(
      'gate-mismatch',
      `The baseline belongs to gate ${JSON.stringify(header.gate)}, not ${JSON.stringify(expected)}.`,
    )
  }
}

function checkGzipMagic(bytes: Buffer): void {
  if (!Buffer.isBuffer(bytes) || bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    const hint =
      Buffer.isBuffer(bytes) && bytes.length > 0 && bytes[0] === 0x7b ? ' (it looks like plain JSON)' : ''
    throw new ManifestError(
      'not-gzip',
      `The baseline is not gzip data${hint}: a manifest is gzip-compressed JSON.`,
    )
  }
}

function gunzipError(e: unknown, maxBytes: number): ManifestError {
  const err = e as NodeJS.ErrnoException
  if (err.code === 'ERR_BUFFER_TOO_LARGE') {
    return new ManifestError(
      'too-large',
      `The baseline decompresses to more than ${maxBytes} bytes; refusing it.`,
    )
  }
  if (err.code === 'Z_BUF_ERROR') {
    return new ManifestError(
      'truncated',
      `The baseline is truncated: the gzip stream ends early (${err.message}).`,
    )
  }
  return new ManifestError('corrupt', `The baseline's gzip data is corrupt: ${err.message}.`)
}

function textOf(raw: Buffer): string {
  // Manifests are mostly ASCII: then latin1 is an exact and much cheaper decode than UTF-8.
  if (isAscii(raw)) return raw.toString('latin1')
  try {
    // ignoreBOM keeps a leading byte-order mark in the text, where JSON.parse refuses it: our writer never
    // writes one, and a reader that silently skipped it would accept a file that is not what we wrote.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw)
  } catch {
    throw new ManifestError(
      'not-json',
      'The baseline is not valid UTF-8 after decompression, so it is not our JSON.',
    )
  }
}

/** Tells "not ours" and "newer than us" apart from "ours but broken", each with its own code. */
function checkIdentity(doc: unknown): Record<string, unknown> {
  if (!isObject(doc)) {
    throw new ManifestError(
      'foreign',
      `The baseline is JSON but not an integrity-gate manifest (top level is ${kind(doc)}).`,
    )
  }
  const header = Object.hasOwn(doc, 'header') ? doc.header : undefined
  const format = isObject(header) && Object.hasOwn(header, 'format') ? header.format : undefined
  if (format !== MANIFEST_FORMAT) {
    throw new ManifestError(
      'foreign',
      `The baseline is JSON but not an integrity-gate manifest: header.format is ${describe(format)}, ` +
        `expected ${JSON.stringify(MANIFEST_FORMAT)}.`,
    )
  }
  const version = (header as Record<string, unknown>).version
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw schema(`header.version must be a positive integer, got ${describe(version)}`)
  }
  if (version > MANIFEST_VERSION) {
    throw new ManifestError(
      'future-version',
      `The baseline uses manifest format version ${version}, newer than this integrity-gate understands ` +
        `(version ${MANIFEST_VERSION}). Upgrade integrity-gate, or recreate the baseline with this version.`,
    )
  }
  return doc
}

function checkSignature(top: Record<string, unknown>, m: Manifest, key: Buffer | undefined): void {
  const has = Object.hasOwn(top, 'signature')
  let value: string | undefined
  if (has) {
    const sig = top.signature
    if (!isObject(sig)) throw schema('"signature" must be an object')
    for (const k of Object.keys(sig)) {
      if (k !== 'alg' && k !== 'value') throw schema(`unknown field signature.${k}`)
    }
    if (sig.alg !== SIGNATURE_ALG)
      throw schema(`signature.alg must be "${SIGNATURE_ALG}", got ${describe(sig.alg)}`)
    if (typeof sig.value !== 'string' || !/^[0-9a-f]{64}$/.test(sig.value)) {
      throw schema('signature.value must be 64 lower-case hex characters')
    }
    value = sig.value
  }
  if (key === undefined) {
    if (has) {
      throw new ManifestError(
        'signature-unexpected',
        'The baseline is signed but no signing key was given: provide the key to verify it.',
      )
    }
    return
  }
  if (!Buffer.isBuffer(key) || key.length === 0) {
    throw new ManifestError('key-empty', 'The signing key is empty: set a non-empty key.')
  }
  if (value === undefined) {
    throw new ManifestError(
      'signature-missing',
      'A signing key was given but the baseline is not signed: it may have been replaced by an unsigned file.',
    )
  }
  if (!verify(canonicalBytes(m), key, value)) {
    throw new ManifestError(
      'signature-mismatch',
      'The baseline signature does not match: the file was modified or signed with another key.',
    )
  }
}

function signWith(content: Buffer, key: Buffer): string {
  if (!Buffer.isBuffer(key) || key.length === 0) {
    throw new ManifestError('key-empty', 'The signing key is empty: set a non-empty key.')
  }
  return sign(content, key)
}

function checkOrder(prev: Entry, cur: Entry, i: number): void {
  if (prev.path < cur.path) return
  const where = `entries[${i}] (${quotePath(cur.path)})`
  if (prev.path === cur.path)
    throw new ManifestError('duplicate', `Invalid baseline: ${where} repeats a path.`)
  throw new ManifestError(
    'unsorted',
    `Invalid baseline: ${where} comes after ${quotePath(prev.path)}: entries must be sorted by path.`,
  )
}

/** Validates a caller's manifest by the same rules decode applies, and returns sorted, normalised copies. */
function normalize(m: Manifest): { header: ManifestHeader; entries: Entry[] } {
  if (!isObject(m) || !isObject(m.header) || !Array.isArray(m.entries)) {
    throw schema('a manifest needs a header object and an entries array')
  }
  const header = normalizeHeader(m.header)
  const digestLength = DIGEST_HEX_LENGTH[header.algorithm]
  const entries = m.entries.map((e, i) => checkedEntry(e, i, header.algorithm, digestLength))
  // Scanner output is already sorted; only sort (O(n log n) string compares) when it is not.
  if (!isSorted(entries)) entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  for (let i = 1; i < entries.length; i++) checkOrder(entries[i - 1], entries[i], i)
  return { header, entries }
}

function normalizeHeader(h: unknown): ManifestHeader {
  if (!isObject(h)) throw schema('a manifest needs a header object')
  rejectUnknown(h, HEADER_KEYS, () => 'header')
  if (h.format !== MANIFEST_FORMAT || h.version !== MANIFEST_VERSION) {
    throw schema(
      `the header must have format ${JSON.stringify(MANIFEST_FORMAT)} and version ${MANIFEST_VERSION}`,
    )
  }
  return headerFromJson(headerToJson(h as unknown as ManifestHeader))
}

/**
 * Entries that pass the quick check are used as they are (they serialise to the same bytes as their
 * normalised copy); anything else goes through the full path, which normalises or throws the precise
 * error. Re-building 100k scanner entries through JSON objects cost more than the gzip.
 */
function checkedEntry(e: unknown, i: number, algorithm: Algorithm, digestLength: number): Entry {
  if (plainValidEntry(e, digestLength)) return e
  if (!isObject(e)) throw schema(`entries[${i}] must be an object`)
  rejectUnknown(e, ENTRY_KEYS, () => `entries[${i}]`)
  return entryFromJson(entryToJson(e as unknown as Entry), i, algorithm)
}

/**
 * Writes a manifest one entry at a time, for a scan that hands its entries on in path order while it
 * is still hashing: serialising and compressing then overlap the scan instead of following it. Same
 * checks and same bytes as encodeManifest of the whole list. Compression runs on libuv's thread pool.
 */
export class ManifestWriter {
  private readonly gz: GzipWriter
  private readonly algorithm: Algorithm
  private readonly digestLength: number
  private prev: Entry | undefined
  private count = 0
  private done = false

  constructor(header: ManifestHeader, opts: EncodeOptions = {}) {
    const h = normalizeHeader(header)
    this.algorithm = h.algorithm
    this.digestLength = DIGEST_HEX_LENGTH[h.algorithm]
    this.gz = new GzipWriter(true, macFor(opts))
    this.gz.write(bodyStart(h))
  }

  /**
   * Validates and appends one entry; throws when it is invalid or not after the previous one. Returns a
   * promise when the chunks already written are still compressing: wait for it before adding more, so
   * memory stays at a few chunks when the thread pool falls behind (it competes with the scan's workers).
   */
  add(e: Entry): Promise<void> | undefined {
    if (this.done) throw new Error('ManifestWriter: add after finish')
    const entry = checkedEntry(e, this.count, this.algorithm, this.digestLength)
    if (this.prev) checkOrder(this.prev, entry, this.count)
    this.gz.writeEntry(this.count === 0 ? '\n' : ',\n', entry)
    this.prev = entry
    this.count++
    return this.gz.backlog()
  }

  /**
   * The line `add` just wrote for its entry, when it is a usual line (a file or directory with an
   * ASCII path); undefined otherwise. Valid until the next add: verify compares it with the
   * baseline's line byte for byte (EntryComparer).
   */
  lastLine(): Buffer | undefined {
    return this.gz.lastLine()
  }

  /** The complete gzip file. */
  async finish(): Promise<Buffer> {
    this.done = true
    this.gz.write(bodyEnd(this.count))
    return this.gz.finish(signatureTail(this.gz))
  }

  /** Drops the work in flight (the scan failed): nothing is written and no rejection goes unhandled. */
  abandon(): void {
    this.done = true
    this.gz.abandon()
  }
}

const ENTRY_KEY_SET = new Set(ENTRY_KEYS)
const ENTRY_TYPE_SET = new Set<string>(ENTRY_TYPES)

/**
 * True when `e` is an Entry that entryFromJson(entryToJson(e)) accepts unchanged, checked without
 * building the JSON object. Conservative: raw (base64) names and anything unusual answer false, and
 * the caller then takes the full path. It must never answer true for an entry the full path refuses.
 */
function plainValidEntry(e: unknown, digestLength: number): e is Entry {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return false
  for (const k in e) if (!ENTRY_KEY_SET.has(k) || !Object.hasOwn(e, k)) return false
  const x = e as Entry
  if (!plainName(x.path) || hasBadSegment(x.path)) return false
  const type = x.type
  if (typeof type !== 'string' || !ENTRY_TYPE_SET.has(type)) return false
  if (typeof x.size !== 'number' || !Number.isSafeInteger(x.size) || x.size < 0) return false
  if (typeof x.mode !== 'number' || !Number.isInteger(x.mode) || x.mode < 0 || x.mode > 0o7777) return false
  const hasError = x.error !== undefined
  if (hasError && (typeof x.error !== 'string' || x.error.length === 0)) return false
  if (x.unstable !== undefined && (x.unstable !== true || type !== 'file')) return false
  if (x.digest !== undefined) {
    const d = x.digest
    if (type !== 'file' || hasError || typeof d !== 'string' || d.length !== digestLength) return false
    if (!isLowerHex(d)) return false
  } else if (type === 'file' && !hasError && x.unstable === undefined) return false
  if (x.target !== undefined) {
    if (type !== 'symlink' || !plainName(x.target)) return false
  } else if (type === 'symlink' && !hasError) return false
  if (x.escapes !== undefined && (x.escapes !== true || type !== 'symlink')) return false
  return true
}

/**
 * A parsed entry of exactly the shape `{path, type: 'file', size, mode, digest}` or
 * `{path, type: 'dir', size, mode}` with valid values, returned as it is (entryFromJson would build an
 * equal object); undefined for anything else, valid or not, so the full check decides.
 */
function quickEntry(x: unknown, digestLength: number): Entry | undefined {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return undefined
  let keys = 0
  for (const k in x) {
    if (!QUICK_KEYS.has(k) || !Object.hasOwn(x, k)) return undefined
    keys++
  }
  const e = x as Entry
  if (e.type === 'file') {
    if (keys !== 5) return undefined
    const d = e.digest
    if (typeof d !== 'string' || d.length !== digestLength || !isLowerHex(d)) return undefined
  } else if (e.type !== 'dir' || keys !== 4) return undefined
  if (typeof e.size !== 'number' || !Number.isSafeInteger(e.size) || e.size < 0) return undefined
  if (typeof e.mode !== 'number' || !Number.isInteger(e.mode) || e.mode < 0 || e.mode > 0o7777)
    return undefined
  if (!plainName(e.path) || hasBadSegment(e.path)) return undefined
  return e
}

/**
 * Same answer as /^[0-9a-f]+$/.test(s), on the string's UTF-8 bytes in a scratch buffer: one byte per
 * character means ASCII, and then each byte is looked up. On Node 24 that is about 3× faster for a
 * 64-character digest than a charCodeAt loop and 1.5× faster than the regex.
 */
function isLowerHex(s: string): boolean {
  if (s.length === 0) return false
  if (s.length > HEX_SCRATCH.length / 3) return LOWER_HEX.test(s)
  if (HEX_SCRATCH.write(s, 0, 'utf8') !== s.length) return false
  for (let k = 0; k < s.length; k++) if (HEX_BYTE[HEX_SCRATCH[k]] === 0) return false
  return true
}

const LOWER_HEX = /^[0-9a-f]+$/
const HEX_SCRATCH = Buffer.alloc(768)
/** 1 for the bytes of 0-9 and a-f. */
const HEX_BYTE = new Uint8Array(256)
for (const c of Buffer.from('0123456789abcdef')) HEX_BYTE[c] = 1

/** True when the ASCII bytes in [from, to) need no JSON escape (no control character, `"` or `\`). */
function plainJsonBytes(b: Buffer, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = b[k]
    if (c < 0x20 || c === 0x22 || c === 0x5c) return false
  }
  return true
}

const QUICK_KEYS = new Set(['path', 'type', 'size', 'mode', 'digest'])

/** A non-empty, NUL-free, well-formed text name (raw names take the full path). */
function plainName(s: unknown): s is string {
  return typeof s === 'string' && s.length > 0 && !s.includes('\u0000') && isWellFormed(s)
}

/** Keys set to `undefined` count as absent (spread objects often carry them); anything else unknown is refused. */
function rejectUnknown(o: object, allowed: readonly string[], where: () => string): void {
  for (const k in o) {
    if (!Object.hasOwn(o, k) || (o as Record<string, unknown>)[k] === undefined) continue
    if (!allowed.includes(k)) throw schema(`${where()} has unknown field ${JSON.stringify(k)}`)
  }
}

function isSorted(entries: readonly Entry[]): boolean {
  for (let i = 1; i < entries.length; i++) if (!(entries[i - 1].path < entries[i].path)) return false
  return true
}

/** One JSON text, keys in a fixed order, one entry per line so `zcat` output stays readable. */
function serialize(header: ManifestHeader, entries: Entry[]): string {
  return [...bodyPieces(header, entries)].join('') + '}\n'
}

/** serialize's text without the closing `}\n`, piece by piece (about one entry each). */
function* bodyPieces(header: ManifestHeader, entries: Entry[]): Generator<string> {
  yield bodyStart(header)
  for (let i = 0; i < entries.length; i++) yield (i === 0 ? '\n' : ',\n') + entryLine(entries[i])
  yield bodyEnd(entries.length)
}

function bodyStart(header: ManifestHeader): string {
  return `{"header":${JSON.stringify(headerToJson(header))},"entries":[`
}

function bodyEnd(count: number): string {
  return count === 0 ? ']' : '\n]'
}

/** Characters JSON.stringify escapes in a well-formed string. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be found
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f]/

const NL = Buffer.from('\n')
const COMMA_NL = Buffer.from(',\n')
/**
 * The fixed pieces of a usual entry line, `{"path":"P","type":"T","size":S,"mode":M,"digest":"D"}`, as
 * writeEntry writes them; manifest-diff reads lines by the same pieces, so the layout lives here only.
 */
export const LINE = {
  pathOpen: Buffer.from('{"path":"'),
  typeOpen: Buffer.from('","type":"'),
  sizeOpen: Buffer.from('","size":'),
  modeOpen: Buffer.from(',"mode":'),
  digestOpen: Buffer.from(',"digest":"'),
  targetOpen: Buffer.from(',"target":"'),
} as const
const { pathOpen: PATH_OPEN, typeOpen: TYPE_OPEN, sizeOpen: SIZE_OPEN } = LINE
const { modeOpen: MODE_OPEN, digestOpen: DIGEST_OPEN } = LINE

function putBytes(b: Buffer, pos: number, bytes: Buffer): number {
  for (let i = 0; i < bytes.length; i++) b[pos + i] = bytes[i]
  return pos + bytes.length
}

/** Writes a string known to be ASCII (a type name, a hex digest). */
function putAscii(b: Buffer, pos: number, s: string): number {
  for (let i = 0; i < s.length; i++) b[pos + i] = s.charCodeAt(i)
  return pos + s.length
}

/** Writes a non-negative safe integer in decimal, as `${v}` would; returns the new offset. */
function writeDecimal(b: Buffer, pos: number, v: number): number {
  let digits = 1
  for (let t = v; t >= 10; t = Math.floor(t / 10)) digits++
  for (let i = pos + digits - 1; i >= pos; i--) {
    b[i] = 48 + (v % 10)
    v = Math.floor(v / 10)
  }
  return pos + digits
}

/**
 * JSON.stringify(entryToJson(e)) written out by hand (same bytes, checked by the tests): it is the hot
 * loop of encoding, and skipping the intermediate object halves its cost on 200k entries.
 */
function entryLine(e: Entry): string {
  let line = isRawKey(e.path) ? `{"pathBase64":"${e.path.slice(1)}"` : `{"path":${JSON.stringify(e.path)}`
  line += `,"type":"${e.type}","size":${e.size},"mode":${e.mode}`
  if (e.digest !== undefined) line += `,"digest":"${e.digest}"`
  if (e.target !== undefined) {
    line += isRawKey(e.target)
      ? `,"targetBase64":"${e.target.slice(1)}"`
      : `,"target":${JSON.stringify(e.target)}`
  }
  if (e.escapes !== undefined) line += ',"escapes":true'
  if (e.error !== undefined) line += `,"error":${JSON.stringify(e.error)}`
  if (e.unstable !== undefined) line += ',"unstable":true'
  return line + '}'
}

function headerToJson(h: ManifestHeader): Record<string, unknown> {
  const out: Record<string, unknown> = {
    format: h.format,
    version: h.version,
    tool: h.tool,
    algorithm: h.algorithm,
    include: h.include,
    exclude: h.exclude,
    createdAt: h.createdAt,
    gate: h.gate,
  }
  if (h.provenance !== undefined) {
    const p: Record<string, unknown> = {}
    if (isObject(h.provenance)) {
      rejectUnknown(h.provenance, PROVENANCE_KEYS, () => 'header.provenance')
      for (const k of PROVENANCE_KEYS) if (h.provenance[k] !== undefined) p[k] = h.provenance[k]
    }
    out.provenance = isObject(h.provenance) ? p : h.provenance
  }
  return out
}

function headerFromJson(x: unknown): ManifestHeader {
  if (!isObject(x)) throw schema('"header" must be an object')
  for (const k of Object.keys(x)) {
    if (!HEADER_KEYS.includes(k)) throw schema(`unknown field header.${k}`)
  }
  const tool = field(x, 'tool')
  if (typeof tool !== 'string' || tool.length === 0) throw schema(`header.tool must be a non-empty string`)
  const algorithm = field(x, 'algorithm')
  if (typeof algorithm !== 'string' || !(ALGORITHMS as readonly string[]).includes(algorithm)) {
    throw new ManifestError(
      'algorithm',
      `Invalid baseline: header.algorithm is ${describe(algorithm)}; valid algorithms: ${ALGORITHMS.join(', ')}.`,
    )
  }
  const include = stringList(field(x, 'include'), 'header.include')
  const exclude = stringList(field(x, 'exclude'), 'header.exclude')
  const createdAt = field(x, 'createdAt')
  if (typeof createdAt !== 'string' || !ISO_UTC.test(createdAt) || Number.isNaN(Date.parse(createdAt))) {
    throw schema(
      `header.createdAt must be an ISO-8601 UTC time like 2024-01-31T12:00:00Z, got ${describe(createdAt)}`,
    )
  }
  const gate = field(x, 'gate')
  if (typeof gate !== 'string' || gate.length === 0) throw schema('header.gate must be a non-empty string')
  const header: ManifestHeader = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    tool,
    algorithm: algorithm as Algorithm,
    include,
    exclude,
    createdAt,
    gate,
  }
  if (Object.hasOwn(x, 'provenance')) header.provenance = provenanceFromJson(x.provenance)
  return header
}

function provenanceFromJson(x: unknown): Provenance {
  if (!isObject(x)) throw schema('header.provenance must be an object')
  const out: Provenance = {}
  for (const [k, v] of Object.entries(x)) {
    if (!(PROVENANCE_KEYS as readonly string[]).includes(k))
      throw schema(`unknown field header.provenance.${k}`)
    if (typeof v !== 'string') throw schema(`header.provenance.${k} must be a string, got ${describe(v)}`)
  }
  for (const k of PROVENANCE_KEYS) if (Object.hasOwn(x, k)) out[k] = x[k] as string
  return out
}

function stringList(x: unknown, where: string): string[] {
  if (!Array.isArray(x)) throw schema(`${where} must be an array of strings`)
  return x.map((s, i) => {
    if (typeof s !== 'string') throw schema(`${where}[${i}] must be a string, got ${describe(s)}`)
    return s
  })
}

/** Entry → JSON object with keys in the documented order; raw (non-UTF-8) names go to the *Base64 fields. */
function entryToJson(e: Entry): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (typeof e.path === 'string' && isRawKey(e.path)) out.pathBase64 = e.path.slice(1)
  else out.path = e.path
  out.type = e.type
  out.size = e.size
  out.mode = e.mode
  if (e.digest !== undefined) out.digest = e.digest
  if (e.target !== undefined) {
    if (typeof e.target === 'string' && isRawKey(e.target)) out.targetBase64 = e.target.slice(1)
    else out.target = e.target
  }
  if (e.escapes !== undefined) out.escapes = e.escapes
  if (e.error !== undefined) out.error = e.error
  if (e.unstable !== undefined) out.unstable = e.unstable
  return out
}

function entryFromJson(x: unknown, index: number, algorithm: Algorithm): Entry {
  if (!isObject(x)) throw schema(`entries[${index}] must be an object, got ${kind(x)}`)
  for (const k of Object.keys(x)) {
    if (!JSON_ENTRY_KEYS.has(k)) throw schema(`entries[${index}] has unknown field ${JSON.stringify(k)}`)
  }
  const path = nameFromJson(x, 'path', () => `entries[${index}]`)
  if (path === undefined) throw schema(`entries[${index}] needs "path" or "pathBase64"`)
  checkPathSegments(path, () => `entries[${index}]`)
  // Built only when something is wrong: quoting every path of a 200k-entry manifest costs real time.
  const where = (): string => `entries[${index}] (${quotePath(path)})`
  const type = field(x, 'type')
  if (typeof type !== 'string' || !(ENTRY_TYPES as readonly string[]).includes(type)) {
    throw schema(`${where()}: type must be one of ${ENTRY_TYPES.join(', ')}, got ${describe(type)}`)
  }
  const size = field(x, 'size')
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
    throw schema(`${where()}: size must be a non-negative integer, got ${describe(size)}`)
  }
  const mode = field(x, 'mode')
  if (typeof mode !== 'number' || !Number.isInteger(mode) || mode < 0 || mode > 0o7777) {
    throw schema(`${where()}: mode must be an integer from 0 to 4095 (0o7777), got ${describe(mode)}`)
  }
  const entry: Entry = { path, type: type as EntryType, size, mode }

  if (Object.hasOwn(x, 'error')) {
    if (typeof x.error !== 'string' || x.error.length === 0)
      throw schema(`${where()}: error must be a non-empty string`)
  }
  if (Object.hasOwn(x, 'unstable')) {
    if (x.unstable !== true)
      throw schema(`${where()}: unstable must be true when present, got ${describe(x.unstable)}`)
    if (type !== 'file') throw schema(`${where()}: only a file can be unstable`)
  }
  if (Object.hasOwn(x, 'digest')) {
    const digest = x.digest
    const len = DIGEST_HEX_LENGTH[algorithm]
    if (type !== 'file') throw schema(`${where()}: only a file has a digest (type is ${type})`)
    if (Object.hasOwn(x, 'error')) throw schema(`${where()}: an entry with an error cannot have a digest`)
    if (typeof digest !== 'string' || digest.length !== len || !/^[0-9a-f]+$/.test(digest)) {
      throw schema(
        `${where()}: digest must be ${len} lower-case hex characters for ${algorithm}, got ${describe(digest)}`,
      )
    }
    entry.digest = digest
  } else if (type === 'file' && !Object.hasOwn(x, 'error') && !Object.hasOwn(x, 'unstable')) {
    throw schema(`${where()}: a readable file needs a digest`)
  }
  const target = nameFromJson(x, 'target', where)
  if (target !== undefined) {
    if (type !== 'symlink') throw schema(`${where()}: only a symlink has a target (type is ${type})`)
    entry.target = target
  } else if (type === 'symlink' && !Object.hasOwn(x, 'error')) {
    throw schema(`${where()}: a readable symlink needs a target`)
  }
  if (Object.hasOwn(x, 'escapes')) {
    if (x.escapes !== true)
      throw schema(`${where()}: escapes must be true when present, got ${describe(x.escapes)}`)
    if (type !== 'symlink') throw schema(`${where()}: only a symlink can escape the root`)
    entry.escapes = true
  }
  if (Object.hasOwn(x, 'error')) entry.error = x.error as string
  if (Object.hasOwn(x, 'unstable')) entry.unstable = true
  return entry
}

/**
 * Reads `name` (UTF-8 text) or `nameBase64` (raw bytes) into a key. The base64 form must be canonical and
 * must hold bytes that are NOT valid UTF-8: otherwise one name could be written two ways and slip past
 * the sorted/duplicate checks.
 */
function nameFromJson(x: Record<string, unknown>, name: string, where: () => string): string | undefined {
  const b64Name = `${name}Base64`
  const hasText = Object.hasOwn(x, name)
  const hasRaw = Object.hasOwn(x, b64Name)
  if (hasText && hasRaw) throw schema(`${where()} has both "${name}" and "${b64Name}"`)
  if (hasText) {
    const s = x[name]
    if (typeof s !== 'string' || s.length === 0)
      throw schema(`${where()}: ${name} must be a non-empty string`)
    if (s.includes('\u0000')) throw schema(`${where()}: ${name} contains a NUL character`)
    if (!isWellFormed(s)) throw schema(`${where()}: ${name} is not well-formed Unicode`)
    return s
  }
  if (hasRaw) {
    const s = x[b64Name]
    if (typeof s !== 'string' || s.length === 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) {
      throw schema(`${where()}: ${b64Name} must be non-empty standard base64`)
    }
    const raw = Buffer.from(s, 'base64')
    if (raw.toString('base64') !== s) throw schema(`${where()}: ${b64Name} is not canonical base64`)
    if (raw.includes(0)) throw schema(`${where()}: ${b64Name} decodes to bytes containing NUL`)
    const key = keyFromBytes(raw)
    if (!isRawKey(key))
      throw schema(`${where()}: ${b64Name} holds valid UTF-8; write it as "${name}" instead`)
    return key
  }
  return undefined
}

/** Relative, `/`-separated, no empty, `.` or `..` segment: a manifest must not point outside its root. */
function checkPathSegments(key: string, where: () => string): void {
  const text = isRawKey(key) ? bytesFromKey(key).toString('latin1') : key
  if (hasBadSegment(text)) {
    throw schema(`${where()} (${quotePath(key)}): path must be relative with no empty, "." or ".." segment`)
  }
}

/** Matches a leading or trailing `/`, `//`, or a `.` / `..` segment anywhere. */
const BAD_SEGMENT = /^\/|\/$|\/\/|(^|\/)\.{1,2}(\/|$)|^$/

/**
 * BAD_SEGMENT.test(s), without running the regex on the usual path (it was a tenth of the encode's
 * time): a `.` or `..` segment needs a `.` at the start or right after a `/`.
 */
function hasBadSegment(s: string): boolean {
  if (s.length === 0 || s.charCodeAt(0) === 0x2f || s.charCodeAt(s.length - 1) === 0x2f) return true
  if (s.includes('//')) return true
  if (s.charCodeAt(0) !== 0x2e && !s.includes('/.')) return false
  return BAD_SEGMENT.test(s)
}

/** No lone surrogate (String#isWellFormed, ES2024: typed by hand because tsconfig's lib is ES2023). */
function isWellFormed(s: string): boolean {
  return (s as unknown as { isWellFormed(): boolean }).isWellFormed()
}

function field(x: Record<string, unknown>, k: string): unknown {
  return Object.hasOwn(x, k) ? x[k] : undefined
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}

function kind(x: unknown): string {
  return x === null ? 'null' : Array.isArray(x) ? 'an array' : `a ${typeof x}`
}

/** A short printable form of an unexpected value for messages. */
function describe(x: unknown): string {
  if (x === undefined) return 'missing'
  if (typeof x === 'string') return JSON.stringify(x.length > 80 ? x.slice(0, 80) + '…' : x)
  if (typeof x === 'number' || typeof x === 'boolean' || x === null) return String(x)
  return kind(x)
}

function quotePath(key: string): string {
  return JSON.stringify(displayPath(key))
}

function schema(detail: string): ManifestError {
  return new ManifestError('schema', `Invalid baseline: ${detail}.`)
}
