/**
 * The main step: read inputs, run the gate in the requested mode, publish the result.
 * One try/catch: any error fails the step (a security gate fails closed).
 */
import * as core from '@actions/core'
import * as github from '@actions/github'
import * as os from 'node:os'
import { createHash } from 'node:crypto'
import { getInputs, type ActionSettings } from './inputs.js'
import { saveWatch } from './state.js'
import { isTamperSignal, snapshot, verify, type GateOutcome, type GateSettings } from './gate.js'
import { CacheStore } from './stores/cache-store.js'
import { FileStore } from './stores/file-store.js'
import type { BaselineStore } from './stores/store.js'
import { untrustedReason } from './trust.js'
import { publish, workDir } from './action/publish.js'
import { explainChanges } from './git/explain.js'
import { watchActions } from './action/watch-actions.js'
import { actionLog, info } from './action/log.js'
import { openIncident, refusal } from './action/file-incident.js'

/** Runs the main step. */
export async function run(): Promise<void> {
  let settings: ActionSettings | undefined
  try {
    settings = getInputs()
    if (settings.mode === 'lessons-learned') {
      const { runLessonsLearned } = await import('./incident/lessons.js')
      await runLessonsLearned(settings)
      return
    }
    const outcome = await runGate(settings)
    if (settings.watchActions) {
      try {
        await checkActions(settings, outcome)
      } catch (e) {
        // A failed tree verdict is a detection: it is published and filed even when the actions could not be
        // checked (a step that removed the runner's actions folder must not also hide its tree changes). Why
        // the actions were not checked joins its reasons, so the failure message and the incident carry it.
        if (outcome.pass) throw e
        outcome.report.verdict.reasons.push(e instanceof Error ? e.message : String(e))
      }
    }
    const published = publish(outcome, settings)
    if (settings.watchJob && published.written) {
      saveWatch({
        manifestFile: published.manifestFile,
        manifestSha256: createHash('sha256').update(outcome.manifestBytes).digest('hex'),
        root: settings.root,
        workspace: settings.workspace,
        gate: settings.gate,
        algorithm: settings.algorithm,
        include: settings.include,
        exclude: settings.exclude,
        allow: settings.allow,
        protected: settings.protected,
        failOn: settings.failOn,
        ownFiles: published.ownFiles,
        ownDirs: published.ownDirs,
      })
    }
    if (!outcome.pass) {
      const reasons = outcome.report.verdict.reasons
      core.setFailed(
        reasons.length > 0 ? reasons.join(' ') : `integrity-gate: ${outcome.result} (see the job summary).`,
      )
      if (settings.createIssue) await openIncident(outcome, settings)
    }
    for (const failure of published.failures) core.setFailed(failure)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    core.setFailed(message)
    // A refused baseline that looks tampered with (bad signature, replay, another gate's or repository's)
    // is at least as alarming as a failed verdict: it gets the incident too.
    if (settings?.createIssue && settings.mode === 'verify' && isTamperSignal(e))
      await openIncident(refusal(settings, message), settings)
  }
}

/** Builds the gate settings and store from the inputs and runs verify or baseline mode. */
export async function runGate(settings: ActionSettings): Promise<GateOutcome> {
  const refused = saveRefusal(settings, true)
  const gs: GateSettings = {
    root: settings.root,
    gate: settings.gate,
    algorithm: settings.algorithm,
    include: settings.include,
    exclude: settings.exclude,
    alwaysExclude: [workDir()],
    policy: { allow: settings.allow, protected: settings.protected, failOn: settings.failOn },
    key: settings.signingKey,
    onMissing: settings.onMissing,
    update: settings.baselineFile ? 'never' : settings.update,
    saveRefusedBecause: refused,
    provenance: {
      commit: process.env.GITHUB_SHA || undefined,
      ref: process.env.GITHUB_REF || undefined,
      repository: process.env.GITHUB_REPOSITORY || undefined,
      runId: process.env.GITHUB_RUN_ID || undefined,
      runAttempt: process.env.GITHUB_RUN_ATTEMPT || undefined,
    },
    source: settings.baselineFile ? 'file' : 'cache',
    explain: settings.explainWithGit ? explainer(settings) : undefined,
    log: actionLog,
    onProgress: (p) =>
      core.info(
        `scanning: ${p.files} files, ${(p.bytes / 1e6).toFixed(1)} MB, ${(p.elapsedMs / 1000).toFixed(0)} s`,
      ),
  }
  const store: BaselineStore = settings.baselineFile
    ? new FileStore(settings.baselineFile)
    : new CacheStore({
        gate: settings.gate,
        os: process.env.RUNNER_OS || os.platform(),
        runId: process.env.GITHUB_RUN_ID || '0',
        runAttempt: process.env.GITHUB_RUN_ATTEMPT || '1',
        tempDir: workDir(),
        ...cacheTimingForTests(),
      })
  if (settings.mode === 'baseline') {
    if (settings.baselineFile) {
      throw new Error(
        'mode: baseline saves to the Actions cache; with baseline-file the new manifest is only written to the manifest-file output. Remove baseline-file or use mode: verify.',
      )
    }
    return snapshot(store, gs)
  }
  return verify(store, gs)
}

