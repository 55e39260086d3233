/**
 * The gate's decisions (shared by the CLI and the action) on real temporary trees with a local store.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { decodeManifest } from '../src/engine/manifest.js'
import { snapshot, verify, type GateSettings } from '../src/gate.js'
import type { Change } from '../src/engine/types.js'
import { LocalStore } from '../src/stores/local-store.js'

let dir: string
let storeDir: string
let messages: string[]

function settings(over: Partial<GateSettings> = {}): GateSettings {
  return {
    root: path.join(dir, 'tree'),
    gate: 'default',
    algorithm: 'sha256',
    include: [],
    exclude: [],
    alwaysExclude: [],
    policy: { allow: [], protected: [], failOn: 'unexpected' },
    onMissing: 'create',
    update: 'on-pass',
    provenance: { repository: 'octo-org/octo-repo', commit: 'a'.repeat(40) },
    source: 'local',
    log: { info: (m) => messages.push(m), warning: (m) => messages.push(`warning: ${m}`) },
    ...over,
  }
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-gate-'))
  storeDir = path.join(dir, 'store')
  fs.mkdirSync(path.join(dir, 'tree'))
  fs.writeFileSync(path.join(dir, 'tree', 'a.txt'), 'a')
  messages = []
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const store = () => new LocalStore(storeDir, 'default')
const baselineFile = () => path.join(storeDir, 'default.manifest.json.gz')

describe('globs that match nothing and empty scans', () => {
  it('warn about each include, allow or protected glob that matches no path, and about an empty scan', async () => {
    fs.mkdirSync(path.join(dir, 'tree', '.github', 'workflows'), { recursive: true })
    fs.writeFileSync(path.join(dir, 'tree', '.github', 'workflows', 'ci.yml'), 'on: push\n')
    const policy = {
      allow: ['docs/**', 'a.*'],
      protected: ['.github/workflows', '*.pem'],
      failOn: 'unexpected' as const,
    }
    await verify(store(), settings({ policy }))
    const warnings = () => messages.filter((m) => m.startsWith('warning: '))
    expect(warnings()).toEqual([
      "warning: The allow glob 'docs/**' matches no path in the tree or the baseline: check it for a typo.",
      "warning: The protected glob '*.pem' matches no path in the tree or the baseline: check it for a typo.",
    ])
    // A removed file still counts: the glob that names it is not a typo.
    fs.rmSync(path.join(dir, 'tree', 'a.txt'))
    messages = []
    await verify(store(), settings({ policy: { ...policy, allow: ['a.*'] } }))
    expect(warnings().filter((m) => m.includes("'a.*'"))).toEqual([])
    messages = []
    const empty = await verify(
      new LocalStore(path.join(dir, 'store2'), 'typo'),
      settings({ include: ['srcc/**'], gate: 'typo' }),
    )
    expect(empty.report.scan.files).toBe(0)
    expect(warnings()).toContain(
      `warning: The scan of ${path.join(dir, 'tree')} recorded no entries: check path, include and exclude. A gate that watches nothing always passes.`,
    )
    expect(warnings()).toContain(
      "warning: The include glob 'srcc/**' matches no path in the tree or the baseline: check it for a typo.",
    )
  })
})

describe('verify', () => {
  it('creates a missing baseline, then passes clean without saving again', async () => {
    const first = await verify(store(), settings())
    expect(first.result).toBe('baseline-created')
    const mtime = fs.statSync(baselineFile()).mtimeMs
    const second = await verify(store(), settings())
    expect(second.result).toBe('clean')
    expect(second.savedKey).toBeUndefined()
    expect(fs.statSync(baselineFile()).mtimeMs).toBe(mtime)
  })

  it('on-missing warn reports no-baseline, passes and saves nothing', async () => {
    const r = await verify(store(), settings({ onMissing: 'warn' }))
    expect([r.result, r.pass]).toEqual(['no-baseline', true])
    expect(fs.existsSync(baselineFile())).toBe(false)
  })

  it('without a baseline and without the right to save, fails closed', async () => {
    const r = await verify(store(), settings({ saveRefusedBecause: 'the pull request comes from a fork.' }))
    expect([r.result, r.pass]).toEqual(['violation', false])
    expect(r.report.verdict.reasons.join(' ')).toMatch(/fork/)
    expect(fs.existsSync(baselineFile())).toBe(false)
  })

  it('rolls forward on a passing change, never on a violation unless update is always', async () => {
    await snapshot(store(), settings())
    fs.writeFileSync(path.join(dir, 'tree', 'a.txt'), 'changed')
    const violation = await verify(store(), settings())
    expect([violation.result, violation.savedKey]).toEqual(['violation', undefined])
    const allowed = await verify(
      store(),
      settings({ policy: { allow: ['a.txt'], protected: [], failOn: 'unexpected' } }),
    )
    expect(allowed.result).toBe('changed')
    expect(allowed.savedKey).toBe(baselineFile())
    expect((await verify(store(), settings())).result).toBe('clean')

    fs.writeFileSync(path.join(dir, 'tree', 'b.txt'), 'new')
    const always = await verify(store(), settings({ update: 'always' }))
    expect([always.result, always.savedKey]).toEqual(['violation', baselineFile()])
    expect((await verify(store(), settings())).result).toBe('clean')
  })

  it('does not save from an untrusted event even with update always', async () => {
    await snapshot(store(), settings())
    fs.writeFileSync(path.join(dir, 'tree', 'a.txt'), 'changed')
    const r = await verify(store(), settings({ update: 'always', saveRefusedBecause: 'fork.' }))
    expect(r.savedKey).toBeUndefined()
    expect(messages.join('\n')).toMatch(/Not saving a new baseline: fork/)
  })

  it('refuses a signed cache baseline whose run id, attempt or time does not match its key', async () => {
    const key = Buffer.from('k1')
    await snapshot(store(), settings({ key, provenance: { runId: '41', runAttempt: '2' } }))
    const bytes = fs.readFileSync(baselineFile())
    const { createdAt } = decodeManifest(bytes, { key }).header
    const stamp = createdAt.replace(/[-:.]/g, '')
    const fromCache = (cacheKey: string) => ({
      description: 'Actions cache',
      load: async () => ({ bytes, key: cacheKey }),
      save: async () => ({ key: 'never' }),
    })
    const cached = settings({ key, source: 'cache' })
    const prefix = 'integrity-gate-v1-linux-default.0123456789abcdef-'
    expect((await verify(fromCache(`${prefix}41-2-${stamp}`), cached)).result).toBe('clean')
    for (const k of [
      `${prefix}41-2-20000101T000000000Z`,
      `${prefix}41-1-${stamp}`,
      `${prefix}40-2-${stamp}`,
      'other',
    ])
      await expect(verify(fromCache(k), cached)).rejects.toThrow(/does not match the key.*\(replay\)/)
    // Signed without a run id (not made by the action): its key cannot be checked, so it is refused.
    await snapshot(store(), settings({ key, provenance: {} }))
    const unpinned = settings({ key, source: 'cache' })
    const noRun = {
      ...fromCache(`${prefix}41-2-${stamp}`),
      load: async () => ({ bytes: fs.readFileSync(baselineFile()), key: `${prefix}41-2-${stamp}` }),
    }
    await expect(verify(noRun, unpinned)).rejects.toThrow(/records no run id, which does not match the key/)
  })

  it('refuses a baseline recorded for another repository', async () => {
    await snapshot(store(), settings({ provenance: { repository: 'evil/other' } }))
    await expect(verify(store(), settings())).rejects.toThrow(/recorded for repository 'evil\/other'/)
  })

  it('refuses a baseline of another gate copied into place', async () => {
    await snapshot(new LocalStore(storeDir, 'other'), settings({ gate: 'other' }))
    fs.copyFileSync(path.join(storeDir, 'other.manifest.json.gz'), baselineFile())
    await expect(verify(store(), settings())).rejects.toThrow(/gate/i)
  })

  it('fails closed on a baseline taken with another algorithm', async () => {
    await snapshot(store(), settings({ algorithm: 'sha512' }))
    const r = await verify(store(), settings())
    expect(r.pass).toBe(false)
    expect(r.report.verdict.reasons.join(' ')).toMatch(/sha512/)
  })

  // verify compares an unsigned baseline in the writer's layout line by line, and decodes anything else in
  // full: both paths must give one answer, and an invalid line must fail with decode's own error.
  describe('baseline paths', () => {
    beforeEach(() => {
      for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(dir, 'tree', `f${i}.txt`), `content ${i}`)
      fs.mkdirSync(path.join(dir, 'tree', 'sub'))
      fs.symlinkSync('../a.txt', path.join(dir, 'tree', 'sub', 'link'))
    })
    const tamper = (): void => {
      fs.writeFileSync(path.join(dir, 'tree', 'f7.txt'), 'tampered')
      fs.rmSync(path.join(dir, 'tree', 'f8.txt'))
      fs.writeFileSync(path.join(dir, 'tree', 'new.txt'), 'new')
      fs.chmodSync(path.join(dir, 'tree', 'f9.txt'), 0o755)
    }
    const rewrite = (edit: (text: string) => string): void =>
      fs.writeFileSync(baselineFile(), gzipSync(edit(gunzipSync(fs.readFileSync(baselineFile())).toString())))

    const summary = (r: { report: { changes: Change[] } }): string[] =>
      r.report.changes.map((c) => `${c.path}:${[...c.kinds].sort().join('+')}`).sort()
    const expected = ['f7.txt:modified', 'f8.txt:removed', 'f9.txt:mode', 'new.txt:added']

    it('gives the same changes for a baseline in another layout (decoded in full)', async () => {
      await snapshot(store(), settings())
      tamper()
      const quick = await verify(store(), settings({ update: 'never' }))
      rewrite((t) => JSON.stringify(JSON.parse(t), null, 2))
      const full = await verify(store(), settings({ update: 'never' }))
      expect(summary(quick)).toEqual(expected)
      expect(full.report.changes).toEqual(quick.report.changes)
      expect(full.report.verdict).toEqual(quick.report.verdict)
      expect(quick.pass).toBe(false)
    })

    it('gives the same changes for a signed baseline (always decoded in full)', async () => {
      const key = Buffer.from('s3cret')
      await snapshot(store(), settings({ key }))
      tamper()
      const r = await verify(store(), settings({ key, update: 'never' }))
      expect(summary(r)).toEqual(expected)
      expect(r.report.baseline?.signed).toBe(true)
    })

    it("fails with decode's error on an invalid line deep inside the baseline", async () => {
      await snapshot(store(), settings())
      rewrite((t) => t.replace(/("path":"f20\.txt"[^\n]*"digest":")[0-9a-f]{2}/, '$1ZZ'))
      const expected = (() => {
        try {
          decodeManifest(fs.readFileSync(baselineFile()))
        } catch (e) {
          return (e as Error).message
        }
        return 'decoded without error'
      })()
      expect(expected).toMatch(/f20\.txt/)
      await expect(verify(store(), settings())).rejects.toThrow(expected)
    })

    it('refuses a baseline of another gate on the line-by-line path too', async () => {
      await snapshot(store(), settings())
      rewrite((t) => t.replace('"gate":"default"', '"gate":"other"'))
      await expect(verify(store(), settings())).rejects.toThrow(
        'The baseline belongs to gate "other", not "default".',
      )
    })
  })

  it('fails on an absolute symlink whose target text is unchanged but now points outside the moved root', async () => {
    // The baseline was taken with the tree at tree/ (a baseline-file made in another checkout, a runner
    // with another work folder); the same target text then leaves the root the gate scans now.
    const tree = path.join(dir, 'tree')
    fs.symlinkSync(path.join(tree, 'a.txt'), path.join(tree, 'link'))
    await snapshot(store(), settings())
    const moved = path.join(dir, 'moved')
    fs.renameSync(tree, moved)
    const r = await verify(store(), settings({ root: moved }))
    expect(r.manifest.entries.find((e) => e.path === 'link')?.escapes).toBe(true)
    expect(r.report.changes.map((c) => [c.path, c.kinds])).toEqual([['link', ['symlink']]])
    expect([r.result, r.pass]).toEqual(['violation', false])
    // Even where the path is allowed: a symlink that now points outside the root is never just expected.
    const allowed = await verify(
      store(),
      settings({ root: moved, policy: { allow: ['**'], protected: [], failOn: 'unexpected' } }),
    )
    expect([allowed.result, allowed.pass]).toEqual(['violation', false])
  })

  it('refuses to snapshot from an untrusted event', async () => {
    await expect(snapshot(store(), settings({ saveRefusedBecause: 'fork.' }))).rejects.toThrow(/Refusing/)
  })
})

describe('a commit still pending when the scan starts (the CLI asks git meanwhile)', () => {
  const later = <T>(value: T, ms: number): Promise<T> => new Promise((r) => setTimeout(() => r(value), ms))
  const sha = 'b'.repeat(40)
  const saved = () => decodeManifest(fs.readFileSync(baselineFile()))

  it('joins the provenance in the saved header, however late it comes', async () => {
    for (let i = 0; i < 300; i++) fs.writeFileSync(path.join(dir, 'tree', `f${i}.txt`), `f${i}`)
    for (const ms of [0, 50]) {
      const r = await snapshot(
        store(),
        settings({ provenance: { repository: 'o/r' }, pendingCommit: later(sha, ms) }),
      )
      expect(r.manifest.header.provenance).toEqual({ repository: 'o/r', commit: sha })
      expect(saved().header.provenance).toEqual({ repository: 'o/r', commit: sha })
      expect(saved().entries.map((e) => e.path)).toEqual(r.manifest.entries.map((e) => e.path))
      expect(saved().entries).toHaveLength(301)
    }
  })

  it('reaches the header of a tree with no entries, and an unknown commit leaves no provenance', async () => {
    fs.rmSync(path.join(dir, 'tree', 'a.txt'))
    await snapshot(store(), settings({ provenance: {}, pendingCommit: later(sha, 20) }))
    expect(saved().header.provenance).toEqual({ commit: sha })
    expect(saved().entries).toEqual([])
    await snapshot(store(), settings({ provenance: {}, pendingCommit: later(undefined, 20) }))
    expect(saved().header.provenance).toBeUndefined()
  })

  it('verify compares as before while the commit is pending, and a failed scan writes nothing', async () => {
    await snapshot(store(), settings())
    fs.writeFileSync(path.join(dir, 'tree', 'a.txt'), 'changed')
    const r = await verify(store(), settings({ pendingCommit: later(sha, 30), update: 'never' }))
    expect(r.report.changes.map((c: Change) => c.path)).toEqual(['a.txt'])
    const before = fs.readFileSync(baselineFile())
    fs.rmSync(path.join(dir, 'tree'), { recursive: true })
    await expect(snapshot(store(), settings({ pendingCommit: later(sha, 30) }))).rejects.toThrow()
    expect(fs.readFileSync(baselineFile()).equals(before)).toBe(true)
  })
})
