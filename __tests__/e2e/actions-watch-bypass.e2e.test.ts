/**
 * watch-actions through dist/index.js and the cache stand-in, against the ways around it a review found:
 * code a repointed tag adds under a forged marker, a module planted next to the ref folders, an action removed
 * before the gate. In each, the planted code really runs (an ncc bundle's runtime `require`), and the step fails.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { execFileSync } from 'node:child_process'
import { startCacheService, type CacheService } from '../../test-support/cache-service.js'
import { createJob, type Job, type StepResult } from '../../test-support/action-runner.js'
import { downloadAction, resetActions } from '../actions-watch/fake-actions.js'

let svc: CacheService
let job: Job
let actions: string
let run = 7000
beforeAll(async () => {
  svc = await startCacheService()
  job = createJob({ baseEnv: svc.env })
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
// An ncc bundle: node-fetch's optional `encoding` stays a runtime require (eval("require")("encoding")).
const DIST =
  'let c; try { c = eval("require")("encoding") } catch (e) {} ; console.log(c ? "LOADED " + c : "no encoding")\n'
const good = {
  'package.json': '{"name":"changed-files"}\n',
  'action.yml': 'runs:\n  using: node20\n  main: dist/index.js\n',
  'dist/index.js': DIST,
}
const report = () =>
  JSON.parse(
    fs.readFileSync(path.join(job.temp, 'integrity-gate', 'default', 'report-actions.json'), 'utf8'),
  ) as {
    result: string
    changes: { path: string; severity: string }[]
  }

describe('watch-actions against planted and forged action code', () => {
  it('records the actions baseline', async () => {
    resetActions(actions)
    downloadAction(actions, 'tj-actions/changed-files', 'v45', good)
    const r = await main()
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(/no actions baseline yet/)
  })

  it('a repointed tag that only adds node_modules/encoding and node_modules.completed fails', async () => {
    resetActions(actions)
    downloadAction(actions, 'tj-actions/changed-files', 'v45', {
      ...good,
      'node_modules/encoding/index.js': 'module.exports = "attacker code ran"\n',
      'node_modules.completed': '',
    })
    const ran = execFileSync(
      process.execPath,
      [path.join(actions, 'tj-actions/changed-files/v45/dist/index.js')],
      { encoding: 'utf8' },
    )
    expect(ran).toMatch(/LOADED attacker code ran/)
    const r = await main()
    expect(r.exitCode).toBe(1)
    const planted = report().changes.filter((c) => c.path.includes('node_modules/encoding'))
    expect(planted.length).toBeGreaterThan(0)
    expect(planted.every((c) => c.severity === 'critical')).toBe(true)
    expect(report().result).toBe('violation')
  })

  it('an action removed before the gate, its marker left behind, fails', async () => {
    resetActions(actions)
    downloadAction(actions, 'tj-actions/changed-files', 'v45', { ...good, 'dist/index.js': 'memdump()\n' })
    fs.rmSync(path.join(actions, 'tj-actions/changed-files/v45'), { recursive: true })
    const r = await main({ 'update-baseline': 'never' })
    expect(r.exitCode).toBe(1)
  })

  it('a module planted at _actions/owner/repo/node_modules (no marker) fails', async () => {
    resetActions(actions)
    downloadAction(actions, 'tj-actions/changed-files', 'v45', good)
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
    const r = await main({ 'update-baseline': 'never' })
    expect(r.exitCode).toBe(1)
  })
})
