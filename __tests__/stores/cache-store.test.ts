// CacheStore against the cache stand-in: the real @actions/cache client, a real Azurite, injected faults.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { makeArchive, plantArchive as plantWith } from '../../test-support/cache-plant.js'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { applyEnv, startCacheService, type CacheService } from '../../test-support/cache-service.js'
import { cachePrefix, gateSegment } from '../../src/stores/cache-key.js'
import type * as StoreModule from '../../src/stores/cache-store.js'

type CacheModule = typeof import('@actions/cache')

let service: CacheService
let cache: CacheModule
let store: typeof StoreModule
let work: string
let restoreEnv: () => void

// Small bounds so failure paths finish quickly; the defaults are for real runners.
const FAST = { lookupTimeoutMs: 400, lookupAttempts: 2, retryDelayMs: 10, transferTimeoutMs: 20_000 }
const FAILS_CLOSED = /could not be read from the Actions cache: .*fails closed/s

beforeAll(async () => {
  service = await startCacheService()
  work = await mkdtemp(path.join(tmpdir(), 'cache-store-test-'))
  restoreEnv = applyEnv({ ...service.env, RUNNER_TEMP: path.join(work, 'runner-temp') })
  cache = await import('@actions/cache')
  store = await import('../../src/stores/cache-store.js')
})

afterEach(async () => {
  await service.setFault(null)
})

afterAll(async () => {
  restoreEnv?.()
  await service?.stop()
  if (work) await rm(work, { recursive: true, force: true })
})

let runId = 1000
function newStore(gate: string, extra: Partial<StoreModule.CacheStoreOptions> = {}): StoreModule.CacheStore {
  return new store.CacheStore({
    gate,
    os: 'Linux',
    runId: runId++,
    runAttempt: 1,
    tempDir: path.join(work, 'store-temp'),
    ...FAST,
    ...extra,
  })
}

const plantArchive = (key: string, version: string, archive: Buffer) =>
  plantWith(service, key, version, archive)

const manifest = (text: string): Buffer => Buffer.from(`{"manifest":"${text}"}`)

describe('CacheStore with the real client', () => {
  it('returns null when the service says there is no baseline', async () => {
    expect(await newStore('never-saved').load()).toBeNull()
  })

  it('saves and loads the bytes, under a key with the gate prefix', async () => {
    const saved = await newStore('round trip').save(manifest('one'))
    expect(saved.key.startsWith(cachePrefix('round trip', 'Linux'))).toBe(true)
    expect(service.entries().find((e) => e.key === saved.key)?.finalized).toBe(true)
    const loaded = await newStore('round trip').load()
    expect(loaded?.key).toBe(saved.key)
    expect(loaded?.bytes.equals(manifest('one'))).toBe(true)
  })

  it('loads the newest of several baselines', async () => {
    await newStore('newest', { now: () => new Date('2030-01-01T00:00:00Z') }).save(manifest('older'))
    const second = await newStore('newest', { now: () => new Date('2020-01-01T00:00:00Z') }).save(
      manifest('newer'),
    )
    // Newest means saved last (the service orders by creation), not the biggest timestamp in the key.
    const loaded = await newStore('newest').load()
    expect(loaded?.key).toBe(second.key)
    expect(loaded?.bytes.toString()).toBe(manifest('newer').toString())
  })

  it('never restores another gate whose name starts with this one', async () => {
    await newStore('iso-a-b').save(manifest('other gate'))
    expect(await newStore('iso-a').load()).toBeNull()
    expect(await newStore('iso-a-').load()).toBeNull()
  })

  it('computes the same version and lookup as the client does', async () => {
    const gate = 'version check'
    await newStore(gate).save(manifest('v'))
    const file = path.join(work, 'store-temp', 'integrity-gate-baseline', `${gateSegment(gate)}.json.gz`)
    const before = service.calls().length
    await newStore(gate).load()
    // The real client's lookup for the same file and prefix (lookupOnly: nothing is extracted).
    await cache.restoreCache([file], cachePrefix(gate, 'Linux'), [], { lookupOnly: true })
    const lookups = service
      .calls()
      .slice(before)
      .filter((c) => c.method === 'GetCacheEntryDownloadURL')
    expect(lookups).toHaveLength(2)
    expect(lookups[0]!.body).toEqual(lookups[1]!.body)
    const version = store.cacheVersion([file], await store.detectCompressionMethod())
    expect(lookups[0]!.body).toEqual({ key: cachePrefix(gate, 'Linux'), version })
  })

  it('reads the compact proto3 miss `{}` as a miss', async () => {
    await service.setFault({ kind: 'wrong-shape', body: {} })
    expect(await newStore('compact miss').load()).toBeNull()
  })
})

