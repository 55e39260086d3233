/**
 * The machine-readable report (CLI `--json`, the action's report file). Documented in docs/report.md:
 * change its shape only together with REPORT_VERSION and that document.
 */
import { bytesFromKey, displayPath, isRawKey } from './paths.js'
import { octalMode, sortBySeverity } from './render.js'
import type {
  BaselineInfo,
  Change,
  ChangeKind,
  Counts,
  Entry,
  EntryType,
  GitClass,
  GitTriage,
  Report,
  Result,
  ScanStats,
  Severity,
} from './types.js'

/** `format` of the JSON report. */
export const REPORT_FORMAT = 'integrity-gate/report'
/** Version of the JSON report schema; bumped on any incompatible change. */
export const REPORT_VERSION = 1

/** An entry as the report shows it: mode as an octal string, names in display form plus raw base64. */
export interface JsonEntry {
  type: EntryType
  size: number
  /** Octal permission bits, 4 digits, e.g. "0755". */
  mode: string
  digest?: string
  target?: string
  /** Present when the target bytes are not valid UTF-8: the exact bytes, base64. */
  targetBase64?: string
  escapes?: true
  error?: string
  unstable?: true
}

/** One change in the report. */
export interface JsonChange {
  /** Display form of the path (bytes that are not UTF-8 shown as `\xNN`). */
  path: string
  /** Present only when the path is not valid UTF-8: the exact bytes, base64. */
  pathBase64?: string
  kinds: ChangeKind[]
  severity: Severity
  /** Git triage class (`committed` / `unexplained`), present when explain-with-git ran. */
  git?: GitClass
  from?: string
  fromBase64?: string
  before?: JsonEntry
  after?: JsonEntry
}

/** A scan problem (unreadable or unstable entry). */
export interface JsonProblem {
  path: string
  pathBase64?: string
  type: EntryType
  problem: 'unreadable' | 'unstable'
  error?: string
}

/** The whole JSON report. */
export interface JsonReport {
  format: typeof REPORT_FORMAT
  version: typeof REPORT_VERSION
  tool?: { name: 'integrity-gate'; version: string }
  generatedAt?: string
  gate: string
  root: string
  algorithm: string
  result: Result
  pass: boolean
  reasons: string[]
  counts: Counts
  incompatible: string[]
  baseline: BaselineInfo | null
  savedBaselineKey?: string
  scan: ScanStats
  /** Git triage summary, present when explain-with-git ran. */
  git?: GitTriage
  changes: JsonChange[]
  problems: JsonProblem[]
}

/** Extra facts the caller knows but the engine's Report does not. */
export interface JsonReportExtra {
  /** Version of integrity-gate writing the report. */
  toolVersion?: string
  /** ISO-8601 time of the report (omitted when not given, so tests and diffs stay byte-stable). */
  generatedAt?: string
  /** Overrides the verdict's result, e.g. `baseline-created`, `baseline-saved`, `no-baseline`. */
  result?: Result
  /** Key of a baseline saved by this run (JSON field `savedBaselineKey`). */
  savedKey?: string
}

/** A path key as `{ path, pathBase64? }`: the display form always, the exact bytes when they are not UTF-8. */
function nameFields(key: string, field: string): Record<string, string> {
  const out: Record<string, string> = { [field]: displayPath(key) }
  if (isRawKey(key)) out[field + 'Base64'] = bytesFromKey(key).toString('base64')
  return out
}

function jsonEntry(e: Entry): JsonEntry {
  const out: JsonEntry = { type: e.type, size: e.size, mode: octalMode(e.mode) }
  if (e.digest !== undefined) out.digest = e.digest
  if (e.target !== undefined) Object.assign(out, nameFields(e.target, 'target'))
  if (e.escapes) out.escapes = true
  if (e.error !== undefined) out.error = e.error
  if (e.unstable) out.unstable = true
  return out
}

function jsonChange(c: Change): JsonChange {
  const out = { ...nameFields(c.path, 'path'), kinds: [...c.kinds], severity: c.severity } as JsonChange
  if (c.git !== undefined) out.git = c.git
  if (c.from !== undefined) Object.assign(out, nameFields(c.from, 'from'))
  if (c.before) out.before = jsonEntry(c.before)
  if (c.after) out.after = jsonEntry(c.after)
  return out
}

function jsonProblem(e: Entry): JsonProblem {
  const out = { ...nameFields(e.path, 'path'), type: e.type } as JsonProblem
  out.problem = e.error !== undefined ? 'unreadable' : 'unstable'
  if (e.error !== undefined) out.error = e.error
  return out
}

/**
 * Builds the JSON report from an engine Report (see docs/report.md). Changes are listed critical →
 * unexpected → allowed, by path inside each severity, like the other reports.
 */
export function toJsonReport(report: Report, extra: JsonReportExtra = {}): JsonReport {
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    ...(extra.toolVersion !== undefined && { tool: { name: 'integrity-gate', version: extra.toolVersion } }),
    ...(extra.generatedAt !== undefined && { generatedAt: extra.generatedAt }),
    gate: report.gate,
    root: report.root,
    algorithm: report.algorithm,
    result: extra.result ?? report.verdict.result,
    pass: report.verdict.pass,
    reasons: [...report.verdict.reasons],
    counts: { ...report.verdict.counts },
    incompatible: [...report.incompatible],
    baseline: report.baseline ? { ...report.baseline } : null,
    ...(extra.savedKey !== undefined && { savedBaselineKey: extra.savedKey }),
    scan: { ...report.scan },
    ...(report.git !== undefined && { git: { ...report.git, notes: [...report.git.notes] } }),
    changes: sortBySeverity(report.changes).map(jsonChange),
    problems: report.problems.map(jsonProblem),
  }
}
