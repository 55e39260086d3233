/**
 * watch-actions end to end: dist/index.js against the cache stand-in, with a fake runner `_actions` folder
 * next to RUNNER_TEMP (where the runner keeps it), reset and re-downloaded before each job like the runner does.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import { execFileSync } from 'node:child_process'
import * as path from 'node:path'
import { startCacheService, type CacheService } from '../../test-support/cache-service.js'
import { createJob, type Job, type StepResult } from '../../test-support/action-runner.js'
import { downloadAction, resetActions } from '../actions-watch/fake-actions.js'

let svc: CacheService
let job: Job
let actions: string
let run = 5000

beforeAll(async () => {
  svc = await startCacheService()
  job = createJob({ baseEnv: svc.env })
  // createJob's RUNNER_TEMP is <top>/runner-temp, so the runner's actions folder is <top>/_actions.
  actions = path.join(path.dirname(job.temp), '_actions')
  fs.writeFileSync(path.join(job.workspace, 'app.js'), 'app\n')
}, 60_000)

afterAll(async () => {
  job?.cleanup()
  await svc?.stop()
})

function main(inputs: Record<string, string> = {}): Promise<StepResult> {
  run++
  return job.main({ 'github-token': 'x', 'watch-actions': 'true', ...inputs }, { GITHUB_RUN_ID: String(run) })
}

function jobActions(changedFiles: string, extra = false): void {
  resetActions(actions)
  downloadAction(actions, 'actions/checkout', 'v4', {
    'action.yml': 'name: checkout\n',
    'dist/index.js': 'co\n',
  })
  downloadAction(actions, 'tj-actions/changed-files', 'v45', {
    'action.yml': 'name: cf\n',
    'dist/index.js': changedFiles,
  })
  if (extra) downloadAction(actions, 'actions/setup-node', 'v4', { 'action.yml': 'name: node\n' })
}

/** The actions report, written next to the step's tree report (`report-file`). */
const actionsReport = (r: StepResult) =>
  JSON.parse(
    fs.readFileSync(path.join(path.dirname(r.outputs['report-file']), 'report-actions.json'), 'utf8'),
  ) as {
    result: string
    changes: { path: string; severity: string }[]
    baseline: { key: string } | null
  }

describe('watch-actions through the action', () => {
  it('creates the actions baseline next to the tree baseline, under its own key', async () => {
    jobActions('console.log("changed files")\n')
    const r = await main()
    expect(r.exitCode).toBe(0)
    const keys = svc.entries().map((e) => e.key)
    expect(keys).toHaveLength(2)
    expect(
      keys.filter((k) => /^integrity-gate-v1-linux-default\.[0-9a-f]{16}\.actions-/.test(k)),
    ).toHaveLength(1)
    expect(keys.filter((k) => /^integrity-gate-v1-linux-default\.[0-9a-f]{16}-/.test(k))).toHaveLength(1)
    expect(r.stdout).toMatch(/watch-actions: no actions baseline yet/)
  })

  it('passes when the same actions are downloaded again (fresh markers), and a new action is information', async () => {
    jobActions('console.log("changed files")\n', true)
    const r = await main()
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('clean')
    const report = actionsReport(r)
    expect(report.result).toBe('changed')
    expect(report.changes.every((c) => c.severity === 'allowed')).toBe(true)
    expect(report.changes.map((c) => c.path)).toContain('actions/setup-node/v4/action.yml')
    expect(r.stdout).toMatch(/new actions or refs: actions\/setup-node@v4/)
    expect(r.summary).toMatch(/integrity\\-gate \\\(actions\\\)/)
  })

  it('fails on a repointed tag: same owner/repo@ref, other code (the tj-actions attack)', async () => {
    jobActions('dump(process.memory) // compromised\n')
    const before = svc.entries().length
    const r = await main()
    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('violation')
    expect(r.stdout).toMatch(
      /action changed while owner\/repo@ref stayed the same .*tj-actions\/changed-files@v45/,
    )
    const report = actionsReport(r)
    expect(report.result).toBe('violation')
    // Only the repointed action is critical; setup-node, unused by this job, is kept and listed as information.
    expect(report.changes.filter((c) => c.severity === 'critical')).toEqual([
      expect.objectContaining({ path: 'tj-actions/changed-files/v45/dist/index.js', severity: 'critical' }),
    ])
    expect(
      report.changes
        .filter((c) => c.severity !== 'critical')
        .every((c) => c.path.startsWith('actions/setup-node')),
    ).toBe(true)
    // Never rolled forward over a repointed action.
    expect(svc.entries().length).toBe(before)
    // …so the next job with the same code still fails.
    jobActions('dump(process.memory) // compromised\n')
    expect((await main()).exitCode).toBe(1)
  })

  it('accepts the new code only through mode: baseline', async () => {
    jobActions('console.log("v45 re-released")\n')
    const saved = await main({ mode: 'baseline' })
    expect(saved.exitCode).toBe(0)
    jobActions('console.log("v45 re-released")\n')
    const r = await main()
    expect(r.exitCode).toBe(0)
    const report = actionsReport(r)
    expect(report.result).toBe('changed')
    expect(report.changes.some((c) => c.severity === 'critical')).toBe(false)
  })

  it('fails closed with a clear message when the actions folder is missing, and honours actions-path', async () => {
    const r = await main({ 'actions-path': 'no-such-folder' })
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/no downloaded actions at .*no-such-folder.*actions-path/)
    const elsewhere = path.join(path.dirname(job.temp), 'self-hosted-actions')
    fs.cpSync(actions, elsewhere, { recursive: true })
    const ok = await main({ 'actions-path': elsewhere })
    expect(ok.exitCode).toBe(0)
    expect(ok.outputs.result).toBe('clean')
    fs.rmSync(elsewhere, { recursive: true, force: true })
  })
})

