/**
 * The state handed from the main step to the post step, through the bundled action: what a step earlier
 * in the job can set (any environment variable but NODE_OPTIONS, GITHUB_* and RUNNER_* through
 * $GITHUB_ENV, including STATE_* names, which the runner only overrides for keys the main step saved)
 * and what the runner re-evaluates for the post step (its inputs, with the job's env context at the
 * job's end) must not decide the verdict.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createJob, type Job } from '../../test-support/action-runner.js'

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli/index.js')
let job: Job
const app = () => path.join(job.workspace, 'sub', 'app.js')

beforeAll(() => {
  job = createJob({})
  fs.mkdirSync(path.join(job.workspace, 'sub'))
  fs.writeFileSync(app(), 'ok\n')
  const snap = spawnSync(
    process.execPath,
    [CLI, 'snapshot', path.join(job.workspace, 'sub'), '--store', path.join(job.workspace, '.baseline')],
    { encoding: 'utf8' },
  )
  expect(snap.status).toBe(0)
}, 60_000)

afterAll(() => job?.cleanup())

const inputs = (extra: Record<string, string> = {}) => ({
  path: 'sub',
  'baseline-file': '.baseline/default.manifest.json.gz',
  ...extra,
})

it('a STATE_isPost planted through $GITHUB_ENV by an earlier step does not turn the main step into a no-op', async () => {
  fs.writeFileSync(app(), 'tampered before the gate\n')
  try {
    // What the runner gives the gate's main step after an earlier step ran
    // `echo STATE_isPost=true >> "$GITHUB_ENV"`: the main step has no intra-action state of its own yet.
    const r = await job.main(inputs(), { STATE_isPost: 'true' })
    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('violation')
  } finally {
    fs.writeFileSync(app(), 'ok\n')
  }
})

it('the post step judges with the policy the main step saved, not with inputs re-evaluated at the job’s end', async () => {
  // `fail-on: ${{ env.GATE_FAIL_ON }}`: the runner evaluates a post step's inputs again, after the job's
  // steps could rewrite env through $GITHUB_ENV. The main step ran with fail-on: unexpected.
  const main = await job.main(inputs({ 'watch-job': 'true' }))
  expect(main.exitCode).toBe(0)
  fs.writeFileSync(app(), 'tampered during the job\n')
  try {
    const post = await job.post(inputs({ 'watch-job': 'true', 'fail-on': 'never', allow: '**' }))
    expect(post.exitCode).toBe(1)
    expect(post.stdout).toMatch(/watch-job: files changed during the job/)
  } finally {
    fs.writeFileSync(app(), 'ok\n')
  }
})

it('two steps of the same gate in one job: the second does not make the first one’s post step cry tampering', async () => {
  const first = await job.main(inputs({ 'watch-job': 'true' }))
  expect(first.exitCode).toBe(0)
  // A second step of the same gate later in the job (here: the same check again before a deployment).
  const second = await job.main(inputs())
  expect(second.exitCode).toBe(0)
  // Each step's outputs name its own files.
  expect(first.outputs['manifest-file']).not.toBe(second.outputs['manifest-file'])
  expect(first.outputs['report-file']).not.toBe(second.outputs['report-file'])
  // The first step's post step, with the state the first main step saved: nothing changed in the tree.
  const post = await job.post(inputs({ 'watch-job': 'true' }), {
    STATE_watchSettings: first.state.watchSettings,
  })
  expect(post.stdout).not.toMatch(/tampered with it/)
  expect(post.exitCode).toBe(0)
})

it('a sarif-file in a new folder inside the scanned root is not a change made during the job; what lands beside it is', async () => {
  const opts = inputs({ 'watch-job': 'true', 'sarif-file': 'sub/reports/gate.sarif' })
  try {
    const main = await job.main(opts)
    expect(main.exitCode).toBe(0)
    expect(fs.existsSync(path.join(job.workspace, 'sub', 'reports', 'gate.sarif'))).toBe(true)
    const quiet = await job.post(opts)
    expect(quiet.exitCode).toBe(0)
    expect(quiet.stdout).toMatch(/watch-job: nothing in the tree changed during the job/)
    // The folder is the action's; a file a step drops into it is not.
    fs.writeFileSync(path.join(job.workspace, 'sub', 'reports', 'payload.js'), 'evil()\n')
    const caught = await job.post(opts)
    expect(caught.exitCode).toBe(1)
    expect(
      caught.commands.some((c) => c.command === 'error' && c.props.file === 'sub/reports/payload.js'),
    ).toBe(true)
  } finally {
    fs.rmSync(path.join(job.workspace, 'sub', 'reports'), { recursive: true, force: true })
  }
})
