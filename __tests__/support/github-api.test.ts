import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import {
  DEFAULT_TOKEN,
  secondaryRateLimit,
  startGitHubApi,
  type GitHubApi,
} from '../../test-support/github-api.js'
import { fastPluginOptions } from '../../test-support/github-octokit.js'

type GitHubModule = typeof import('@actions/github')

const REPO = { owner: 'octo-org', repo: 'app' }
const READ_TOKEN = 'ghs_read_only'

let gh: GitHubApi
let github: GitHubModule

/** The real @actions/github client with the retry and throttling plugins, pointed at the stand-in. */
function client(token = gh.token) {
  const fast = fastPluginOptions()
  const octokit = github.getOctokit(token, { baseUrl: gh.url, ...fast.octokitOptions }, retry, throttling)
  return { octokit, log: fast.log }
}

async function statusOf(p: Promise<unknown>): Promise<{ status: number; data: unknown }> {
  try {
    await p
    return { status: 0, data: undefined }
  } catch (error) {
    const e = error as { status: number; response?: { data: unknown } }
    return { status: e.status, data: e.response?.data }
  }
}

beforeAll(async () => {
  gh = await startGitHubApi({
    repos: ['octo-org/app', 'octo-org/other'],
    tokens: {
      [DEFAULT_TOKEN]: { permission: 'write' },
      [READ_TOKEN]: { permission: 'read', login: 'reader' },
    },
  })
  // @actions/github reads GITHUB_API_URL when it is imported: set it first, then import.
  process.env.GITHUB_API_URL = gh.url
  github = await import('@actions/github')
})

afterAll(async () => {
  await gh.stop()
})

afterEach(() => {
  gh.violations.length = 0
})

