/**
 * Reads the baseline out of a cache archive without extracting it.
 *
 * `restoreCache` would run `tar -x -P` on whatever the cache holds: anyone who can write a cache entry under
 * our key (a poisoned cache) could then drop files anywhere the runner user can write, before the gate has
 * checked a single byte. So the archive is downloaded and parsed here, in memory: it must hold exactly one
 * regular file, at the path the gate saved, and nothing is ever written to disk.
 */
import * as zlib from 'node:zlib'

/** Decompressed archives larger than this are refused (a baseline of 200k files is ~10 MB). */
export const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024

const BLOCK = 512

/** Decompresses a cache archive by its magic bytes: zstd (`tar --zstd`) or gzip (`tar -z`). */
export function decompressArchive(data: Buffer, maxBytes = MAX_ARCHIVE_BYTES): Buffer {
  const opts = { maxOutputLength: maxBytes }
  try {
    if (data.length >= 4 && data.readUInt32LE(0) === 0xfd2fb528) return zlib.zstdDecompressSync(data, opts)
    if (data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b) return zlib.gunzipSync(data, opts)
  } catch (e) {
    throw new Error(`the cache archive cannot be decompressed: ${(e as Error).message}`)
  }
  throw new Error('the cache archive is neither zstd nor gzip')
}

interface TarEntry {
  name: string
  type: string
  data: Buffer
}

/** Parses a POSIX/GNU tar (ustar headers, GNU long names `L`, pax `x` path records). */
export function readTar(tar: Buffer): TarEntry[] {
  const entries: TarEntry[] = []
  let offset = 0
  let longName: string | undefined
  let paxPath: string | undefined
  let ended = false
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK)
    if (header.every((b) => b === 0)) {
      ended = true // end-of-archive marker
      break
    }
    checkChecksum(header, offset)
    const size = parseSize(header.subarray(124, 136), offset)
    const type = String.fromCharCode(header[156] || 0x30)
    const start = offset + BLOCK
    if (start + size > tar.length) throw new Error(`the cache archive is truncated at byte ${offset}`)
    const data = tar.subarray(start, start + size)
    offset = start + Math.ceil(size / BLOCK) * BLOCK
    if (type === 'L') {
      longName = cString(data)
      continue
    }
    if (type === 'x') {
      paxPath = paxRecord(data, 'path') ?? paxPath
      continue
    }
    if (type === 'g') continue // global pax header: no entry of its own
    const prefix = cString(header.subarray(345, 500))
    const short = cString(header.subarray(0, 100))
    const name = paxPath ?? longName ?? (prefix ? `${prefix}/${short}` : short)
    longName = undefined
    paxPath = undefined
    entries.push({ name, type, data })
  }
  if (!ended) throw new Error('the cache archive is truncated (no end-of-archive marker)')
  return entries
}

/**
 * The content of the one regular file in the archive, which must be the expected baseline file.
 * Any other shape (more entries, links, another name) is refused as foreign or poisoned.
 */
export function baselineFromArchive(
  archive: Buffer,
  isExpected: (name: string) => boolean,
  maxBytes = MAX_ARCHIVE_BYTES,
): Buffer {
  const entries = readTar(decompressArchive(archive, maxBytes))
  const files = entries.filter((e) => e.type === '0' || e.type === '\0' || e.type === '7')
  if (entries.length !== 1 || files.length !== 1) {
    const shown = entries
      .slice(0, 5)
      .map((e) => JSON.stringify(e.name))
      .join(', ')
    throw new Error(
      `the cache entry holds ${entries.length} archive members (${shown}) instead of exactly the baseline file: ` +
        'refusing it (it was not written by integrity-gate, or the cache was poisoned)',
    )
  }
  if (!isExpected(files[0].name)) {
    throw new Error(
      `the cache entry holds ${JSON.stringify(files[0].name)} instead of the baseline file: refusing it`,
    )
  }
  return Buffer.from(files[0].data)
}

function cString(b: Buffer): string {
  const end = b.indexOf(0)
  return b.subarray(0, end === -1 ? b.length : end).toString('utf8')
}

/** Octal size, or GNU base-256 for sizes ≥ 8 GiB. */
function parseSize(field: Buffer, at: number): number {
  if (field[0] & 0x80) {
    let n = 0
    for (let i = 1; i < field.length; i++) n = n * 256 + field[i]
    return n
  }
  const text = cString(field).trim()
  if (!/^[0-7]*$/.test(text)) throw new Error(`the cache archive has a corrupt header at byte ${at}`)
  return text === '' ? 0 : parseInt(text, 8)
}

function checkChecksum(header: Buffer, at: number): void {
  const stored = parseInt(cString(header.subarray(148, 156)).trim(), 8)
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]
  if (stored !== sum) throw new Error(`the cache archive has a corrupt header at byte ${at}`)
}

/** One value of a pax extended header (`<len> <key>=<value>\n` records). */
function paxRecord(data: Buffer, key: string): string | undefined {
  let i = 0
  let found: string | undefined
  while (i < data.length) {
    const space = data.indexOf(0x20, i)
    if (space === -1) break
    const len = parseInt(data.subarray(i, space).toString('ascii'), 10)
    if (!Number.isFinite(len) || len <= 0) break
    const record = data.subarray(space + 1, i + len - 1).toString('utf8')
    const eq = record.indexOf('=')
    if (record.slice(0, eq) === key) found = record.slice(eq + 1)
    i += len
  }
  return found
}
