/**
 * Publishes a gate outcome the ways a runner offers: outputs, report and manifest files, SARIF, the job
 * summary and annotations. Every file name shown here is attacker-controlled: it goes through the
 * engine's escaping (Markdown) or core's command escaping (annotations), never raw.
 */
import * as core from '@actions/core'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type { GateOutcome } from '../gate.js'
import type { ActionSettings } from '../inputs.js'
import { LIMITS, Outputs } from '../constants.js'
import { toJsonReport } from '../engine/report-json.js'
import { renderMarkdown } from '../engine/render.js'
import { toSarif } from '../engine/sarif.js'
import { annotationsFor } from './annotations.js'
import { VERSION } from '../version.js'
import { writeFileAtomic } from '../stores/atomic.js'

/** The folder under RUNNER_TEMP where the action keeps its files (never scanned). */
export function workDir(): string {
  return path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'integrity-gate')
}

const stepDirs = new Map<string, string>()

/**
 * This step's own folder under `workDir()/<gate>`, made once per step. Two steps of one gate in a job (a
 * second check before a deployment) used to write the same report and manifest files: the first step's
 * `report-file` / `manifest-file` outputs then named the second step's files, and its watch-job post
 * step, finding its saved scan rewritten, reported tampering that never happened.
 */
function stepDir(gate: string): string {
  let dir = stepDirs.get(gate)
  if (dir === undefined) {
    const base = path.join(workDir(), gate)
    fs.mkdirSync(base, { recursive: true })
    dir = fs.mkdtempSync(path.join(base, 'step-'))
    stepDirs.set(gate, dir)
  }
  return dir
}

export interface Published {
  reportFile: string
  manifestFile: string
  /** Files this step wrote that may lie inside the scanned tree (SARIF). */
  ownFiles: string[]
  /** Folders this step created for them (absolute): each appears in the tree, its contents are not vouched for. */
  ownDirs: string[]
  /** Files that could not be written: the caller fails the step with these, after filing the incident. */
  failures: string[]
  /** Whether the report and manifest files were written (watch-job needs the manifest). */
  written: boolean
}

/** Room kept in the job summary for whatever else the job writes there. */
const SUMMARY_RESERVE = 64 * 1024

/**
 * Writes files, outputs, summary and annotations for one outcome. A file that cannot be written is returned
 * in `failures`, never thrown: the verdict, summary, annotations and the incident must still go out (a
 * SARIF file too large to serialise, or a path that is a folder, must not hide the detection).
 */
export function publish(outcome: GateOutcome, s: ActionSettings, label = ''): Published {
  const failures: string[] = []
  const suffix = label ? `-${label}` : ''
  // The gate's folder until this step's own one is made (a failure to make it then names that folder).
  let dir = path.join(workDir(), s.gate)
  const files = () => ({
    reportFile: path.join(dir, `report${suffix}.json`),
    manifestFile: path.join(dir, `manifest${suffix}.json.gz`),
  })
  let written = false
  try {
    dir = stepDir(s.gate)
    const { reportFile, manifestFile } = files()
    const json = toJsonReport(outcome.report, {
      result: outcome.result,
      savedKey: outcome.savedKey,
      toolVersion: VERSION,
      generatedAt: new Date().toISOString(),
    })
    writeFileAtomic(reportFile, Buffer.from(JSON.stringify(json, null, 2)))
    writeFileAtomic(manifestFile, outcome.manifestBytes)
    written = true
  } catch (e) {
    failures.push(`Cannot write the report under ${dir} (RUNNER_TEMP): ${(e as Error).message}`)
  }

  const { reportFile, manifestFile } = files()
  const c = outcome.report.verdict.counts
  // A failed verdict always gets its outputs (a detection is never lost). A passing one whose files could not
  // be written gets none: the step fails, and `result: clean` must not let a later `if:` go ahead.
  if (!label && (written || !outcome.pass)) {
    core.setOutput(Outputs.Result, outcome.result)
    core.setOutput(Outputs.Added, String(c.added))
    core.setOutput(Outputs.Removed, String(c.removed))
    core.setOutput(Outputs.Modified, String(c.modified))
    core.setOutput(Outputs.Moved, String(c.moved))
    core.setOutput(Outputs.Changes, String(c.changes))
    core.setOutput(Outputs.Critical, String(c.critical))
    if (written) {
      core.setOutput(Outputs.ReportFile, reportFile)
      core.setOutput(Outputs.ManifestFile, manifestFile)
    }
    const key = outcome.savedKey ?? outcome.report.baseline?.key
    if (key) core.setOutput(Outputs.BaselineKey, key)
  }

  for (const a of annotationsFor(outcome.report, s.workspace, LIMITS.annotationsPerLevel, s.failOn)) {
    const props = { title: a.title, file: a.file }
    if (a.level === 'error') core.error(a.message, props)
    else if (a.level === 'warning') core.warning(a.message, props)
    else core.notice(a.message, props)
  }

  writeSummary(outcome, s, label)

  const ownFiles: string[] = []
  const ownDirs: string[] = []
  if (s.sarifFile) {
    ownFiles.push(s.sarifFile)
    ownDirs.push(...missingFolders(s.sarifFile))
    try {
      const sarif = toSarif(outcome.report, { toolVersion: VERSION, failOn: s.failOn, repoRoot: s.workspace })
      writeFileAtomic(s.sarifFile, Buffer.from(JSON.stringify(sarif)))
    } catch (e) {
      failures.push(`Cannot write sarif-file ${s.sarifFile}: ${(e as Error).message}`)
    }
  }
  return { reportFile, manifestFile, ownFiles, ownDirs, failures, written }
}

/** The folders above `file` that do not exist yet (writing it will create them), deepest first. */
function missingFolders(file: string): string[] {
  const missing: string[] = []
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      fs.lstatSync(dir)
      break
    } catch {
      missing.push(dir)
    }
  }
  return missing
}

/**
 * Appends the Markdown report to the job summary within what is left of GitHub's 1 MiB per step: a second
 * report in the same step (watch-actions) gets only the rest, since a summary over the limit is dropped whole.
 */
function writeSummary(outcome: GateOutcome, s: ActionSettings, label: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) return
  let used = 0
  try {
    used = fs.statSync(file).size
  } catch {
    // Not there yet: nothing used.
  }
  const room = LIMITS.stepSummary - SUMMARY_RESERVE - used
  if (room < 4096) {
    core.warning(
      `The job summary is full (${used} bytes): the ${label || 'gate'} report is in the report file.`,
    )
    return
  }
  const markdown = renderMarkdown(outcome.report, {
    maxChars: room,
    title: label ? `integrity-gate (${label})` : undefined,
    result: outcome.result,
    acceptHint: acceptHint(s),
  })
  try {
    fs.appendFileSync(file, markdown + '\n')
  } catch (e) {
    core.warning(`Cannot write the job summary: ${(e as Error).message}`)
  }
}

function acceptHint(s: ActionSettings): string {
  if (s.baselineFile) {
    return 'To accept these changes, replace the baseline file with this run\u2019s manifest (output `manifest-file`) and commit it.'
  }
  return (
    'To accept these changes, add the paths to `allow` (expected changes roll the baseline forward), ' +
    'or run this workflow with `mode: baseline` from a trusted branch.'
  )
}
