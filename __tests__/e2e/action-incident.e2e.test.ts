/**
 * The whole incident workflow through dist/index.js: a violation files an incident issue (with the IR
 * checklist) on the GitHub stand-in, a second detection comments on it, and closing the issue runs the
 * lessons-learned mode. Both stand-ins are real servers; every GitHub request is checked against the
 * OpenAPI description.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startCacheService, type CacheService } from '../../test-support/cache-service.js'
import { DEFAULT_TOKEN, startGitHubApi, type GitHubApi } from '../../test-support/github-api.js'
import { writeEvent } from '../../test-support/github-events.js'
import { createJob, type Job } from '../../test-support/action-runner.js'

const REPO = 'octo-org/octo-repo'
let svc: CacheService
let gh: GitHubApi
let job: Job
let run = 5000

beforeAll(async () => {
  ;[svc, gh] = await Promise.all([startCacheService(), startGitHubApi({ repos: [REPO] })])
  job = createJob({
    baseEnv: { ...svc.env, GITHUB_API_URL: gh.url, INTEGRITY_GATE_RETRY_DELAY_MS: '1' },
  })
  fs.mkdirSync(path.join(job.workspace, '.github', 'workflows'), { recursive: true })
  fs.writeFileSync(path.join(job.workspace, '.github', 'workflows', 'ci.yml'), 'on: push\n')
  fs.writeFileSync(path.join(job.workspace, 'app.js'), 'ok\n')
}, 60_000)

afterAll(async () => {
  job?.cleanup()
  await Promise.all([svc?.stop(), gh?.stop()])
})

const inputs = {
  'github-token': DEFAULT_TOKEN,
  'create-issue': 'true',
  'issue-assignees': 'octocat',
  protected: '.github/**',
}

describe('incident workflow through the bundled action', () => {
  it('files one incident with a checklist, then comments on later detections', async () => {
    expect((await job.main(inputs, { GITHUB_RUN_ID: String(++run) })).outputs.result).toBe('baseline-created')

    fs.writeFileSync(path.join(job.workspace, '.github', 'workflows', 'ci.yml'), 'on: push\njobs: {}\n')
    const first = await job.main(inputs, { GITHUB_RUN_ID: String(++run) })
    expect(first.exitCode).toBe(1)
    expect(first.outputs.result).toBe('violation')
    expect(first.outputs['issue-number']).toMatch(/^\d+$/)
    expect(first.outputs['issue-url']).toContain(`/${REPO}/issues/${first.outputs['issue-number']}`)

    const issues = gh.state.issues(REPO)
    expect(issues).toHaveLength(1)
    expect(issues[0].title).toMatch(/^Integrity incident: .*octo-org\/octo-repo.*gate: default/)
    expect(issues[0].labels).toContain('integrity-incident')
    const comments = () => gh.state.comments(REPO, issues[0].number)
    expect(comments()).toHaveLength(1)
    // The checklist is tailored: a workflow changed.
    expect(comments()[0].body).toMatch(/[Cc]ontainment/)
    expect(comments()[0].body).toMatch(/workflow/)

    fs.writeFileSync(path.join(job.workspace, 'app.js'), 'tampered\n')
    const second = await job.main(inputs, { GITHUB_RUN_ID: String(++run) })
    expect(second.exitCode).toBe(1)
    expect(second.outputs['issue-number']).toBe(first.outputs['issue-number'])
    expect(gh.state.issues(REPO)).toHaveLength(1)
    expect(comments()).toHaveLength(2)
    expect(gh.violations).toEqual([])
  })

  it('posts the lessons-learned review once when the incident is closed', async () => {
    const [issue] = gh.state.issues(REPO)
    issue.state = 'closed'
    issue.closedAt = new Date().toISOString()
    const ev = writeEvent(
      'issues.closed',
      { repo: REPO, issue: { number: issue.number, labels: ['integrity-incident'], body: issue.body ?? '' } },
      job.temp,
    )
    const before = gh.state.comments(REPO, issue.number).length
    const r = await job.main({ 'github-token': DEFAULT_TOKEN, mode: 'lessons-learned' }, ev.env)
    expect(r.exitCode).toBe(0)
    expect(r.outputs['issue-number']).toBe(String(issue.number))
    const after = gh.state.comments(REPO, issue.number)
    expect(after).toHaveLength(before + 1)
    expect(after.at(-1)!.body).toMatch(/[Ll]essons learned/)
    expect(after.at(-1)!.body).toMatch(/[Rr]oot cause/)

    const again = await job.main({ 'github-token': DEFAULT_TOKEN, mode: 'lessons-learned' }, ev.env)
    expect(again.exitCode).toBe(0)
    expect(gh.state.comments(REPO, issue.number)).toHaveLength(before + 1)
    expect(gh.violations).toEqual([])
  })

  it('names the missing permission when the token cannot write issues', async () => {
    const gh2 = await startGitHubApi({ repos: [REPO], tokens: { ro: { permission: 'read' } } })
    try {
      const r = await job.main(
        { ...inputs, 'github-token': 'ro' },
        { GITHUB_RUN_ID: String(++run), GITHUB_API_URL: gh2.url },
      )
      expect(r.exitCode).toBe(1)
      expect(r.stdout).toMatch(/issues: write/)
      // The verdict is still reported, not replaced by the API error.
      expect(r.outputs.result).toBe('violation')
      expect(gh2.state.issues(REPO)).toHaveLength(0)
    } finally {
      await gh2.stop()
    }
  })
})
