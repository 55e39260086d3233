/** Reports for the rendering tests: built by hand so each test states the changes it renders. */
import { createHash } from 'node:crypto'
import type { Change, ChangeKind, Counts, Entry, Report, Severity } from '../../src/engine/types.js'
import { countChanges } from '../../src/engine/policy.js'

export const digestOf = (s: string): string => createHash('sha256').update(s).digest('hex')

export function file(path: string, content: string, mode = 0o644): Entry {
  return { path, type: 'file', size: content.length, mode, digest: digestOf(content) }
}

export function change(
  path: string,
  kinds: ChangeKind[],
  severity: Severity,
  extra: Partial<Change> = {},
): Change {
  return { path, kinds, severity, before: file(path, 'old'), after: file(path, 'new'), ...extra }
}

/** Counts as the policy would compute them from the changes. */
export function countsOf(changes: Change[], unchanged = 10): Counts {
  return countChanges(changes, unchanged)
}

export function reportOf(changes: Change[], over: Partial<Report> = {}): Report {
  const counts = countsOf(changes)
  const pass = counts.critical + counts.unexpected === 0
  return {
    gate: 'default',
    root: '/work/repo',
    algorithm: 'sha256',
    verdict: {
      pass,
      result: pass ? (changes.length ? 'changed' : 'clean') : 'violation',
      counts,
      reasons: pass ? [] : [`${counts.critical + counts.unexpected} changes are not allowed by the policy.`],
    },
    changes,
    incompatible: [],
    baseline: {
      source: 'cache',
      key: 'integrity-gate-v1-default-Linux-42-1',
      createdAt: '2024-05-01T10:00:00Z',
      commit: 'a'.repeat(40),
      signed: true,
    },
    scan: { files: 100, dirs: 5, others: 0, bytes: 12345, errors: 0, unstable: 0, durationMs: 12 },
    problems: [],
    ...over,
  }
}

/** `n` changes with severities cycling critical/unexpected/allowed in a fixed pattern, paths in order. */
export function manyChanges(n: number): Change[] {
  const severities: Severity[] = ['allowed', 'unexpected', 'allowed', 'critical', 'unexpected']
  return Array.from({ length: n }, (_, i) =>
    change(
      `dir${i % 97}/file-${String(i).padStart(6, '0')}.txt`,
      ['modified'],
      severities[i % severities.length],
    ),
  )
}
