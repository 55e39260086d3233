/**
 * The strongest tamper signals file the incident too, through dist/index.js: the post step's watch-job
 * finding changes made during the job, and a verify that refuses its baseline as tampered with (a signing
 * key is set but the restored baseline is unsigned). A plain configuration error files nothing.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startCacheService, type CacheService } from '../../test-support/cache-service.js'
import { DEFAULT_TOKEN, startGitHubApi, type GitHubApi } from '../../test-support/github-api.js'
import { createJob, type Job, type StepResult } from '../../test-support/action-runner.js'

const REPO = 'octo-org/octo-repo'
let svc: CacheService
let gh: GitHubApi
let job: Job

beforeAll(async () => {
  ;[svc, gh] = await Promise.all([startCacheService(), startGitHubApi({ repos: [REPO] })])
  job = createJob({ baseEnv: { ...svc.env, GITHUB_API_URL: gh.url, INTEGRITY_GATE_RETRY_DELAY_MS: '1' } })
  fs.writeFileSync(path.join(job.workspace, 'app.js'), 'ok\n')
}, 60_000)

afterAll(async () => {
  job?.cleanup()
  await Promise.all([svc?.stop(), gh?.stop()])
})

const errors = (r: StepResult) => r.commands.filter((c) => c.command === 'error').map((c) => c.message)
const issuesOf = (gate: string) => gh.state.issues(REPO).filter((i) => i.body?.includes(` gate=${gate}`))

it('watch-job: changes made during the job file an incident marked as the post step’s', async () => {
  const inputs = {
    'github-token': DEFAULT_TOKEN,
    'create-issue': 'true',
    'watch-job': 'true',
    'baseline-name': 'w',
  }
  expect((await job.main(inputs, { GITHUB_RUN_ID: '7001' })).outputs.result).toBe('baseline-created')
  const main = await job.main(inputs, { GITHUB_RUN_ID: '7002' })
  expect(main.outputs.result).toBe('clean')
  expect(issuesOf('w')).toHaveLength(0)
  fs.writeFileSync(path.join(job.workspace, 'app.js'), 'tampered by a later step\n')
  try {
    const post = await job.post(inputs, { GITHUB_RUN_ID: '7002' })
    expect(post.exitCode).toBe(1)
    expect(errors(post).join('\n')).toMatch(/watch-job: files changed during the job/)
    const [issue] = issuesOf('w')
    expect(issue.body).toMatch(/^<!-- integrity-gate:incident gate=w run=7002 attempt=1 phase=post -->\n/)
    expect(issue.body).toContain('Found by the post step (`watch-job`)')
    expect(issue.body).toContain('`app.js`')
    // The same post step again (a re-run of the attempt) records nothing new.
    await job.post(inputs, { GITHUB_RUN_ID: '7002' })
    expect(issuesOf('w')).toHaveLength(1)
    expect(gh.state.comments(REPO, issue.number).filter((c) => c.body.includes(':detection '))).toHaveLength(
      0,
    )
    expect(gh.violations).toEqual([])
  } finally {
    fs.writeFileSync(path.join(job.workspace, 'app.js'), 'ok\n')
  }
})

it('watch-job: the scanned root removed during the job is a post-step finding with an incident, not a setting error', async () => {
  const sub = path.join(job.workspace, 'site')
  fs.mkdirSync(sub, { recursive: true })
  fs.writeFileSync(path.join(sub, 'index.html'), 'ok\n')
  const inputs = {
    'github-token': DEFAULT_TOKEN,
    'create-issue': 'true',
    'watch-job': 'true',
    'baseline-name': 'gone',
    path: 'site',
  }
  try {
    expect((await job.main(inputs, { GITHUB_RUN_ID: '7101' })).outputs.result).toBe('baseline-created')
    expect((await job.main(inputs, { GITHUB_RUN_ID: '7102' })).outputs.result).toBe('clean')
    fs.rmSync(sub, { recursive: true })
    const post = await job.post(inputs, { GITHUB_RUN_ID: '7102' })
    expect(post.exitCode).toBe(1)
    expect(errors(post).join('\n')).toMatch(
      /watch-job: the scanned root .*site was removed or replaced during the job/,
    )
    const [issue] = issuesOf('gone')
    expect(issue.body).toMatch(/phase=post -->/)
  } finally {
    fs.rmSync(sub, { recursive: true, force: true })
  }
})

it('a verify that refuses its baseline as tampered with files an incident with the reason', async () => {
  const gate = { 'github-token': DEFAULT_TOKEN, 'create-issue': 'true', 'baseline-name': 's' }
  const key = { 'signing-key': 'k'.repeat(32) }
  expect((await job.main({ ...gate, ...key }, { GITHUB_RUN_ID: '8001' })).outputs.result).toBe(
    'baseline-created',
  )
  // A step with cache access plants an unsigned baseline (here: saved by a run without the key).
  expect((await job.main({ ...gate, mode: 'baseline' }, { GITHUB_RUN_ID: '8002' })).outputs.result).toBe(
    'baseline-saved',
  )
  const r = await job.main({ ...gate, ...key }, { GITHUB_RUN_ID: '8003' })
  expect(r.exitCode).toBe(1)
  expect(errors(r).join('\n')).toMatch(/baseline is not signed/)
  const [issue] = issuesOf('s')
  expect(issue.title).toMatch(/^Integrity incident: verification failed in octo-org\/octo-repo.*\(gate: s\)$/)
  expect(issue.body).toContain(
    'The gate refused to compare: A signing key was given but the baseline is not signed',
  )
  expect(r.outputs['issue-number']).toBe(String(issue.number))
  expect(gh.violations).toEqual([])
})

it('a missing signing secret against a signed baseline fails but files nothing (a configuration error)', async () => {
  const gate = { 'github-token': DEFAULT_TOKEN, 'create-issue': 'true', 'baseline-name': 'k' }
  expect(
    (await job.main({ ...gate, 'signing-key': 'k'.repeat(32) }, { GITHUB_RUN_ID: '8101' })).outputs.result,
  ).toBe('baseline-created')
  const r = await job.main({ ...gate, 'signing-key': '' }, { GITHUB_RUN_ID: '8102' })
  expect(r.exitCode).toBe(1)
  expect(errors(r).join('\n')).toMatch(/signed but no signing key/)
  expect(issuesOf('k')).toHaveLength(0)
})

it('a configuration error files nothing', async () => {
  const before = gh.state.issues(REPO).length
  const r = await job.main(
    { 'github-token': DEFAULT_TOKEN, 'create-issue': 'true', 'fail-on': 'sometimes' },
    { GITHUB_RUN_ID: '9001' },
  )
  expect(r.exitCode).toBe(1)
  expect(errors(r).join('\n')).toMatch(/Invalid fail-on/)
  expect(gh.state.issues(REPO)).toHaveLength(before)
})
