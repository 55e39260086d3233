/**
 * Unit tests of the incident texts: markers, title, body, checklist, template and lessons learned.
 * Pure functions on fixture reports; no network.
 */
import { describe, expect, it } from '@jest/globals'
import { LIMITS } from '../../src/constants.js'
import {
  builtInChecklist,
  cacheKeyPrefix,
  checkLogins,
  classify,
  onCall,
  shellQuote,
} from '../../src/incident/checklist.js'
import { collectEvidence, formatDuration, type Evidence } from '../../src/incident/evidence.js'
import { detectionComment, incidentBody, incidentTitle } from '../../src/incident/issue-body.js'
import { lessonsComment, taskProgress, targetIssue, type ClosedIssue } from '../../src/incident/lessons.js'
import { checkGate, hasMarker, marker, readMarker } from '../../src/incident/marker.js'
import { isTrustedAuthor, isTrustedIssue } from '../../src/incident/writers.js'
import { explainApiError } from '../../src/incident/octokit.js'
import { fillTemplate, parseTemplate, PLACEHOLDERS } from '../../src/incident/template.js'
import type { Change } from '../../src/engine/types.js'
import { HOSTILE, added, failedOutcome, modified, settings } from './fixtures.js'

const env = {
  GITHUB_REPOSITORY: 'octo-org/app',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '42',
  GITHUB_RUN_ATTEMPT: '3',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_SHA: '2'.repeat(40),
  GITHUB_WORKFLOW: 'CI',
  GITHUB_ACTOR: 'mallory',
  GITHUB_EVENT_NAME: 'push',
}
const now = new Date('2025-01-03T00:00:00Z')
const evidence = (over: Record<string, string> = {}, gate = 'default'): Evidence =>
  collectEvidence(gate, { ...env, ...over }, {}, now)

describe('markers', () => {
  it('round-trip and only count on the first line', () => {
    const m = marker('detection', { gate: 'nightly.v2', run: '42', attempt: '3' })
    expect(readMarker(m + '\nrest')).toEqual({
      kind: 'detection',
      gate: 'nightly.v2',
      run: '42',
      attempt: '3',
    })
    expect(hasMarker('text\n' + m, 'detection')).toBe(false)
    expect(hasMarker(' ' + m, 'detection')).toBe(false)
    expect(hasMarker(m, 'detection', 'other')).toBe(false)
  })

  it('keep the post step’s detections apart from the main step’s of the same run', () => {
    const post = marker('detection', { gate: 'g', run: '42', attempt: '1', phase: 'post' })
    expect(post).toBe('<!-- integrity-gate:detection gate=g run=42 attempt=1 phase=post -->')
    expect(readMarker(post)?.phase).toBe('post')
    expect(readMarker(marker('detection', { gate: 'g', run: '42', attempt: '1' }))?.phase).toBeUndefined()
    expect(readMarker('<!-- integrity-gate:detection gate=g run=42 attempt=1 phase=main -->')).toBeUndefined()
    const c = detectionComment(failedOutcome([modified('a')]).report, { ...evidence(), phase: 'post' }, now)
    expect(readMarker(c)?.phase).toBe('post')
    expect(c).toContain('Found by the post step (`watch-job`)')
  })

  it('reject gate names that could close the HTML comment', () => {
    expect(() => checkGate('a -->')).toThrow(/Invalid gate name 'a -->'/)
    expect(() => marker('incident', { gate: 'x--><img>' })).toThrow(/Invalid gate name/)
  })

  it('cannot be forged by a file name shown in a body', () => {
    const forged = '<!-- integrity-gate:checklist gate=default -->'
    const body = incidentBody(
      failedOutcome([modified(forged), modified('\n' + forged)]).report,
      evidence(),
      now,
    )
    const lines = body.split('\n')
    expect(readMarker(body)?.kind).toBe('incident')
    expect(lines.slice(1).filter((l) => l.startsWith('<!--'))).toEqual([])
  })

  it('trust comments by the incident author, the Actions bot or people with write access only', () => {
    const writers = new Set(['maint'])
    expect(isTrustedAuthor({ user: { login: 'bot' }, author_association: 'NONE' }, 'bot', writers)).toBe(true)
    const actions = { user: { login: 'github-actions[bot]' }, author_association: 'NONE' }
    expect(isTrustedAuthor(actions, 'x', writers)).toBe(true)
    expect(isTrustedAuthor({ user: { login: 'maint' }, author_association: 'NONE' }, 'bot', writers)).toBe(
      true,
    )
    // author_association does not mean write access: MEMBER is any org member, COLLABORATOR includes read.
    for (const association of ['MEMBER', 'COLLABORATOR', 'CONTRIBUTOR', 'NONE']) {
      const item = { user: { login: 'stranger' }, author_association: association }
      expect([association, isTrustedAuthor(item, 'bot', writers)]).toEqual([association, false])
    }
    expect(isTrustedAuthor({ user: null }, undefined, writers)).toBe(false)
  })

  it('trust an incident issue opened by the Actions bot, an app acting as itself, or a writer only', () => {
    const writers = new Set(['maint'])
    expect(isTrustedIssue({ user: { login: 'github-actions[bot]', type: 'Bot' } }, writers)).toBe(true)
    expect(isTrustedIssue({ user: { login: 'maint' } }, writers)).toBe(true)
    const app = {
      user: { login: 'gate-app[bot]', type: 'Bot' },
      performed_via_github_app: { slug: 'gate-app' },
    }
    expect(isTrustedIssue(app, writers)).toBe(true)
    // A person using some app's user token: the app is named, but the author is the person.
    const viaApp = {
      user: { login: 'mallory', type: 'User' },
      performed_via_github_app: { slug: 'gate-app' },
    }
    expect(isTrustedIssue(viaApp, writers)).toBe(false)
    const otherApp = {
      user: { login: 'gate-app[bot]', type: 'Bot' },
      performed_via_github_app: { slug: 'x' },
    }
    expect(isTrustedIssue(otherApp, writers)).toBe(false)
    expect(isTrustedIssue({ user: { login: 'mallory' }, author_association: 'MEMBER' }, writers)).toBe(false)
    expect(isTrustedIssue({ user: null }, writers)).toBe(false)
  })
})

