/**
 * Human-readable reports: the CLI's terminal text and the Markdown used for job summaries and issue bodies.
 * Every name, symlink target and error string is attacker-controlled: the terminal form makes controls
 * visible (no escape sequences), the Markdown form goes through markdown.ts (no mentions, links, HTML or
 * broken tables) and is cut to a size limit without ever splitting a row or an escape.
 */
import { displayPath } from './paths.js'
import { clip, codeCell, codeSpan, escapeText, makeVisible, tableRow } from './markdown.js'
import type {
  BaselineInfo,
  Change,
  ChangeKind,
  Counts,
  Entry,
  GitClass,
  GitTriage,
  Report,
  Result,
  Severity,
} from './types.js'

/** Severities in the order reports list them: what fails first. */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'unexpected', 'allowed']

/** Change kinds in the order of the ChangeKind union (and of the counts table). */
export const KIND_ORDER: readonly ChangeKind[] = [
  'added',
  'removed',
  'modified',
  'mode',
  'type',
  'symlink',
  'moved',
  'unreadable',
]

/** Git triage classes in the order reports list them: what needs a look first. */
export const GIT_CLASS_ORDER: readonly GitClass[] = ['unexplained', 'committed']

/**
 * One line about git triage: counts, commits and where the history came from, e.g. "2 unexplained,
 * 3 committed (baseline commit 0123456789ab → 89abcdef0123, local history)".
 */
/** How the terminal report names the loop that hashed (ScanStats.hashedBy). */
const HASHED_BY: Record<string, string> = {
  '': '',
  c: ' (C loop)',
  js: ' (JavaScript loop)',
  mixed: ' (C and JavaScript loops: a hash worker could not load the C addon)',
}

export function gitSummary(git: GitTriage, code: (s: string) => string = (s) => s): string {
  const where = { local: 'local history', api: 'GitHub compare API', none: 'no history available' }[
    git.source
  ]
  const commits =
    git.base && git.head
      ? `baseline commit ${code(git.base.slice(0, 12))} → ${code(git.head.slice(0, 12))}, `
      : ''
  const ancestry = git.ancestor === false ? ', baseline commit NOT an ancestor' : ''
  return `${git.unexplained} unexplained, ${git.committed} committed (${commits}${where}${ancestry})`
}

/** Hex digits of a digest shown in reports: enough to tell two digests apart at a glance. */
const SHORT_DIGEST = 12

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/**
 * One-line summary of the changes, e.g. "3 unexpected changes (1 critical)", "3 unexpected changes
 * (1 critical), 2 allowed", "2 allowed changes", "no changes". "Unexpected" here counts critical ones too,
 * because both are changes nobody approved.
 */
export function summaryCounts(counts: Counts): string {
  const unapproved = counts.critical + counts.unexpected
  if (unapproved === 0 && counts.allowed === 0) return 'no changes'
  if (unapproved === 0) return plural(counts.allowed, 'allowed change')
  let text = plural(unapproved, 'unexpected change')
  if (counts.critical > 0) text += ` (${counts.critical} critical)`
  if (counts.allowed > 0) text += `, ${counts.allowed} allowed`
  return text
}

/** Changes sorted unexplained → committed, then by severity, keeping the path order inside a group. */
export function sortByGitClass(changes: readonly Change[]): Change[] {
  const rank = (c: Change): number => (c.git === 'committed' ? 1 : 0)
  return sortBySeverity(changes)
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map(({ c }) => c)
}

/** Changes sorted critical → unexpected → allowed, keeping the incoming (path) order inside a severity. */
export function sortBySeverity(changes: readonly Change[]): Change[] {
  const rank = (c: Change): number => SEVERITY_ORDER.indexOf(c.severity)
  return changes
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
    .map(({ c }) => c)
}

/** Permission bits as a 4-digit octal string, e.g. `0755`, `4755`. */
export function octalMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0')
}

/** A digest cut to its first 12 hex digits (the JSON report keeps the full one). */
export function shortDigest(digest: string | undefined): string {
  return digest ? digest.slice(0, SHORT_DIGEST) : '-'
}

