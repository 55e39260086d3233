import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { formatAge, renderMarkdown, renderTerminal, summaryCounts } from '../../src/engine/render.js'
import { keyFromBytes } from '../../src/engine/paths.js'
import type { Change, Severity } from '../../src/engine/types.js'
import { cellCount, problems, visibleText } from './markdown-checker.js'
import { change, countsOf, digestOf, file, manyChanges, reportOf } from './render-fixtures.js'

const NOW = new Date('2024-05-04T10:00:00Z')
const HOSTILE = 'evil\u001b[2J\n::error::x @octocat #1 <img src=x> [a](https://e) |x| `y`\u202Egpj.exe'

/** Changes of every kind, one per severity, plus a hostile name. */
function mixed(): Change[] {
  const link = (target: string): ReturnType<typeof file> => ({
    path: 'l',
    type: 'symlink',
    size: target.length,
    mode: 0o777,
    target,
  })
  return [
    change('src/app.js', ['modified', 'mode'], 'critical', {
      after: file('src/app.js', 'new', 0o755),
    }),
    change('docs/new.md', ['added'], 'allowed', { before: undefined }),
    change('lib/moved.js', ['moved'], 'unexpected', {
      from: 'lib/old.js',
      before: file('lib/old.js', 'same'),
    }),
    change('bin/link', ['symlink'], 'unexpected', { before: link('../a'), after: link('/etc/passwd') }),
    change(HOSTILE, ['added'], 'unexpected', { before: undefined }),
  ]
}

describe('summaryCounts', () => {
  it('says how many changes nobody approved, critical ones first', () => {
    expect(summaryCounts(countsOf([]))).toBe('no changes')
    expect(summaryCounts(countsOf(mixed()))).toBe('4 unexpected changes (1 critical), 1 allowed')
    expect(summaryCounts(countsOf([change('a', ['modified'], 'allowed')]))).toBe('1 allowed change')
    expect(summaryCounts(countsOf([change('a', ['modified'], 'unexpected')]))).toBe('1 unexpected change')
  })
})

describe('formatAge', () => {
  it('reads like a person would say it', () => {
    expect(formatAge('2024-05-01T10:00:00Z', NOW)).toBe('3 days ago')
    expect(formatAge('2024-05-04T09:00:00Z', NOW)).toBe('1 hour ago')
    expect(formatAge('not a date', NOW)).toBe('unknown age')
  })
})

describe('renderTerminal', () => {
  const out = renderTerminal(reportOf(mixed()), { now: NOW })

  it('shows the verdict, counts, baseline and changes grouped by severity', () => {
    expect(out).toMatch(/^integrity-gate default: VIOLATION \(fail\) — 4 unexpected changes \(1 critical\)/)
    const order = ['Critical (1):', 'Unexpected (3):', 'Allowed (1):'].map((h) => out.indexOf(h))
    expect(order.every((i, n) => i > 0 && (n === 0 || i > order[n - 1]))).toBe(true)
    expect(out).toContain('lib/old.js → lib/moved.js')
    expect(out).toContain(`digest ${digestOf('old').slice(0, 12)} → ${digestOf('new').slice(0, 12)}`)
    expect(out).not.toContain(digestOf('old'))
    expect(out).toContain('mode 0644 → 0755')
    expect(out).toContain('target ../a → /etc/passwd')
    expect(out).toContain('key integrity-gate-v1-default-Linux-42-1')
    expect(out).toContain('3 days ago')
  })

  it('lets no name emit an escape sequence or a line of its own', () => {
    expect(out.replaceAll('\n', '')).not.toMatch(/[\p{Cc}\p{Cf}]/u)
    const line = out.split('\n').find((l) => l.includes('evil'))
    expect(line).toContain('evil\\x1b[2J\\n::error::x')
    expect(line).toContain('<U+202E>gpj.exe')
  })

  it('lists problems, incompatibility and raw names', () => {
    const raw = keyFromBytes(Buffer.from([0x61, 0xff]))
    const text = renderTerminal(
      reportOf([change(raw, ['modified'], 'unexpected')], {
        incompatible: ['baseline used sha1, this scan sha256'],
        problems: [
          { path: 'secret', type: 'file', size: 0, mode: 0, error: 'EACCES: permission denied\u001b[0m' },
          { path: 'log', type: 'file', size: 1, mode: 0o644, unstable: true },
        ],
      }),
    )
    expect(text).toContain('Baseline cannot be compared:\n  - baseline used sha1, this scan sha256')
    expect(text).toContain('unreadable secret: EACCES: permission denied\\x1b[0m')
    expect(text).toContain('unstable log')
    expect(text).toContain('a\\xff')
  })

  it('caps a long list with the counts of what was left out', () => {
    const text = renderTerminal(reportOf(manyChanges(50)), { maxChanges: 10 })
    expect(text).toContain('… and 40 more changes not shown (0 critical, 20 unexpected, 20 allowed)')
  })
})

/** Checks every table in a Markdown document keeps its header's column count. */
function tablesIntact(md: string): boolean {
  let columns = -1
  for (const line of md.split('\n')) {
    if (!line.startsWith('|')) {
      columns = -1
      continue
    }
    if (columns < 0) columns = cellCount(line)
    else if (cellCount(line) !== columns) return false
  }
  return true
}