describe('title and body', () => {
  it('title follows the documented form', () => {
    const o = failedOutcome([modified('a'), modified('b'), added('c')])
    expect(incidentTitle(o.report, evidence())).toBe(
      'Integrity incident: 3 unexpected changes in octo-org/app@main (gate: default)',
    )
  })

  it('title: a hostile ref is clipped, shows no controls and cannot mention or reference', () => {
    const ref = '@admin #12 ' + 'x'.repeat(400) + '\u0007\u202E'
    const title = incidentTitle(failedOutcome([modified('a')]).report, evidence({ GITHUB_REF_NAME: ref }))
    expect(Array.from(title).length).toBeLessThanOrEqual(256)
    expect(title).toMatch(
      /^Integrity incident: 1 unexpected change in octo-org\/app@@\u200Dadmin #\u200D12 x+…/,
    )
    expect(title).toMatch(/\(gate: default\)$/)
    expect(Array.from(title).some((ch) => ch.charCodeAt(0) < 0x20 || ch === '\u202E')).toBe(false)
  })

  it('body holds the evidence and the old → new digests', () => {
    const o = failedOutcome([modified('src/a.js', 'critical')])
    const body = incidentBody(o.report, evidence(), now)
    expect(body).toMatch(/^<!-- integrity-gate:incident gate=default run=42 attempt=3 -->\n/)
    for (const part of [
      '[run 42, attempt 3](https://github.com/octo-org/app/actions/runs/42/attempts/3)',
      '| Workflow | `CI` |',
      '| Actor | `mallory` |',
      '| Event | `push` |',
      '| Commit | `' + '2'.repeat(40) + '` |',
      '| Ref | `refs/heads/main` |',
      'key `integrity-gate-v1-linux-default.0123456789abcdef-4242-1-20250101T000000000Z`',
      '(2 days ago)',
      'at commit `' + '1'.repeat(40) + '`',
      '| critical | 1 |',
      '| `src/a.js` | modified | **critical** | `' + 'a'.repeat(64) + '` | `' + 'b'.repeat(64) + '` |',
    ]) {
      expect(body).toContain(part)
    }
  })

  it('no run link when the run id or server URL is not well-formed', () => {
    const ev = evidence({ GITHUB_SERVER_URL: 'javascript:alert(1)//', GITHUB_RUN_ID: '1' })
    expect(ev.runUrl).toBeUndefined()
    expect(incidentBody(failedOutcome([modified('a')]).report, ev, now)).not.toContain('javascript')
  })

  it('a huge change list is cut to the 65,536-character limit with counts and a pointer', () => {
    const changes: Change[] = Array.from({ length: 3000 }, (_, i) => modified(`dir/${'n'.repeat(300)}-${i}`))
    const report = failedOutcome(changes).report
    for (const text of [incidentBody(report, evidence(), now), detectionComment(report, evidence(), now)]) {
      expect(text.length).toBeLessThanOrEqual(LIMITS.issueBody)
      const shown = text.split('\n').filter((l) => l.startsWith('| `dir/')).length
      expect(shown).toBeGreaterThan(10)
      expect(text).toContain(`**Truncated:** ${shown} of 3000 changed paths are shown`)
      expect(text).toContain('job summary of [run 42, attempt 3]')
      expect(text).toContain('`report-file`')
    }
  })

  it('detection comments carry their own marker', () => {
    const c = detectionComment(failedOutcome([modified('a')]).report, evidence(), now)
    expect(readMarker(c)).toEqual({ kind: 'detection', gate: 'default', run: '42', attempt: '3' })
  })

  it('refuses a GITHUB_REPOSITORY that is not owner/repo', () => {
    expect(() => evidence({ GITHUB_REPOSITORY: 'x/y/z' })).toThrow(/GITHUB_REPOSITORY 'x\/y\/z'/)
  })

  it('formats durations', () => {
    expect(formatDuration(30_000)).toBe('under a minute')
    expect(formatDuration(7 * 60_000)).toBe('7 min')
    expect(formatDuration(((4 * 60 + 12) * 60_000) as number)).toBe('4 h 12 min')
    expect(formatDuration((2 * 24 + 3) * 3_600_000)).toBe('2 d 3 h')
  })
})

