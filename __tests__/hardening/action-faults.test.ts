/**
 * dist/index.js as a runner runs it, against a hostile tree and under faults: the cache service down, slow or
 * answering garbage, blob storage failing mid-upload and mid-download, RUNNER_TEMP unusable (a file, a
 * read-only mount, a full tmpfs). Each run must fail with a message that names the problem, and the previous
 * baseline must still load afterwards (nothing lost).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { startCacheService, type CacheService } from '../../test-support/cache-service.js'
import { createJob, type Job, type StepResult } from '../../test-support/action-runner.js'
import { INJECTED, makeHostileTree, type HostileTree } from '../../test-support/hostile-tree.js'
import { problems } from '../engine/markdown-checker.js'

let svc: CacheService
let job: Job
let run = 7000

const OUTPUT_NAMES = new Set([
  'result',
  'added',
  'removed',
  'modified',
  'moved',
  'changes',
  'critical',
  'report-file',
  'manifest-file',
  'baseline-key',
  'issue-number',
  'issue-url',
])
/** The only workflow commands the action itself prints. */
const OWN_COMMAND = /^::(error|warning|notice|debug|group|endgroup|add-mask)( [^:\r\n]*)?::/

beforeAll(async () => {
  svc = await startCacheService()
  job = createJob({ baseEnv: { ...svc.env, INTEGRITY_GATE_CACHE_TIMEOUT_MS: '500' } })
  fs.mkdirSync(path.join(job.workspace, 'src'))
  fs.writeFileSync(path.join(job.workspace, 'src', 'app.js'), 'app\n')
  fs.writeFileSync(path.join(job.workspace, 'notes.md'), 'v1\n')
}, 60_000)

afterAll(async () => {
  job?.cleanup()
  await svc?.stop()
})

function main(inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<StepResult> {
  run++
  return job.main({ 'github-token': 'x', ...inputs }, { GITHUB_RUN_ID: String(run), ...env })
}

/** A failed step: exit 1 and an `::error::` whose message matches. */
function expectFailed(r: StepResult, message: RegExp): void {
  expect(r.exitCode).toBe(1)
  const errors = r.commands.filter((c) => c.command === 'error' && c.props.file === undefined)
  expect(errors.map((c) => c.message).join('\n')).toMatch(message)
}

/** After a fault: the stored baseline still loads and the tree still matches it. */
async function expectBaselineIntact(): Promise<void> {
  const r = await main({ 'update-baseline': 'never' })
  expect(r.stderr).toBe('')
  expect(r.outputs.result).toBe('clean')
  expect(r.exitCode).toBe(0)
}

describe('setup', () => {
  it('creates the baseline', async () => {
    const r = await main()
    expect(r.outputs.result).toBe('baseline-created')
    expect(svc.entries()).toHaveLength(1)
  })
})

describe('cache service faults fail closed and lose nothing', () => {
  const cases: [string, Parameters<CacheService['setFault']>[0], RegExp][] = [
    ['down (connection refused)', { kind: 'down' }, /baseline could not be read.*no answer/i],
    ['slow (no answer within the timeout)', { kind: 'slow', delayMs: 5_000 }, /could not be read.*500 ms/i],
    ['answering garbage', { kind: 'garbage' }, /could not be read.*not JSON/i],
    ['answering the wrong shape', { kind: 'wrong-shape', body: { ok: 'yes' } }, /could not be read.*"ok"/i],
    ['answering HTTP 500 every time', { kind: 'status', status: 500 }, /could not be read.*HTTP 500/i],
    ['answering HTTP 401', { kind: 'status', status: 401, code: 'unauthenticated' }, /HTTP 401/],
  ]
  it.each(cases)('cache service %s: exit 1, clear message, no result output', async (_name, fault, msg) => {
    await svc.setFault(fault)
    try {
      const r = await main()
      expectFailed(r, msg)
      expect(r.outputs.result).toBeUndefined()
      expect(r.stdout).toMatch(/fails closed/)
    } finally {
      await svc.setFault(null)
    }
    expect(svc.entries()).toHaveLength(1)
    await expectBaselineIntact()
  })

  it('blob storage cutting the download midway: exit 1 naming the entry; the baseline is intact after', async () => {
    await svc.setFault({ kind: 'download-cut', afterBytes: 40 })
    try {
      const r = await main()
      expectFailed(r, /could not be read.*exists but/i)
      expect(r.outputs.result).toBeUndefined()
    } finally {
      await svc.setFault(null)
    }
    await expectBaselineIntact()
  })

  it('blob storage failing mid-upload: the roll-forward fails the step; the old baseline still loads', async () => {
    fs.writeFileSync(path.join(job.workspace, 'notes.md'), 'v2\n')
    await svc.setFault({ kind: 'upload-reject', afterBytes: 32, status: 403 })
    let r: StepResult
    try {
      r = await main({ allow: 'notes.md' })
    } finally {
      await svc.setFault(null)
    }
    expectFailed(r, /could not be saved/i)
    // No half-written entry is ever restored: only finalized entries count, and the old one is still newest.
    expect(svc.entries().filter((e) => e.finalized)).toHaveLength(1)
    const after = await main({ allow: 'notes.md', 'update-baseline': 'never' })
    expect(after.outputs).toMatchObject({ result: 'changed', modified: '1' })
    fs.writeFileSync(path.join(job.workspace, 'notes.md'), 'v1\n')
    await expectBaselineIntact()
  })
})

describe('RUNNER_TEMP unusable', () => {
  it('a file where the RUNNER_TEMP directory should be: exit 1 naming the path', async () => {
    const notADir = path.join(path.dirname(job.temp), 'temp-is-a-file')
    fs.writeFileSync(notADir, 'x')
    // A fresh RUNNER_TEMP path changes the cache version (a miss): the gate must still fail when it cannot save.
    const r = await main({}, { RUNNER_TEMP: notADir })
    expectFailed(r, /ENOTDIR|not a directory/)
    expect(r.outputs.result).toBeUndefined()
    expect(svc.entries().filter((e) => e.finalized)).toHaveLength(1)
    await expectBaselineIntact()
  })

  const maybe = canMountTmpfs() ? it : it.skip

  maybe(
    'read-only (a read-only mount over RUNNER_TEMP): exit 1 naming the path; baseline intact',
    async () => {
      mountTmpfs('ro,size=64k', job.temp)
      let r: StepResult
      try {
        r = await main()
      } finally {
        unmount(job.temp)
      }
      // Node's recursive mkdir reports EROFS as ENOENT; either way the path is named and the step fails.
      expectFailed(r, /(EROFS|read-only|ENOENT).*runner-temp/)
      expect(r.outputs.result).toBeUndefined()
      await expectBaselineIntact()
    },
  )

  maybe('full (a 4 KiB tmpfs filled up): exit 1, never a pass; baseline intact', async () => {
    mountTmpfs('size=4k', job.temp)
    let r: StepResult
    try {
      fs.writeFileSync(path.join(job.temp, 'filler'), Buffer.alloc(4096))
      r = await main()
    } finally {
      unmount(job.temp)
    }
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/could not be read|ENOSPC|no space/i)
    expect(r.outputs.result).toBeUndefined()
    await expectBaselineIntact()
  })
})

