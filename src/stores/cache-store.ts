/**
 * Baselines in the GitHub Actions cache, through @actions/cache 6 (cache service v2).
 *
 * The hard part is `load()`: `restoreCache` returns `undefined` both for "no entry" and for "the service failed"
 * (it only logs a warning), and a security gate must never read an outage as "no baseline". So `load()` asks the
 * service itself, with the same Twirp call the client makes (`GetCacheEntryDownloadURL`, same key, same
 * version hash, same URL and token), and reads that answer strictly:
 *   - HTTP 200 with `ok: false` (or `{}`, its proto3 compact form)  → certain miss → `null`
 *   - HTTP 200 with `ok: true`, a download URL and a key under our prefix → download it
 *   - anything else (transport error, timeout, non-2xx, non-JSON, wrong shape) → throw
 * The archive is then downloaded and parsed in memory (cache-archive.ts) instead of `restoreCache`, which would
 * extract a poisoned entry with `tar -P` before any check. Saving still goes through `saveCache`. The version is
 * recomputed here because the client's helpers are not exported (deep imports are blocked by its export map); a
 * test checks it against the version the real client sends.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import * as actionsCache from '@actions/cache'
import { HttpClient } from '@actions/http-client'
import { cacheKey, cachePrefix, kindSegment, type BaselineKind } from './cache-key.js'
import { baselineFromArchive, MAX_ARCHIVE_BYTES } from './cache-archive.js'
import type { BaselineStore, StoredBaseline } from './store.js'

/** The part of @actions/cache the store uses; tests inject fakes. */
export type CacheModule = Pick<typeof actionsCache, 'saveCache' | 'isFeatureAvailable'>

/** Thrown when no Actions cache service is configured (e.g. a local run): the caller decides what to do. */
export class CacheServiceUnavailableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CacheServiceUnavailableError'
  }
}

/** Settings for a CacheStore. */
export interface CacheStoreOptions {
  /** The gate name (`baseline-name`). */
  gate: string
  /** Which of the gate's baselines: the tree (default) or the downloaded actions (watch-actions). */
  kind?: BaselineKind
  /** `RUNNER_OS` (or `os.platform()`); part of the key. */
  os: string
  /** `GITHUB_RUN_ID`. */
  runId: string | number
  /** `GITHUB_RUN_ATTEMPT`. */
  runAttempt: string | number
  /** A private temporary folder (e.g. under RUNNER_TEMP) that holds the archived file. */
  tempDir: string
  /** The @actions/cache namespace; the real one by default. */
  cache?: CacheModule
  /** Bound on each lookup request (the client itself has no timeout). Default 30 s. */
  lookupTimeoutMs?: number
  /** Lookup attempts for network errors, timeouts and 5xx. Default 3. */
  lookupAttempts?: number
  /** Pause before a lookup retry, doubled each time. Default 2 s. */
  retryDelayMs?: number
  /** Bound on a whole restoreCache/saveCache call. Default 10 min. */
  transferTimeoutMs?: number
  /** Clock for the key's timestamp. */
  now?: () => Date
}

const SERVICE = 'github.actions.results.api.v1.CacheService'
const VERSION_SALT = '1.0'
const FAIL_CLOSED = 'The gate fails closed: a baseline that cannot be read is never treated as a missing one.'

/** The client's compression choice: `zstd-without-long` when a `zstd` binary answers `--version`, else `gzip`. */
export function detectCompressionMethod(): Promise<'gzip' | 'zstd-without-long'> {
  return new Promise((resolve) => {
    // Same probe as @actions/cache's getCompressionMethod: any output at all means zstd is there.
    execFile(
      'zstd',
      ['--quiet', '--version'],
      { windowsHide: true, timeout: 30_000 },
      (error, stdout, stderr) => {
        const output = `${stdout ?? ''}${stderr ?? ''}`.trim()
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') resolve('gzip')
        else resolve(output === '' ? 'gzip' : 'zstd-without-long')
      },
    )
  })
}