/**
 * Why this event may not save baselines (untrusted code), or undefined when it may. `log` says it once per
 * step (the tree gate says it; the actions watch asks again quietly).
 */
function saveRefusal(settings: ActionSettings, log: boolean): string | undefined {
  const ctx = github.context
  const untrusted = untrustedReason({
    eventName: ctx.eventName,
    repository: process.env.GITHUB_REPOSITORY ?? '',
    payload: ctx.payload as Record<string, unknown>,
  })
  if (untrusted && settings.allowUntrustedSave) {
    if (log) {
      core.warning(
        `Saving baselines from an untrusted event because allow-untrusted-save is true: ${untrusted}`,
      )
    }
    return undefined
  }
  if (!untrusted) return undefined
  const refused = `${untrusted} Baselines are never saved from it (see allow-untrusted-save).`
  if (log) info(`Baseline saving is disabled: ${refused}`)
  return refused
}

/**
 * watch-actions: checks (or, in baseline mode, saves) the downloaded actions, publishes their report as the
 * `actions` part of the summary, and folds a failure into the gate's outcome so the `result` output says
 * `violation` exactly when the step fails.
 */
async function checkActions(settings: ActionSettings, outcome: GateOutcome): Promise<void> {
  const actions = await watchActions(settings, {
    store: new CacheStore({
      gate: settings.gate,
      kind: 'actions',
      os: process.env.RUNNER_OS || os.platform(),
      runId: process.env.GITHUB_RUN_ID || '0',
      runAttempt: process.env.GITHUB_RUN_ATTEMPT || '1',
      tempDir: workDir(),
    }),
    saveRefusedBecause: saveRefusal(settings, false),
    log: actionLog,
    provenance: {
      repository: process.env.GITHUB_REPOSITORY || undefined,
      runId: process.env.GITHUB_RUN_ID || undefined,
      runAttempt: process.env.GITHUB_RUN_ATTEMPT || undefined,
    },
  })
  // The actions report has its own files and summary section; the SARIF file stays the tree's.
  for (const failure of publish(actions, { ...settings, sarifFile: undefined }, 'actions').failures)
    core.setFailed(failure)
  if (actions.pass) return
  const verdict = outcome.report.verdict
  outcome.pass = false
  outcome.result = 'violation'
  outcome.report.verdict = {
    ...verdict,
    pass: false,
    result: 'violation',
    reasons: [...verdict.reasons, ...actions.report.verdict.reasons],
  }
}

/** Git triage for the gate: GITHUB_SHA is the commit the tree must hold; the compare API is the fallback. */
function explainer(settings: ActionSettings): GateSettings['explain'] {
  return (changes, baselineCommit) =>
    explainChanges(changes, baselineCommit, {
      root: settings.root,
      algorithm: settings.algorithm,
      head: process.env.GITHUB_SHA || undefined,
      api: {
        url: process.env.GITHUB_API_URL || 'https://api.github.com',
        repository: process.env.GITHUB_REPOSITORY || '',
        token: settings.token,
      },
      log: info,
    })
}

/**
 * Test-only: `INTEGRITY_GATE_CACHE_TIMEOUT_MS` bounds each cache lookup and its retry pause, so tests of a
 * stalled cache service run in seconds instead of the production 30 s per attempt. It can only make the
 * gate give up sooner, and giving up fails closed, so an earlier step that sets it cannot cause a pass.
 */
function cacheTimingForTests(): { lookupTimeoutMs?: number; retryDelayMs?: number } {
  const text = process.env.INTEGRITY_GATE_CACHE_TIMEOUT_MS
  if (text === undefined || text === '') return {}
  if (!/^[0-9]{1,6}$/.test(text) || Number(text) === 0) {
    throw new Error(`Invalid INTEGRITY_GATE_CACHE_TIMEOUT_MS '${text}': expected milliseconds (1-999999).`)
  }
  return { lookupTimeoutMs: Number(text), retryDelayMs: Math.min(Number(text), 2000) }
}