// An ncc bundle: node-fetch's optional `encoding` stays a runtime require (eval("require")("encoding")).
const DIST =
  'let c; try { c = eval("require")("encoding") } catch (e) {} ; console.log(c ? "LOADED " + c : "no encoding")\n'
const bypassAction = {
  'package.json': '{"name":"changed-files"}\n',
  'action.yml': 'runs:\n  using: node20\n  main: dist/index.js\n',
  'dist/index.js': DIST,
}
const bypassReport = (r: StepResult) =>
  JSON.parse(
    fs.readFileSync(path.join(path.dirname(r.outputs['report-file']), 'report-actions.json'), 'utf8'),
  ) as {
    result: string
    changes: { path: string; severity: string }[]
  }

/**
 * Ways around watch-actions a review found, each with planted code that really runs (an ncc bundle's runtime
 * `require`): code a repointed tag adds under a forged marker, a module planted next to the ref folders, an
 * action removed before the gate. Its own gate, so its baselines are apart from the tests above.
 */
const bypassMain = (inputs: Record<string, string> = {}) => main({ 'baseline-name': 'bypass', ...inputs })

describe('watch-actions against planted and forged action code', () => {
  it('records the actions baseline', async () => {
    resetActions(actions)
    downloadAction(actions, 'tj-actions/changed-files', 'v45', bypassAction)
    const r = await bypassMain()
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(/no actions baseline yet/)
  })

  it('a repointed tag that only adds node_modules/encoding and node_modules.completed fails', async () => {
    resetActions(actions)
    downloadAction(actions, 'tj-actions/changed-files', 'v45', {
      ...bypassAction,
      'node_modules/encoding/index.js': 'module.exports = "attacker code ran"\n',
      'node_modules.completed': '',
    })
    const ran = execFileSync(
      process.execPath,
      [path.join(actions, 'tj-actions/changed-files/v45/dist/index.js')],
      { encoding: 'utf8' },
    )
    expect(ran).toMatch(/LOADED attacker code ran/)
    const r = await bypassMain()
    expect(r.exitCode).toBe(1)
    const planted = bypassReport(r).changes.filter((c) => c.path.includes('node_modules/encoding'))
    expect(planted.length).toBeGreaterThan(0)
    expect(planted.every((c) => c.severity === 'critical')).toBe(true)
    expect(bypassReport(r).result).toBe('violation')
  })

  it('an action removed before the gate, its marker left behind, fails', async () => {
    resetActions(actions)
    downloadAction(actions, 'tj-actions/changed-files', 'v45', {
      ...bypassAction,
      'dist/index.js': 'memdump()\n',
    })
    fs.rmSync(path.join(actions, 'tj-actions/changed-files/v45'), { recursive: true })
    const r = await bypassMain({ 'update-baseline': 'never' })
    expect(r.exitCode).toBe(1)
  })

  it('a module planted at _actions/owner/repo/node_modules (no marker) fails', async () => {
    resetActions(actions)
    downloadAction(actions, 'tj-actions/changed-files', 'v45', bypassAction)
    fs.mkdirSync(path.join(actions, 'tj-actions/changed-files/node_modules/encoding'), { recursive: true })
    fs.writeFileSync(
      path.join(actions, 'tj-actions/changed-files/node_modules/encoding/index.js'),
      'module.exports = "planted"\n',
    )
    const ran = execFileSync(
      process.execPath,
      [path.join(actions, 'tj-actions/changed-files/v45/dist/index.js')],
      { encoding: 'utf8' },
    )
    expect(ran).toMatch(/LOADED planted/)
    const r = await bypassMain({ 'update-baseline': 'never' })
    expect(r.exitCode).toBe(1)
  })
})
