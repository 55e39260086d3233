/**
 * Path keys: how raw file-name bytes become the strings the engine compares and stores.
 * Valid UTF-8 stays as text; anything else becomes NUL + base64 of the raw bytes (NUL cannot occur in
 * a POSIX file name, so the escaped form never collides with a real one and decodes back exactly).
 */
import * as path from 'node:path'

const RAW_PREFIX = '\u0000'

/**
 * `p` relative to `base` when it lies inside it (`''` for `base` itself), else undefined. Only `..` and
 * `../…` lead out: a folder named like `..store` is inside.
 */
export function relativeInside(base: string, p: string): string | undefined {
  const rel = path.relative(base, p)
  if (rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) return undefined
  return rel
}

/** Turns raw relative path bytes into a path key. */
export function keyFromBytes(raw: Buffer): string {
  const text = raw.toString('utf8')
  // A lossy decode (U+FFFD substitution, overlong forms) does not re-encode to the same bytes.
  if (Buffer.byteLength(text, 'utf8') === raw.length && Buffer.from(text, 'utf8').equals(raw)) return text
  return RAW_PREFIX + raw.toString('base64')
}

/** True when the key stands for bytes that are not valid UTF-8. */
export function isRawKey(key: string): boolean {
  return key.startsWith(RAW_PREFIX)
}

/** The exact bytes a path key stands for. */
export function bytesFromKey(key: string): Buffer {
  return isRawKey(key) ? Buffer.from(key.slice(1), 'base64') : Buffer.from(key, 'utf8')
}

/** Joins a parent key and a raw child name, keeping the raw form when either part needs it. */
export function childKey(parentRaw: Buffer | null, name: Buffer): { raw: Buffer; key: string } {
  const raw = parentRaw ? Buffer.concat([parentRaw, Buffer.from('/'), name]) : name
  return { raw, key: keyFromBytes(raw) }
}

/**
 * A printable rendering for humans: invalid bytes as `\xNN`, everything else as text. Not reversible;
 * use it for messages only (Markdown and workflow commands escape further).
 */
export function displayPath(key: string): string {
  if (!isRawKey(key)) return key
  const raw = bytesFromKey(key)
  let out = ''
  let i = 0
  while (i < raw.length) {
    const len = utf8SeqLen(raw, i)
    if (len > 0) {
      out += raw.subarray(i, i + len).toString('utf8')
      i += len
    } else {
      out += '\\x' + raw[i].toString(16).padStart(2, '0')
      i++
    }
  }
  return out
}

/** Length of a valid UTF-8 sequence starting at i, or 0 when the bytes there are not one. */
function utf8SeqLen(b: Buffer, i: number): number {
  const c = b[i]
  if (c < 0x80) return 1
  const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0
  if (len === 0 || i + len > b.length) return 0
  const seq = b.subarray(i, i + len)
  return Buffer.from(seq.toString('utf8'), 'utf8').equals(seq) ? len : 0
}