describe('renderMarkdown', () => {
  it('has the verdict, counts table, baseline, changes table in severity order, hint and footer', () => {
    const md = renderMarkdown(reportOf(mixed()), {
      maxChars: 65536,
      now: NOW,
      acceptHint: 'Accept with `mode: baseline`.',
      footer: '_integrity-gate_',
    })
    expect(visibleText(md.split('\n')[0])).toBe('## ❌ Integrity gate default: violation')
    expect(md).toContain('| modified | 1 |')
    expect(md).toContain('**Baseline:** cache, key `integrity-gate-v1-default-Linux-42-1`')
    expect(md).toContain('(3 days ago), commit `aaaaaaaaaaaa`, signed.')
    expect(md).toContain('| **critical** | modified, mode | `src/app.js` |')
    expect(md).toContain('`lib/old.js` → `lib/moved.js`')
    const rows = md
      .split('\n')
      .filter((l) => /^\| (\*\*)?(critical|unexpected|allowed)/.test(l) && cellCount(l) === 4)
    expect(rows.map((r) => /critical|unexpected|allowed/.exec(r)?.[0])).toEqual([
      'critical',
      'unexpected',
      'unexpected',
      'unexpected',
      'allowed',
    ])
    expect(md.endsWith('\nAccept with `mode: baseline`.\n\n_integrity-gate_\n')).toBe(true)
    expect(problems(md, { multiline: true })).toEqual([])
    expect(tablesIntact(md)).toBe(true)
  })

  it('stays safe and keeps its tables for any hostile names, targets and errors', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.string({ unit: 'binary' }),
            fc.string(),
            fc.constantFrom<Severity>('critical', 'allowed'),
          ),
          {
            maxLength: 8,
          },
        ),
        fc.string({ unit: 'binary' }),
        (items, error) => {
          const changes = items.map(([name, target, sev]) =>
            change(name, ['symlink'], sev, {
              before: { path: name, type: 'symlink', size: 1, mode: 0o777, target },
              after: { path: name, type: 'symlink', size: 1, mode: 0o777, target: name },
            }),
          )
          const md = renderMarkdown(
            reportOf(changes, {
              gate: error,
              root: error,
              problems: [{ path: error, type: 'file', size: 0, mode: 0, error }],
              incompatible: [error],
            }),
            { maxChars: 65536, title: error, now: NOW },
          )
          return problems(md, { multiline: true }).length === 0 && tablesIntact(md)
        },
      ),
      { numRuns: 300 },
    )
  })

  it.each([65536, 1048576])(
    'fits 100,000 changes into %d and counts exactly what it left out',
    (maxChars) => {
      const changes = manyChanges(100_000)
      const md = renderMarkdown(reportOf(changes), {
        maxChars,
        now: NOW,
        acceptHint: 'hint',
        footer: 'footer',
      })
      expect(Buffer.byteLength(md)).toBeLessThanOrEqual(maxChars)
      expect(md.length).toBeLessThanOrEqual(maxChars)
      expect(tablesIntact(md)).toBe(true)
      expect(md.endsWith('\nhint\n\nfooter\n')).toBe(true)

      const shown = { critical: 0, unexpected: 0, allowed: 0 }
      const order: string[] = []
      for (const line of md.split('\n')) {
        const m =
          /^\| (?:\*\*)?(critical|unexpected|allowed)(?:\*\*)? \| modified \| `[^`]+` \| digest `\w+` → `\w+` \|$/.exec(
            line,
          )
        if (m) {
          shown[m[1] as Severity]++
          order.push(m[1])
        }
      }
      const total = countsOf(changes)
      const m =
        /\n… and (\d+) more changes not shown \((\d+) critical, (\d+) unexpected, (\d+) allowed\); see the report file\.\n/.exec(
          md,
        )
      expect(m).not.toBeNull()
      const [omitted, oc, ou, oa] = (m ?? []).slice(1).map(Number)
      expect(shown.critical + shown.unexpected + shown.allowed).toBeGreaterThan(100)
      expect(omitted).toBe(100_000 - order.length)
      expect([oc, ou, oa]).toEqual([
        total.critical - shown.critical,
        total.unexpected - shown.unexpected,
        total.allowed - shown.allowed,
      ])
      // Critical first, then unexpected, then allowed.
      const rank = (s: string): number => ['critical', 'unexpected', 'allowed'].indexOf(s)
      expect(order.every((s, i) => i === 0 || rank(order[i - 1]) <= rank(s))).toBe(true)
      // The budget is used, not wasted: less than one row's worth is left over.
      expect(maxChars - Buffer.byteLength(md)).toBeLessThan(400)
    },
  )

  it('keeps the limit with problems and reasons competing for space', () => {
    const changes = manyChanges(5000)
    const problemsList = Array.from({ length: 5000 }, (_, i) => ({
      path: `p/${i}`,
      type: 'file' as const,
      size: 0,
      mode: 0,
      error: 'EACCES: permission denied',
    }))
    const md = renderMarkdown(reportOf(changes, { problems: problemsList }), { maxChars: 20000, now: NOW })
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(20000)
    expect(md).toMatch(/\n… and \d+ more changes not shown/)
    expect(md).toMatch(/\n… and \d+ more problems not shown; see the report file\.\n/)
  })

  it('refuses a limit too small for the fixed parts', () => {
    expect(() => renderMarkdown(reportOf(mixed()), { maxChars: 200 })).toThrow(RangeError)
  })
})
