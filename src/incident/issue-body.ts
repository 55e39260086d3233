/**
 * The incident issue's title and body and the detection comments: the evidence of a failed verdict.
 * Everything a run or a branch can influence goes through markdown.ts (code spans or escapeText), so a
 * hostile file name cannot mention people, link issues, inject HTML or links, or break a table.
 */
import { LIMITS } from '../constants.js'
import { clip, codeCell, codeSpan, escapeText, makeVisible, tableRow, ZWJ } from '../engine/markdown.js'
import { displayPath } from '../engine/paths.js'
import { formatAge, octalMode, sortByGitClass, sortBySeverity, summaryCounts } from '../engine/render.js'
import type { Change, Counts, Entry, Report } from '../engine/types.js'
import type { Evidence } from './evidence.js'
import { marker } from './marker.js'

/** GitHub's title limit is 256 characters. */
const TITLE_MAX = 256
/** Longest path shown in a table cell, in code points; longer ones are clipped with `…`. */
const PATH_MAX = 400
/** Room kept for the truncation note after the changes table. */
const FOOTER_RESERVE = 1200

/** Plain text for an issue title: controls visible, and no `@name` / `#123` that GitHub could link. */
export function plainText(text: string): string {
  return makeVisible(text).replace(/[@#]/g, (c) => c + ZWJ)
}

/** `Integrity incident: 3 unexpected changes in owner/repo@main (gate: default)`. */
export function incidentTitle(report: Report, ev: Evidence): string {
  const c = report.verdict.counts
  const what = c.critical + c.unexpected > 0 ? summaryCounts(c) : 'verification failed'
  const suffix = ` (gate: ${ev.gate})`
  const head = `Integrity incident: ${what} in ${ev.repository}`
  // Clip the attacker-influenced part (the ref) so the gate name at the end always survives; the `@`
  // separator is ours, the ref's own `@` and `#` are neutralised.
  const fixed = plainText(head)
  const length = (t: string): number => Array.from(t).length
  let room = TITLE_MAX - length(fixed) - length(suffix) - 1
  let ref = ev.refName ? '@' + plainText(clip(ev.refName, room)) : ''
  // Zero-width joiners lengthen the text after clipping: shrink until it fits.
  while (ev.refName && room > 1 && length(fixed + ref + suffix) > TITLE_MAX) {
    room--
    ref = '@' + plainText(clip(ev.refName, room))
  }
  return clip(plainText(head) + ref + suffix, TITLE_MAX)
}

/** One side (before or after) of a change: digest, mode, symlink target or type. */
function side(entry: Entry | undefined, change: Change): string {
  if (!entry) return '—'
  const parts: string[] = []
  if (entry.type === 'file') parts.push(entry.digest ? codeCell(entry.digest) : 'no digest')
  else if (entry.type === 'symlink') parts.push('symlink → ' + codeCell(displayPath(entry.target ?? '')))
  else parts.push(entry.type)
  if (change.kinds.includes('mode') || change.kinds.includes('added') || change.kinds.includes('type')) {
    parts.push(codeCell(octalMode(entry.mode)))
  }
  if (entry.error) parts.push('unreadable: ' + codeCell(clip(entry.error, 200)))
  return parts.join(' ')
}

/** A path cell, clipped to a sane length; moves show `old → new`. */
function pathCell(change: Change): string {
  const p = codeCell(clip(displayPath(change.path), PATH_MAX))
  return change.from !== undefined ? codeCell(clip(displayPath(change.from), PATH_MAX)) + ' → ' + p : p
}

const CHANGES_HEAD = [tableRow(['Path', 'Change', 'Severity', 'Old', 'New']), '|---|---|---|---|---|']

/** One row of the changes table. */
export function changeRow(change: Change): string {
  return tableRow([
    pathCell(change),
    change.kinds.join(', '),
    // With git triage the class follows the severity, so unexplained and committed rows read apart.
    (change.severity === 'critical' ? '**critical**' : change.severity) +
      (change.git === 'unexplained'
        ? ' · **unexplained**'
        : change.git === 'committed'
          ? ' · committed'
          : ''),
    side(change.before, change),
    side(change.after, change),
  ])
}

/** The changes table (critical first) within `budget` characters; says how many rows it left out. */
export function changesTable(
  changes: readonly Change[],
  budget: number,
): { markdown: string; shown: number } {
  if (changes.length === 0) return { markdown: '_No changed paths (see the verdict above)._', shown: 0 }
  const lines = [...CHANGES_HEAD]
  let used = lines.join('\n').length
  let shown = 0
  // Unexplained rows first when git triage ran: they are the ones to investigate.
  const triaged = changes.some((c) => c.git !== undefined)
  for (const change of triaged ? sortByGitClass(changes) : sortBySeverity(changes)) {
    const row = changeRow(change)
    if (used + row.length + 1 > budget) break
    lines.push(row)
    used += row.length + 1
    shown++
  }
  if (shown === 0) return { markdown: '_The changes do not fit here; see the run summary._', shown: 0 }
  return { markdown: lines.join('\n'), shown }
}

/** The counts table: the verdict's classes and kinds. */
export function countsTable(c: Counts): string {
  const rows: Array<[string, number]> = [
    ['critical', c.critical],
    ['unexpected', c.unexpected],
    ['allowed', c.allowed],
    ['added', c.added],
    ['removed', c.removed],
    ['modified', c.modified],
    ['mode', c.mode],
    ['type', c.type],
    ['symlink', c.symlink],
    ['moved', c.moved],
    ['unreadable', c.unreadable],
    ['changed paths', c.changes],
    ['unchanged', c.unchanged],
  ]
  return ['| Class | Count |', '|---|---:|', ...rows.map(([k, n]) => `| ${k} | ${n} |`)].join('\n')
}

/** A Markdown link to the run, or the run id as text when no safe URL could be built. */
export function runLink(ev: Evidence): string {
  const label = ev.runId
    ? `run ${ev.runId}${ev.runAttempt ? `, attempt ${ev.runAttempt}` : ''}`
    : 'unknown run'
  return ev.runUrl ? `[${escapeText(label)}](${ev.runUrl})` : escapeText(label)
}

const opt = (v: string | undefined): string => (v ? codeCell(clip(v, 300)) : '—')

/** The evidence table: where, when and by which run the change was seen, and the baseline compared with. */
export function evidenceTable(report: Report, ev: Evidence, now: Date): string {
  const b = report.baseline
  const baseline = b
    ? [
        b.key ? 'key ' + codeCell(b.key) : b.location ? codeCell(b.location) : b.source,
        `created ${escapeText(b.createdAt)} (${escapeText(formatAge(b.createdAt, now))})`,
        b.commit ? 'at commit ' + codeCell(b.commit) : 'commit unknown',
        b.signed ? 'signed' : 'unsigned',
      ].join(', ')
    : 'none'
  const rows: Array<[string, string]> = [
    ['Gate', codeCell(ev.gate)],
    ['Repository', codeCell(ev.repository)],
    ['Run', runLink(ev)],
    ['Workflow', opt(ev.workflow)],
    ['Job', opt(ev.job)],
    ['Actor', opt(ev.actor)],
    ['Event', opt(ev.event)],
    ['Commit', opt(ev.sha)],
    ['Ref', opt(ev.ref)],
    ...(ev.pullRequest ? ([['Pull request', `#${ev.pullRequest}`]] as Array<[string, string]>) : []),
    ['Detected at', escapeText(ev.detectedAt)],
    ['Baseline', baseline],
    ['Algorithm', codeCell(report.algorithm)],
  ]
  return ['| Evidence | |', '|---|---|', ...rows.map(([k, v]) => tableRow([k, v]))].join('\n')
}

/** The verdict's reasons and incompatibilities as a list (they can quote file names: escaped). */
function reasons(report: Report): string {
  const items = [
    ...report.verdict.reasons,
    ...report.incompatible.map((r) => `Baseline not comparable: ${r}`),
  ]
  if (items.length === 0) return ''
  return items.map((r) => `- ${escapeText(clip(r, 2000))}`).join('\n')
}

/** Where to find what did not fit. */
function pointer(ev: Evidence): string {
  return (
    `The full list is in the job summary of ${runLink(ev)} and in the JSON report the step wrote ` +
    '(output `report-file`; keep it with actions/upload-artifact).'
  )
}

/** Assembles sections, giving the changes table whatever room is left under the issue-body limit. */
function assemble(head: string[], changes: readonly Change[], ev: Evidence, limit: number): string {
  const fixed = head.join('\n\n')
  const budget = limit - fixed.length - FOOTER_RESERVE
  const table = changesTable(changes, Math.max(0, budget))
  const parts = [fixed, table.markdown]
  if (table.shown < changes.length) {
    parts.push(
      `**Truncated:** ${table.shown} of ${changes.length} changed paths are shown here ` +
        `(${changes.length - table.shown} left out to stay within GitHub's ${LIMITS.issueBody}-character limit). ${pointer(ev)}`,
    )
  }
  const text = parts.join('\n\n') + '\n'
  // A safety net: the head itself is bounded (clipped fields), so this only trips on a broken invariant.
  if (text.length > limit)
    throw new Error(`incident text is ${text.length} characters, over the limit of ${limit}`)
  return text
}

/** For the post step's detections: the changes were made by the job itself, after the main step's scan. */
function duringJob(ev: Evidence): string[] {
  return ev.phase === 'post'
    ? [
        '**Found by the post step (`watch-job`): these files changed during this job, after the gate’s own scan** ' +
          '(a build step, a compromised action or dependency).',
      ]
    : []
}

/** The body of a new incident issue. */
export function incidentBody(
  report: Report,
  ev: Evidence,
  now: Date = new Date(),
  limit: number = LIMITS.issueBody,
): string {
  const head = [
    marker('incident', { gate: ev.gate, run: ev.runId, attempt: ev.runAttempt, phase: ev.phase }),
    `## Integrity incident (gate ${codeSpan(ev.gate)})`,
    ...duringJob(ev),
    `The integrity gate found **${escapeText(summaryCounts(report.verdict.counts))}** in ${codeSpan(ev.repository)}` +
      (ev.ref ? ` at ${codeSpan(ev.ref)}` : '') +
      `. Later detections for this gate are added here as comments while the issue is open; ` +
      'close it when the incident is resolved.',
    '### Evidence',
    evidenceTable(report, ev, now),
    ...(reasons(report) ? ['### Verdict', reasons(report)] : []),
    '### Counts',
    countsTable(report.verdict.counts),
    '### Changes (old → new digest)',
  ]
  return assemble(head, report.changes, ev, limit)
}

/** A comment recording a later detection on the open incident issue. */
export function detectionComment(
  report: Report,
  ev: Evidence,
  now: Date = new Date(),
  limit: number = LIMITS.issueBody,
): string {
  const head = [
    marker('detection', { gate: ev.gate, run: ev.runId, attempt: ev.runAttempt, phase: ev.phase }),
    `### New detection: ${escapeText(summaryCounts(report.verdict.counts))} (${runLink(ev)})`,
    ...duringJob(ev),
    evidenceTable(report, ev, now),
    ...(reasons(report) ? [reasons(report)] : []),
    '<details><summary>Counts</summary>\n\n' + countsTable(report.verdict.counts) + '\n\n</details>',
    '#### Changes (old → new digest)',
  ]
  return assemble(head, report.changes, ev, limit)
}