describe('checklist', () => {
  const cat = (c: Change) => classify(c).sort()

  it('classifies what changed for tailored checks', () => {
    expect(cat(modified('.github/workflows/ci.yml'))).toEqual(['workflows'])
    expect(cat(modified('.github/actions/setup/action.yml'))).toEqual(['actions'])
    for (const f of [
      'package-lock.json',
      'web/yarn.lock',
      'pnpm-lock.yaml',
      'Cargo.lock',
      'go.sum',
      'poetry.lock',
      'Gemfile.lock',
    ]) {
      expect(cat(modified(f))).toEqual(['lockfiles'])
    }
    expect(cat(modified('lib/native.so'))).toEqual(['binaries'])
    expect(cat(modified('tools/app.jar'))).toEqual(['binaries'])
    expect(cat(added('tools/run', 0o755))).toEqual(['binaries'])
    expect(cat(modified('.github/CODEOWNERS'))).toEqual(['codeowners'])
    expect(cat(modified('scripts/release.sh'))).toEqual(['scripts'])
    expect(cat(modified('README.md'))).toEqual([])
  })

  it('lists the assignees as mentions and validates them as logins', () => {
    expect(onCall(['alice', 'bob-1'])).toBe('@alice, @bob-1')
    expect(onCall([])).toContain('set `issue-assignees`')
    expect(() => checkLogins(['ok', 'bad login'])).toThrow(/Invalid issue-assignees entry 'bad login'/)
    expect(() => checkLogins(['-dash'])).toThrow(/'-dash'/)
    expect(() => checkLogins(['a'.repeat(40)])).toThrow(/at most 39/)
  })

  it('has every phase, the cache prefix and the re-baseline hint', () => {
    const o = failedOutcome([modified('.github/workflows/ci.yml'), modified('Cargo.lock')])
    const text = builtInChecklist({
      report: o.report,
      evidence: evidence(),
      assignees: ['alice'],
      issueNumber: 7,
    })
    expect(readMarker(text)?.kind).toBe('checklist')
    for (const phase of [
      'Preparation',
      'Identification',
      'Containment',
      'Eradication',
      'Recovery',
      'Lessons learned',
    ]) {
      expect(text).toMatch(new RegExp(`### \\d\\. ${phase}`))
    }
    expect(text).toContain('- On call: @alice')
    expect(text).toContain(
      '`gh cache list --repo octo-org/app --key integrity-gate-v1-linux-default.0123456789abcdef-`',
    )
    expect(text).toContain('`mode: baseline`')
    expect(text).toContain("`gh workflow disable 'CI' --repo octo-org/app`")
    expect(text).toContain('Workflow files changed')
    expect(text).toContain('Dependency lockfiles changed')
    expect(text).not.toContain('Binaries or executables changed')
  })

  it('stays within GitHub’s comment limit whatever the file names (invisible characters shown as <U+…>)', () => {
    // Each path is in five categories (workflows, actions, scripts, build, binaries) and is mostly tag
    // characters, which makeVisible shows as `<U+E0041>` (9 characters each).
    const hidden = '\u{E0041}'.repeat(300)
    const changes = Array.from({ length: 10 }, (_, i) =>
      added(`.github/workflows/${hidden}${i}/.github/actions/scripts/package.json`, 0o755),
    )
    const text = builtInChecklist({
      report: failedOutcome(changes).report,
      evidence: evidence(),
      assignees: [],
      issueNumber: 7,
    })
    expect(text.length).toBeLessThanOrEqual(LIMITS.issueBody)
    expect(text).toContain('Workflow files changed')
    expect(text).toContain('`.github/workflows/<U+E0041><U+E0041>')
  })

  it('quotes a hostile workflow name so a pasted command expands nothing', () => {
    expect(shellQuote("x'$(rm -rf ~)'")).toBe("'x'\\''$(rm -rf ~)'\\'''")
  })

  it('derives the cache key prefix from the baseline key', () => {
    expect(cacheKeyPrefix('integrity-gate-v1-linux-gate.0011223344556677-99-1-20250101T000000000Z')).toBe(
      'integrity-gate-v1-linux-gate.0011223344556677-',
    )
    expect(cacheKeyPrefix('something-else')).toBeUndefined()
  })
})

