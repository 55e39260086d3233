/**
 * Filing the incident issue from the main or the post step: a failed verdict, or a refusal that points at
 * tampering. Loaded lazily (the incident code and its Octokit plugins are only needed when filing).
 */
import * as core from '@actions/core'
import { Outputs } from '../constants.js'
import { countChanges } from '../engine/policy.js'
import type { GateOutcome } from '../gate.js'
import type { ActionSettings } from '../inputs.js'

/** An incident report for a verify that stopped before comparing: no changes, the refusal as the reason. */
export function refusal(settings: ActionSettings, reason: string): Pick<GateOutcome, 'report'> {
  return {
    report: {
      gate: settings.gate,
      root: settings.root,
      algorithm: settings.algorithm,
      verdict: {
        pass: false,
        result: 'violation',
        counts: countChanges([], 0),
        reasons: [`The gate refused to compare: ${reason}`],
      },
      changes: [],
      incompatible: [],
      scan: { files: 0, dirs: 0, others: 0, bytes: 0, errors: 0, unstable: 0, durationMs: 0 },
      problems: [],
    },
  }
}

/**
 * Files or updates the incident issue; a failure here is reported on top of the verdict, never instead of it.
 * `post`: the post step's watch-job detection (recorded apart from the main step's of the same run).
 */
export async function openIncident(
  outcome: Pick<GateOutcome, 'report'>,
  settings: ActionSettings,
  phase?: 'post',
): Promise<void> {
  try {
    const { reportIncident } = await import('../incident/incident.js')
    const issue = await reportIncident(outcome, settings, phase)
    core.setOutput(Outputs.IssueNumber, String(issue.number))
    core.setOutput(Outputs.IssueUrl, issue.url)
  } catch (e) {
    core.setFailed(`Could not file the incident issue: ${e instanceof Error ? e.message : String(e)}`)
  }
}
