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
    fs.writeSync(fd, bytes)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
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
