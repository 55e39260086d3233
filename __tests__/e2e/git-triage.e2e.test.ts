/**
 * explain-with-git end to end: dist/index.js on a workspace that is a real git checkout, GITHUB_SHA set to its
 * commits, against the cache stand-in. A committed change passes `fail-on: unexplained`; an edit made after
 * checkout fails it, and the summary shows the two groups apart.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startCacheService, type CacheService } from '../../test-support/cache-service.js'
import { createJob, type Job, type StepResult } from '../../test-support/action-runner.js'

let svc: CacheService
let job: Job
let run = 7000

const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: job.workspace,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  }).trim()
const write = (rel: string, text: string) => fs.writeFileSync(path.join(job.workspace, rel), text)
const commit = (message: string) => {
  git('add', '-A')
  git('commit', '-q', '-m', message)
  return git('rev-parse', 'HEAD')
}

beforeAll(async () => {
  svc = await startCacheService()
  job = createJob({ baseEnv: svc.env })
  git('init', '-q', '-b', 'main')
  write('app.js', 'v1\n')
  write('config.yml', 'debug: false\n')
}, 60_000)

afterAll(async () => {
  job?.cleanup()
  await svc?.stop()
})

function main(sha: string, inputs: Record<string, string> = {}): Promise<StepResult> {
  run++
  return job.main(
    { 'github-token': 'x', 'fail-on': 'unexplained', 'update-baseline': 'never', ...inputs },
    { GITHUB_RUN_ID: String(run), GITHUB_SHA: sha },
  )
}
const report = (r: StepResult) => JSON.parse(fs.readFileSync(r.outputs['report-file'], 'utf8'))

describe('explain-with-git through the action', () => {
  let first = ''
  it('records the commit in the baseline', async () => {
    first = commit('v1')
    const r = await main(first)
    expect(r.outputs.result).toBe('baseline-created')
  })

  it('a committed change passes fail-on unexplained and is reported as committed', async () => {
    write('app.js', 'v2\n')
    const second = commit('v2')
    const r = await main(second)
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('changed')
    const json = report(r)
    expect(json.git).toMatchObject({
      source: 'local',
      base: first,
      head: second,
      committed: 1,
      unexplained: 0,
    })
    expect(json.changes).toEqual([expect.objectContaining({ path: 'app.js', git: 'committed' })])
  })

  it('an edit after checkout fails, with the groups apart in the summary', async () => {
    const head = git('rev-parse', 'HEAD')
    write('config.yml', 'debug: true\n')
    const r = await main(head)
    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('violation')
    expect(r.stdout).toMatch(/1 unexplained change/)
    expect(r.summary).toContain('### Unexplained changes')
    expect(r.summary).toContain('### Committed changes')
    const json = report(r)
    expect(
      Object.fromEntries(json.changes.map((c: { path: string; git: string }) => [c.path, c.git])),
    ).toEqual({
      'app.js': 'committed',
      'config.yml': 'unexplained',
    })
    write('config.yml', 'debug: false\n')
  })

  it('explain-with-git: false behaves as before (every change fails fail-on unexplained, no classes)', async () => {
    const r = await main(git('rev-parse', 'HEAD'), { 'explain-with-git': 'false' })
    expect(r.exitCode).toBe(1)
    const json = report(r)
    expect(json.git).toBeUndefined()
    expect(json.changes[0].git).toBeUndefined()
  })
})
