/**
 * The post step. With `watch-job: true` it re-hashes the root the main step scanned and reports every
 * change made during the job (a step that rewrote sources, a compromised action), failing per fail-on.
 */
import * as core from '@actions/core'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { createHash } from 'node:crypto'
import { getWatch } from './state.js'
import { getInputs, type ActionSettings } from './inputs.js'
import { applyPolicy, parseFailOn } from './engine/policy.js'
import {
  diffWithBaseline,
  isTamperSignal,
  newReport,
  openBaseline,
  scanEncoded,
  TamperSuspected,
  type GateOutcome,
} from './gate.js'
import { openIncident, refusal } from './action/file-incident.js'
import { publish, workDir } from './action/publish.js'
import { actionLog } from './action/log.js'

/** Runs the post step; does nothing unless the main step asked for a watch. */
export async function runPost(): Promise<void> {
  let settings: ActionSettings | undefined
  try {
    const watch = getWatch()
    if (!watch) return
    // The runner evaluates a post step's inputs again at the job's end, with the env context the job's
    // steps may have rewritten through $GITHUB_ENV (`fail-on: ${{ env.X }}`): what is judged, and how,
    // is what the main step saved in its state, which no step can change.
    settings = {
      ...getInputs(),
      root: watch.root,
      workspace: watch.workspace,
      gate: watch.gate,
      allow: watch.allow,
      protected: watch.protected,
      failOn: parseFailOn(watch.failOn),
    }
    // The root the main step scanned is gone or no longer a folder: that happened during the job.
    let rootIsDir = false
    try {
      rootIsDir = fs.statSync(watch.root).isDirectory()
    } catch {
      rootIsDir = false
    }
    if (!rootIsDir) {
      throw new TamperSuspected(
        `watch-job: the scanned root ${watch.root} was removed or replaced during the job (it is no longer a folder). Cannot vouch for the job.`,
      )
    }
    let bytes: Buffer
    try {
      bytes = fs.readFileSync(watch.manifestFile)
    } catch (e) {
      throw new TamperSuspected(
        `watch-job: the main step's scan ${watch.manifestFile} is gone (${(e as Error).message}); a step in this job may have removed it. Cannot vouch for the job.`,
      )
    }
    if (createHash('sha256').update(bytes).digest('hex') !== watch.manifestSha256) {
      throw new TamperSuspected(
        `watch-job: the main step's scan ${watch.manifestFile} was modified during the job; a step in this job tampered with it. Cannot vouch for the job.`,
      )
    }
    // Opened like verify's baseline: an unsigned one is compared line by line while the scan runs,
    // anything else is decoded in full (and a signed one's signature checked).
    const trust = { key: settings.signingKey, gate: settings.gate }
    const before = openBaseline(bytes, trust)
    const comparer = before.comparer
    const { manifest, scanned, manifestBytes } = await scanEncoded(
      {
        root: watch.root,
        gate: settings.gate,
        algorithm: before.header.algorithm,
        include: before.header.include,
        exclude: before.header.exclude,
        alwaysExclude: [workDir(), ...watch.ownFiles],
        policy: { allow: settings.allow, protected: settings.protected, failOn: settings.failOn },
        key: settings.signingKey,
        onMissing: 'fail',
        update: 'never',
        provenance: {},
        source: 'file',
        log: actionLog,
      },
      comparer && ((e, line) => comparer.add(e, line)),
    )
    const diff = diffWithBaseline(before, manifest, trust)
    // A folder the main step created for its SARIF file after its scan is its own doing, not the job's.
    const ownDirs = new Set(
      (watch.ownDirs ?? []).map((d) => path.relative(watch.root, d).split(path.sep).join('/')),
    )
    diff.changes = diff.changes.filter(
      (c) =>
        !(ownDirs.has(c.path) && c.kinds.length === 1 && c.kinds[0] === 'added' && c.after?.type === 'dir'),
    )
    const verdict = applyPolicy(diff, {
      allow: settings.allow,
      protected: settings.protected,
      failOn: settings.failOn,
    })
    const report = newReport({
      gate: settings.gate,
      root: watch.root,
      algorithm: before.header.algorithm,
      scanned,
      changes: diff.changes,
      incompatible: diff.incompatible,
      baseline: {
        source: 'file',
        key: watch.manifestFile,
        createdAt: before.header.createdAt,
        commit: before.header.provenance?.commit,
        signed: settings.signingKey !== undefined,
      },
    })
    report.verdict = verdict
    const outcome: GateOutcome = {
      result: verdict.result,
      pass: verdict.pass,
      manifest,
      manifestBytes,
      report,
    }
    // The SARIF file stays the main step's: the post step runs after any upload step would have read it.
    const { failures } = publish(outcome, { ...settings, sarifFile: undefined }, 'post')
    const c = verdict.counts
    if (c.changes === 0) core.info('watch-job: nothing in the tree changed during the job.')
    else core.info(`watch-job: ${c.changes} paths changed during the job.`)
    if (!verdict.pass) {
      core.setFailed(
        `watch-job: files changed during the job: ${[...verdict.reasons].join(' ') || verdict.result}`,
      )
      if (settings.createIssue) await openIncident(outcome, settings, 'post')
    }
    for (const failure of failures) core.setFailed(failure)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    core.setFailed(message)
    if (settings?.createIssue && isTamperSignal(e))
      await openIncident(refusal(settings, message), settings, 'post')
  }
}
