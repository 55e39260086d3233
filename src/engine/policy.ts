/**
 * The policy: which changes are expected (`allow`), which are critical (`protected`), and when the gate
 * fails (`fail-on`). Globs go through the shared matcher (globs.ts) so scan and policy never disagree.
 */
import { compileGlobs, orFolderAbove } from './globs.js'
import type { Change, ChangeKind, Counts, DiffResult, FailOn, Policy, Severity, Verdict } from './types.js'

/** Valid `fail-on` values, default first. */
export const FAIL_ON_VALUES: readonly FailOn[] = ['unexpected', 'critical', 'unexplained', 'never']

/** Parses a `fail-on` value (surrounding blanks ignored); throws a message listing the valid values. */
export function parseFailOn(text: string): FailOn {
  const value = text.trim()
  if ((FAIL_ON_VALUES as readonly string[]).includes(value)) return value as FailOn
  throw new Error(`Invalid fail-on '${text}'. Expected one of: ${FAIL_ON_VALUES.join(', ')}.`)
}

/**
 * Sets each change's severity (in place: `diff.changes` is what reports show) and returns the verdict.
 *
 * Severity: `critical` when the path (or, for a move, either the old or the new path) matches a
 * `protected` glob; else `allowed` when the path (for a move, both paths) matches an `allow` glob; else
 * `unexpected`. Protected wins over allowed: allow globs tend to be broad (`dist/**`) while a protected
 * glob is a deliberate statement that a path must never change silently; a broad allowance must not
 * quietly switch that off. A move is allowed only if both ends are, so an allowed folder cannot be used
 * to launder a file out of (or into) a watched one.
 *
 * Failing: `unexpected` fails on critical or unexpected changes, `critical` on critical ones only,
 * `unexplained` on critical or unexpected changes that git triage did not class `committed`, `never` on
 * nothing. An incompatible baseline (other algorithm or globs) fails under `unexpected` and
 * `critical`: the comparison proves nothing, so it cannot pass (fail closed). Under `never` the user has
 * asked for a report-only gate; it still does not pass silently as `clean`: the result is `changed` and
 * the reasons say the comparison was not possible.
 *
 * Result: `violation` exactly when the verdict fails; otherwise `clean` when there are no changes and
 * the baseline is compatible, else `changed`.
 */
export function applyPolicy(diff: DiffResult, policy: Policy): Verdict {
  const isAllowed = compileGlobs(policy.allow)
  // A protected folder covers everything below it: `protected: .github/workflows` makes a change to
  // `.github/workflows/ci.yml` critical.
  const isProtected = orFolderAbove(compileGlobs(policy.protected))
  for (const c of diff.changes) {
    const paths = c.from !== undefined ? [c.from, c.path] : [c.path]
    // A symlink that now points outside the root is never just "expected": `allow: dist/**` must not let
    // `dist/app.js` become a link to /etc/shadow or to a runner secret quietly.
    const escapes = c.after?.escapes === true
    c.severity = paths.some(isProtected)
      ? 'critical'
      : paths.every(isAllowed) && !escapes
        ? 'allowed'
        : 'unexpected'
  }
  const counts = countChanges(diff.changes, diff.unchanged)
  const failing = failingSeverities(policy.failOn)
  const reasons: string[] = [...diff.incompatible]
  const incompatible = diff.incompatible.length > 0
  let fail = incompatible && policy.failOn !== 'never'
  if (failing.has('critical') && counts.critical > 0) {
    fail = true
    reasons.push(`${plural(counts.critical, 'change')} to protected paths (critical).`)
  }
  if (failing.has('unexpected') && counts.unexpected > 0) {
    fail = true
    const escaping = diff.changes.some((c) => c.severity === 'unexpected' && c.after?.escapes === true)
    reasons.push(
      `${plural(counts.unexpected, 'unexpected change')} (paths not covered by an allow glob` +
        (escaping ? ', or symlinks that now point outside the root' : '') +
        ').',
    )
  }
  if (policy.failOn === 'unexplained') {
    const unexplained = diff.changes.filter((c) => failsUnder(c, 'unexplained')).length
    if (unexplained > 0) {
      fail = true
      const critical = diff.changes.filter((c) => c.severity === 'critical' && c.git !== 'committed').length
      reasons.push(
        `${plural(unexplained, 'unexplained change')}${critical > 0 ? ` (${critical} critical)` : ''}: ` +
          'not accounted for by git history between the baseline commit and this commit.',
      )
    }
  }
  if (incompatible && !fail) {
    reasons.push('fail-on is never, so the incompatible baseline is reported but does not fail the gate.')
  }
  const result = fail ? 'violation' : diff.changes.length === 0 && !incompatible ? 'clean' : 'changed'
  return { pass: !fail, result, counts, reasons }
}

/** Counts per kind (a change counts once per kind it carries), per severity, and changed paths. */
export function countChanges(changes: readonly Change[], unchanged: number): Counts {
  const counts: Counts = {
    added: 0,
    removed: 0,
    modified: 0,
    mode: 0,
    type: 0,
    symlink: 0,
    moved: 0,
    unreadable: 0,
    changes: changes.length,
    critical: 0,
    unexpected: 0,
    allowed: 0,
    unchanged,
  }
  for (const c of changes) {
    for (const k of c.kinds) counts[k satisfies ChangeKind]++
    counts[c.severity satisfies Severity]++
  }
  return counts
}

/**
 * True when this change fails the gate under `failOn`. Under `unexplained` a critical or unexpected change
 * fails unless git triage classed it `committed`: a change nobody classed (no history) fails, so the gate
 * stays closed when triage cannot run.
 */
export function failsUnder(change: Change, failOn: FailOn): boolean {
  if (change.severity === 'allowed' || failOn === 'never') return false
  if (failOn === 'critical') return change.severity === 'critical'
  if (failOn === 'unexplained') return change.git !== 'committed'
  return true
}

function failingSeverities(failOn: FailOn): Set<Severity> {
  if (failOn === 'unexpected') return new Set(['critical', 'unexpected'])
  if (failOn === 'critical') return new Set(['critical'])
  // Handled per change above (failsUnder): severity alone does not decide.
  if (failOn === 'unexplained' || failOn === 'never') return new Set()
  throw new Error(`Invalid fail-on '${String(failOn)}'. Expected one of: ${FAIL_ON_VALUES.join(', ')}.`)
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}