/** How long ago an ISO date was, in words ("3 days ago"); "unknown age" for a date that does not parse. */
export function formatAge(iso: string, now: Date = new Date()): string {
  const then = Date.parse(iso)
  if (Number.isNaN(then)) return 'unknown age'
  const seconds = Math.round((now.getTime() - then) / 1000)
  if (seconds < -60) return 'in the future (clock skew?)'
  if (seconds < 60) return 'just now'
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${plural(minutes, 'minute')} ago`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${plural(hours, 'hour')} ago`
  return `${plural(Math.floor(hours / 24), 'day')} ago`
}

/** One before → after detail of a change; `code` values are names/targets that need escaping. */
interface Detail {
  label: string
  before?: string
  after?: string
  /** Free text (an error message, a note) shown after the label. */
  note?: string
}

/** What an entry is, briefly: a file's short digest, a symlink's target, or the type. */
function entrySummary(e: Entry | undefined): string {
  if (!e) return '-'
  if (e.type === 'file') return shortDigest(e.digest)
  if (e.type === 'symlink') return '-> ' + displayPath(e.target ?? '')
  return e.type
}

/** The details of a change, one per kind, in kind order. Names stay raw here; each renderer escapes. */
function changeDetails(change: Change): Detail[] {
  const { before, after } = change
  const out: Detail[] = []
  for (const kind of change.kinds) {
    switch (kind) {
      case 'added':
        out.push({ label: 'new', after: entrySummary(after) })
        break
      case 'removed':
        out.push({ label: 'was', before: entrySummary(before) })
        break
      case 'modified':
        out.push({ label: 'digest', before: shortDigest(before?.digest), after: shortDigest(after?.digest) })
        break
      case 'mode':
        out.push({
          label: 'mode',
          before: before ? octalMode(before.mode) : '-',
          after: after ? octalMode(after.mode) : '-',
        })
        break
      case 'type':
        out.push({ label: 'type', before: before?.type ?? '-', after: after?.type ?? '-' })
        break
      case 'symlink':
        out.push({
          label: 'target',
          before: displayPath(before?.target ?? ''),
          after: displayPath(after?.target ?? ''),
        })
        break
      case 'moved':
        out.push({ label: 'digest', after: shortDigest(after?.digest ?? before?.digest) })
        break
      case 'unreadable':
        out.push({ label: 'unreadable', note: after?.error ?? before?.error ?? 'could not be read' })
        break
    }
  }
  if (after?.escapes) out.push({ label: 'note', note: 'symlink points outside the scanned root' })
  return out
}

// ---------------------------------------------------------------------------------------------------------
// Terminal

/** Options of {@link renderTerminal}. */
export interface TerminalOptions {
  /** Changes listed before "… and N more" (default 500; the JSON report has all of them). */
  maxChanges?: number
  /** Problems (unreadable/unstable entries) listed before "… and N more" (default 100). */
  maxProblems?: number
  /** Reference time for the baseline's age (default: now). */
  now?: Date
  /** The run's result when it is not the verdict's (e.g. `baseline-created`, `no-baseline`). */
  result?: Result
}

/** A name for the terminal: raw bytes as `\xNN`, controls/bidi visible, so no escape sequence gets out. */
const termName = (key: string): string => makeVisible(displayPath(key))

function terminalDetail(d: Detail): string {
  if (d.note !== undefined) return `${d.label}: ${makeVisible(clip(d.note, 300))}`
  if (d.before !== undefined && d.after !== undefined)
    return `${d.label} ${makeVisible(d.before)} → ${makeVisible(d.after)}`
  return `${d.label} ${makeVisible(d.before ?? d.after ?? '')}`
}

function terminalBaseline(b: BaselineInfo, now: Date): string {
  const parts: string[] = [b.source]
  if (b.key) parts.push(`key ${makeVisible(b.key)}`)
  if (b.location) parts.push(`at ${makeVisible(b.location)}`)
  parts.push(`created ${makeVisible(b.createdAt)} (${formatAge(b.createdAt, now)})`)
  if (b.commit) parts.push(`commit ${makeVisible(b.commit.slice(0, 12))}`)
  parts.push(b.signed ? 'signed' : 'unsigned')
  return parts.join(', ')
}

/**
 * The CLI report: verdict, counts, changes grouped by severity (critical, unexpected, allowed) with short
 * old → new digests and moves as `from → to`, scan problems and incompatibility reasons. Plain text with no
 * colour codes; every name and message has its controls made visible.
 */
