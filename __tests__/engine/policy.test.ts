import { describe, expect, it } from '@jest/globals'
import { applyPolicy, countChanges, parseFailOn } from '../../src/engine/policy.js'
import type { Change, ChangeKind, DiffResult, FailOn, Policy } from '../../src/engine/types.js'

const ch = (path: string, kinds: ChangeKind[] = ['modified'], from?: string): Change =>
  from === undefined ? { path, kinds, severity: 'unexpected' } : { path, kinds, from, severity: 'unexpected' }
const diff = (changes: Change[], incompatible: string[] = [], unchanged = 10): DiffResult => ({
  changes,
  unchanged,
  incompatible,
})
const policy = (over: Partial<Policy> = {}): Policy => ({
  allow: [],
  protected: [],
  failOn: 'unexpected',
  ...over,
})

describe('parseFailOn', () => {
  it('accepts the three values, ignoring surrounding blanks', () => {
    expect(parseFailOn('unexpected')).toBe('unexpected')
    expect(parseFailOn(' critical\n')).toBe('critical')
    expect(parseFailOn('never')).toBe('never')
  })

  it('refuses anything else with the valid values listed', () => {
    for (const bad of ['', 'Critical', 'always', 'true']) {
      expect(() => parseFailOn(bad)).toThrow(
        `Invalid fail-on '${bad}'. Expected one of: unexpected, critical, unexplained, never.`,
      )
    }
  })
})

describe('applyPolicy severities', () => {
  it('marks allowed, protected and other paths, in place', () => {
    const d = diff([ch('dist/app.js'), ch('.github/workflows/ci.yml'), ch('src/x.ts')])
    applyPolicy(d, policy({ allow: ['dist/**'], protected: ['.github/**'] }))
    expect(d.changes.map((c) => c.severity)).toEqual(['allowed', 'critical', 'unexpected'])
  })

  it('lets protected win when a path matches both lists', () => {
    const d = diff([ch('dist/keys.pem')])
    applyPolicy(d, policy({ allow: ['dist/**'], protected: ['**/*.pem'] }))
    expect(d.changes[0].severity).toBe('critical')
  })

  it('makes a move critical when either end is protected', () => {
    const d = diff([ch('tmp/x', ['moved'], 'bin/tool'), ch('bin/tool2', ['moved'], 'tmp/y')])
    applyPolicy(d, policy({ allow: ['tmp/**'], protected: ['bin/**'] }))
    expect(d.changes.map((c) => c.severity)).toEqual(['critical', 'critical'])
  })

  it('allows a move only when both ends are allowed', () => {
    const d = diff([
      ch('cache/b', ['moved'], 'cache/a'),
      ch('cache/c', ['moved'], 'src/a'),
      ch('src/b', ['moved'], 'cache/d'),
    ])
    applyPolicy(d, policy({ allow: ['cache/**'] }))
    expect(d.changes.map((c) => c.severity)).toEqual(['allowed', 'unexpected', 'unexpected'])
  })

  it('matches dotfiles and raw (non-UTF-8) keys through the shared matcher', () => {
    const raw = '\u0000' + Buffer.from([0x64, 0x2f, 0xff]).toString('base64')
    const d = diff([ch('.env'), ch(raw)])
    applyPolicy(d, policy({ protected: ['.*'], allow: ['d/**'] }))
    expect(d.changes.map((c) => c.severity)).toEqual(['critical', 'allowed'])
  })

  it('a protected folder covers everything below it, as an excluded folder does in the scan', () => {
    const d = diff([ch('.github/workflows/ci.yml'), ch('.github/dependabot.yml'), ch('config/[!_]x.yml')])
    applyPolicy(d, policy({ protected: ['.github/workflows', 'config'], failOn: 'critical' }))
    expect(d.changes.map((c) => c.severity)).toEqual(['critical', 'unexpected', 'critical'])
  })

  it('never allows a change that makes a symlink point outside the root', () => {
    const link = (escapes: boolean) =>
      ({
        path: 'dist/app.js',
        type: 'symlink',
        mode: 0o777,
        target: escapes ? '/etc/shadow' : 'b.js',
        escapes,
      }) as never
    const d = diff([
      { ...ch('dist/app.js', ['type']), before: undefined, after: link(true) },
      { ...ch('dist/b.js', ['symlink']), before: link(true), after: link(true) },
      { ...ch('dist/c.js', ['symlink']), before: link(false), after: link(false) },
    ])
    const v = applyPolicy(d, policy({ allow: ['dist/**'] }))
    expect(v.reasons).toEqual([
      '2 unexpected changes (paths not covered by an allow glob, or symlinks that now point outside the root).',
    ])
    // Escaping after the change (new, or retargeted outside again): unexpected. Inside the root: allowed.
    expect(d.changes.map((c) => c.severity)).toEqual(['unexpected', 'unexpected', 'allowed'])
  })

  it('a negated class [!…] means "not these characters" (picomatch needs posix mode for that)', () => {
    const d = diff([ch('config/prod.yml'), ch('config/_draft.yml')])
    applyPolicy(d, policy({ protected: ['config/[!_]*.yml'] }))
    expect(d.changes.map((c) => c.severity)).toEqual(['critical', 'unexpected'])
  })

  it('throws a clear error for an invalid glob', () => {
    expect(() => applyPolicy(diff([ch('a')]), policy({ protected: ['/abs/**'] }))).toThrow(
      /Invalid glob '\/abs\/\*\*'/,
    )
  })
})

