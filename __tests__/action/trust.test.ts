import { describe, expect, it } from '@jest/globals'
import { untrustedReason } from '../../src/trust.js'

const repo = 'octo-org/octo-repo'
const pr = (head: string | null) => ({
  pull_request: { head: { repo: head === null ? null : { full_name: head } } },
})

describe('untrustedReason', () => {
  it('trusts push and same-repository pull requests', () => {
    expect(untrustedReason({ eventName: 'push', repository: repo, payload: {} })).toBeUndefined()
    expect(
      untrustedReason({ eventName: 'pull_request', repository: repo, payload: pr(repo) }),
    ).toBeUndefined()
  })

  it('refuses pull requests from forks and from deleted forks', () => {
    expect(
      untrustedReason({ eventName: 'pull_request', repository: repo, payload: pr('evil/octo-repo') }),
    ).toMatch(/fork \(evil\/octo-repo\)/)
    expect(untrustedReason({ eventName: 'pull_request', repository: repo, payload: pr(null) })).toMatch(
      /deleted repository/,
    )
  })

  it('refuses pull_request_target and comment events outright', () => {
    for (const eventName of ['pull_request_target', 'issue_comment', 'pull_request_review_comment']) {
      expect(untrustedReason({ eventName, repository: repo, payload: pr(repo) })).toMatch(/untrusted/)
    }
  })

  it('refuses workflow_run triggered by a fork pull request', () => {
    const payload = { workflow_run: { event: 'pull_request', head_repository: { full_name: 'evil/x' } } }
    expect(untrustedReason({ eventName: 'workflow_run', repository: repo, payload })).toMatch(/fork/)
    const own = { workflow_run: { event: 'push', head_repository: { full_name: repo } } }
    expect(untrustedReason({ eventName: 'workflow_run', repository: repo, payload: own })).toBeUndefined()
  })
})
