/**
 * Git blob ids of the tree's current content, for the paths git triage must vouch for. A file is read again,
 * once, hashing both its git blob id and its digest in the scan's algorithm: when the digest no longer equals
 * the scanned one (the file changed since the scan), no blob id is given and the change stays unexplained.
 */
import { createHash } from 'node:crypto'
import { constants, promises as fsp } from 'node:fs'
import path from 'node:path'
import { nodeHashName } from '../engine/digest.js'
import { bytesFromKey } from '../engine/paths.js'
import type { Algorithm, Entry } from '../engine/types.js'
import type { TreeBlobs } from '../engine/triage.js'

/** Git's blob id of some bytes: hash of `blob <size>\0` + content, sha1 or sha256 by the repository format. */
export function gitBlobId(format: 'sha1' | 'sha256', content: Buffer): string {
  return createHash(format).update(`blob ${content.length}\0`).update(content).digest('hex')
}

/** The absolute path of a key under the root, as bytes (so non-UTF-8 names open exactly). */
function absolute(root: string, key: string): Buffer {
  return Buffer.concat([Buffer.from(path.resolve(root) + path.sep, 'utf8'), bytesFromKey(key)])
}

/** Blob ids for the given scanned entries; `null` where the content no longer matches the scan or cannot be read. */
export async function treeBlobs(
  root: string,
  entries: readonly Entry[],
  algorithm: Algorithm,
  format: 'sha1' | 'sha256',
): Promise<TreeBlobs> {
  const out = new Map<string, string | null>()
  for (const e of entries) out.set(e.path, await blobOf(root, e, algorithm, format).catch(() => null))
  return out
}

async function blobOf(
  root: string,
  e: Entry,
  algorithm: Algorithm,
  format: 'sha1' | 'sha256',
): Promise<string | null> {
  const file = absolute(root, e.path)
  if (e.type === 'symlink') {
    const target = await fsp.readlink(file, { encoding: 'buffer' })
    return e.target !== undefined && target.equals(bytesFromKey(e.target)) ? gitBlobId(format, target) : null
  }
  if (e.type !== 'file' || e.digest === undefined) return null
  // O_NOFOLLOW: a file swapped for a symlink since the scan must not be read through.
  const handle = await fsp.open(file, constants.O_RDONLY | constants.O_NOFOLLOW)
  try {
    const stat = await handle.stat()
    if (!stat.isFile() || stat.size !== e.size) return null
    const blob = createHash(format).update(`blob ${stat.size}\0`)
    const digest = createHash(nodeHashName(algorithm))
    let total = 0
    for await (const chunk of handle.createReadStream({ autoClose: false }) as AsyncIterable<Buffer>) {
      blob.update(chunk)
      digest.update(chunk)
      total += chunk.length
    }
    if (total !== stat.size || digest.digest('hex') !== e.digest) return null
    return blob.digest('hex')
  } finally {
    await handle.close()
  }
}