export function renderTerminal(report: Report, opts: TerminalOptions = {}): string {
  const maxChanges = opts.maxChanges ?? 500
  const maxProblems = opts.maxProblems ?? 100
  const now = opts.now ?? new Date()
  const { verdict } = report
  const lines: string[] = []

  lines.push(
    `integrity-gate ${makeVisible(report.gate)}: ${(opts.result ?? verdict.result).toUpperCase()} (${verdict.pass ? 'pass' : 'fail'}) — ${summaryCounts(verdict.counts)}`,
  )
  lines.push(
    `root ${makeVisible(report.root)} · ${report.algorithm} · ${report.verdict.counts.unchanged} unchanged`,
  )
  const c = verdict.counts
  const kindCounts = KIND_ORDER.filter((k) => c[k] > 0).map((k) => `${c[k]} ${k}`)
  if (kindCounts.length > 0) lines.push(`changes: ${kindCounts.join(', ')}`)
  if (report.baseline) lines.push(`baseline: ${terminalBaseline(report.baseline, now)}`)
  if (report.git) {
    lines.push(`git: ${gitSummary(report.git, makeVisible)}`)
    for (const n of report.git.notes) lines.push(`  - ${makeVisible(n)}`)
  }
  lines.push(
    `scanned ${report.scan.files} files, ${report.scan.dirs} dirs, ${report.scan.others} others, ${report.scan.bytes} bytes in ${report.scan.durationMs} ms${HASHED_BY[report.scan.hashedBy ?? '']}`,
  )

  if (report.incompatible.length > 0) {
    lines.push('', 'Baseline cannot be compared:')
    for (const r of report.incompatible) lines.push(`  - ${makeVisible(r)}`)
  }
  if (verdict.reasons.length > 0) {
    lines.push('', 'Reasons:')
    for (const r of verdict.reasons) lines.push(`  - ${makeVisible(r)}`)
  }

  const sorted = report.git ? sortByGitClass(report.changes) : sortBySeverity(report.changes)
  let listed = 0
  const groups = report.git
    ? GIT_CLASS_ORDER.flatMap((g) =>
        SEVERITY_ORDER.map((severity) => ({ git: g as GitClass | undefined, severity })),
      )
    : SEVERITY_ORDER.map((severity) => ({ git: undefined as GitClass | undefined, severity }))
  for (const { git, severity } of groups) {
    const group = sorted.filter((ch) => ch.severity === severity && (git === undefined || ch.git === git))
    if (group.length === 0 || listed >= maxChanges) continue
    const title = `${severity[0].toUpperCase()}${severity.slice(1)}`
    lines.push(
      '',
      `${git ? `${git[0].toUpperCase()}${git.slice(1)}, ${severity}` : title} (${group.length}):`,
    )
    for (const ch of group) {
      if (listed >= maxChanges) break
      listed++
      const name = ch.from !== undefined ? `${termName(ch.from)} → ${termName(ch.path)}` : termName(ch.path)
      lines.push(
        `  ${ch.kinds.join('+').padEnd(16)} ${name}  ${changeDetails(ch).map(terminalDetail).join('; ')}`,
      )
    }
  }
  if (listed < sorted.length) {
    const rest = sorted.slice(listed)
    lines.push('', omittedChangesLine(rest, 'use --json for the full list'))
  }

  if (report.problems.length > 0) {
    lines.push('', `Problems (${report.problems.length}):`)
    for (const p of report.problems.slice(0, maxProblems))
      lines.push(`  ${problemText(p, termName, makeVisible)}`)
    if (report.problems.length > maxProblems)
      lines.push(`  … and ${report.problems.length - maxProblems} more problems not shown`)
  }
  return lines.join('\n') + '\n'
}

/** "… and N more changes not shown (X critical, Y unexpected, Z allowed); <where>." */
function omittedChangesLine(rest: readonly Change[], where: string): string {
  const by = { critical: 0, unexpected: 0, allowed: 0 }
  for (const ch of rest) by[ch.severity]++
  return `… and ${rest.length} more changes not shown (${by.critical} critical, ${by.unexpected} unexpected, ${by.allowed} allowed); ${where}.`
}

function problemText(p: Entry, name: (k: string) => string, text: (s: string) => string): string {
  if (p.error !== undefined) return `unreadable ${name(p.path)}: ${text(clip(p.error, 300))}`
  return `unstable ${name(p.path)}: changed while it was hashed, digest not trusted`
}

// ---------------------------------------------------------------------------------------------------------
// Markdown

