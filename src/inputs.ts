/**
 * Reads and validates every action input into one settings object. Each error names the input and the
 * expected form, so a typo in a workflow fails the step with a message that says what to fix.
 */
import * as core from '@actions/core'
import * as path from 'node:path'
import { Inputs, MODES, type Mode } from './constants.js'
import { parseAlgorithm } from './engine/digest.js'
import { parseFailOn } from './engine/policy.js'
import { checkProtectedScanned, splitLines, validateGlob } from './engine/globs.js'
import type { Algorithm, FailOn } from './engine/types.js'
import type { OnMissing, UpdateBaseline } from './gate.js'

export interface ActionSettings {
  /** verify | baseline | lessons-learned. */
  mode: Mode
  /** Absolute root to scan. */
  root: string
  /** The workspace, for making annotation paths repository-relative. */
  workspace: string
  include: string[]
  exclude: string[]
  allow: string[]
  protected: string[]
  failOn: FailOn
  algorithm: Algorithm
  /** Gate name: several gates can live in one repository. */
  gate: string
  /** Manifest file used as the baseline instead of the cache (absolute). */
  baselineFile?: string
  onMissing: OnMissing
  update: UpdateBaseline
  /** HMAC key from a secret: sign on save, require on restore. */
  signingKey?: Buffer
  /** Refuse to run without a signing key (a missing secret must not silently mean "unsigned"). */
  requireSigning: boolean
  /** Post step re-hashes the root and compares with this step's scan. */
  watchJob: boolean
  createIssue: boolean
  issueLabels: string[]
  issueAssignees: string[]
  checklist: boolean
  /** Markdown template replacing the built-in IR plan (absolute, inside the workspace). */
  checklistTemplate?: string
  /** Incident issue for lessons-learned mode (else taken from the event). */
  issueNumber?: number
  /** Where to write SARIF 2.1.0 (absolute). */
  sarifFile?: string
  token: string
  /** Opt-in to saving baselines from untrusted events (dangerous: see README). */
  allowUntrustedSave: boolean
  /** Class changes committed/unexplained from git history (when the root is in a checkout). */
  explainWithGit: boolean
  /** Hash the runner's downloaded actions as a second baseline of the gate. */
  watchActions: boolean
  /** The runner's `_actions` folder (absolute): the input, else derived from the runner's environment. */
  actionsPath?: string
}

const GATE_NAME = /^[A-Za-z0-9._-]{1,100}$/

/** Reads all inputs; throws an Error naming the offending input. */
export function getInputs(env: NodeJS.ProcessEnv = process.env): ActionSettings {
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd())
  const mode = choice(Inputs.Mode, 'verify', MODES)
  const root = resolveIn(workspace, core.getInput(Inputs.Path) || '.', Inputs.Path, true)
  const gate = core.getInput(Inputs.BaselineName) || 'default'
  if (!GATE_NAME.test(gate) || gate.startsWith('.')) {
    throw new Error(
      `Invalid ${Inputs.BaselineName} '${gate}'. Expected 1-100 letters, digits, '.', '_' or '-', not starting with '.'.`,
    )
  }
  const key = core.getInput(Inputs.SigningKey)
  const requireSigning = bool(Inputs.RequireSigning, false)
  // A workflow cannot tell "no secret" from "empty secret": `${{ secrets.TYPO }}` and secrets withheld
  // from fork pull requests both arrive as ''. Without this check that turns signing off silently, and a
  // planted unsigned baseline would be accepted.
  if (requireSigning && !key && mode !== 'lessons-learned') {
    throw new Error(
      `${Inputs.RequireSigning} is true but ${Inputs.SigningKey} is empty: check that the secret exists and is passed ` +
        `to this workflow (secrets are not given to workflows run from forks).`,
    )
  }
  // The runner hands a secret over as UTF-8 text, every invalid byte as U+FFFD: binary keys that differ only
  // there would sign alike (a random 32-byte key keeps about half its bytes). Refused, as the CLI does.
  if (key.includes('\uFFFD')) {
    throw new Error(
      `${Inputs.SigningKey} is not valid UTF-8 text: use a text key, e.g. the output of openssl rand -hex 32.`,
    )
  }
  const baselineFile = core.getInput(Inputs.BaselineFile)
  const template = core.getInput(Inputs.ChecklistTemplate)
  const sarif = core.getInput(Inputs.SarifFile)
  const issueNumberText = core.getInput(Inputs.IssueNumber)
  let issueNumber: number | undefined
  if (issueNumberText) {
    if (!/^[1-9][0-9]{0,9}$/.test(issueNumberText)) {
      throw new Error(`Invalid ${Inputs.IssueNumber} '${issueNumberText}'. Expected a positive issue number.`)
    }
    issueNumber = Number(issueNumberText)
  }
  const includeText = core.getInput(Inputs.Include)
  const include = globList(Inputs.Include, includeText)
  const exclude = globList(Inputs.Exclude, core.getInput(Inputs.Exclude))
  const protectedGlobs = globList(Inputs.Protected, core.getInput(Inputs.Protected))
  named(Inputs.Protected, () => checkProtectedScanned(protectedGlobs, exclude))
  return {
    mode,
    root,
    workspace,
    // `**` is the documented default and the same as "no include filter".
    include: include.length === 1 && include[0] === '**' ? [] : include,
    exclude,
    allow: globList(Inputs.Allow, core.getInput(Inputs.Allow)),
    protected: protectedGlobs,
    failOn: named(Inputs.FailOn, () => parseFailOn(core.getInput(Inputs.FailOn) || 'unexpected')),
    algorithm: named(Inputs.Algorithm, () =>
      parseAlgorithm(core.getInput(Inputs.Algorithm) || 'sha256', (m) => core.warning(m)),
    ),
    gate,
    baselineFile: baselineFile ? resolveIn(workspace, baselineFile, Inputs.BaselineFile, false) : undefined,
    onMissing: choice(Inputs.OnMissingBaseline, 'create', ['create', 'fail', 'warn'] as const),
    update: choice(Inputs.UpdateBaseline, 'on-pass', ['on-pass', 'always', 'never'] as const),
    signingKey: key ? Buffer.from(key, 'utf8') : undefined,
    requireSigning,
    watchJob: bool(Inputs.WatchJob, false),
    createIssue: bool(Inputs.CreateIssue, false),
    issueLabels: list(core.getInput(Inputs.IssueLabels) || 'integrity-incident'),
    issueAssignees: list(core.getInput(Inputs.IssueAssignees)).map((a) => a.replace(/^@/, '')),
    checklist: bool(Inputs.Checklist, true),
    checklistTemplate: template ? resolveIn(workspace, template, Inputs.ChecklistTemplate, false) : undefined,
    issueNumber,
    sarifFile: sarif ? resolveIn(workspace, sarif, Inputs.SarifFile, false, true) : undefined,
    token: core.getInput(Inputs.GithubToken),
    allowUntrustedSave: bool(Inputs.AllowUntrustedSave, false),
    explainWithGit: bool(Inputs.ExplainWithGit, true),
    watchActions: bool(Inputs.WatchActions, false),
    actionsPath: actionsPathInput(env),
  }
}

