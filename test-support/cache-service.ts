/**
 * A local stand-in for GitHub's Actions cache service v2, for tests that run the real `@actions/cache` client.
 *
 * What the client (6.x, `ACTIONS_CACHE_SERVICE_V2` set, `GITHUB_SERVER_URL` github.com) does, read from its lib/:
 * - POSTs Twirp JSON to `new URL('/twirp/github.actions.results.api.v1.CacheService/<Method>', ACTIONS_RESULTS_URL)`
 *   (an absolute path: any path in ACTIONS_RESULTS_URL is dropped) with `Authorization: Bearer
 *   ${ACTIONS_RUNTIME_TOKEN}` and `Content-Type: application/json`. Request fields use proto names (snake_case:
 *   `key`, `version`, `restore_keys`, `size_bytes` as a string); responses are read with protobuf-ts `fromJson`,
 *   which takes snake_case or camelCase and ignores unknown fields. We answer in snake_case like the real one.
 * - Retries 500/502/503/504 and non-JSON bodies 5 times (3 s, then ×1.5 back-off); other statuses fail at once.
 * - The version is sha256(paths | compression | ['windows-only'] | '1.0'), compression `zstd-without-long` when a
 *   `zstd` binary answers `--version`, else `gzip`.
 * - Upload: Azure `BlockBlobClient.uploadFile` against `signed_upload_url` (one Put Blob below 128 MiB).
 *   Download: hosts not ending in `.blob.core.windows.net` get one plain GET of `signed_download_url`, with a
 *   Content-Length check and a 5 s socket idle timeout.
 * - The Twirp HTTP client itself has no timeout: a service that never answers stalls the client forever.
 *
 * The stand-in keeps entries per scope (taken from the token's `ac` claim, like GitHub), makes a key immutable per
 * scope and version, restores by exact key then newest prefix, per readable scope in token order, and stores the
 * archives in a real Azurite behind a fault-injecting proxy.
 */
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import {
  BlobSASPermissions,
  BlobServiceClient,
  type ContainerClient,
  generateBlobSASQueryParameters,
  SASProtocol,
  StorageSharedKeyCredential,
} from '@azure/storage-blob'
import { DEVSTORE_ACCOUNT, DEVSTORE_KEY, startAzurite, type AzuriteBlob } from './azurite.js'
import { startBlobProxy, type BlobFault, type BlobProxy } from './cache-blob-proxy.js'
import { CachePermission, mintRuntimeToken, verifyRuntimeToken, type CacheScopeGrant } from './cache-token.js'

export { CachePermission, mintRuntimeToken, type CacheScopeGrant } from './cache-token.js'
export type { BlobFault } from './cache-blob-proxy.js'

/** The three RPCs @actions/cache 6 calls. */
export type TwirpMethod = 'CreateCacheEntry' | 'FinalizeCacheEntryUpload' | 'GetCacheEntryDownloadURL'

const SERVICE_PATH = '/twirp/github.actions.results.api.v1.CacheService/'
const METHODS: readonly TwirpMethod[] = [
  'CreateCacheEntry',
  'FinalizeCacheEntryUpload',
  'GetCacheEntryDownloadURL',
]
const CONTAINER = 'actions-cache'

/**
 * Faults of the Twirp service itself. `methods` limits a fault to some RPCs (default: all); `after` lets that
 * many matching calls through first (e.g. `after: 1` on GetCacheEntryDownloadURL spares a caller's own lookup
 * and hits the client's).
 */
export type ServiceFault = { methods?: TwirpMethod[]; after?: number } & (
  | /** Connections are accepted and dropped without an answer (client sees ECONNRESET). */ { kind: 'reset' }
  | /** Answers after `delayMs` (the client has no timeout of its own). */ { kind: 'slow'; delayMs: number }
  | /** 200 with a body that is not JSON. */ { kind: 'garbage'; body?: string }
  | /** 200 with this JSON value, which should not fit the response message. */ {
      kind: 'wrong-shape'
      body: unknown
    }
  | /** A Twirp error: HTTP `status` with `{code,msg}`. */ {
      kind: 'status'
      status: number
      code?: string
      msg?: string
    }
)

/**
 * Anything `setFault` accepts: a service fault, a blob-storage fault (see BlobFault), or `{kind:'down'}`,
 * which closes the listening socket so connections are refused until the fault is cleared.
 */
export type CacheFault = ServiceFault | BlobFault | { kind: 'down' }