describe('CacheStore.load fails closed', () => {
  const saveOne = async (gate: string): Promise<string> => (await newStore(gate).save(manifest(gate))).key

  it('when the service is down', async () => {
    await saveOne('down')
    await service.setFault({ kind: 'down' })
    await expect(newStore('down').load()).rejects.toThrow(FAILS_CLOSED)
  })

  it('when the connection is dropped', async () => {
    await service.setFault({ kind: 'reset' })
    await expect(newStore('reset').load()).rejects.toThrow(/no answer from the cache service/)
  })

  it('when the answer is not JSON', async () => {
    await service.setFault({ kind: 'garbage' })
    await expect(newStore('garbage').load()).rejects.toThrow(/not JSON/)
  })

  it.each([
    ['a wrong type for ok', { ok: 'false' }],
    ['no ok at all', { error: 'upstream' }],
    ['a hit without a URL', { ok: true, matched_key: 'x' }],
    [
      'a hit outside our prefix',
      { ok: true, signed_download_url: 'http://127.0.0.1:9/x', matched_key: 'other-' },
    ],
    ['an array', [{ ok: false }]],
  ])('when the answer has %s', async (_name, body) => {
    await service.setFault({ kind: 'wrong-shape', body })
    await expect(newStore('wrong shape').load()).rejects.toThrow(FAILS_CLOSED)
  })

  it('when the service answers 5xx, after retrying', async () => {
    await service.setFault({ kind: 'status', status: 503, code: 'unavailable' })
    await expect(newStore('5xx').load()).rejects.toThrow(/HTTP 503.*after 2 attempts/s)
  })

  it('when reading is denied', async () => {
    await service.setFault({
      kind: 'status',
      status: 403,
      code: 'permission_denied',
      msg: 'cache read denied: x',
    })
    await expect(newStore('denied').load()).rejects.toThrow(/HTTP 403.*cache read denied/s)
  })

  it('when the service is too slow', async () => {
    await service.setFault({ kind: 'slow', delayMs: 10_000 })
    await expect(newStore('slow', { lookupAttempts: 1 }).load()).rejects.toThrow(FAILS_CLOSED)
  }, 8000)

  it('when the blob download is cut mid-way', async () => {
    const key = await saveOne('cut download')
    await service.setFault({ kind: 'download-cut', afterBytes: 40 })
    await expect(newStore('cut download').load()).rejects.toThrow(
      new RegExp(`entry ${key} exists but could not be downloaded`),
    )
  })

  it('when the blob is gone', async () => {
    await saveOne('blob gone')
    await service.setFault({ kind: 'download-status', status: 404 })
    await expect(newStore('blob gone').load()).rejects.toThrow(/exists but could not be downloaded/)
  })

  it('when the entry holds something else than the one baseline file (poisoned), and extracts nothing', async () => {
    const gate = 'poisoned'
    const file = path.join(work, 'store-temp', 'integrity-gate-baseline', `${gateSegment(gate)}.json.gz`)
    const version = store.cacheVersion([file], await store.detectCompressionMethod())
    const evil = path.join(work, 'evil-target.txt')
    // An archive that would write outside the workspace if extracted with tar -P.
    await plantArchive(
      cachePrefix(gate, 'Linux') + '1',
      version,
      await makeArchive({
        [path.basename(file)]: 'x',
        [evil]: 'owned',
      }),
    )
    await expect(newStore(gate).load()).rejects.toThrow(/2 archive members.*refusing it/s)
    expect(existsSync(evil)).toBe(false)
  })

  it('when an entry sits under the bare key prefix: an exact match would shadow every newer baseline', async () => {
    const gate = 'bare prefix'
    const file = path.join(work, 'store-temp', 'integrity-gate-baseline', `${gateSegment(gate)}.json.gz`)
    const version = store.cacheVersion([file], await store.detectCompressionMethod())
    // Planted with a well-formed archive of the baseline file, under exactly the key the gate looks up.
    await plantArchive(
      cachePrefix(gate, 'Linux'),
      version,
      await makeArchive({ [path.basename(file)]: '{"manifest":"planted"}' }),
    )
    // Re-baselining (what the incident checklist says to do) saves newer entries; the planted one must not
    // keep winning: the service answers an exact key match before the newest prefix match.
    await newStore(gate).save(manifest('accepted later'))
    await expect(newStore(gate).load()).rejects.toThrow(/bare key prefix.*delete it/s)
  })

  it('when the entry holds one file with another name', async () => {
    const gate = 'renamed'
    const file = path.join(work, 'store-temp', 'integrity-gate-baseline', `${gateSegment(gate)}.json.gz`)
    const version = store.cacheVersion([file], await store.detectCompressionMethod())
    await plantArchive(cachePrefix(gate, 'Linux') + '1', version, await makeArchive({ 'other.json.gz': 'x' }))
    await expect(newStore(gate).load()).rejects.toThrow(/"other.json.gz" instead of the baseline file/)
  })

  it('when the cache is not configured at all', async () => {
    const undo = applyEnv({ ACTIONS_RESULTS_URL: undefined, ACTIONS_CACHE_URL: undefined })
    try {
      await expect(newStore('unset').load()).rejects.toThrow(store.CacheServiceUnavailableError)
      await expect(newStore('unset').save(manifest('x'))).rejects.toThrow(/not available/)
    } finally {
      undo()
    }
  })

  it('when the client would speak the legacy v1 protocol (GHES)', async () => {
    // GHES runners set ACTIONS_CACHE_URL, so the client sees a (v1) service there.
    const undo = applyEnv({
      GITHUB_SERVER_URL: 'https://ghes.example.com',
      ACTIONS_CACHE_URL: `${service.url}/`,
    })
    try {
      await expect(newStore('ghes').load()).rejects.toThrow(/legacy cache protocol v1/)
    } finally {
      undo()
    }
  })

  it('when reads are switched off by ACTIONS_CACHE_MODE', async () => {
    const undo = applyEnv({ ACTIONS_CACHE_MODE: 'write-only' })
    try {
      await expect(newStore('mode').load()).rejects.toThrow(/ACTIONS_CACHE_MODE=write-only/)
    } finally {
      undo()
    }
  })
})

