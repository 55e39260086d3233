/**
 * End to end: the incident code against the local GitHub REST stand-in, which validates every request
 * against GitHub's OpenAPI description. Each test asserts zero violations.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {
  DEFAULT_TOKEN,
  secondaryRateLimit,
  startGitHubApi,
  type Fault,
  type GitHubApi,
} from '../../test-support/github-api.js'
import { writeEvent } from '../../test-support/github-events.js'
import { HOSTILE, added, failedOutcome, modified, settings } from '../incident/fixtures.js'

const REPO = 'octo-org/app'
const READ_TOKEN = 'ghs_read_only'
const notices: string[] = []
const warnings: string[] = []
const faults: Fault[] = []

const actualCore = await import('@actions/core')
jest.unstable_mockModule('@actions/core', () => ({
  ...actualCore,
  info: jest.fn(),
  debug: jest.fn(),
  warning: jest.fn((m: string) => warnings.push(m)),
  notice: jest.fn((m: string) => notices.push(m)),
}))

let gh: GitHubApi
let tmp: string
let incident: typeof import('../../src/incident/incident.js')
let lessons: typeof import('../../src/incident/lessons.js')
let writers: typeof import('../../src/incident/writers.js')

function runEnv(runId: string): void {
  process.env.GITHUB_RUN_ID = runId
  process.env.GITHUB_RUN_ATTEMPT = '1'
}

beforeAll(async () => {
  gh = await startGitHubApi({
    repos: [REPO],
    tokens: { [DEFAULT_TOKEN]: { permission: 'write' }, [READ_TOKEN]: { permission: 'read' } },
  })
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'incident-e2e-'))
  const ev = writeEvent('push', { repo: REPO, sender: 'mallory', ref: 'refs/heads/main' }, tmp)
  Object.assign(process.env, ev.env, {
    GITHUB_API_URL: gh.url,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKFLOW: 'Integrity',
    GITHUB_JOB: 'verify',
    GITHUB_REF_NAME: 'main',
    GITHUB_OUTPUT: path.join(tmp, 'output'),
    INTEGRITY_GATE_RETRY_DELAY_MS: '1',
  })
  fs.writeFileSync(process.env.GITHUB_OUTPUT!, '')
  runEnv('100')
  incident = await import('../../src/incident/incident.js')
  lessons = await import('../../src/incident/lessons.js')
  writers = await import('../../src/incident/writers.js')
})

afterAll(async () => {
  await gh?.stop()
  fs.rmSync(tmp, { recursive: true, force: true })
})

beforeEach(() => {
  // A fresh repository per test: remove the issues, comments and labels of the previous one.
  const repo = gh.state.repo(REPO)!
  repo.issues.length = 0
  repo.comments.length = 0
  repo.labels.clear()
  gh.violations.length = 0
  gh.requests.length = 0
  gh.latency.length = 0
  notices.length = 0
  warnings.length = 0
  for (const f of faults.splice(0)) f.clear()
  gh.state.roles.clear()
  writers.forgetWriters()
})

const fault = (spec: Parameters<GitHubApi['fault']>[0]): Fault => {
  const f = gh.fault(spec)
  faults.push(f)
  return f
}

const openIssues = () => gh.state.issues(REPO).filter((i) => i.state === 'open')
const commentsOf = (n: number) => gh.state.comments(REPO, n)
const withMarker = (n: number, kind: string) =>
  commentsOf(n).filter((c) => c.body.startsWith(`<!-- integrity-gate:${kind} `))

/** Text outside code spans (a run of N backticks closes only at the next run of exactly N). */
function stripCodeSpans(text: string): string {
  return text.replace(/(`+)([\s\S]*?)(?<!`)\1(?!`)/g, '')
}

describe('reportIncident against the GitHub stand-in', () => {
  it('first detection creates the labelled, assigned issue and one checklist; the second only comments', async () => {
    const outcome = failedOutcome([
      modified('src/app.js'),
      added('.github/workflows/ci.yml'),
      modified('package-lock.json'),
    ])
    runEnv('100')
    const first = await incident.reportIncident(outcome, settings())
    expect(gh.violations).toEqual([])
    const issues = gh.state.issues(REPO)
    expect(issues).toHaveLength(1)
    const issue = issues[0]
    expect(first).toEqual({ number: issue.number, url: `https://github.com/${REPO}/issues/${issue.number}` })
    expect(issue.title).toBe(`Integrity incident: 3 unexpected changes in ${REPO}@main (gate: default)`)
    expect(issue.labels).toEqual(['integrity-incident', 'security'])
    expect(issue.assignees).toEqual(['alice', 'bob-oncall'])
    expect(
      gh.state
        .labels(REPO)
        .map((l) => l.name)
        .sort(),
    ).toEqual(['integrity-incident', 'security'])
    expect(issue.body).toMatch(/^<!-- integrity-gate:incident gate=default run=100 attempt=1 -->\n/)
    expect(issue.body).toContain(
      `[run 100, attempt 1](https://github.com/${REPO}/actions/runs/100/attempts/1)`,
    )
    expect(issue.body).toContain('`' + 'a'.repeat(64) + '`')
    expect(issue.body).toContain('`' + 'b'.repeat(64) + '`')
    const checklists = withMarker(issue.number, 'checklist')
    expect(checklists).toHaveLength(1)
    expect(checklists[0].body).toContain('On call: @alice, @bob-oncall')
    expect(checklists[0].body).toContain('Workflow files changed')
    expect(checklists[0].body).toContain('Dependency lockfiles changed')

    runEnv('101')
    const second = await incident.reportIncident(failedOutcome([modified('src/other.js')]), settings())
    expect(gh.violations).toEqual([])
    expect(second.number).toBe(issue.number)
    expect(gh.state.issues(REPO)).toHaveLength(1)
    expect(withMarker(issue.number, 'checklist')).toHaveLength(1)
    const detections = withMarker(issue.number, 'detection')
    expect(detections).toHaveLength(1)
    expect(detections[0].body).toContain('run=101')
    expect(detections[0].body).toContain('`src/other.js`')

    // The same run attempt again (a retried step): nothing new is recorded.
    await incident.reportIncident(failedOutcome([modified('src/other.js')]), settings())
    expect(withMarker(issue.number, 'detection')).toHaveLength(1)
    expect(gh.violations).toEqual([])
  })

  it('finds the incident by marker and label, not by title: a look-alike issue is ignored', async () => {
    gh.state.seedIssue(REPO, {
      title: 'Integrity incident: 3 unexpected changes in octo-org/app@main (gate: default)',
      body: 'Not a gate issue <!-- integrity-gate:incident gate=default -->',
      labels: ['integrity-incident'],
    })
    gh.state.seedIssue(REPO, {
      title: 'other gate',
      body: '<!-- integrity-gate:incident gate=nightly -->\nbody',
      labels: ['integrity-incident'],
    })
    gh.state.seedIssue(REPO, {
      title: 'unlabelled',
      body: '<!-- integrity-gate:incident gate=default -->\nbody',
    })
    runEnv('102')
    const res = await incident.reportIncident(failedOutcome([modified('a.txt')]), settings())
    expect(gh.violations).toEqual([])
    expect(gh.state.issues(REPO)).toHaveLength(4)
    expect(gh.state.issue(REPO, res.number)!.body).toMatch(/^<!-- integrity-gate:incident gate=default /)
    for (const i of gh.state.issues(REPO).slice(0, 3)) expect(commentsOf(i.number)).toHaveLength(0)
  })

  it('concurrent runs leave exactly one open issue, with both detections and one checklist', async () => {
    // Both runs list before either creates: the race GitHub cannot prevent.
    gh.latency.push({ method: 'GET', path: /\/issues$/, ms: 60 })
    runEnv('200')
    const a = incident.reportIncident(failedOutcome([modified('x.js')]), settings())
    runEnv('201')
    const b = incident.reportIncident(failedOutcome([modified('y.js')]), settings())
    const [ra, rb] = await Promise.all([a, b])
    expect(gh.violations).toEqual([])
    expect(gh.state.issues(REPO)).toHaveLength(2)
    const open = openIssues()
    expect(open).toHaveLength(1)
    expect(ra.number).toBe(open[0].number)
    expect(rb.number).toBe(open[0].number)
    const closed = gh.state.issues(REPO).find((i) => i.state === 'closed')!
    expect(closed.stateReason).toBe('duplicate')
    expect(closed.number).toBeGreaterThan(open[0].number)
    expect(withMarker(closed.number, 'duplicate')[0].body).toContain(`Duplicate of #${open[0].number}`)
    expect(withMarker(closed.number, 'checklist')).toHaveLength(0)
    expect(withMarker(open[0].number, 'checklist')).toHaveLength(1)
    // The loser's detection is on the winner.
    const all = [open[0].body ?? '', ...withMarker(open[0].number, 'detection').map((c) => c.body)].join('\n')
    expect(all).toContain('run=200')
    expect(all).toContain('run=201')
  })

  it('three concurrent runs with slow writes still converge to one open issue and one checklist', async () => {
    gh.latency.push({ method: 'GET', path: /\/issues$/, ms: 40 }, { method: 'POST', ms: 20 })
    const runs = ['300', '301', '302'].map((id) => {
      runEnv(id)
      return incident.reportIncident(failedOutcome([modified(`f${id}.js`)]), settings())
    })
    const results = await Promise.all(runs)
    expect(gh.violations).toEqual([])
    const open = openIssues()
    expect(open).toHaveLength(1)
    expect(new Set(results.map((r) => r.number))).toEqual(new Set([open[0].number]))
    expect(withMarker(open[0].number, 'checklist')).toHaveLength(1)
  })

  it('a hostile file name cannot mention, link, inject HTML or break tables', async () => {
    runEnv('400')
    const res = await incident.reportIncident(
      failedOutcome([modified(HOSTILE), added(`.github/workflows/${HOSTILE}`, 0o755)]),
      settings({ issueAssignees: [] }),
    )
    expect(gh.violations).toEqual([])
    const issue = gh.state.issue(REPO, res.number)!
    const texts = [issue.title, issue.body ?? '', ...commentsOf(res.number).map((c) => c.body)]
    for (const text of texts) {
      // No raw mention, reference, tag or link outside code spans: strip code spans, then look.
      const prose = stripCodeSpans(text)
      expect(prose).not.toMatch(/(^|[^\u200D\w])@octocat/)
      expect(prose).not.toMatch(/#1(?!\u200D)\b/)
      expect(prose).not.toContain('<img')
      expect(prose).not.toContain('](http://e)')
      expect(text).not.toContain('\u202E')
    }
    // The name is shown, with the newline and the bidi override made visible, inside code.
    expect(issue.body).toContain('<U+202E>\\nevil.sh')
    // Every table row keeps its five columns.
    for (const line of (issue.body ?? '').split('\n').filter((l) => l.includes('evil.sh'))) {
      expect(line.split(/(?<!\\)\|/).length - 2).toBe(5)
    }
  })

  it('a token without issues: write fails with a message naming the permission, before any write', async () => {
    runEnv('500')
    await expect(
      incident.reportIncident(failedOutcome([modified('a')]), settings({ token: READ_TOKEN })),
    ).rejects.toThrow(/permissions: issues: write/)
    expect(gh.violations).toEqual([])
    expect(gh.state.issues(REPO)).toHaveLength(0)
  })

  it('a bad token fails with a clear 401 message', async () => {
    runEnv('501')
    await expect(
      incident.reportIncident(failedOutcome([modified('a')]), settings({ token: 'ghs_wrong' })),
    ).rejects.toThrow(/rejected the token \(401/)
  })

  it('a 502 and a secondary rate limit are retried; the issue is created once', async () => {
    const f502 = fault({ method: 'POST', path: /\/issues$/, status: 502 })
    const limit = fault(secondaryRateLimit(/\/comments$/))
    runEnv('600')
    const res = await incident.reportIncident(failedOutcome([modified('a')]), settings())
    expect(gh.violations).toEqual([])
    expect(f502.hits).toBe(1)
    expect(limit.hits).toBe(1)
    expect(gh.state.issues(REPO)).toHaveLength(1)
    expect(withMarker(res.number, 'checklist')).toHaveLength(1)
  })

  it('a GitHub outage fails the step with the reason after the retries', async () => {
    fault({ method: 'GET', path: /\/issues$/, status: 503, times: Infinity })
    runEnv('601')
    await expect(incident.reportIncident(failedOutcome([modified('a')]), settings())).rejects.toThrow(
      /list open incident issues: GitHub kept failing after 3 retries \(503/,
    )
    expect(gh.violations).toEqual([])
  })

  it('an unknown template placeholder fails before anything is written', async () => {
    const file = path.join(tmp, 'plan.md')
    fs.writeFileSync(file, '# Plan\n{{gate}} {{run_link}}\n{{no_such_thing}}\n')
    runEnv('700')
    await expect(
      incident.reportIncident(failedOutcome([modified('a')]), settings({ checklistTemplate: file })),
    ).rejects.toThrow(/line 3: unknown placeholder \{\{no_such_thing\}\}/)
    expect(gh.requests.filter((r) => r.method !== 'GET')).toEqual([])
  })

  it('a checklist template replaces the built-in plan', async () => {
    const file = path.join(tmp, 'plan.md')
    fs.writeFileSync(
      file,
      '# Our plan for {{gate}} (#{{issue_number}})\n- [ ] call {{assignees}}\n\n{{changes_table}}\n`${{ secrets.X }}`\n',
    )
    runEnv('701')
    const res = await incident.reportIncident(
      failedOutcome([modified('a.txt')]),
      settings({ checklistTemplate: file }),
    )
    expect(gh.violations).toEqual([])
    const [c] = withMarker(res.number, 'checklist')
    expect(c.body).toContain(`# Our plan for \`default\` (#${res.number})`)
    expect(c.body).toContain('- [ ] call @alice, @bob-oncall')
    expect(c.body).toContain('| `a.txt` | modified |')
    expect(c.body).toContain('`${{ secrets.X }}`')
  })
})

describe('runLessonsLearned against the GitHub stand-in', () => {
  async function closedIncident(): Promise<number> {
    runEnv('800')
    const res = await incident.reportIncident(failedOutcome([modified('a.txt')]), settings())
    runEnv('801')
    await incident.reportIncident(failedOutcome([modified('b.txt')]), settings())
    const issue = gh.state.issue(REPO, res.number)!
    gh.state.seedComment(REPO, res.number, 'Looking into it.', 'alice')
    gh.state.setState(issue, 'closed', 'completed', 'alice')
    return res.number
  }

  it('posts one lessons-learned comment on issues.closed, never twice', async () => {
    const number = await closedIncident()
    const ev = writeEvent(
      'issues.closed',
      { repo: REPO, issue: { number, labels: ['integrity-incident'] } },
      tmp,
    )
    const ctx = { eventName: 'issues', payload: ev.payload }
    await lessons.runLessonsLearned(settings({ mode: 'lessons-learned' }), ctx)
    await lessons.runLessonsLearned(settings({ mode: 'lessons-learned' }), ctx)
    expect(gh.violations).toEqual([])
    const reviews = withMarker(number, 'lessons')
    expect(reviews).toHaveLength(1)
    const body = reviews[0].body
    expect(body).toContain('Detections: **2**')
    expect(body).toContain('Incident opened by `github-actions[bot]`')
    expect(body).toContain('Detection 2, [run 801, attempt 1]')
    expect(body).toContain('First response by `alice`')
    expect(body).toMatch(/Closed as completed by `alice`/)
    expect(body).toContain('Time to close:')
    expect(body).toMatch(/Checklist: \*\*0 of \d+\*\* tasks ticked/)
    for (const prompt of [
      'Root cause',
      'What worked',
      'What failed',
      'Changes to the plan',
      'Follow-up actions',
    ]) {
      expect(body).toContain(prompt)
    }
    expect(fs.readFileSync(process.env.GITHUB_OUTPUT!, 'utf8')).toContain(`issue-number`)
  })

  it('with issue-number, and two concurrent runs, still one comment', async () => {
    const number = await closedIncident()
    const s = settings({ mode: 'lessons-learned', issueNumber: number })
    const ctx = { eventName: 'workflow_dispatch', payload: {} }
    gh.latency.push({ method: 'GET', path: /\/comments$/, ms: 30 })
    await Promise.all([lessons.runLessonsLearned(s, ctx), lessons.runLessonsLearned(s, ctx)])
    expect(gh.violations).toEqual([])
    expect(withMarker(number, 'lessons')).toHaveLength(1)
  })

  it('any other closed issue: a notice and success, nothing posted', async () => {
    const other = gh.state.seedIssue(REPO, { title: 'bug', body: 'a bug', labels: ['bug'], state: 'closed' })
    const ev = writeEvent('issues.closed', { repo: REPO, issue: { number: other.number } }, tmp)
    await lessons.runLessonsLearned(settings({ mode: 'lessons-learned' }), {
      eventName: 'issues',
      payload: ev.payload,
    })
    expect(gh.violations).toEqual([])
    expect(commentsOf(other.number)).toHaveLength(0)
    expect(notices.join('\n')).toMatch(/not an integrity-gate incident/)
  })

  it('an incident closed as a duplicate gets no review', async () => {
    const number = await closedIncident()
    gh.state.issue(REPO, number)!.stateReason = 'duplicate'
    await lessons.runLessonsLearned(settings({ mode: 'lessons-learned', issueNumber: number }), {
      eventName: 'workflow_dispatch',
      payload: {},
    })
    expect(withMarker(number, 'lessons')).toHaveLength(0)
    expect(notices.join('\n')).toMatch(/duplicate/)
  })
})

describe('whose issues and markers the gate believes', () => {
  const seedMarked = (user: string, body: string, labels = ['integrity-incident']) =>
    gh.state.seedIssue(REPO, { title: 'look-alike', user, labels, body })

  it('an outsider’s labelled issue with a copied marker is ignored: the real incident stays the incident', async () => {
    // A triager (or an issue template's labels) gave an outsider's report the label; its author can
    // always edit the body to put the marker on its first line, and post a fake checklist.
    const fake = seedMarked('mallory', '<!-- integrity-gate:incident gate=default -->\nlooks odd')
    gh.state.seedComment(
      REPO,
      fake.number,
      '<!-- integrity-gate:checklist gate=default -->\nnothing',
      'mallory',
    )
    const real = seedMarked(
      'github-actions[bot]',
      '<!-- integrity-gate:incident gate=default run=9 attempt=1 -->\nx',
    )
    runEnv('300')
    const res = await incident.reportIncident(failedOutcome([modified('src/app.js')]), settings())
    expect(gh.violations).toEqual([])
    expect(res.number).toBe(real.number)
    expect(gh.state.issue(REPO, real.number)!.state).toBe('open')
    expect(withMarker(real.number, 'detection')).toHaveLength(1)
    expect(withMarker(real.number, 'checklist')).toHaveLength(1)
    // The outsider's issue is left alone: not closed as a duplicate, no comment from the gate.
    expect(fake.state).toBe('open')
    expect(commentsOf(fake.number).map((c) => c.user)).toEqual(['mallory'])
  })

  it('with only the outsider’s issue open, the gate opens its own', async () => {
    const fake = seedMarked('mallory', '<!-- integrity-gate:incident gate=default -->\nlooks odd')
    runEnv('301')
    const res = await incident.reportIncident(failedOutcome([modified('src/app.js')]), settings())
    expect(res.number).not.toBe(fake.number)
    expect(gh.state.issue(REPO, res.number)!.user).toBe('github-actions[bot]')
    expect(commentsOf(fake.number)).toHaveLength(0)
    expect(gh.violations).toEqual([])
  })

  it('an incident opened by someone with write access (a personal token) is believed; read and triage are not', async () => {
    gh.state.setRole('maint', 'maintain')
    gh.state.setRole('reader', 'read')
    gh.state.setRole('triager', 'triage')
    const ours = seedMarked('maint', '<!-- integrity-gate:incident gate=default run=5 attempt=1 -->\nx')
    // Collaborators without write access post checklist markers: neither suppresses the real checklist.
    for (const who of ['reader', 'triager'])
      gh.state.seedComment(REPO, ours.number, '<!-- integrity-gate:checklist gate=default -->\nfake', who)
    runEnv('302')
    const res = await incident.reportIncident(failedOutcome([modified('src/app.js')]), settings())
    expect(gh.violations).toEqual([])
    expect(res.number).toBe(ours.number)
    const checklists = withMarker(ours.number, 'checklist')
    expect(checklists.map((c) => c.user)).toEqual(['reader', 'triager', 'github-actions[bot]'])
    // Read-only collaborators' issues are not incidents either.
    gh.state.setState(ours, 'closed', 'completed', 'maint')
    seedMarked('reader', '<!-- integrity-gate:incident gate=default -->\nx')
    runEnv('303')
    const next = await incident.reportIncident(failedOutcome([modified('src/app.js')]), settings())
    expect(gh.state.issue(REPO, next.number)!.user).toBe('github-actions[bot]')
  })

  it('lessons-learned reviews no outsider’s issue, even labelled and closed', async () => {
    const fake = seedMarked('mallory', '<!-- integrity-gate:incident gate=default -->\nhi')
    gh.state.setState(fake, 'closed', 'completed', 'mallory')
    await lessons.runLessonsLearned(settings({ mode: 'lessons-learned' }), {
      eventName: 'issues',
      payload: { action: 'closed', issue: { number: fake.number } },
    })
    expect(gh.violations).toEqual([])
    expect(commentsOf(fake.number)).toHaveLength(0)
    expect(notices.join('\n')).toMatch(/not opened by the gate or by someone with write access/)
  })

  it('an assignee GitHub refuses (422) does not stop the incident: it is filed unassigned, with a warning', async () => {
    fault({
      method: 'POST',
      path: /\/issues$/,
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [{ value: 'departed', resource: 'Issue', field: 'assignees', code: 'invalid' }],
        documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue',
        status: '422',
      },
    })
    runEnv('304')
    const res = await incident.reportIncident(
      failedOutcome([modified('a.txt')]),
      settings({ issueAssignees: ['alice', 'departed'] }),
    )
    expect(gh.violations).toEqual([])
    expect(gh.state.issues(REPO)).toHaveLength(1)
    expect(gh.state.issue(REPO, res.number)!.assignees).toEqual([])
    expect(warnings.join('\n')).toMatch(/refused the issue-assignees \(alice, departed\)/)
    // Any other 422 still fails: nothing is retried blindly.
    fault({ method: 'POST', path: /\/issues$/, status: 422 })
    gh.state.setState(gh.state.issue(REPO, res.number)!, 'closed', 'completed', 'alice')
    runEnv('305')
    await expect(incident.reportIncident(failedOutcome([modified('a.txt')]), settings())).rejects.toThrow(
      /422/,
    )
  })

  it('a duplicate that cannot be closed costs a warning, never the detection', async () => {
    for (const n of [1, 2])
      seedMarked(
        'github-actions[bot]',
        `<!-- integrity-gate:incident gate=default run=9${n} attempt=1 -->\nx`,
      )
    fault({ method: 'PATCH', path: /\/issues\/2$/, status: 422, times: Infinity })
    runEnv('306')
    const res = await incident.reportIncident(failedOutcome([modified('a.txt')]), settings())
    expect(res.number).toBe(1)
    expect(withMarker(1, 'detection')).toHaveLength(1)
    expect(warnings.join('\n')).toMatch(/close duplicate incident #2/)
  })
})