/** Options of {@link renderMarkdown}. */
export interface MarkdownOptions {
  /**
   * Hard limit for the whole output, counted in UTF-8 bytes, which is never less than the number of
   * characters: the result fits GitHub's limits (issue body 65,536 characters, step summary 1 MiB) whichever
   * way they count.
   */
  maxChars: number
  /** Plain text heading (escaped here). Default: "Integrity gate <gate>: <result>". */
  title?: string
  /** Markdown, inserted as is: how to accept the changes. Build untrusted parts with markdown.ts. */
  acceptHint?: string
  /** Markdown, inserted as is, replacing the default baseline line. */
  baselineLine?: string
  /** Markdown, inserted as is, at the very end. */
  footer?: string
  /** Reference time for the baseline's age (default: now). */
  now?: Date
  /** The run's result when it is not the verdict's (e.g. `baseline-created`, `no-baseline`). */
  result?: Result
}

const RESULT_ICON: Record<Result, string> = {
  clean: '✅',
  changed: '⚠️',
  violation: '❌',
  'baseline-created': '🆕',
  'baseline-saved': '💾',
  'no-baseline': '⚠️',
}

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')

function markdownDetail(d: Detail): string {
  if (d.note !== undefined) return `${escapeText(d.label)}: ${codeCell(clip(d.note, 200))}`
  if (d.before !== undefined && d.after !== undefined)
    return `${d.label} ${codeCell(clip(d.before, 200))} → ${codeCell(clip(d.after, 200))}`
  return `${d.label} ${codeCell(clip(d.before ?? d.after ?? '', 200))}`
}

function changeRow(ch: Change): string {
  const path =
    ch.from !== undefined
      ? `${codeCell(displayPath(ch.from))} → ${codeCell(displayPath(ch.path))}`
      : codeCell(displayPath(ch.path))
  const severity = ch.severity === 'allowed' ? 'allowed' : `**${ch.severity}**`
  return tableRow([severity, ch.kinds.join(', '), path, changeDetails(ch).map(markdownDetail).join('; ')])
}

function markdownBaseline(b: BaselineInfo, now: Date): string {
  const parts: string[] = [b.source]
  if (b.key) parts.push(`key ${codeSpan(b.key)}`)
  if (b.location) parts.push(`at ${codeSpan(b.location)}`)
  parts.push(`created ${escapeText(b.createdAt)} (${formatAge(b.createdAt, now)})`)
  if (b.commit) parts.push(`commit ${codeSpan(b.commit.slice(0, 12))}`)
  parts.push(b.signed ? 'signed' : 'unsigned')
  return `**Baseline:** ${parts.join(', ')}.`
}

/** A list or table that is cut to a byte budget with a closing "… and N more" paragraph. */
interface Section {
  /** Block before the rows (a heading, a table header), ending with a newline. */
  head: string
  /** Prefix used when no row fits (the heading alone). */
  bareHead: string
  count: number
  row: (i: number) => string
  /** The "not shown" paragraph when rows from index `shown` on are left out. */
  omitted: (shown: number) => string
}

/** The smallest a section can get: its heading and the largest possible "not shown" line. */
const minSize = (s: Section): number => (s.count === 0 ? 0 : bytes(s.bareHead) + bytes(s.omitted(0)))

/** Renders as many whole rows as fit in `budget` bytes, then the "not shown" paragraph if any were cut. */
function fitSection(s: Section, budget: number): string {
  if (s.count === 0) return ''
  let used = bytes(s.head)
  const rows: string[] = []
  const reserve = bytes(s.omitted(0))
  for (let i = 0; i < s.count; i++) {
    const r = s.row(i) + '\n'
    const left = s.count - i - 1
    if (used + bytes(r) + (left > 0 ? reserve : 0) > budget) break
    rows.push(r)
    used += bytes(r)
  }
  if (rows.length === 0) return s.bareHead + s.omitted(0)
  return s.head + rows.join('') + (rows.length < s.count ? s.omitted(rows.length) : '')
}

/**
 * The Markdown report for job summaries and issue bodies: heading with the verdict, a summary line, the
 * counts table, the baseline used, why it failed, and the changes table (critical, then unexpected, then
 * allowed), then scan problems, the accept hint and the footer. Lists are cut so the WHOLE output stays
 * within `maxChars` (UTF-8 bytes), always between rows, and end with "… and N more changes not shown
 * (X critical, Y unexpected, Z allowed); see the report file." Throws a RangeError when `maxChars` cannot
 * even hold the fixed parts.
 */
