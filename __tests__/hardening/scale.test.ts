/**
 * Scale: dist/index.js on a 100,000-file tree that is entirely new against its baseline (100,000+ changes),
 * with an incident issue. Peak memory of the child is measured from /proc/<pid>/status (VmHWM); the summary,
 * issue body, annotations and outputs must stay within GitHub's limits while the report file keeps every change.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DIST_ENTRY, parseCommands, parseFileCommand } from '../../test-support/action-runner.js'
import { DEFAULT_TOKEN, startGitHubApi, type GitHubApi } from '../../test-support/github-api.js'
import { makeWideTree } from '../../test-support/hostile-tree.js'

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli/index.js')
const FILES = 100_000
const MiB = 1024 * 1024

let gh: GitHubApi
let top: string
let ws: string
let result: { code: number | null; stdout: string; peakKiB: number; files: Record<string, string> }

beforeAll(async () => {
  gh = await startGitHubApi({ repos: ['octo-org/octo-repo'] })
  top = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-scale-'))
  ws = path.join(top, 'ws')
  fs.mkdirSync(ws)
  fs.writeFileSync(path.join(ws, 'keep.txt'), 'keep\n')
  const snap = spawnSync(
    process.execPath,
    [cli, 'snapshot', ws, '--store', path.join(ws, '.baseline'), '--exclude', '.baseline/**', '--quiet'],
    { encoding: 'utf8' },
  )
  expect(snap.status).toBe(0)
  makeWideTree(path.join(ws, 'many'), FILES)
  result = await runMain({
    'baseline-file': '.baseline/default.manifest.json.gz',
    exclude: '.baseline/**',
    'create-issue': 'true',
    checklist: 'false',
    'github-token': DEFAULT_TOKEN,
  })
  process.stderr.write(`scale: ${FILES} added files, peak RSS of dist/index.js ${result.peakKiB} KiB\n`)
}, 170_000)

afterAll(async () => {
  if (top) fs.rmSync(top, { recursive: true, force: true })
  await gh?.stop()
})

describe(`a run with ${FILES.toLocaleString('en')} changes`, () => {
  it('fails with exact counts in the outputs and every change in the report file', () => {
    expect(result.code).toBe(1)
    const outputs = parseFileCommand(result.files.output)
    expect(outputs.result).toBe('violation')
    // 100,000 files plus the 100 directories that hold them, plus `many` itself.
    expect(outputs.added).toBe(String(FILES + FILES / 1000 + 1))
    expect(outputs.changes).toBe(outputs.added)
    const report = JSON.parse(fs.readFileSync(outputs['report-file'], 'utf8'))
    expect(report.changes).toHaveLength(FILES + FILES / 1000 + 1)
  })

  it('keeps peak memory bounded (VmHWM of the child)', () => {
    expect(result.peakKiB).toBeGreaterThan(0)
    expect(result.peakKiB).toBeLessThan(1024 * 1024)
  })

  it('writes a job summary under 1 MiB that says how many changes it left out', () => {
    expect(Buffer.byteLength(result.files.summary)).toBeLessThanOrEqual(MiB)
    expect(result.files.summary).toMatch(/more|omitted|not shown/i)
  })

  it('caps annotations at 50 plus one summary line', () => {
    const annotations = parseCommands(result.stdout).filter((c) =>
      ['error', 'warning', 'notice'].includes(c.command),
    )
    expect(annotations.filter((a) => a.props.file !== undefined).length).toBeLessThanOrEqual(50)
    expect(annotations.length).toBeLessThanOrEqual(53)
  })

  it('opens one incident issue whose body fits GitHub’s 65,536-character limit', () => {
    const issues = gh.state.issues('octo-org/octo-repo')
    expect(issues).toHaveLength(1)
    expect((issues[0].body ?? '').length).toBeLessThanOrEqual(65_536)
    expect(gh.violations).toEqual([])
  })
})

/** Runs dist/index.js as a runner would, polling the child's VmHWM until it exits. */
async function runMain(inputs: Record<string, string>): Promise<typeof result> {
  const temp = path.join(top, 'temp')
  fs.mkdirSync(temp)
  const files = { output: '', state: '', summary: '' }
  const paths = Object.fromEntries(Object.keys(files).map((k) => [k, path.join(top, k)]))
  for (const p of Object.values(paths)) fs.writeFileSync(p, '')
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_TEMP: temp,
    GITHUB_WORKSPACE: ws,
    GITHUB_REPOSITORY: 'octo-org/octo-repo',
    GITHUB_REPOSITORY_OWNER: 'octo-org',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'integrity',
    GITHUB_JOB: 'gate',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: gh.url,
    INTEGRITY_GATE_RETRY_DELAY_MS: '1',
    GITHUB_OUTPUT: paths.output,
    GITHUB_STATE: paths.state,
    GITHUB_STEP_SUMMARY: paths.summary,
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  const child = spawn(process.execPath, [DIST_ENTRY], { env, cwd: ws, stdio: ['ignore', 'pipe', 'inherit'] })
  let stdout = ''
  child.stdout.on('data', (d) => (stdout += d))
  let peakKiB = 0
  const poll = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))
      if (m) peakKiB = Math.max(peakKiB, Number(m[1]))
    } catch {
      // The child has exited between polls.
    }
  }, 25)
  const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)))
  clearInterval(poll)
  for (const k of Object.keys(files) as (keyof typeof files)[]) files[k] = fs.readFileSync(paths[k], 'utf8')
  return { code, stdout, peakKiB, files }
}