describe('CacheStore.save throws on failure', () => {
  it('when the blob upload fails mid-way, and the half-saved entry is never loaded', async () => {
    const first = await newStore('upload').save(manifest('good'))
    await service.setFault({ kind: 'upload-reject', afterBytes: 40 })
    await expect(newStore('upload').save(manifest('lost'))).rejects.toThrow(
      /could not be saved to the Actions cache/,
    )
    await service.setFault(null)
    const loaded = await newStore('upload').load()
    expect(loaded?.key).toBe(first.key)
    expect(loaded?.bytes.toString()).toBe(manifest('good').toString())
  })

  it('when the service refuses the reservation', async () => {
    await service.setFault({
      kind: 'status',
      status: 403,
      code: 'permission_denied',
      methods: ['CreateCacheEntry'],
    })
    await expect(newStore('refused').save(manifest('x'))).rejects.toThrow(/could not be saved/)
  })

  it('when the key already exists (immutable entries)', async () => {
    const fixed = { now: () => new Date('2031-01-01T00:00:00Z'), runId: 5 }
    await newStore('same key', fixed).save(manifest('a'))
    await expect(newStore('same key', fixed).save(manifest('b'))).rejects.toThrow(/could not be saved/)
  })

  it('when the client throws', async () => {
    const fake = {
      ...cache,
      saveCache: async (): Promise<number> => {
        throw new Error('boom')
      },
    }
    await expect(newStore('throws', { cache: fake }).save(manifest('x'))).rejects.toThrow(
      /could not be saved.*boom/,
    )
  })
})
