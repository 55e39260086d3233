// The cache stand-in, driven by the real @actions/cache client against a real Azurite.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  applyEnv,
  CachePermission,
  startCacheService,
  type CacheScopeGrant,
  type CacheService,
} from '../../test-support/cache-service.js'

type CacheModule = typeof import('@actions/cache')

const MAIN: CacheScopeGrant[] = [{ Scope: 'refs/heads/main', Permission: CachePermission.ReadWrite }]
// A pull request's token: its own merge ref read+write, then the base branch read-only, in that order.
const PULL: CacheScopeGrant[] = [
  { Scope: 'refs/pull/7/merge', Permission: CachePermission.ReadWrite },
  { Scope: 'refs/heads/main', Permission: CachePermission.Read },
]

let service: CacheService
let cache: CacheModule
let work: string
let restoreEnv: () => void

beforeAll(async () => {
  service = await startCacheService({ scopes: MAIN })
  work = await mkdtemp(path.join(tmpdir(), 'cache-service-test-'))
  restoreEnv = applyEnv({ ...service.env, RUNNER_TEMP: path.join(work, 'runner-temp') })
  // The client reads its configuration at call time; importing after the env is set keeps that true either way.
  cache = await import('@actions/cache')
})

afterAll(async () => {
  restoreEnv?.()
  await service?.stop()
  if (work) await rm(work, { recursive: true, force: true })
})

/** Saves `content` at `file` under `key` with the token for `scopes`. */
async function save(file: string, key: string, content: string, scopes = MAIN): Promise<number> {
  const undo = applyEnv(service.envFor(scopes))
  try {
    await writeFile(file, content)
    return await cache.saveCache([file], key)
  } finally {
    undo()
  }
}

/** Restores into `file` (removed first) and returns the matched key and the content, if any. */
async function restore(file: string, key: string, scopes = MAIN, restoreKeys: string[] = []) {
  const undo = applyEnv(service.envFor(scopes))
  try {
    await rm(file, { force: true })
    const matched = await cache.restoreCache([file], key, restoreKeys)
    const content = matched === undefined ? undefined : await readFile(file, 'utf8')
    return { matched, content }
  } finally {
    undo()
  }
}

