import * as fs from 'node:fs'
import { MAX_MANIFEST_BYTES } from '../engine/manifest.js'

/**
 * Reads a manifest file, which must be a regular file of at most MAX_MANIFEST_BYTES (compressed, a manifest
 * is never larger than its decompressed cap). Opened with O_NONBLOCK, so a FIFO at the path never hangs the
 * gate; a link to /dev/zero or a huge file stops at the fstat instead of being read into memory. A path in
 * the checked-out tree (`baseline-file`) can be a symlink to anything on the runner.
 * The open's own error is thrown as it is (ENOENT tells "no baseline yet" apart); the rest as plain text.
 */
export function readManifestFile(file: string): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK)
  try {
    const st = fs.fstatSync(fd)
    if (!st.isFile()) throw new Error('not a regular file')
    if (st.size > MAX_MANIFEST_BYTES)
      throw new Error(`${st.size} bytes, over the ${MAX_MANIFEST_BYTES}-byte cap`)
    return fs.readFileSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}
