/**
 * The incident path (`create-issue: true`) of dist/index.js against the GitHub REST stand-in when GitHub
 * answers 401, 403, 404, 422, 5xx or a secondary rate limit. A failed incident must never turn a violation into
 * a pass, and the detection itself (summary, annotations, report file) must still be published.
 * The baseline is a committed manifest (`baseline-file`), so no cache is involved.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createJob, type Job, type StepResult } from '../../test-support/action-runner.js'
import {
  DEFAULT_TOKEN,
  secondaryRateLimit,
  startGitHubApi,
  type Fault,
  type GitHubApi,
} from '../../test-support/github-api.js'

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli/index.js')
const REPO = 'octo-org/octo-repo'
const READ_TOKEN = 'ghs_read_only_token'

let gh: GitHubApi
let job: Job
let run = 500
/** Faults armed by the current test, removed after it. */
const armed: Fault[] = []

beforeAll(async () => {
  gh = await startGitHubApi({
    repos: [REPO],
    tokens: { [DEFAULT_TOKEN]: { permission: 'write' }, [READ_TOKEN]: { permission: 'read' } },
  })
  job = createJob({ baseEnv: { GITHUB_API_URL: gh.url, INTEGRITY_GATE_RETRY_DELAY_MS: '1' } })
  fs.writeFileSync(path.join(job.workspace, 'app.js'), 'app\n')
  const snap = spawnSync(
    process.execPath,
    [
      cli,
      'snapshot',
      job.workspace,
      '--store',
      path.join(job.workspace, '.baseline'),
      '--exclude',
      '.baseline/**',
    ],
    { encoding: 'utf8' },
  )
  expect(snap.status).toBe(0)
  // The violation every run reports.
  fs.writeFileSync(path.join(job.workspace, 'app.js'), 'tampered\n')
}, 60_000)

afterAll(async () => {
  job?.cleanup()
  await gh?.stop()
})

function main(inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<StepResult> {
  run++
  return job.main(
    {
      'baseline-file': '.baseline/default.manifest.json.gz',
      exclude: '.baseline/**',
      'create-issue': 'true',
      'github-token': DEFAULT_TOKEN,
      ...inputs,
    },
    { GITHUB_RUN_ID: String(run), ...env },
  )
}

const failure = (r: StepResult) =>
  r.commands
    .filter((c) => c.command === 'error' && c.props.file === undefined)
    .map((c) => c.message)
    .join('\n')

/** The detection is published whatever happened to the issue: never a silent pass. */
function expectDetectionPublished(r: StepResult): void {
  expect(r.exitCode).toBe(1)
  expect(r.outputs.result).toBe('violation')
  expect(r.summary).toContain('app.js')
  expect(r.commands.some((c) => c.command === 'error' && c.props.file === 'app.js')).toBe(true)
  expect(fs.existsSync(r.outputs['report-file'])).toBe(true)
}

describe('GitHub failing on the incident path', () => {
  const cases: [string, () => unknown, Record<string, string>, Record<string, string>, RegExp][] = [
    ['401 (bad token)', () => undefined, { 'github-token': 'ghs_not_a_token' }, {}, /401|credentials|token/i],
    [
      '403 (token without issues: write)',
      () => undefined,
      { 'github-token': READ_TOKEN },
      {},
      /issues: write|403/i,
    ],
    [
      '404 (repository not found)',
      () => undefined,
      {},
      { GITHUB_REPOSITORY: 'octo-org/gone' },
      /404|not found/i,
    ],
    [
      '422 (validation failed on create)',
      () => armed.push(gh.fault({ method: 'POST', path: /\/issues$/, status: 422, times: Infinity })),
      {},
      {},
      /422|validation/i,
    ],
    [
      '5xx on every call (outage)',
      () => armed.push(gh.fault({ path: /\/issues/, status: 502, times: Infinity })),
      {},
      {},
      /502|GitHub/i,
    ],
  ]
  it.each(cases)(
    '%s: exit 1, the reason named, the detection published',
    async (_n, arm, inputs, env, msg) => {
      arm()
      try {
        const r = await main(inputs, env)
        expectDetectionPublished(r)
        expect(failure(r)).toMatch(msg)
        expect(r.outputs['issue-number']).toBeUndefined()
      } finally {
        armed.splice(0).forEach((f) => f.clear())
      }
      expect(gh.state.issues(REPO)).toHaveLength(0)
    },
  )

  it('a secondary rate limit is waited out and retried: the issue is opened once, the step still fails', async () => {
    const limit = gh.fault(secondaryRateLimit(/\/issues$/))
    const r = await main()
    expectDetectionPublished(r)
    expect(limit.hits).toBe(1)
    expect(r.outputs['issue-number']).toMatch(/^[0-9]+$/)
    expect(gh.state.issues(REPO)).toHaveLength(1)
    expect(gh.violations).toEqual([])
  })
})
