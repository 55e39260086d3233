/**
 * Shared test data for the incident tests: a failing gate outcome with realistic changes, action settings,
 * and the hostile file name every renderer must neutralise.
 */
import type { GateOutcome } from '../../src/gate.js'
import type { ActionSettings } from '../../src/inputs.js'
import type { Change, Counts, Entry, Report } from '../../src/engine/types.js'
import { countChanges } from '../../src/engine/policy.js'

/** Mentions, an issue reference, HTML, a link, a table break, backticks, a bidi override and a newline. */
export const HOSTILE = '@octocat #1 <img src=x> [x](http://e) | `tick` \u202E\nevil.sh'

const digest = (c: string): string => c.repeat(64)

const file = (path: string, d: string, mode = 0o644): Entry => ({
  path,
  type: 'file',
  size: 10,
  mode,
  digest: digest(d),
})

/** A modified file change. */
export function modified(path: string, severity: Change['severity'] = 'unexpected'): Change {
  return { path, kinds: ['modified'], before: file(path, 'a'), after: file(path, 'b'), severity }
}

/** An added file change. */
export function added(path: string, mode = 0o644, severity: Change['severity'] = 'unexpected'): Change {
  return { path, kinds: ['added'], after: file(path, 'c', mode), severity }
}

/** Counts consistent with `changes`. */
export function countsOf(changes: Change[], unchanged = 40): Counts {
  return countChanges(changes, unchanged)
}

/** A failed verify outcome with these changes. */
export function failedOutcome(changes: Change[], gate = 'default'): GateOutcome {
  const report: Report = {
    gate,
    root: '/work/repo',
    algorithm: 'sha256',
    verdict: {
      pass: false,
      result: 'violation',
      counts: countsOf(changes),
      reasons: [`${changes.length} unexpected changes.`],
    },
    changes,
    incompatible: [],
    baseline: {
      source: 'cache',
      key: 'integrity-gate-v1-linux-default.0123456789abcdef-4242-1-20250101T000000000Z',
      createdAt: '2025-01-01T00:00:00.000Z',
      commit: '1111111111111111111111111111111111111111',
      signed: false,
    },
    scan: { files: 40, dirs: 3, others: 0, bytes: 1000, errors: 0, unstable: 0, durationMs: 5 },
    problems: [],
  }
  return {
    result: 'violation',
    pass: false,
    report,
    manifest: { header: {} as never, entries: [] },
    manifestBytes: Buffer.alloc(0),
  }
}

/** Action settings for incident mode. */
export function settings(overrides: Partial<ActionSettings> = {}): ActionSettings {
  return {
    mode: 'verify',
    root: '/work/repo',
    workspace: '/work/repo',
    include: [],
    exclude: [],
    allow: [],
    protected: [],
    failOn: 'unexpected',
    algorithm: 'sha256',
    gate: 'default',
    onMissing: 'create',
    requireSigning: false,
    update: 'on-pass',
    watchJob: false,
    createIssue: true,
    issueLabels: ['integrity-incident', 'security'],
    issueAssignees: ['alice', 'bob-oncall'],
    checklist: true,
    token: 'ghs_standin_write_token',
    allowUntrustedSave: false,
    explainWithGit: false,
    watchActions: false,
    ...overrides,
  }
}