/** One cache entry as the stand-in holds it. */
export interface CacheEntryInfo {
  id: number
  scope: string
  key: string
  version: string
  /** False between CreateCacheEntry and a successful FinalizeCacheEntryUpload. */
  finalized: boolean
  sizeBytes?: number
  /** Order of finalization; the highest among prefix matches is "newest". */
  sequence: number
  blobName: string
}

/** One Twirp call as received (after the fault layer, before validation). */
export interface RecordedCall {
  method: string
  body: unknown
  scopes: CacheScopeGrant[] | null
}

/** Options for startCacheService. */
export interface CacheServiceOptions {
  /** Scopes in the default token's `ac` claim. Default: `refs/heads/main` read+write. */
  scopes?: CacheScopeGrant[]
  /**
   * Answer like a Twirp server that skips default values: a miss is `{}` instead of
   * `{"ok":false,"signed_download_url":"","matched_key":""}`. Both are valid protobuf JSON.
   */
  omitDefaultFields?: boolean
}

/** A running stand-in. */
export interface CacheService {
  /** Base URL of the Twirp server, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  url: string
  /** Azurite's account endpoint, direct (signed URLs go through the fault proxy instead). */
  blobEndpoint: string
  /** What the client needs in process.env, with a token for the default scopes. */
  env: Record<string, string>
  /** Same as `env` with a token for other scopes (e.g. a pull request: its own scope, then the base branch). */
  envFor(scopes: CacheScopeGrant[]): Record<string, string>
  /** A runtime token this service accepts, with the given scopes. */
  tokenFor(scopes: CacheScopeGrant[]): string
  /** Injects a fault (replacing any previous one); `null` clears. Awaited because `down` closes the listener. */
  setFault(fault: CacheFault | null): Promise<void>
  /** A snapshot of all entries, in creation order. */
  entries(): CacheEntryInfo[]
  /** All Twirp calls received so far (faulted ones included), oldest first. */
  calls(): RecordedCall[]
  /** Reads an entry's archive straight from Azurite. */
  readBlob(entry: CacheEntryInfo): Promise<Buffer>
  /** Stops the servers and Azurite and removes its data. Safe to call twice. */
  stop(): Promise<void>
}

const SERVICE_FAULTS: ReadonlySet<string> = new Set(['reset', 'slow', 'garbage', 'wrong-shape', 'status'])
const BLOB_FAULTS: ReadonlySet<string> = new Set([
  'upload-reject',
  'upload-cut',
  'download-cut',
  'download-status',
])

function isServiceFault(fault: CacheFault | null): fault is ServiceFault {
  return fault !== null && SERVICE_FAULTS.has(fault.kind)
}

class TwirpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field]
  if (typeof value !== 'string' || value === '') {
    throw new TwirpError(400, 'invalid_argument', `${field} is required`)
  }
  return value
}

/** Keys follow the client's own rule (≤ 512 chars, no comma); the service rejects what the client would. */
function requireKey(value: string, field: string): string {
  if (value.length > 512 || value.includes(',')) {
    throw new TwirpError(400, 'invalid_argument', `${field} must be at most 512 characters without commas`)
  }
  return value
}

/**
 * Starts Azurite, the blob proxy and the Twirp server, all on 127.0.0.1. Takes about two seconds (Azurite).
 * Always `await service.stop()` in afterAll.
 */
export async function startCacheService(opts: CacheServiceOptions = {}): Promise<CacheService> {
  const azurite: AzuriteBlob = await startAzurite()
  let proxy: BlobProxy | undefined
  try {
    const credential = new StorageSharedKeyCredential(DEVSTORE_ACCOUNT, DEVSTORE_KEY)
    const container = new BlobServiceClient(azurite.endpoint, credential).getContainerClient(CONTAINER)
    await container.createIfNotExists()
    proxy = await startBlobProxy(azurite.port)
    return await startTwirp(opts, azurite, proxy, credential, container)
  } catch (error) {
    await proxy?.stop()
    await azurite.stop()
    throw error
  }
}

