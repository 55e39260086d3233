import * as fs from 'node:fs'
import * as path from 'node:path'

/**
 * Writes a file so that a reader sees either the old content or the complete new content, never a
 * partial file: a run killed mid-save must not leave a baseline that later reads as valid-but-wrong.
 * (A truncated gzip would fail validation anyway; this keeps the previous baseline usable too.)
 */
export function writeFileAtomic(target: string, bytes: Buffer): void {
  const dir = path.dirname(target)
  fs.mkdirSync(dir, { recursive: true })
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`)
  const fd = fs.openSync(tmp, 'wx', 0o644)
  try {
    // writeFileSync(fd) loops over short writes until every byte is written or it throws (ENOSPC, EFBIG):
    // a lone writeSync returns early on a full disk, and the truncated file would be renamed over the
    // good one.
    fs.writeFileSync(fd, bytes)
    fs.fsyncSync(fd)
  } catch (e) {
    fs.closeSync(fd)
    fs.rmSync(tmp, { force: true })
    throw e
  }
  fs.closeSync(fd)
  try {
    fs.renameSync(tmp, target)
  } catch (e) {
    fs.rmSync(tmp, { force: true })
    throw e
  }
  // Make the rename itself durable.
  const dfd = fs.openSync(dir, 'r')
  try {
    fs.fsyncSync(dfd)
  } finally {
    fs.closeSync(dfd)
  }
}

/**
 * Writes a report where the user pointed: through a symlink to its target (atomically), straight into a
 * device or FIFO (`/dev/stdout`), atomically otherwise. Renaming over a symlink or a device would replace it.
 */
export function writeOutputFile(target: string, bytes: Buffer, hops = 0): void {
  let st: fs.Stats | undefined
  try {
    st = fs.lstatSync(target)
  } catch {
    // Not there yet: a plain atomic write creates it.
  }
  if (st?.isSymbolicLink()) {
    // The link's target may not exist yet (realpath would fail): follow it one hop at a time.
    if (hops >= 40) throw new Error(`Too many levels of symbolic links at ${target}`)
    return writeOutputFile(path.resolve(path.dirname(target), fs.readlinkSync(target)), bytes, hops + 1)
  }
  if (st && !st.isFile() && !st.isDirectory()) return fs.writeFileSync(target, bytes)
  writeFileAtomic(target, bytes)
}