export function renderMarkdown(report: Report, opts: MarkdownOptions): string {
  const now = opts.now ?? new Date()
  const { verdict } = report
  const c = verdict.counts
  const result = opts.result ?? verdict.result
  const title = opts.title ?? `Integrity gate ${report.gate}: ${result}`

  let head = `## ${RESULT_ICON[result]} ${escapeText(clip(title, 200))}\n\n`
  head += `**${verdict.pass ? 'Passed' : 'Failed'}** (${result}): ${summaryCounts(c)}; ${c.unchanged} unchanged. `
  head += `Root ${codeSpan(clip(report.root, 200))}, ${report.algorithm}, ${report.scan.files} files scanned.\n\n`
  head += '| Change | Count |\n| --- | ---: |\n'
  for (const k of KIND_ORDER) head += `| ${k} | ${c[k]} |\n`
  head += `| **changed paths** | **${c.changes}** |\n`
  for (const s of SEVERITY_ORDER) head += `| ${s} | ${c[s]} |\n`
  head += `| unchanged | ${c.unchanged} |\n`
  const baselineLine = opts.baselineLine ?? (report.baseline ? markdownBaseline(report.baseline, now) : '')
  if (baselineLine) head += `\n${baselineLine}\n`
  if (report.git) head += `\n**Git triage:** ${gitSummary(report.git, codeSpan)}.\n`

  let tail = ''
  if (opts.acceptHint) tail += `\n${opts.acceptHint}\n`
  if (opts.footer) tail += `\n${opts.footer}\n`

  const list = (heading: string, items: readonly string[], what: string): Section => ({
    head: `\n${heading}\n\n`,
    bareHead: `\n${heading}\n`,
    count: items.length,
    row: (i) => `- ${escapeText(clip(items[i], 1000))}`,
    omitted: (shown) => `\n… and ${items.length - shown} more ${what} not shown; see the report file.\n`,
  })

  const table = (heading: string, rows: Change[]): Section => ({
    head: `\n### ${heading}\n\n| Severity | Change | Path | Details |\n| --- | --- | --- | --- |\n`,
    bareHead: `\n### ${heading}\n`,
    count: rows.length,
    row: (i) => changeRow(rows[i]),
    omitted: (shown) => `\n${omittedChangesLine(rows.slice(shown), 'see the report file')}\n`,
  })
  const sorted = sortBySeverity(report.changes)
  // With git triage the two groups get their own tables, unexplained first: they are what needs a look.
  const changeSections = report.git
    ? [
        table(
          'Unexplained changes',
          sorted.filter((c) => c.git !== 'committed'),
        ),
        table(
          'Committed changes (explained by git history)',
          sorted.filter((c) => c.git === 'committed'),
        ),
      ]
    : [table('Changes', sorted)]
  const problems: Section = {
    head: '\n### Scan problems\n\n',
    bareHead: '\n### Scan problems\n',
    count: report.problems.length,
    row: (i) =>
      `- ${problemText(
        report.problems[i],
        (k) => codeSpan(displayPath(k)),
        (s) => codeSpan(s),
      )}`,
    omitted: (shown) =>
      `\n… and ${report.problems.length - shown} more problems not shown; see the report file.\n`,
  }
  const sections = [
    list('### Baseline cannot be compared', report.incompatible, 'reasons'),
    list('### Why it failed', verdict.reasons, 'reasons'),
    list('### Git triage notes', report.git?.notes ?? [], 'notes'),
    ...changeSections,
    problems,
  ]

  const fixed = bytes(head) + bytes(tail)
  const reserved = sections.reduce((n, s) => n + minSize(s), 0)
  if (fixed + reserved > opts.maxChars) {
    throw new RangeError(
      `Markdown report limit of ${opts.maxChars} is too small: the fixed parts alone need ${fixed + reserved}`,
    )
  }
  let remaining = opts.maxChars - fixed
  let body = ''
  sections.forEach((s, i) => {
    const later = sections.slice(i + 1).reduce((n, t) => n + minSize(t), 0)
    const text = fitSection(s, remaining - later)
    body += text
    remaining -= bytes(text)
  })
  return head + body + tail
}