/** @actions/cache's `getCacheVersion(paths, compression, enableCrossOsArchive = false)`, byte for byte. */
export function cacheVersion(
  paths: string[],
  compression: string,
  platform: string = process.platform,
): string {
  const components = [...paths, compression]
  if (platform === 'win32') components.push('windows-only')
  components.push(VERSION_SALT)
  return createHash('sha256').update(components.join('|')).digest('hex')
}

/** Mirrors the client's GHES test: any host but github.com, *.ghe.com or *.localhost makes it speak v1. */
function speaksV2(env: NodeJS.ProcessEnv): boolean {
  const host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.trimEnd().toUpperCase()
  const ghes = host !== 'GITHUB.COM' && !host.endsWith('.GHE.COM') && !host.endsWith('.LOCALHOST')
  return !ghes && !!env.ACTIONS_CACHE_SERVICE_V2
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Reads a response body to the end. Async iteration rejects when the connection is cut mid-body (where the
 * http-client's readBody would wait forever for an 'end' that never comes).
 */
async function readAll(stream: AsyncIterable<Buffer>, max: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of stream) {
    total += chunk.length
    if (total > max) throw new Error(`the archive is over the ${max}-byte limit`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** A lookup failure that is worth another try (network trouble, timeout, 5xx). */
class TransientLookupError extends Error {}

type LookupResult = { found: false } | { found: true; matchedKey: string; downloadUrl: string }

/** Baselines stored in the GitHub Actions cache under the key scheme of cache-key.ts. */
export class CacheStore implements BaselineStore {
  readonly description: string
  private readonly cache: CacheModule
  private readonly prefix: string
  private readonly file: string

  constructor(private readonly options: CacheStoreOptions) {
    this.cache = options.cache ?? actionsCache
    this.prefix = cachePrefix(options.gate, options.os, options.kind)
    // A fixed path: the cache version hashes the paths, so save and restore must name the same one.
    this.file = path.join(
      options.tempDir,
      'integrity-gate-baseline',
      `${kindSegment(options.gate, options.kind)}.json.gz`,
    )
    this.description = `Actions cache (key prefix ${this.prefix})`
  }

  /** The newest baseline for this gate and OS, `null` only when the cache service says there is none. */
  async load(): Promise<StoredBaseline | null> {
    this.requireService('read')
    const fail = (why: string): Error =>
      new Error(`The baseline could not be read from the Actions cache: ${why}. ${FAIL_CLOSED}`)
    if (!speaksV2(process.env)) throw fail(this.legacyProtocol())
    const mode = (process.env.ACTIONS_CACHE_MODE || '').trim().toLowerCase()
    if (mode === 'none' || mode === 'write-only')
      throw fail(`cache reads are disabled (ACTIONS_CACHE_MODE=${mode})`)

    const version = cacheVersion([this.file], await detectCompressionMethod())
    let lookup: LookupResult
    try {
      lookup = await this.lookup(version)
    } catch (error) {
      throw fail(`the lookup of key prefix ${this.prefix} failed: ${(error as Error).message}`)
    }
    if (!lookup.found) return null

    // Not restoreCache: it would extract whatever the entry holds with `tar -P` before anything is checked.
    let archive: Buffer
    try {
      archive = await this.download(lookup.downloadUrl)
    } catch (error) {
      throw fail(`entry ${lookup.matchedKey} exists but could not be downloaded: ${(error as Error).message}`)
    }
    try {
      const bytes = baselineFromArchive(
        archive,
        (name) => path.posix.basename(name) === path.basename(this.file),
      )
      return { bytes, key: lookup.matchedKey }
    } catch (error) {
      throw fail(`entry ${lookup.matchedKey}: ${(error as Error).message}`)
    }
  }

  /** One GET of the signed URL (what the client does for non-Azure hosts too), bounded in time and size. */
  private async download(url: string): Promise<Buffer> {
    const timeoutMs = this.options.transferTimeoutMs ?? 600_000
    // A socket idle this long is a stalled transfer (the client itself gives up after 5 s idle).
    const idleMs = this.options.lookupTimeoutMs ?? 30_000
    const client = new HttpClient('integrity-gate', [], { socketTimeout: idleMs, allowRetries: false })
    try {
      const response = await withTimeout(client.get(url), timeoutMs, 'the download')
      const status = response.message.statusCode ?? 0
      if (status !== 200) {
        response.message.resume()
        throw new Error(`the blob storage answered HTTP ${status}`)
      }
      const declared = Number(response.message.headers['content-length'])
      if (Number.isFinite(declared) && declared > MAX_ARCHIVE_BYTES) {
        response.message.destroy()
        throw new Error(`the archive is ${declared} bytes, over the ${MAX_ARCHIVE_BYTES}-byte limit`)
      }
      const body = await withTimeout(readAll(response.message, MAX_ARCHIVE_BYTES), timeoutMs, 'the download')
      if (Number.isFinite(declared) && body.length !== declared) {
        throw new Error(`the download ended after ${body.length} of ${declared} bytes`)
      }
      return body
    } finally {
      client.dispose()
    }
  }

  /**
   * Saves the manifest bytes under a new key for this run and attempt, stamped with the manifest's
   * `createdAt` when given (else the current time); throws when the cache does not take it.
   */
  async save(bytes: Buffer, createdAt?: string): Promise<{ key: string }> {
    this.requireService('save')
    const key = cacheKey({
      gate: this.options.gate,
      os: this.options.os,
      runId: this.options.runId,
      runAttempt: this.options.runAttempt,
      time: createdAt !== undefined ? new Date(createdAt) : (this.options.now ?? (() => new Date()))(),
      kind: this.options.kind,
    })
    const fail = (why: string): Error =>
      new Error(`The baseline could not be saved to the Actions cache under key ${key}: ${why}.`)
    await mkdir(path.dirname(this.file), { recursive: true })
    await writeFile(this.file, bytes)
    let id: number
    try {
      id = await withTimeout(
        this.cache.saveCache([this.file], key),
        this.options.transferTimeoutMs ?? 600_000,
        'saveCache',
      )
    } catch (error) {
      throw fail((error as Error).message)
    }
    // saveCache reports most failures as -1 after logging why (reservation refused, upload or finalize failed).
    if (typeof id !== 'number' || id === -1)
      throw fail('the cache client reported a failure (see its message above)')
    return { key }
  }

  private requireService(what: 'read' | 'save'): void {
    if (!this.cache.isFeatureAvailable()) {
      throw new CacheServiceUnavailableError(
        `The Actions cache service is not available (ACTIONS_RESULTS_URL / ACTIONS_CACHE_URL are not set), so the ` +
          `baseline cannot be ${what === 'read' ? 'read from' : 'saved to'} it. This happens outside GitHub Actions; ` +
          `use a baseline file or the local store there.`,
      )
    }
  }

  private legacyProtocol(): string {
    return (
      'the cache client would use the legacy cache protocol v1 (GitHub Enterprise Server, or ' +
      'ACTIONS_CACHE_SERVICE_V2 not set), with which a missing baseline cannot be told apart from a failed ' +
      'lookup; use baseline-file there'
    )
  }

  /** One GetCacheEntryDownloadURL call as the client makes it, with retries for transient trouble. */
  private async lookup(version: string): Promise<LookupResult> {
    const attempts = Math.max(1, this.options.lookupAttempts ?? 3)
    let delay = this.options.retryDelayMs ?? 2000
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.lookupOnce(version)
      } catch (error) {
        if (!(error instanceof TransientLookupError) || attempt >= attempts) {
          throw new Error(`${(error as Error).message}${attempt > 1 ? ` (after ${attempt} attempts)` : ''}`)
        }
        await sleep(delay)
        delay *= 2
      }
    }
  }

  private async lookupOnce(version: string): Promise<LookupResult> {
    const base = process.env.ACTIONS_RESULTS_URL || ''
    const token = process.env.ACTIONS_RUNTIME_TOKEN || ''
    if (!token) throw new Error('ACTIONS_RUNTIME_TOKEN is not set')
    let url: string
    try {
      // Absolute path, exactly like the client: a path inside ACTIONS_RESULTS_URL is replaced, not extended.
      url = new URL(`/twirp/${SERVICE}/GetCacheEntryDownloadURL`, base).href
    } catch {
      throw new Error(`ACTIONS_RESULTS_URL '${base}' is not a URL`)
    }
    const timeoutMs = this.options.lookupTimeoutMs ?? 30_000
    // @actions/http-client, like the cache client, so proxies (https_proxy/no_proxy) behave the same for both.
    const client = new HttpClient('integrity-gate', [], { socketTimeout: timeoutMs, allowRetries: false })
    let status: number
    let raw: string
    try {
      const response = await withTimeout(
        client.post(url, JSON.stringify({ key: this.prefix, version }), {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${token}`,
        }),
        timeoutMs,
        'the cache service',
      )
      status = response.message.statusCode ?? 0
      raw = await withTimeout(response.readBody(), timeoutMs, 'the cache service response')
    } catch (error) {
      throw new TransientLookupError(`no answer from the cache service (${(error as Error).message})`)
    } finally {
      client.dispose()
    }
    if (status < 200 || status > 299) {
      const detail = raw.slice(0, 300).trim()
      const message = `the cache service answered HTTP ${status}${detail ? `: ${detail}` : ''}`
      if ([500, 502, 503, 504].includes(status)) throw new TransientLookupError(message)
      throw new Error(message)
    }
    return this.parseLookup(raw)
  }

  /** Reads the answer as strictly as protobuf JSON allows: anything unexpected is a failure, never a miss. */
  private parseLookup(raw: string): LookupResult {
    let body: unknown
    try {
      body = JSON.parse(raw)
    } catch {
      throw new Error(`the cache service answered with something that is not JSON: ${raw.slice(0, 100)}`)
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new Error(`the cache service answer is not a JSON object: ${raw.slice(0, 100)}`)
    }
    const record = body as Record<string, unknown>
    // protobuf JSON allows the proto name or the camelCase name for each field.
    const ok = record.ok
    const url = record.signed_download_url ?? record.signedDownloadUrl
    const matched = record.matched_key ?? record.matchedKey
    if (ok === false || (ok === undefined && Object.keys(record).length === 0)) return { found: false }
    if (ok !== true) throw new Error(`the cache service answer has no boolean "ok": ${raw.slice(0, 100)}`)
    if (typeof url !== 'string' || url === '' || typeof matched !== 'string' || matched === '') {
      throw new Error('the cache service reported a hit without a download URL or key')
    }
    if (!matched.startsWith(this.prefix)) {
      throw new Error(`the cache service matched key ${matched}, which is outside prefix ${this.prefix}`)
    }
    // The lookup key is the prefix, and the service prefers an exact key match to the newest prefix match:
    // an entry stored under the bare prefix (the gate never saves one) would be restored forever, whatever
    // newer baselines are saved, `mode: baseline` included. Only someone writing to the cache directly can
    // create it.
    if (matched === this.prefix) {
      throw new Error(
        `the cache holds an entry under the bare key prefix ${matched}, which integrity-gate never saves and ` +
          'which would shadow every newer baseline (an exact key match wins over the newest prefix match); ' +
          `it was planted by someone with write access to the cache: delete it (gh cache delete '${matched}')`,
      )
    }
    return { found: true, matchedKey: matched, downloadUrl: url }
  }
}
