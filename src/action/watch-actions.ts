/**
 * watch-actions: hash the runner's downloaded actions (`_actions`) and compare them with the gate's second
 * baseline in the Actions cache (key segment `<gate>.actions`). The judgement is in
 * src/engine/actions-watch.ts; this file does the I/O and builds an outcome `publish` can show.
 */
import * as fs from 'node:fs'
import {
  checkReplay,
  checkRepository,
  newReport,
  scanToManifest,
  type GateOutcome,
  type GateSettings,
  type Logger,
} from '../gate.js'
import { actionsBaselineKey } from '../engine/signature.js'
import { decodeManifest, encodeManifest } from '../engine/manifest.js'
import { diffManifests } from '../engine/diff.js'
import { actionEntries, judgeActions, mergeActions, type ActionsJudgement } from '../engine/actions-watch.js'
import type { Manifest, Provenance, Report, ScanResult } from '../engine/types.js'
import type { BaselineStore } from '../stores/store.js'
import type { ActionSettings } from '../inputs.js'
import { Inputs } from '../constants.js'

/** The outcome of the actions watch, with what it found per action. */
export interface ActionsOutcome extends GateOutcome {
  judgement?: ActionsJudgement
}

/** Settings beyond the inputs. */
export interface WatchActionsOptions {
  store: BaselineStore
  /** Why saving is refused (untrusted event), as for the tree baseline. */
  saveRefusedBecause?: string
  log: Logger
  /**
   * This run (repository, runId, runAttempt), recorded in the baseline it saves; a baseline recorded for
   * another repository is refused.
   */
  provenance?: Provenance
}

/** Checks the downloaded actions in verify mode, or saves them in baseline mode. */
export async function watchActions(s: ActionSettings, o: WatchActionsOptions): Promise<ActionsOutcome> {
  const dir = s.actionsPath
  if (!dir) {
    throw new Error(
      `watch-actions: the runner's actions folder is unknown (RUNNER_TEMP and RUNNER_WORKSPACE are not set); set ${Inputs.ActionsPath}.`,
    )
  }
  let isDir = false
  try {
    isDir = fs.statSync(dir).isDirectory()
  } catch {
    isDir = false
  }
  if (!isDir) {
    throw new Error(
      `watch-actions: no downloaded actions at ${dir}. The runner keeps them in _actions next to RUNNER_TEMP; set ${Inputs.ActionsPath} if this runner keeps them elsewhere.`,
    )
  }
  // Its own signing key (see actionsBaselineKey): a tree baseline planted here fails its signature check.
  const key = s.signingKey && actionsBaselineKey(s.signingKey)
  const stored = await o.store.load()
  const baseline = stored ? decodeManifest(stored.bytes, { key, expectGate: s.gate }) : undefined
  if (stored && baseline) {
    // As for the tree: another repository's baseline (signed with a shared secret) is not this one's.
    checkRepository(baseline.header, { provenance: o.provenance ?? {} }, stored.key)
    checkReplay(baseline.header, stored.key, { key, source: 'cache' })
  }
  const gs: GateSettings = {
    root: dir,
    gate: s.gate,
    algorithm: s.algorithm,
    include: [],
    exclude: [],
    alwaysExclude: [],
    policy: { allow: [], protected: [], failOn: 'critical' },
    key,
    onMissing: s.onMissing,
    update: s.update,
    // The run that saves it: checkReplay compares the signed run id, attempt and time with the cache key.
    provenance: o.provenance ?? {},
    source: 'cache',
    log: o.log,
  }
  const { manifest, scanned } = await scanToManifest(gs)
  const current = manifest.entries
  const merged = (): Buffer =>
    encodeManifest({ ...manifest, entries: mergeActions(baseline?.entries ?? [], current) }, { key })
  const save = async (): Promise<string> => (await o.store.save(merged(), manifest.header.createdAt)).key
  const plain = (result: GateOutcome['result'], pass: boolean, reasons: string[] = []): ActionsOutcome => {
    const report = reportOf(s, dir, scanned, [], [], undefined)
    report.verdict = { ...report.verdict, pass, result: pass ? 'clean' : 'violation', reasons }
    return { result, pass, report, manifest, manifestBytes: encodeManifest(manifest, { key }) }
  }

  if (s.mode === 'baseline') {
    if (o.saveRefusedBecause)
      throw new Error(`Refusing to save the actions baseline: ${o.saveRefusedBecause}`)
    const key = await save()
    o.log.info(`watch-actions: saved the actions baseline (${key}).`)
    return { ...plain('baseline-saved', true), savedKey: key }
  }
  if (!stored || !baseline) {
    if (s.onMissing === 'fail') {
      return plain('violation', false, [
        `watch-actions: no actions baseline for gate '${s.gate}' and on-missing-baseline is 'fail'.`,
      ])
    }
    if (s.onMissing === 'warn') {
      o.log.warning(`watch-actions: no actions baseline for gate '${s.gate}'; nothing was compared.`)
      return plain('no-baseline', true)
    }
    if (o.saveRefusedBecause) {
      // As for the tree: nothing verified and no right to create a baseline fails closed.
      return plain('violation', false, [
        `watch-actions: no actions baseline for gate '${s.gate}' and none can be created: ${o.saveRefusedBecause}`,
      ])
    }
    const key = await save()
    o.log.info(
      `watch-actions: no actions baseline yet: created one from ${scanned.stats.files} files (${key}).`,
    )
    return { ...plain('baseline-created', true), savedKey: key }
  }

  // Compare without the runner's bookkeeping (markers hold the download time; _temp_ folders are transient).
  const strip = (m: Manifest): Manifest => ({ header: m.header, entries: actionEntries(m.entries) })
  const diff = diffManifests(strip(baseline), strip(manifest))
  const judgement = judgeActions(diff.changes, diff.unchanged, baseline.entries, current)
  const verdict = judgement.verdict
  if (diff.incompatible.length > 0) {
    verdict.pass = false
    verdict.result = 'violation'
    verdict.reasons.unshift(...diff.incompatible)
  }
  const report = reportOf(s, dir, scanned, diff.changes, diff.incompatible, {
    source: 'cache',
    key: stored.key,
    createdAt: baseline.header.createdAt,
    signed: s.signingKey !== undefined,
  })
  report.verdict = verdict
  if (judgement.added.length > 0)
    o.log.info(`watch-actions: new actions or refs: ${judgement.added.join(', ')}.`)
  if (judgement.unused.length > 0)
    o.log.info(`watch-actions: not used by this job: ${judgement.unused.join(', ')}.`)
  const outcome: ActionsOutcome = {
    result: verdict.result,
    pass: verdict.pass,
    report,
    manifest,
    manifestBytes: encodeManifest(manifest, { key }),
    judgement,
  }
  // Never roll forward over a repointed action: only a deliberate mode: baseline run accepts new code.
  if (verdict.pass && diff.changes.length > 0 && s.update !== 'never') {
    if (o.saveRefusedBecause) o.log.warning(`watch-actions: not saving: ${o.saveRefusedBecause}`)
    else outcome.savedKey = await save()
  }
  return outcome
}

function reportOf(
  s: ActionSettings,
  dir: string,
  scanned: ScanResult,
  changes: Report['changes'],
  incompatible: string[],
  baseline: Report['baseline'],
): Report {
  return newReport({
    gate: `${s.gate} (actions)`,
    root: dir,
    algorithm: s.algorithm,
    scanned,
    baseline,
    changes,
    incompatible,
  })
}