/** Mounts a tmpfs with these options on dir (fixed arguments and our own temp paths; no shell). */
function mountTmpfs(options: string, dir: string): void {
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'ignore' })
}

function unmount(dir: string): void {
  execFileSync('umount', [dir], { stdio: 'ignore' })
}

/** True when this process may mount (root with CAP_SYS_ADMIN, e.g. CI containers that allow it). */
function canMountTmpfs(): boolean {
  if (process.getuid?.() !== 0) return false
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-mount-probe-'))
  try {
    mountTmpfs('size=4k', probe)
    unmount(probe)
    return true
  } catch {
    return false
  } finally {
    fs.rmSync(probe, { recursive: true, force: true })
  }
}

describe('a hostile tree through the action', () => {
  let tree: HostileTree
  let r: StepResult

  beforeAll(async () => {
    const base = await main({ 'update-baseline': 'never' })
    expect(base.outputs.result).toBe('clean')
    const root = path.join(job.workspace, 'h')
    fs.mkdirSync(root)
    tree = await makeHostileTree(root, { depth: 200 })
    r = await main({ 'update-baseline': 'never', protected: 'h/names/**' })
  }, 120_000)
  afterAll(async () => {
    await tree?.close()
    fs.rmSync(path.join(job.workspace, 'h'), { recursive: true, force: true })
  })

  it('fails with the hostile paths as critical changes, all of them in the report file', () => {
    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('violation')
    const report = JSON.parse(fs.readFileSync(r.outputs['report-file'], 'utf8'))
    // Names that are not UTF-8 come as `pathBase64` (exact bytes) next to a display `path`.
    const reported = new Set(
      report.changes.map((c: { path: string; pathBase64?: string }) =>
        c.pathBase64 ? `\u0000${c.pathBase64}` : c.path,
      ),
    )
    const missing = [...tree.injection, tree.fifo, tree.socket, tree.deepFile, ...tree.nonUtf8].filter(
      (p) => !reported.has(`h/${p}`) && !reported.has(`\u0000${rawWithPrefix(p)}`),
    )
    expect({ missing, some: [...reported].slice(0, 5) }).toEqual({ missing: [], some: expect.anything() })
  })

  it('no workflow command injection: every `::` line is one of ours, no hostile name starts a line', () => {
    const lines = r.stdout.split(/\r?\n/)
    for (const line of lines) {
      if (line.startsWith('::')) expect(line).toMatch(OWN_COMMAND)
      expect(line.startsWith(INJECTED)).toBe(false)
      expect(line).not.toMatch(new RegExp(`^::[a-z-]+( [^:]*)?::${INJECTED}`))
    }
    expect(
      r.commands.map((c) => c.command).filter((c) => !/^(error|warning|notice|debug|add-mask)$/.test(c)),
    ).toEqual([])
    // The names did reach the log, escaped.
    expect(r.stdout).toContain(INJECTED)
    for (const name of Object.keys(r.outputs)) expect(OUTPUT_NAMES.has(name)).toBe(true)
    expect(Object.values(r.state).join('')).not.toContain(INJECTED)
  })

  it('annotations are capped and point at real changed files', () => {
    const annotations = r.commands.filter((c) => c.props.file !== undefined)
    expect(annotations.length).toBeGreaterThan(0)
    expect(annotations.length).toBeLessThanOrEqual(50)
    expect(annotations.map((a) => a.props.file).filter((f) => f !== 'h' && !f.startsWith('h/'))).toEqual([])
  })

  it('the job summary is safe Markdown: no mention, reference, link, HTML or raw control character', () => {
    expect(r.summary).toContain('INJECTED')
    expect(problems(r.summary, { multiline: true })).toEqual([])
  })
})

/** A hostile-tree raw key under `h/`: the base64 of `h/` + the raw bytes. */
function rawWithPrefix(key: string): string {
  if (!key.startsWith('\u0000')) return key
  return Buffer.concat([Buffer.from('h/'), Buffer.from(key.slice(1), 'base64')]).toString('base64')
}
