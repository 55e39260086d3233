import { existsSync, readFileSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { afterAll, describe, expect, it } from '@jest/globals'
import { eventPayload, writeEvent } from '../../test-support/github-events.js'
import { checkComponent } from '../../test-support/openapi-spec.js'

const written: string[] = []

afterAll(() => {
  for (const dir of written) rmSync(dir, { recursive: true, force: true })
})

describe('event payloads from @octokit/webhooks-examples', () => {
  it('builds an issues.closed payload for our repository and issue that matches GitHub webhook schema', () => {
    const payload = eventPayload('issues.closed', {
      repo: 'octo-org/app',
      sender: 'alice',
      issue: {
        number: 42,
        title: 'Integrity incident',
        body: '<!-- integrity-gate:default -->',
        labels: ['integrity'],
      },
    })
    const issue = payload.issue as Record<string, unknown>
    const repository = payload.repository as Record<string, unknown>
    expect(payload.action).toBe('closed')
    expect(issue.state).toBe('closed')
    expect(issue.closed_at).toEqual(expect.any(String))
    expect(issue.number).toBe(42)
    expect(issue.html_url).toBe('https://github.com/octo-org/app/issues/42')
    expect((issue.labels as { name: string }[]).map((l) => l.name)).toEqual(['integrity'])
    expect(repository.full_name).toBe('octo-org/app')
    expect(repository.html_url).toBe('https://github.com/octo-org/app')
    expect(JSON.stringify(payload)).not.toContain('Codertocat/Hello-World')
    expect(checkComponent('webhook-issues-closed', payload)).toEqual([])
  })

  it('builds push and pull_request payloads that match GitHub webhook schemas', () => {
    const sha = 'a'.repeat(40)
    const push = eventPayload('push', { repo: 'octo-org/app', ref: 'refs/heads/main', after: sha })
    expect(push.after).toBe(sha)
    expect(checkComponent('webhook-push', push)).toEqual([])

    const pr = eventPayload('pull_request', { repo: 'octo-org/app', pullRequest: { number: 7, fork: true } })
    const pull = pr.pull_request as { number: number; head: { repo: { full_name: string; fork: boolean } } }
    expect(pull.number).toBe(7)
    expect(pull.head.repo).toMatchObject({ full_name: 'fork-owner/app', fork: true })
    expect(checkComponent('webhook-pull-request-opened', pr)).toEqual([])
    expect(
      checkComponent('webhook-pull-request-synchronize', eventPayload('pull_request.synchronize')),
    ).toEqual([])
  })

  it('writes the payload for GITHUB_EVENT_PATH so @actions/github builds its context from it', async () => {
    const event = writeEvent('issues.closed', { repo: 'octo-org/app', issue: { number: 9 } })
    written.push(dirname(event.path))
    expect(existsSync(event.path)).toBe(true)
    expect(JSON.parse(readFileSync(event.path, 'utf8'))).toEqual(event.payload)
    expect(event.env).toMatchObject({ GITHUB_EVENT_NAME: 'issues', GITHUB_REPOSITORY: 'octo-org/app' })

    // @actions/github builds `context` from the environment when it is imported.
    Object.assign(process.env, event.env)
    const github = await import('@actions/github')
    expect(github.context.eventName).toBe('issues')
    expect(github.context.payload.action).toBe('closed')
    expect(github.context.issue).toEqual({ owner: 'octo-org', repo: 'app', number: 9 })
  })

  it('names the problem when an example or a repository is wrong', () => {
    expect(() => eventPayload('pull_request.no-such-action')).toThrow(/no matching 'pull_request' example/)
    expect(() => eventPayload('push', { repo: 'no-slash' })).toThrow(/Invalid repository 'no-slash'/)
  })
})