describe('GitHub stand-in with the real @actions/github client', () => {
  it('creates issues, comments, labels and assignees, and paginates lists, with zero spec violations', async () => {
    const { octokit } = client()
    const created = await octokit.rest.issues.create({
      ...REPO,
      title: 'Integrity incident: 3 unexpected changes',
      body: '<!-- integrity-gate:default -->\nEvidence',
      labels: ['integrity'],
      assignees: ['alice'],
    })
    expect(created.status).toBe(201)
    expect(created.data.html_url).toBe(`https://github.com/octo-org/app/issues/${created.data.number}`)
    expect(created.data.labels.map((l) => (typeof l === 'string' ? l : l.name))).toEqual(['integrity'])
    expect(created.data.assignees?.map((a) => a.login)).toEqual(['alice'])
    const number = created.data.number

    const comment = await octokit.rest.issues.createComment({
      ...REPO,
      issue_number: number,
      body: 'second detection',
    })
    expect(comment.data.html_url).toContain(`/issues/${number}#issuecomment-${comment.data.id}`)
    await octokit.rest.issues.updateComment({ ...REPO, comment_id: comment.data.id, body: 'edited' })
    expect(gh.state.comments('octo-org/app', number).map((c) => c.body)).toEqual(['edited'])

    await octokit.rest.issues.createLabel({ ...REPO, name: 'incident', color: 'b60205', description: 'IR' })
    const duplicate = await statusOf(
      octokit.rest.issues.createLabel({ ...REPO, name: 'Incident', color: 'b60205' }),
    )
    expect(duplicate.status).toBe(422)
    expect(duplicate.data).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
    })
    expect((await octokit.rest.issues.getLabel({ ...REPO, name: 'incident' })).data.color).toBe('b60205')
    expect((await statusOf(octokit.rest.issues.getLabel({ ...REPO, name: 'missing' }))).status).toBe(404)

    const labels = await octokit.rest.issues.addLabels({
      ...REPO,
      issue_number: number,
      labels: ['incident'],
    })
    expect(labels.data.map((l) => l.name)).toEqual(['integrity', 'incident'])
    const assigned = await octokit.rest.issues.addAssignees({
      ...REPO,
      issue_number: number,
      assignees: ['bob'],
    })
    expect(assigned.data.assignees?.map((a) => a.login)).toEqual(['alice', 'bob'])

    for (let i = 0; i < 4; i++) await octokit.rest.issues.create({ ...REPO, title: `filler ${i}` })
    const firstPage = await octokit.rest.issues.listForRepo({
      ...REPO,
      per_page: 2,
      sort: 'created',
      direction: 'asc',
    })
    expect(firstPage.headers.link).toContain('rel="next"')
    expect(firstPage.headers.link).toContain('rel="last"')
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, {
      ...REPO,
      per_page: 2,
      state: 'open',
    })
    expect(all).toHaveLength(5)
    const labelled = await octokit.rest.issues.listForRepo({ ...REPO, labels: 'incident,integrity' })
    expect(labelled.data.map((i) => i.number)).toEqual([number])

    await octokit.rest.issues.update({
      ...REPO,
      issue_number: number,
      state: 'closed',
      state_reason: 'completed',
    })
    const closed = await octokit.rest.issues.get({ ...REPO, issue_number: number })
    expect(closed.data.state).toBe('closed')
    expect(closed.data.closed_at).not.toBeNull()
    expect(closed.data.comments).toBe(1)
    const closedList = await octokit.rest.issues.listForRepo({ ...REPO, state: 'closed' })
    expect(closedList.data.map((i) => i.number)).toEqual([number])

    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
      ...REPO,
      issue_number: number,
    })
    expect(comments.map((c) => c.body)).toEqual(['edited'])

    expect(gh.violations).toEqual([])
  })

  it('answers search, repository and compare requests in shapes the description accepts', async () => {
    const { octokit } = client()
    gh.state.seedIssue('octo-org/other', {
      title: 'Incident',
      body: 'marker <!-- gate:x -->',
      labels: ['integrity'],
    })
    gh.state.seedIssue('octo-org/other', { title: 'Unrelated', body: 'nothing' })
    const found = await octokit.rest.search.issuesAndPullRequests({
      q: 'repo:octo-org/other is:issue is:open label:integrity "gate:x" in:body',
    })
    expect(found.data.items.map((i) => i.title)).toEqual(['Incident'])

    const repo = await octokit.rest.repos.get({ owner: 'octo-org', repo: 'other' })
    expect(repo.data.full_name).toBe('octo-org/other')

    gh.state.setCompare('octo-org/other', {
      files: [{ filename: 'src/a.ts', status: 'modified', additions: 1 }],
    })
    const compare = await octokit.rest.repos.compareCommitsWithBasehead({
      owner: 'octo-org',
      repo: 'other',
      basehead: 'main...feature',
    })
    expect(compare.data.files?.map((f) => [f.filename, f.status])).toEqual([['src/a.ts', 'modified']])
    expect((await statusOf(octokit.rest.repos.get({ owner: 'octo-org', repo: 'nope' }))).status).toBe(404)
    expect(gh.violations).toEqual([])
  })

  it('reports an invalid body or query as a violation and answers 422', async () => {
    const { octokit } = client()
    const badLabels = await statusOf(
      octokit.request('POST /repos/{owner}/{repo}/issues', {
        ...REPO,
        title: 'x',
        labels: 'x' as unknown as string[],
      }),
    )
    expect(badLabels.status).toBe(422)
    expect(gh.violations).toEqual([
      expect.objectContaining({
        kind: 'request',
        operationId: 'issues/create',
        message: 'body/labels must be array',
      }),
    ])

    gh.violations.length = 0
    const seeded = gh.state.seedIssue('octo-org/app', { title: 'enum check' })
    const badState = await statusOf(
      octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
        ...REPO,
        issue_number: seeded.number,
        state: 'done' as 'open',
      }),
    )
    expect(badState.status).toBe(422)
    expect(gh.violations.map((v) => v.message)).toEqual([
      expect.stringContaining('body/state must be equal to one of'),
    ])
    expect(gh.state.issue('octo-org/app', seeded.number)?.state).toBe('open')

    gh.violations.length = 0
    await statusOf(
      octokit.request('GET /repos/{owner}/{repo}/issues', {
        ...REPO,
        state: 'any' as 'all',
        per_page: 'many' as unknown as number,
      }),
    )
    expect(gh.violations.map((v) => v.message)).toEqual([
      expect.stringContaining("query 'state' must be equal to one of"),
      "query 'per_page' must be integer",
    ])

    gh.violations.length = 0
    const unknown = await statusOf(octokit.request('GET /repos/{owner}/{repo}/no-such-thing', REPO))
    expect(unknown.status).toBe(404)
    expect(gh.violations).toEqual([expect.objectContaining({ kind: 'route' })])
  })

  it('answers 403 "Resource not accessible by integration" to a token without write permission, 401 to a bad one', async () => {
    const { octokit } = client(READ_TOKEN)
    const denied = await statusOf(octokit.rest.issues.create({ ...REPO, title: 'nope' }))
    expect(denied.status).toBe(403)
    expect(denied.data).toMatchObject({ message: 'Resource not accessible by integration' })
    expect((await octokit.rest.issues.listForRepo(REPO)).status).toBe(200)

    const bad = await statusOf(client('ghs_wrong').octokit.rest.issues.listForRepo(REPO))
    expect(bad.status).toBe(401)
    expect(gh.violations).toEqual([])
  })

  it('lets the retry plugin get past one 502 and reports a 502 that never ends', async () => {
    const { octokit } = client()
    const before = gh.state.issues('octo-org/app').length
    const once = gh.fault({ method: 'POST', path: /\/issues$/, status: 502 })
    const created = await octokit.rest.issues.create({ ...REPO, title: 'after a 502' })
    expect(created.status).toBe(201)
    expect(once.hits).toBe(1)
    expect(gh.state.issues('octo-org/app')).toHaveLength(before + 1)

    const forever = gh.fault({ method: 'GET', path: /\/issues$/, status: 503, times: Infinity })
    const failed = await statusOf(octokit.rest.issues.listForRepo(REPO))
    forever.clear()
    expect(failed.status).toBe(503)
    // One try and three retries (the plugin's default).
    expect(forever.hits).toBe(4)
    expect(gh.violations).toEqual([])
  })

  it('lets the throttling plugin retry after a secondary rate limit', async () => {
    const { octokit, log } = client()
    const issue = gh.state.seedIssue('octo-org/app', { title: 'limited' })
    const limit = gh.fault(secondaryRateLimit(/\/comments$/))
    const comment = await octokit.rest.issues.createComment({
      ...REPO,
      issue_number: issue.number,
      body: 'hi',
    })
    expect(comment.status).toBe(201)
    expect(limit.hits).toBe(1)
    expect(log.secondaryLimits).toBe(1)
    expect(gh.state.comments('octo-org/app', issue.number)).toHaveLength(1)
  })

  it('has no hidden locking: two concurrent find-or-create runs can both create', async () => {
    gh.latency.push({ method: 'GET', path: /\/issues$/, ms: 50 })
    const findOrCreate = async () => {
      const { octokit } = client()
      const open = await octokit.rest.issues.listForRepo({ ...REPO, labels: 'race' })
      if (open.data.length === 0)
        await octokit.rest.issues.create({ ...REPO, title: 'race', labels: ['race'] })
    }
    await Promise.all([findOrCreate(), findOrCreate()])
    gh.latency.length = 0
    const raced = gh.state.issues('octo-org/app').filter((i) => i.labels.includes('race'))
    expect(raced).toHaveLength(2)
    expect(gh.violations).toEqual([])
  })

  it('records every request with its operation, status and token', async () => {
    const { octokit } = client()
    gh.requests.length = 0
    await octokit.rest.issues.listForRepo({ ...REPO, per_page: 1 })
    expect(gh.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/repos/octo-org/app/issues',
        query: { per_page: '1' },
        operationId: 'issues/list-for-repo',
        status: 200,
        token: DEFAULT_TOKEN,
      }),
    ])
  })
})
