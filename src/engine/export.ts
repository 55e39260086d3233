/**
 * Export to the coreutils checksum format, so a tree can be checked with the standard tools alone:
 * `sha256sum -c`, `sha512sum -c`, `sha1sum -c`, `b2sum -c` (blake2b512), `md5sum -c`.
 */
import { bytesFromKey } from './paths.js'
import type { Entry } from './types.js'

/**
 * One `<hex>  <name>\n` line per regular file with a trustworthy digest, sorted by path key.
 *
 * Names are written as their raw bytes (a non-UTF-8 name is written byte for byte, exactly what the
 * tools open). A name holding `\`, a newline or a carriage return is escaped the way coreutils 9 writes
 * it: the line starts with `\` and the name has `\\`, `\n`, `\r`. (A raw `\r` cannot stay: the reader
 * drops a trailing one. Coreutils before 9.0 does not decode `\r`; such names are vanishingly rare.)
 *
 * Left out: directories, symlinks and special files (the tools only hash contents), and files whose
 * entry has an `error` (no digest) or is `unstable` (the digest was never confirmed).
 */
export function toCoreutils(entries: readonly Entry[]): Buffer {
  const files = entries
    .filter(
      (e) => e.type === 'file' && e.digest !== undefined && e.error === undefined && e.unstable !== true,
    )
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const parts: Buffer[] = []
  for (const e of files) {
    const name = bytesFromKey(e.path)
    const escaped = needsEscape(name)
    parts.push(Buffer.from(`${escaped ? '\\' : ''}${e.digest}  `, 'latin1'))
    parts.push(escaped ? escapeName(name) : name)
    parts.push(NEWLINE)
  }
  return Buffer.concat(parts)
}

const NEWLINE = Buffer.from('\n')
const BACKSLASH = 0x5c
const LF = 0x0a
const CR = 0x0d

function needsEscape(name: Buffer): boolean {
  return name.includes(BACKSLASH) || name.includes(LF) || name.includes(CR)
}

/** Byte-level escaping so raw non-UTF-8 bytes pass through untouched. */
function escapeName(name: Buffer): Buffer {
  const out: number[] = []
  for (const b of name) {
    if (b === BACKSLASH) out.push(BACKSLASH, BACKSLASH)
    else if (b === LF) out.push(BACKSLASH, 0x6e)
    else if (b === CR) out.push(BACKSLASH, 0x72)
    else out.push(b)
  }
  return Buffer.from(out)
}