describe('applyPolicy verdicts', () => {
  const mixed = (): DiffResult => diff([ch('dist/a'), ch('bin/b'), ch('src/c')])
  const rules = { allow: ['dist/**'], protected: ['bin/**'] }
  const verdict = (d: DiffResult, failOn: FailOn) => applyPolicy(d, policy({ ...rules, failOn }))

  it('is clean with no changes, whatever fail-on says', () => {
    for (const failOn of ['unexpected', 'critical', 'never'] as const) {
      expect(verdict(diff([]), failOn)).toMatchObject({ pass: true, result: 'clean', reasons: [] })
    }
  })

  it('fail-on unexpected fails on critical or unexpected changes', () => {
    const v = verdict(mixed(), 'unexpected')
    expect(v).toMatchObject({ pass: false, result: 'violation' })
    expect(v.reasons).toEqual([
      '1 change to protected paths (critical).',
      '1 unexpected change (paths not covered by an allow glob).',
    ])
    expect(verdict(diff([ch('src/c'), ch('src/d')]), 'unexpected').reasons).toEqual([
      '2 unexpected changes (paths not covered by an allow glob).',
    ])
  })

  it('passes with only allowed changes as changed', () => {
    expect(verdict(diff([ch('dist/a')]), 'unexpected')).toMatchObject({
      pass: true,
      result: 'changed',
      reasons: [],
    })
  })

  it('fail-on critical fails only on critical changes', () => {
    expect(verdict(mixed(), 'critical')).toMatchObject({ pass: false, result: 'violation' })
    expect(verdict(diff([ch('src/c'), ch('dist/a')]), 'critical')).toMatchObject({
      pass: true,
      result: 'changed',
    })
  })

  it('fail-on never reports but passes', () => {
    expect(verdict(mixed(), 'never')).toMatchObject({ pass: true, result: 'changed', reasons: [] })
  })

  it('fails closed on an incompatible baseline, even without changes', () => {
    const reason = 'The baseline was made with sha512 but this scan uses sha256.'
    for (const failOn of ['unexpected', 'critical'] as const) {
      const v = verdict(diff([], [reason]), failOn)
      expect(v).toMatchObject({ pass: false, result: 'violation' })
      expect(v.reasons).toEqual([reason])
    }
  })

  it('with fail-on never an incompatible baseline passes as changed, never as clean, and says why', () => {
    const reason = 'The baseline was made with sha512 but this scan uses sha256.'
    const v = verdict(diff([], [reason]), 'never')
    expect(v).toMatchObject({ pass: true, result: 'changed' })
    expect(v.reasons[0]).toBe(reason)
    expect(v.reasons[1]).toMatch(/fail-on is never/)
  })

  it('fills the counts per kind, per severity, and counts a path with several kinds once', () => {
    const d = diff(
      [
        ch('dist/a', ['added']),
        ch('bin/b', ['modified', 'mode']),
        ch('src/c', ['mode', 'moved'], 'src/old'),
        ch('src/d', ['added', 'unreadable']),
      ],
      [],
      7,
    )
    const v = verdict(d, 'unexpected')
    expect(v.counts).toEqual({
      added: 2,
      removed: 0,
      modified: 1,
      mode: 2,
      type: 0,
      symlink: 0,
      moved: 1,
      unreadable: 1,
      changes: 4,
      critical: 1,
      unexpected: 2,
      allowed: 1,
      unchanged: 7,
    })
    expect(countChanges(d.changes, 7)).toEqual(v.counts)
  })

  it('refuses an invalid fail-on that bypassed parseFailOn', () => {
    expect(() => verdict(mixed(), 'sometimes' as FailOn)).toThrow(/Invalid fail-on 'sometimes'/)
  })
})
