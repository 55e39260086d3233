import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { DEFAULT_TOKEN, startGitHubApi, type GitHubApi } from '../../test-support/github-api.js'
import { checkRequest, checkResponse, matchOperation } from '../../test-support/openapi-spec.js'

let gh: GitHubApi
let now = new Date('2024-05-01T10:00:00Z')

beforeAll(async () => {
  gh = await startGitHubApi({ repos: ['octo-org/app'], clock: () => now })
})

afterAll(async () => {
  await gh.stop()
})

/** A raw request, for what Octokit would never send (no token, broken JSON). */
async function raw(
  method: string,
  path: string,
  init: { body?: string; headers?: Record<string, string> } = {},
) {
  const res = await fetch(`${gh.url}${path}`, { method, body: init.body, headers: init.headers })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('OpenAPI routing and checks', () => {
  it('prefers literal segments over parameters, as GitHub routes', () => {
    expect(matchOperation('PATCH', '/repos/o/r/issues/comments/12')?.operation.operationId).toBe(
      'issues/update-comment',
    )
    expect(matchOperation('PATCH', '/repos/o/r/issues/12')?.operation.operationId).toBe('issues/update')
    expect(matchOperation('GET', '/repos/o/r/labels/a%2Fb')?.pathParams).toEqual({
      owner: 'o',
      repo: 'r',
      name: 'a/b',
    })
    expect(matchOperation('GET', '/repos/o/r/not-a-route')).toBeUndefined()
  })

  it('flags unknown query parameters and accepts null where the description allows it', () => {
    const m = matchOperation('PATCH', '/repos/o/r/issues/1')!
    const parts = { pathParams: m.pathParams, headers: {} }
    expect(
      checkRequest(m.operation, { ...parts, query: new URLSearchParams('foo=1'), body: { body: null } }),
    ).toEqual(["query parameter 'foo' is not defined for issues/update"])
    expect(
      checkRequest(m.operation, { ...parts, query: new URLSearchParams(), body: { milestone: null } }),
    ).toEqual([])
  })

  it('catches a response that drifted from GitHub (missing or mistyped fields)', () => {
    const op = matchOperation('GET', '/repos/o/r/issues/comments/1')!.operation
    expect(checkResponse(op, 200, { id: 'one' })).toEqual(
      expect.arrayContaining([
        "response 200 must have required property 'node_id'",
        'response 200/id must be integer',
      ]),
    )
    expect(checkResponse(op, 299, {})).toEqual(['status 299 is not documented for issues/get-comment'])
  })
})

describe('stand-in request handling', () => {
  it('answers 401 and records a violation when the code under test sends no token', async () => {
    gh.violations.length = 0
    const res = await raw('GET', '/repos/octo-org/app/issues')
    expect(res.status).toBe(401)
    expect(res.body.message).toBe('Requires authentication')
    expect(gh.violations).toEqual([
      expect.objectContaining({ kind: 'request', message: expect.stringContaining('no Authorization') }),
    ])
  })

  it('answers 400 "Problems parsing JSON" to a broken body', async () => {
    gh.violations.length = 0
    const res = await raw('POST', '/repos/octo-org/app/issues', {
      body: '{"title": ',
      headers: { authorization: `token ${DEFAULT_TOKEN}`, 'content-type': 'application/json' },
    })
    expect(res.status).toBe(400)
    expect(res.body.message).toBe('Problems parsing JSON')
    expect(gh.violations.map((v) => v.message)).toEqual(['request body is not valid JSON'])
  })

  it('records a GitHub operation the stand-in does not implement, instead of faking success', async () => {
    gh.violations.length = 0
    const res = await raw('PUT', '/repos/octo-org/app/issues/1/lock', {
      headers: { authorization: `Bearer ${DEFAULT_TOKEN}` },
    })
    expect(res.status).toBe(404)
    expect(gh.violations).toEqual([
      expect.objectContaining({ kind: 'unimplemented', operationId: 'issues/lock' }),
    ])
  })

  it('takes timestamps from the clock option, so tests can measure time to close', async () => {
    gh.violations.length = 0
    const auth = { authorization: `token ${DEFAULT_TOKEN}`, 'content-type': 'application/json' }
    const created = await raw('POST', '/repos/octo-org/app/issues', { body: '{"title":"t"}', headers: auth })
    now = new Date('2024-05-03T12:30:00Z')
    const closed = await raw('PATCH', `/repos/octo-org/app/issues/${String(created.body.number)}`, {
      body: '{"state":"closed"}',
      headers: auth,
    })
    expect(created.body.created_at).toBe('2024-05-01T10:00:00Z')
    expect(closed.body).toMatchObject({ closed_at: '2024-05-03T12:30:00Z', state_reason: 'completed' })
    expect(gh.violations).toEqual([])
  })
})
