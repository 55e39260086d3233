/**
 * `checklist-template`: a Markdown file in the repository that replaces the built-in plan. Placeholders
 * `{{name}}` are filled with Markdown that is already safe (names escaped or in code spans); `${{ … }}`
 * (Actions expression syntax) is left alone. An unknown or unterminated placeholder is an error that names
 * it, raised before the gate writes anything to GitHub.
 */
import * as fs from 'node:fs'
import { LIMITS } from '../constants.js'
import { codeSpan, escapeText } from '../engine/markdown.js'
import { summaryCounts } from '../engine/render.js'
import type { Evidence } from './evidence.js'
import { cacheKeyPrefix, onCall, tailoredChecks, type PlanInput } from './checklist.js'
import { changesTable, countsTable, runLink } from './issue-body.js'
import { marker } from './marker.js'

/** The placeholders a template may use, with what they become (docs/checklist-template.md lists the same). */
export const PLACEHOLDERS = {
  gate: 'The gate name (`baseline-name`), as code.',
  repository: 'The repository `owner/name`, as code.',
  ref: 'The full ref of the run, e.g. `refs/heads/main`, as code.',
  sha: 'The commit SHA of the run, as code.',
  run_url: 'The URL of the run attempt (plain URL).',
  run_link: 'A Markdown link to the run attempt.',
  workflow: 'The workflow name, as code.',
  job: 'The job id, as code.',
  actor: 'The login that triggered the run, as code (not a mention).',
  event: 'The event name, as code.',
  detected_at: 'Time of the detection (ISO 8601, UTC).',
  issue_number: 'The incident issue number.',
  assignees: 'The on-call people from `issue-assignees`, as @mentions.',
  counts: 'One-line summary, e.g. "3 unexpected changes (1 critical)".',
  counts_table: 'Table of the counts per class and kind.',
  changes_table: 'Table of the changes with old → new digests (truncated to fit).',
  tailored_checks:
    'The built-in extra checks for what changed (workflows, lockfiles, binaries, …), or nothing.',
  baseline_key: 'The cache key (or file) of the baseline compared with, as code.',
  baseline_created: 'When the baseline was taken (ISO 8601).',
  baseline_commit: 'The commit the baseline was taken at, as code.',
  cache_key_prefix: "The cache key prefix of this gate's baselines, as code.",
} as const

/** A placeholder name. */
export type Placeholder = keyof typeof PLACEHOLDERS

const NAMES = Object.keys(PLACEHOLDERS) as Placeholder[]
/** `{{ name }}` not preceded by `$` (so `${{ secrets.X }}` stays literal). */
const TOKEN = /(?<!\$)\{\{([^{}]*)\}\}/g

/** A checked template: its text and the placeholders it uses. */
export interface Template {
  file: string
  text: string
  uses: Set<Placeholder>
}

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length

/** Validates template text; throws naming the first unknown or unterminated placeholder and its line. */
export function parseTemplate(text: string, file: string): Template {
  if (text.length > LIMITS.issueBody - 1024) {
    throw new Error(
      `checklist-template ${file} is ${text.length} characters; GitHub comments hold at most ${LIMITS.issueBody}. Shorten it.`,
    )
  }
  const uses = new Set<Placeholder>()
  for (const m of text.matchAll(TOKEN)) {
    const name = m[1].trim()
    if (!(NAMES as string[]).includes(name)) {
      throw new Error(
        `checklist-template ${file}, line ${lineOf(text, m.index)}: unknown placeholder {{${m[1]}}}. ` +
          `Known placeholders: ${NAMES.map((n) => `{{${n}}}`).join(', ')} (see docs/checklist-template.md).`,
      )
    }
    uses.add(name as Placeholder)
  }
  const rest = text.replace(TOKEN, '')
  const open = /(?<!\$)\{\{/.exec(rest)
  if (open) {
    throw new Error(
      `checklist-template ${file}, line ${lineOf(rest, open.index)}: '{{' without a matching '}}'. ` +
        'Write placeholders as {{name}}; ${{ … }} is left as it is.',
    )
  }
  return { file, text, uses }
}

/** Reads and validates the template file; every problem is an error naming the file. */
export function loadTemplate(file: string): Template {
  let text: string
  try {
    text = fs.readFileSync(file, 'utf8')
  } catch (e) {
    throw new Error(`Cannot read checklist-template ${file}: ${(e as Error).message}`)
  }
  return parseTemplate(text.replace(/^\uFEFF/, ''), file)
}

const orDash = (v: string | undefined, fmt: (s: string) => string): string => (v ? fmt(v) : '—')

/** The values of every placeholder except the changes table. */
function values(p: PlanInput): Record<Exclude<Placeholder, 'changes_table'>, string> {
  const ev: Evidence = p.evidence
  const b = p.report.baseline
  return {
    gate: codeSpan(ev.gate),
    repository: codeSpan(ev.repository),
    ref: orDash(ev.ref, codeSpan),
    sha: orDash(ev.sha, codeSpan),
    run_url: ev.runUrl ?? '—',
    run_link: runLink(ev),
    workflow: orDash(ev.workflow, codeSpan),
    job: orDash(ev.job, codeSpan),
    actor: orDash(ev.actor, codeSpan),
    event: orDash(ev.event, codeSpan),
    detected_at: escapeText(ev.detectedAt),
    issue_number: String(p.issueNumber),
    assignees: onCall(p.assignees),
    counts: escapeText(summaryCounts(p.report.verdict.counts)),
    counts_table: countsTable(p.report.verdict.counts),
    tailored_checks: tailoredChecks(p.report.changes),
    baseline_key: orDash(b?.key ?? b?.location, codeSpan),
    baseline_created: orDash(b?.createdAt, escapeText),
    baseline_commit: orDash(b?.commit, codeSpan),
    cache_key_prefix: orDash(cacheKeyPrefix(b?.key), codeSpan),
  }
}

/** Fills the template; the changes table gets the room left under GitHub's comment limit. */
export function fillTemplate(t: Template, p: PlanInput, limit: number = LIMITS.issueBody): string {
  const v = values(p)
  const head = marker('checklist', { gate: p.evidence.gate }) + '\n'
  const fill = (table: string): string =>
    head +
    t.text.replace(TOKEN, (_m, raw: string) => {
      const name = raw.trim() as Placeholder
      return name === 'changes_table' ? table : v[name]
    })
  const withoutTable = fill('')
  const tables = t.uses.has('changes_table')
    ? t.text.match(TOKEN)!.filter((m) => m.slice(2, -2).trim() === 'changes_table').length
    : 0
  const budget = tables > 0 ? Math.floor((limit - withoutTable.length - 200) / tables) : 0
  let table = ''
  if (tables > 0) {
    const built = changesTable(p.report.changes, Math.max(0, budget))
    table = built.markdown
    if (built.shown < p.report.changes.length) {
      table += `\n\n_${built.shown} of ${p.report.changes.length} changes shown; the rest are in the issue body and the run summary._`
    }
  }
  const text = fill(table)
  if (text.length > limit) {
    throw new Error(
      `checklist-template ${t.file} expands to ${text.length} characters, over GitHub's limit of ${limit}. Shorten it.`,
    )
  }
  return text
}
