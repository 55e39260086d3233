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

export interface Published {
  reportFile: string
  manifestFile: string
  /** Files this step wrote that may lie inside the scanned tree (SARIF). */
  ownFiles: string[]
}

/** Writes files, outputs, summary and annotations for one outcome. Throws when a file cannot be written. */
export function publish(outcome: GateOutcome, s: ActionSettings, label = ''): Published {
  const dir = path.join(workDir(), s.gate)
  const suffix = label ? `-${label}` : ''
  const reportFile = path.join(dir, `report${suffix}.json`)
  const manifestFile = path.join(dir, `manifest${suffix}.json.gz`)
  const json = toJsonReport(outcome.report, { result: outcome.result, savedKey: outcome.savedKey })
  try {
    writeFileAtomic(reportFile, Buffer.from(JSON.stringify(json, null, 2)))
    writeFileAtomic(manifestFile, outcome.manifestBytes)
  } catch (e) {
    throw new Error(`Cannot write the report under ${dir} (RUNNER_TEMP): ${(e as Error).message}`)
  }
  const ownFiles: string[] = []
  if (s.sarifFile) {
    const sarif = toSarif(outcome.report, { toolVersion: VERSION, failOn: s.failOn })
    writeFileAtomic(s.sarifFile, Buffer.from(JSON.stringify(sarif, null, 2)))
    ownFiles.push(s.sarifFile)
  }

  const c = outcome.report.verdict.counts
  if (!label) {
    core.setOutput(Outputs.Result, outcome.result)
    core.setOutput(Outputs.Added, String(c.added))
    core.setOutput(Outputs.Removed, String(c.removed))
    core.setOutput(Outputs.Modified, String(c.modified))
    core.setOutput(Outputs.Moved, String(c.moved))
    core.setOutput(Outputs.Changes, String(c.changes))
    core.setOutput(Outputs.Critical, String(c.critical))
    core.setOutput(Outputs.ReportFile, reportFile)
    core.setOutput(Outputs.ManifestFile, manifestFile)
    const key = outcome.savedKey ?? outcome.report.baseline?.key
    if (key) core.setOutput(Outputs.BaselineKey, key)
  }

  for (const a of annotationsFor(outcome.report, s.workspace, LIMITS.annotations, s.failOn)) {
    const props = { title: a.title, file: a.file }
    if (a.level === 'error') core.error(a.message, props)
    else if (a.level === 'warning') core.warning(a.message, props)
    else core.notice(a.message, props)
  }

  const markdown = renderMarkdown(outcome.report, {
    // Leave room for anything else a job writes to the same summary file.
    maxChars: LIMITS.stepSummary - 64 * 1024,
    title: label ? `integrity-gate (${label})` : undefined,
    result: outcome.result,
    acceptHint: acceptHint(s),
  })
  try {
    if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown + '\n')
  } catch (e) {
    core.warning(`Cannot write the job summary: ${(e as Error).message}`)
  }
  return { reportFile, manifestFile, ownFiles }
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
