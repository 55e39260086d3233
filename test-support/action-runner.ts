/**
 * Runs dist/index.js the way a GitHub runner does: a child process with INPUT_* variables, the
 * GITHUB_* files, RUNNER_TEMP, and STATE_* from the main step's state file for the post step.
 */
import { spawn } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
export const DIST_ENTRY = path.resolve(here, '..', 'dist', 'index.js')
/** The post step's entry (action.yml `runs.post`). */
export const DIST_POST_ENTRY = path.resolve(here, '..', 'dist', 'post.js')

export interface StepResult {
  exitCode: number
  stdout: string
  stderr: string
  outputs: Record<string, string>
  state: Record<string, string>
  summary: string
  /** Workflow commands parsed from stdout (`::error file=x,title=y::message`). */
  commands: { command: string; props: Record<string, string>; message: string }[]
}

export interface Job {
  /** A runner-like sandbox: workspace, RUNNER_TEMP, files. */
  workspace: string
  temp: string
  /** Runs the main step with these inputs (names as in action.yml) and extra env. */
  main(inputs: Record<string, string>, env?: Record<string, string>): Promise<StepResult>
  /** Runs the post step with the state the last main step saved. */
  post(inputs: Record<string, string>, env?: Record<string, string>): Promise<StepResult>
  cleanup(): void
}

/** Creates a fresh job sandbox (its own workspace and RUNNER_TEMP). */
export function createJob(opts: { baseEnv?: Record<string, string>; workspace?: string } = {}): Job {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-job-'))
  const workspace = opts.workspace ?? path.join(top, 'workspace')
  const temp = path.join(top, 'runner-temp')
  fs.mkdirSync(workspace, { recursive: true })
  fs.mkdirSync(temp, { recursive: true })
  let lastState: Record<string, string> = {}
  let step = 0

  const runStep = async (
    inputs: Record<string, string>,
    env: Record<string, string>,
    state: Record<string, string>,
    entry = DIST_ENTRY,
  ): Promise<StepResult> => {
    step++
    const files = {
      GITHUB_OUTPUT: path.join(top, `output-${step}`),
      GITHUB_STATE: path.join(top, `state-${step}`),
      GITHUB_STEP_SUMMARY: path.join(top, `summary-${step}`),
      GITHUB_ENV: path.join(top, `env-${step}`),
      GITHUB_PATH: path.join(top, `path-${step}`),
    }
    for (const f of Object.values(files)) fs.writeFileSync(f, '')
    const childEnv: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? top,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      RUNNER_OS: 'Linux',
      RUNNER_TEMP: temp,
      GITHUB_WORKSPACE: workspace,
      GITHUB_REPOSITORY: 'octo-org/octo-repo',
      GITHUB_REPOSITORY_OWNER: 'octo-org',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main',
      GITHUB_EVENT_NAME: 'push',
      GITHUB_RUN_ID: '1000',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_WORKFLOW: 'integrity',
      GITHUB_JOB: 'gate',
      GITHUB_ACTOR: 'octocat',
      GITHUB_SERVER_URL: 'https://github.com',
      ...files,
      ...opts.baseEnv,
      ...env,
    }
    for (const [k, v] of Object.entries(inputs)) childEnv[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v
    for (const [k, v] of Object.entries(state)) childEnv[`STATE_${k}`] = v
    const { exitCode, stdout, stderr } = await runNode(entry, childEnv, workspace)
    const result: StepResult = {
      exitCode,
      stdout,
      stderr,
      outputs: parseFileCommand(fs.readFileSync(files.GITHUB_OUTPUT, 'utf8')),
      state: parseFileCommand(fs.readFileSync(files.GITHUB_STATE, 'utf8')),
      summary: fs.readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
      commands: parseCommands(stdout),
    }
    return result
  }

  return {
    workspace,
    temp,
    async main(inputs, env = {}) {
      const r = await runStep(inputs, env, {})
      lastState = r.state
      return r
    },
    async post(inputs, env = {}) {
      return runStep(inputs, env, lastState, DIST_POST_ENTRY)
    },
    cleanup() {
      fs.rmSync(top, { recursive: true, force: true })
    },
  }
}

function runNode(
  entry: string,
  env: Record<string, string>,
  cwd: string,
): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // process.execPath: the Node 24 that runs the tests (npm scripts put node@24 first on PATH).
    const child = spawn(process.execPath, [entry], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ exitCode: code ?? -1, stdout, stderr })
    })
  })
}

/** Parses GITHUB_OUTPUT / GITHUB_STATE files (`name<<delim` heredocs, or `name=value`). */
export function parseFileCommand(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name, delim] = heredoc
      const value: string[] = []
      i++
      while (i < lines.length && lines[i] !== delim) value.push(lines[i++])
      out[name] = value.join('\n')
    } else if (line.includes('=')) {
      const at = line.indexOf('=')
      out[line.slice(0, at)] = line.slice(at + 1)
    }
  }
  return out
}

const unescapeData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
const unescapeProp = (s: string) => unescapeData(s).replace(/%3A/g, ':').replace(/%2C/g, ',')

/** Parses `::command key=value,...::message` lines the way the runner does. */
export function parseCommands(stdout: string): StepResult['commands'] {
  const out: StepResult['commands'] = []
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::([A-Za-z-]+)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!m) continue
    const props: Record<string, string> = {}
    for (const kv of (m[2] ?? '').split(',').filter(Boolean)) {
      const at = kv.indexOf('=')
      props[kv.slice(0, at)] = unescapeProp(kv.slice(at + 1))
    }
    out.push({ command: m[1], props, message: unescapeData(m[3]) })
  }
  return out
}