async function startTwirp(
  opts: CacheServiceOptions,
  azurite: AzuriteBlob,
  proxy: BlobProxy,
  credential: StorageSharedKeyCredential,
  container: ContainerClient,
): Promise<CacheService> {
  const secret = randomUUID()
  const entries: CacheEntryInfo[] = []
  const calls: RecordedCall[] = []
  const sockets = new Set<Socket>()
  const timers = new Set<NodeJS.Timeout>()
  let fault: CacheFault | null = null
  /** Matching calls let through so far under the current fault's `after`. */
  let spared = 0
  let nextId = 1
  let sequence = 0
  let port = 0

  const signedUrl = (blobName: string, permissions: string): string => {
    const sas = generateBlobSASQueryParameters(
      {
        containerName: CONTAINER,
        blobName,
        permissions: BlobSASPermissions.parse(permissions),
        expiresOn: new Date(Date.now() + 3600_000),
        protocol: SASProtocol.HttpsAndHttp,
      },
      credential,
    ).toString()
    return `${proxy.origin}/${DEVSTORE_ACCOUNT}/${CONTAINER}/${encodeURIComponent(blobName)}?${sas}`
  }

  const answer = (body: Record<string, unknown>): Record<string, unknown> => {
    if (!opts.omitDefaultFields) return body
    return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== false && v !== '' && v !== '0'))
  }

  const handlers: Record<
    TwirpMethod,
    (body: Record<string, unknown>, scopes: CacheScopeGrant[]) => Promise<unknown>
  > = {
    async CreateCacheEntry(body, scopes) {
      const key = requireKey(requireString(body, 'key'), 'key')
      const version = requireString(body, 'version')
      const writable = scopes.find((s) => (s.Permission & CachePermission.Write) !== 0)
      if (!writable) {
        // The client looks for this prefix in an ok:false message to classify a policy denial.
        return answer({
          ok: false,
          signed_upload_url: '',
          message: 'cache write denied: no writable cache scope',
        })
      }
      if (entries.some((e) => e.scope === writable.Scope && e.key === key && e.version === version)) {
        throw new TwirpError(
          409,
          'already_exists',
          `cache entry ${key} already exists in scope ${writable.Scope}`,
        )
      }
      const id = nextId++
      const entry: CacheEntryInfo = {
        id,
        scope: writable.Scope,
        key,
        version,
        finalized: false,
        sequence: 0,
        blobName: `${id}-${randomUUID()}`,
      }
      entries.push(entry)
      return answer({ ok: true, signed_upload_url: signedUrl(entry.blobName, 'cw'), message: '' })
    },

    async FinalizeCacheEntryUpload(body, scopes) {
      const key = requireString(body, 'key')
      const version = requireString(body, 'version')
      const size = Number(body.size_bytes)
      if (!Number.isSafeInteger(size) || size < 0) {
        throw new TwirpError(400, 'invalid_argument', 'size_bytes must be a non-negative integer')
      }
      const writable = scopes.find((s) => (s.Permission & CachePermission.Write) !== 0)
      const entry = entries.find(
        (e) => e.scope === writable?.Scope && e.key === key && e.version === version && !e.finalized,
      )
      if (!entry) throw new TwirpError(404, 'not_found', `no reserved cache entry ${key} to finalize`)
      let actual: number | undefined
      try {
        actual = (await container.getBlobClient(entry.blobName).getProperties()).contentLength
      } catch {
        actual = undefined
      }
      if (actual !== size) {
        return answer({ ok: false, entry_id: '0', message: `uploaded size ${actual ?? 'none'} != ${size}` })
      }
      entry.finalized = true
      entry.sizeBytes = size
      entry.sequence = ++sequence
      return answer({ ok: true, entry_id: String(entry.id), message: '' })
    },

    async GetCacheEntryDownloadURL(body, scopes) {
      const key = requireKey(requireString(body, 'key'), 'key')
      const version = requireString(body, 'version')
      const restoreKeys = body.restore_keys ?? []
      if (!Array.isArray(restoreKeys) || restoreKeys.some((k) => typeof k !== 'string')) {
        throw new TwirpError(400, 'invalid_argument', 'restore_keys must be a list of strings')
      }
      const readable = scopes.filter((s) => (s.Permission & CachePermission.Read) !== 0)
      if (readable.length === 0) throw new TwirpError(403, 'permission_denied', 'cache read denied: no scope')
      const wanted = [key, ...(restoreKeys as string[]).map((k) => requireKey(k, 'restore_keys'))]
      for (const scope of readable) {
        const candidates = entries.filter(
          (e) => e.finalized && e.scope === scope.Scope && e.version === version,
        )
        for (const k of wanted) {
          const hit =
            candidates.find((e) => e.key === k) ??
            candidates.filter((e) => e.key.startsWith(k)).sort((a, b) => b.sequence - a.sequence)[0]
          if (hit)
            return answer({
              ok: true,
              signed_download_url: signedUrl(hit.blobName, 'r'),
              matched_key: hit.key,
            })
        }
      }
      return answer({ ok: false, signed_download_url: '', matched_key: '' })
    },
  }

  const sendJson = (res: http.ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  }

  const serve = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = url.pathname.startsWith(SERVICE_PATH) ? url.pathname.slice(SERVICE_PATH.length) : ''
    const raw = await readBody(req)
    let scopes: CacheScopeGrant[] | null = null
    const auth = req.headers.authorization ?? ''
    let authError = 'missing bearer token'
    if (auth.startsWith('Bearer ')) {
      try {
        scopes = verifyRuntimeToken(auth.slice('Bearer '.length), secret)
      } catch (error) {
        authError = (error as Error).message
      }
    }
    let parsed: unknown = raw
    try {
      parsed = JSON.parse(raw)
    } catch {
      // Recorded raw; rejected below as malformed.
    }
    calls.push({ method, body: parsed, scopes })

    let current = isServiceFault(fault) ? fault : null
    if (current?.methods && !current.methods.includes(method as TwirpMethod)) current = null
    if (current && spared < (current.after ?? 0)) {
      spared++
      current = null
    }
    if (current) {
      switch (current.kind) {
        case 'reset':
          req.socket.destroy()
          return
        case 'slow':
          await new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              timers.delete(timer)
              resolve()
            }, current.delayMs)
            timers.add(timer)
          })
          if (req.socket.destroyed) return
          break
        case 'garbage':
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end(current.body ?? '<html>upstream proxy error</html>')
          return
        case 'wrong-shape':
          sendJson(res, 200, current.body)
          return
        case 'status':
          sendJson(res, current.status, {
            code: current.code ?? 'internal',
            msg: current.msg ?? 'injected fault',
          })
          return
      }
    }

    try {
      if (req.method !== 'POST') throw new TwirpError(404, 'bad_route', `unsupported method ${req.method}`)
      if (!METHODS.includes(method as TwirpMethod))
        throw new TwirpError(404, 'bad_route', `no handler for ${url.pathname}`)
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new TwirpError(415, 'bad_route', 'content type must be application/json')
      }
      if (!scopes) throw new TwirpError(401, 'unauthenticated', authError)
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new TwirpError(400, 'malformed', 'request body is not a JSON object')
      }
      sendJson(res, 200, await handlers[method as TwirpMethod](parsed as Record<string, unknown>, scopes))
    } catch (error) {
      if (error instanceof TwirpError) sendJson(res, error.status, { code: error.code, msg: error.message })
      else sendJson(res, 500, { code: 'internal', msg: (error as Error).message })
    }
  }

  const server = http.createServer((req, res) => {
    serve(req, res).catch(() => req.socket.destroy())
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  const listen = (onPort: number): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once('error', reject)
      server.listen(onPort, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy()
      if (!server.listening) return resolve()
      server.close(() => resolve())
    })
  await listen(0)
  port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`

  const envFor = (scopes: CacheScopeGrant[]): Record<string, string> => ({
    ACTIONS_CACHE_SERVICE_V2: 'true',
    // The client builds `new URL('/twirp/…', base)`; the trailing slash matches what the runner sets.
    ACTIONS_RESULTS_URL: `${url}/`,
    ACTIONS_RUNTIME_TOKEN: mintRuntimeToken(scopes, secret),
    // Anything but github.com / *.ghe.com / *.localhost makes the client assume GHES and speak v1.
    GITHUB_SERVER_URL: 'https://github.com',
  })
  let stopped = false

  return {
    url,
    blobEndpoint: azurite.endpoint,
    env: envFor(opts.scopes ?? [{ Scope: 'refs/heads/main', Permission: CachePermission.ReadWrite }]),
    envFor,
    tokenFor: (scopes) => mintRuntimeToken(scopes, secret),
    async setFault(next) {
      const wasDown = fault?.kind === 'down'
      fault = next
      spared = 0
      proxy.setFault(next && BLOB_FAULTS.has(next.kind) ? (next as BlobFault) : null)
      if (next?.kind === 'down' && !wasDown) await close()
      // Re-listening on the same port keeps the env (and tokens) handed out earlier valid.
      if (next?.kind !== 'down' && wasDown && !stopped) await listen(port)
    },
    entries: () => entries.map((e) => ({ ...e })),
    calls: () => calls.slice(),
    readBlob: async (entry) => container.getBlobClient(entry.blobName).downloadToBuffer(),
    async stop() {
      if (stopped) return
      stopped = true
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      await close()
      await proxy.stop()
      await azurite.stop()
    },
  }
}

/**
 * Sets the given variables in process.env and returns a function that puts back what was there before
 * (deleting the ones that were unset). The cache client reads its configuration at call time.
 */
export function applyEnv(env: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]))
  const set = (values: Record<string, string | undefined>): void => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
  set(env)
  return () => set(saved)
}