/**
 * The runner's downloaded-actions folder. The runner keeps it at `<work>/_actions` next to `<work>/_temp`
 * (RUNNER_TEMP) and `<work>/<repo>` (RUNNER_WORKSPACE); on GitHub-hosted Linux runners that is
 * /home/runner/work/_actions. An explicit `actions-path` wins (a relative one is taken from the workspace).
 */
function actionsPathInput(env: NodeJS.ProcessEnv): string | undefined {
  const given = core.getInput(Inputs.ActionsPath)
  if (given.includes('\u0000')) throw new Error(`Invalid ${Inputs.ActionsPath}: contains a NUL character.`)
  if (given) return path.resolve(env.GITHUB_WORKSPACE || process.cwd(), given)
  if (env.RUNNER_TEMP) return path.join(path.dirname(path.resolve(env.RUNNER_TEMP)), '_actions')
  if (env.RUNNER_WORKSPACE) return path.join(path.dirname(path.resolve(env.RUNNER_WORKSPACE)), '_actions')
  return undefined
}

function choice<T extends string>(name: string, fallback: T, valid: readonly T[]): T {
  const value = core.getInput(name) || fallback
  if ((valid as readonly string[]).includes(value)) return value as T
  throw new Error(`Invalid ${name} '${value}'. Expected one of: ${valid.join(', ')}.`)
}

function bool(name: string, fallback: boolean): boolean {
  const value = core.getInput(name).trim().toLowerCase()
  if (value === '') return fallback
  if (value === 'true') return true
  if (value === 'false') return false
  throw new Error(`Invalid ${name} '${value}'. Expected true or false.`)
}

function named<T>(name: string, fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    throw new Error(`Invalid ${name}: ${(e as Error).message}`)
  }
}

function globList(name: string, text: string): string[] {
  const globs = splitLines(text)
  for (const g of globs) named(name, () => validateGlob(g))
  return globs
}

/** Labels and assignees: comma- or newline-separated. */
function list(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}

/**
 * Resolves a path input against the workspace. The scan root may be absolute anywhere (documented);
 * files the action reads or writes on the user's behalf must stay inside the workspace or RUNNER_TEMP.
 */
function resolveIn(
  workspace: string,
  value: string,
  name: string,
  allowOutside: boolean,
  output = false,
): string {
  if (value.includes('\u0000')) throw new Error(`Invalid ${name}: contains a NUL character.`)
  const abs = path.resolve(workspace, value)
  if (allowOutside) return abs
  const temp = process.env.RUNNER_TEMP ? path.resolve(process.env.RUNNER_TEMP) : undefined
  const inside = (base: string) => abs === base || abs.startsWith(base + path.sep)
  if (inside(workspace) || (output && temp && inside(temp))) return abs
  throw new Error(`Invalid ${name} '${value}'. Expected a path inside the workspace ${workspace}.`)
}
