/**
 * What the bundled action publishes, against GitHub's limits, through dist/index.js with a baseline file
 * (no cache service needed): the failure message survives GitHub's 10-annotations-per-level cap, a SARIF
 * file that cannot be written loses nothing else, SARIF locations are repository-relative, and the post
 * step leaves the main step's SARIF alone.
 */
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { createJob, type Job, type StepResult } from '../../test-support/action-runner.js'

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli/index.js')
let job: Job
const sub = () => path.join(job.workspace, 'sub')

beforeAll(async () => {
  job = createJob({})
  fs.mkdirSync(sub())
  fs.writeFileSync(path.join(sub(), 'app.js'), 'ok\n')
  fs.writeFileSync(path.join(job.workspace, 'app.js'), 'unrelated\n')
  // The baseline file of the runs below: a CLI snapshot of sub/ (outside the scanned folder).
  const snap = spawnSync(
    process.execPath,
    [CLI, 'snapshot', sub(), '--store', path.join(job.workspace, '.baseline')],
    {
      encoding: 'utf8',
    },
  )
  expect(snap.status).toBe(0)
}, 60_000)

afterAll(() => job?.cleanup())

const errors = (r: StepResult) => r.commands.filter((c) => c.command === 'error')
const inputs = (extra: Record<string, string> = {}) => ({
  path: 'sub',
  'baseline-file': '.baseline/default.manifest.json.gz',
  ...extra,
})

it('with many failing changes, the failure reason is among the 10 error annotations GitHub shows', async () => {
  const added = Array.from({ length: 12 }, (_, i) => path.join(sub(), `new-${i}.js`))
  for (const f of added) fs.writeFileSync(f, 'x\n')
  try {
    const r = await job.main(inputs())
    expect(r.exitCode).toBe(1)
    const shown = errors(r)
      .slice(0, 10)
      .map((c) => c.message)
    expect(shown.filter((m) => /^added: /.test(m))).toHaveLength(8)
    expect(shown).toContain(
      '4 more changed paths are not annotated (GitHub shows 10 annotations of each level per step); see the job summary and the report file.',
    )
    expect(shown.some((m) => /12 unexpected changes/.test(m))).toBe(true)
  } finally {
    for (const f of added) fs.rmSync(f)
  }
})

it('a sarif-file that cannot be written fails the step but loses neither the verdict, the outputs nor the summary', async () => {
  const dir = path.join(job.workspace, 'reports', 'integrity.sarif')
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(sub(), 'app.js'), 'tampered\n')
  try {
    const r = await job.main(inputs({ 'sarif-file': 'reports/integrity.sarif' }))
    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('violation')
    expect(r.summary).toContain('app.js')
    const messages = errors(r).map((c) => c.message)
    expect(messages.some((m) => /1 unexpected change/.test(m))).toBe(true)
    expect(
      messages.some((m) => m.startsWith('Cannot write sarif-file ') && m.includes('reports/integrity.sarif')),
    ).toBe(true)
  } finally {
    fs.rmSync(path.join(job.workspace, 'reports'), { recursive: true })
    fs.writeFileSync(path.join(sub(), 'app.js'), 'ok\n')
  }
})

it('a report that cannot be written still leaves a failed verdict’s outputs (never a lost detection)', async () => {
  fs.mkdirSync(path.join(job.temp), { recursive: true })
  const blocker = path.join(job.temp, 'integrity-gate')
  fs.rmSync(blocker, { recursive: true, force: true })
  fs.writeFileSync(blocker, 'a file where the folder should be\n')
  fs.writeFileSync(path.join(sub(), 'app.js'), 'tampered\n')
  try {
    const r = await job.main(inputs())
    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('violation')
    expect(r.outputs.modified).toBe('1')
    expect(r.outputs['report-file']).toBeUndefined()
    expect(errors(r).some((c) => c.message.startsWith('Cannot write the report under '))).toBe(true)
  } finally {
    fs.rmSync(blocker)
    fs.writeFileSync(path.join(sub(), 'app.js'), 'ok\n')
  }
})

it('SARIF locations are repository-relative; the post step does not overwrite the main step’s SARIF', async () => {
  const sarifFile = path.join(job.temp, 'gate.sarif')
  fs.writeFileSync(path.join(sub(), 'app.js'), 'tampered\n')
  try {
    const opts = inputs({ 'sarif-file': sarifFile, 'watch-job': 'true' })
    const r = await job.main(opts)
    expect(r.exitCode).toBe(1)
    const uris = () =>
      (
        JSON.parse(fs.readFileSync(sarifFile, 'utf8')) as {
          runs: Array<{
            results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>
          }>
        }
      ).runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri)
    // The workspace's own app.js is another file: the alert must land on sub/app.js.
    expect(uris()).toEqual(['sub/app.js'])
    fs.writeFileSync(path.join(sub(), 'later.js'), 'written during the job\n')
    const post = await job.post(opts)
    expect(post.exitCode).toBe(1)
    expect(uris()).toEqual(['sub/app.js'])
  } finally {
    fs.writeFileSync(path.join(sub(), 'app.js'), 'ok\n')
    fs.rmSync(path.join(sub(), 'later.js'), { force: true })
  }
})

it('watch-actions that cannot run does not hide a failed tree verdict: outputs, summary and reason still go out', async () => {
  fs.writeFileSync(path.join(sub(), 'app.js'), 'tampered\n')
  try {
    // A step earlier in the job removed the runner's actions folder (or it is elsewhere on this runner).
    const r = await job.main(
      inputs({ 'watch-actions': 'true', 'actions-path': path.join(job.temp, 'no-such-actions') }),
    )
    expect(r.exitCode).toBe(1)
    expect(r.outputs.result).toBe('violation')
    expect(r.outputs.modified).toBe('1')
    expect(r.summary).toContain('app.js')
    // One failure message with both reasons (the incident's reasons too).
    const messages = errors(r).map((c) => c.message)
    expect(
      messages.some(
        (m) => /1 unexpected change/.test(m) && m.includes('watch-actions: no downloaded actions at '),
      ),
    ).toBe(true)
  } finally {
    fs.writeFileSync(path.join(sub(), 'app.js'), 'ok\n')
  }
})