describe('checklist template', () => {
  const plan = (changes: Change[]) => ({
    report: failedOutcome(changes).report,
    evidence: evidence(),
    assignees: ['alice'],
    issueNumber: 9,
  })

  it('names an unknown placeholder and its line', () => {
    expect(() => parseTemplate('ok {{gate}}\n\n{{ run_urll }}', 'plan.md')).toThrow(
      /checklist-template plan\.md, line 3: unknown placeholder \{\{ run_urll \}\}\. Known placeholders: \{\{gate\}\}/,
    )
  })

  it('names an unterminated placeholder', () => {
    expect(() => parseTemplate('a\n{{gate', 'p.md')).toThrow(/line 2: '\{\{' without a matching '\}\}'/)
  })

  it('leaves Actions expressions alone and fills every documented placeholder', () => {
    const all = Object.keys(PLACEHOLDERS)
      .map((n) => `${n}={{${n}}}`)
      .join('\n')
    const t = parseTemplate(all + '\n${{ github.sha }}', 't.md')
    const text = fillTemplate(t, plan([modified(HOSTILE)]))
    expect(readMarker(text)?.kind).toBe('checklist')
    expect(text).not.toMatch(/(?<!\$)\{\{/)
    expect(text).toContain('${{ github.sha }}')
    expect(text).toContain('issue_number=9')
    expect(text).toContain('assignees=@alice')
    expect(text).toContain('run_url=https://github.com/octo-org/app/actions/runs/42/attempts/3')
    expect(text).not.toContain('\u202E')
  })

  it('cuts the changes table to fit GitHub’s limit', () => {
    const changes = Array.from({ length: 3000 }, (_, i) => modified(`p/${'q'.repeat(200)}${i}`))
    const text = fillTemplate(parseTemplate('# Plan\n{{changes_table}}\n', 't.md'), plan(changes))
    expect(text.length).toBeLessThanOrEqual(LIMITS.issueBody)
    expect(text).toMatch(/_\d+ of 3000 changes shown/)
  })

  it('refuses a template larger than a comment', () => {
    expect(() => parseTemplate('x'.repeat(LIMITS.issueBody), 'big.md')).toThrow(/big\.md is 65536 characters/)
  })
})

describe('lessons learned', () => {
  const m = (kind: 'incident' | 'detection' | 'checklist', run?: string) =>
    marker(kind, { gate: 'default', run, attempt: run ? '1' : undefined })
  const bot = { login: 'github-actions[bot]' }
  const issue: ClosedIssue = {
    id: 1,
    number: 5,
    html_url: 'https://github.com/octo-org/app/issues/5',
    body: m('incident', '10') + '\nbody',
    state: 'closed',
    state_reason: 'completed',
    user: bot,
    created_at: '2025-01-01T10:00:00Z',
    closed_at: '2025-01-02T13:30:00Z',
    closed_by: { login: 'alice' },
  }
  const comments = [
    {
      id: 1,
      body: m('checklist') + '\n- [x] one\n- [ ] two\n  - [X] three',
      created_at: '2025-01-01T10:00:05Z',
      user: bot,
    },
    {
      id: 2,
      body: 'on it @bob',
      created_at: '2025-01-01T10:20:00Z',
      user: { login: 'alice' },
      author_association: 'MEMBER',
    },
    {
      id: 3,
      body: m('detection', '11'),
      created_at: '2025-01-01T12:00:00Z',
      user: bot,
      html_url: 'https://x/c3',
    },
    // A forged detection by an outsider is not part of the timeline.
    {
      id: 4,
      body: m('detection', '99'),
      created_at: '2025-01-01T12:30:00Z',
      user: { login: 'eve' },
      author_association: 'NONE',
    },
  ]
  const thread = { comments, writers: new Set<string>() }

  it('builds the timeline, the time to close and the review prompts', () => {
    const text = lessonsComment(issue, thread, 'default', 'https://github.com/octo-org/app')
    expect(readMarker(text)?.kind).toBe('lessons')
    expect(text).toContain(
      'Time to close: **1 d 3 h**. Detections: **2**. Checklist: **2 of 3** tasks ticked.',
    )
    const rows = text.split('\n').filter((l) => /^\| 2025/.test(l))
    expect(rows.map((r) => r.split(' | ')[1].replace(/ \|$/, ''))).toEqual([
      'Incident opened by `github-actions[bot]` (first detection, [run 10, attempt 1](https://github.com/octo-org/app/actions/runs/10/attempts/1))',
      'Incident-response checklist posted',
      'First response by `alice`',
      'Detection 2, [run 11, attempt 1](https://github.com/octo-org/app/actions/runs/11/attempts/1) ([comment](https://x/c3))',
      'Closed as completed by `alice`',
    ])
    expect(text).not.toContain('run 99')
    for (const p of [
      'Root cause',
      'What worked',
      'What failed',
      'Changes to the plan',
      'Follow-up actions',
    ]) {
      expect(text).toContain(`**${p}`)
    }
  })

  it('a long incident shows its first and last detections and counts the ones left out, in time order', () => {
    const at = (min: number) => new Date(Date.parse('2025-01-01T10:00:00Z') + min * 60_000).toISOString()
    const many = Array.from({ length: 250 }, (_, i) => ({
      id: 100 + i,
      body: m('detection', String(100 + i)),
      created_at: at(60 + i),
      user: bot,
    }))
    const text = lessonsComment(
      { ...issue, created_at: at(0), closed_at: at(400) },
      { comments: [...many, { ...comments[0], created_at: at(1) }], writers: new Set<string>() },
      'default',
    )
    const events = text
      .split('\n')
      .filter((l) => /^\| (2025|…)/.test(l))
      .map((l) => l.split(' | ')[1].replace(/ \|$/, ''))
    expect(events).toHaveLength(1 + 1 + 200 + 1 + 1)
    expect(events.slice(0, 3)).toEqual([
      expect.stringMatching(/^Incident opened/),
      'Incident-response checklist posted',
      'Detection 2, run 100, attempt 1',
    ])
    // Detections 2..101 shown, then one row for the 50 left out, then detections 152..251.
    expect(events[101]).toBe('Detection 101, run 199, attempt 1')
    expect(events[102]).toBe('50 more detections')
    expect(events[103]).toBe('Detection 152, run 250, attempt 1')
    expect(events.at(-1)).toMatch(/^Closed as completed/)
    expect(text).toContain('Detections: **251**')
  })

  it('counts task-list items', () => {
    expect(taskProgress('- [x] a\n* [ ] b\n+ [X] c\n- not a task\n-[x] no')).toEqual({ done: 2, total: 3 })
  })

  it('picks the issue from issue-number or an issues.closed event', () => {
    expect(targetIssue(settings({ issueNumber: 3 }), { eventName: 'push', payload: {} })).toBe(3)
    expect(
      targetIssue(settings(), { eventName: 'issues', payload: { action: 'closed', issue: { number: 8 } } }),
    ).toBe(8)
    expect(
      targetIssue(settings(), { eventName: 'issues', payload: { action: 'opened', issue: { number: 8 } } }),
    ).toBeUndefined()
    expect(() => targetIssue(settings(), { eventName: 'push', payload: {} })).toThrow(
      /issues: closed' event or with the issue-number input/,
    )
  })
})

describe('API errors', () => {
  const err = (status: number, message: string) =>
    Object.assign(new Error(message), { status, response: { data: { message } } })

  it('names the permission for a 403 and the token for a 401', () => {
    expect(
      explainApiError(err(403, 'Resource not accessible by integration'), 'create the incident issue')
        .message,
    ).toBe(
      'Could not create the incident issue: the token lacks a permission (403 Resource not accessible by integration). ' +
        'Give the job `permissions: issues: write` (with GITHUB_TOKEN), or use a token that can write issues in this repository.',
    )
    expect(explainApiError(err(401, 'Bad credentials'), 'x').message).toMatch(
      /rejected the token \(401 Bad credentials\).*github-token/,
    )
  })

  it('explains 404, 410, 5xx, 422 and network errors', () => {
    expect(explainApiError(err(404, 'Not Found'), 'x').message).toMatch(/can see this repository/)
    expect(explainApiError(err(410, 'Issues are disabled for this repo'), 'x').message).toMatch(
      /issues are disabled/,
    )
    expect(explainApiError(err(502, 'Bad Gateway'), 'x').message).toMatch(
      /kept failing after 3 retries \(502 Bad Gateway\)/,
    )
    expect(explainApiError(err(403, 'You have exceeded a secondary rate limit'), 'x').message).toMatch(
      /rate limit/,
    )
    expect(explainApiError(new Error('connect ECONNREFUSED'), 'list issues').message).toBe(
      'Could not list issues: connect ECONNREFUSED',
    )
  })
})

describe('docs/checklist-template.md', () => {
  it('documents exactly the placeholders the code knows, and its example is a valid template', async () => {
    const fs = await import('node:fs')
    const doc = fs.readFileSync(new URL('../../docs/checklist-template.md', import.meta.url), 'utf8')
    const documented = [...doc.matchAll(/^\| `\{\{(\w+)\}\}` +\|/gm)].map((m) => m[1]).sort()
    expect(documented).toEqual(Object.keys(PLACEHOLDERS).sort())
    const example = /## Example\n\n```markdown\n([\s\S]*?)```/.exec(doc)![1]
    expect(parseTemplate(example, 'example').uses.size).toBeGreaterThan(5)
  })
})