async function twirp(method: string, body: unknown, token: string) {
  const response = await fetch(`${service.url}/twirp/github.actions.results.api.v1.CacheService/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('cache service stand-in with the real @actions/cache client', () => {
  it('gives the client a v2 configuration', () => {
    expect(cache.isFeatureAvailable()).toBe(true)
    expect(service.env.ACTIONS_CACHE_SERVICE_V2).toBe('true')
    expect(service.env.ACTIONS_RESULTS_URL).toBe(`${service.url}/`)
    expect(service.env.GITHUB_SERVER_URL).toBe('https://github.com')
  })

  it('round-trips a file through Twirp and Azurite', async () => {
    const file = path.join(work, 'round-trip.txt')
    const id = await save(file, 'round-trip-1', 'hello baseline')
    expect(id).toBeGreaterThan(0)
    const entry = service.entries().find((e) => e.key === 'round-trip-1')
    expect(entry).toMatchObject({ scope: 'refs/heads/main', finalized: true })
    // The archive really is in Azurite, as a compressed tar of the size the client reported.
    const blob = await service.readBlob(entry!)
    expect(blob.length).toBe(entry!.sizeBytes)
    expect(await restore(file, 'round-trip-1')).toEqual({
      matched: 'round-trip-1',
      content: 'hello baseline',
    })
    // The client spoke snake_case Twirp JSON.
    const create = service.calls().find((c) => c.method === 'CreateCacheEntry')
    expect(create?.body).toEqual({ key: 'round-trip-1', version: expect.stringMatching(/^[0-9a-f]{64}$/) })
    const finalize = service.calls().find((c) => c.method === 'FinalizeCacheEntryUpload')
    expect(finalize?.body).toMatchObject({ size_bytes: String(entry!.sizeBytes) })
  })

  it('restores the newest entry by prefix, but an exact key first', async () => {
    const file = path.join(work, 'prefix.txt')
    expect(await save(file, 'prefix-a-1', 'first')).toBeGreaterThan(0)
    expect(await save(file, 'prefix-a-2', 'second')).toBeGreaterThan(0)
    expect(await restore(file, 'prefix-a-')).toEqual({ matched: 'prefix-a-2', content: 'second' })
    expect(await restore(file, 'prefix-a-1')).toEqual({ matched: 'prefix-a-1', content: 'first' })
    expect(await restore(file, 'nothing-', MAIN, ['prefix-a-'])).toEqual({
      matched: 'prefix-a-2',
      content: 'second',
    })
    expect(await restore(file, 'prefix-b-')).toEqual({ matched: undefined, content: undefined })
  })

  it('matches only entries of the same version (the version hashes the paths)', async () => {
    const file = path.join(work, 'versioned.txt')
    expect(await save(file, 'versioned-1', 'v')).toBeGreaterThan(0)
    const other = path.join(work, 'other-name.txt')
    expect(await restore(other, 'versioned-')).toEqual({ matched: undefined, content: undefined })
  })

  it('lets a pull request read the base branch but save only into its own scope', async () => {
    const file = path.join(work, 'scoped.txt')
    expect(await save(file, 'scoped-base-1', 'from main')).toBeGreaterThan(0)
    expect(await restore(file, 'scoped-base-', PULL)).toEqual({
      matched: 'scoped-base-1',
      content: 'from main',
    })

    expect(await save(file, 'scoped-pr-1', 'from the PR', PULL)).toBeGreaterThan(0)
    expect(service.entries().find((e) => e.key === 'scoped-pr-1')?.scope).toBe('refs/pull/7/merge')
    expect(await restore(file, 'scoped-pr-', PULL)).toEqual({
      matched: 'scoped-pr-1',
      content: 'from the PR',
    })
    expect(await restore(file, 'scoped-pr-', MAIN)).toEqual({ matched: undefined, content: undefined })

    // The PR's own scope comes first: its entry shadows the base branch's under the same prefix.
    expect(await save(file, 'scoped-base-2', 'PR copy', PULL)).toBeGreaterThan(0)
    expect(await restore(file, 'scoped-base-', PULL)).toEqual({
      matched: 'scoped-base-2',
      content: 'PR copy',
    })
    expect(await restore(file, 'scoped-base-', MAIN)).toEqual({
      matched: 'scoped-base-1',
      content: 'from main',
    })
  })

  it('keeps a key immutable per scope and version', async () => {
    const file = path.join(work, 'immutable.txt')
    expect(await save(file, 'immutable-1', 'original')).toBeGreaterThan(0)
    expect(await save(file, 'immutable-1', 'overwrite attempt')).toBe(-1)
    expect(service.entries().filter((e) => e.key === 'immutable-1')).toHaveLength(1)
    expect(await restore(file, 'immutable-1')).toEqual({ matched: 'immutable-1', content: 'original' })

    const created = service
      .calls()
      .find((c) => c.method === 'CreateCacheEntry' && (c.body as { key: string }).key === 'immutable-1')
    const version = (created?.body as { version: string }).version
    const again = await twirp('CreateCacheEntry', { key: 'immutable-1', version }, service.tokenFor(MAIN))
    expect(again).toEqual({ status: 409, body: { code: 'already_exists', msg: expect.any(String) } })
  })

  it('rejects a token it did not sign, and a token without writable scope cannot save', async () => {
    const forged = await twirp('GetCacheEntryDownloadURL', { key: 'k', version: 'v' }, 'a.b.c')
    expect(forged).toMatchObject({ status: 401, body: { code: 'unauthenticated' } })
    const readOnly = [{ Scope: 'refs/heads/main', Permission: CachePermission.Read }]
    const denied = await twirp('CreateCacheEntry', { key: 'k', version: 'v' }, service.tokenFor(readOnly))
    expect(denied).toMatchObject({
      status: 200,
      body: { ok: false, message: expect.stringMatching(/^cache write denied:/) },
    })
  })

  it('stops its servers and Azurite', async () => {
    const other = await startCacheService()
    const answers = (url: string): Promise<boolean> =>
      fetch(url).then(
        () => true,
        () => false,
      )
    expect(await answers(other.url)).toBe(true)
    expect(await answers(other.blobEndpoint)).toBe(true)
    await other.stop()
    expect(await answers(other.url)).toBe(false)
    expect(await answers(other.blobEndpoint)).toBe(false)
    await other.stop()
  })
})
