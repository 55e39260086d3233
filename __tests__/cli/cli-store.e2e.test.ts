/**
 * The CLI's own files under hostile or failing conditions (from a review of the local store): a full disk
 * never replaces a good baseline, a planted FIFO or device never hangs it, reports go where they point,
 * the gate's own files are never scanned, and a closed stdout is a one-line runtime error.
 */
import { afterEach, beforeEach, expect, it } from '@jest/globals'
import { spawn, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { CLI_ENTRY, runCli } from '../../test-support/cli-runner.js'
import { unreadableManifests } from '../../test-support/hostile-tree.js'

let work: string
let tree: string
const ig = (args: string[], env: Record<string, string> = {}) => runCli(work, args, env)
const store = () => path.join(work, 'store')
const baseline = () => path.join(store(), 'default.manifest.json.gz')

/** Runs the CLI under `sh` with a shell prelude; arguments go in as "$@", never into the script text. */
function viaShell(prelude: string, args: string[]) {
  const r = spawnSync('sh', ['-c', `${prelude}; exec "$0" "$@"`, process.execPath, CLI_ENTRY, ...args], {
    cwd: work,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-store-'))
  tree = path.join(work, 'tree')
  fs.mkdirSync(tree)
  for (let i = 0; i < 3000; i++) fs.writeFileSync(path.join(tree, `f${i}.txt`), `${i}\n`)
})
afterEach(() => fs.rmSync(work, { recursive: true, force: true }))

it('a short write (file size limit, like a full disk) fails the save and keeps the previous baseline', () => {
  expect(ig(['snapshot', tree, '--store', store(), '--quiet']).code).toBe(0)
  const before = fs.readFileSync(baseline())
  expect(before.length).toBeGreaterThan(64 * 1024)
  fs.writeFileSync(path.join(tree, 'new.txt'), 'x\n')
  // 64 blocks: well under the manifest's size.
  const r = viaShell('ulimit -f 64', ['snapshot', tree, '--store', store(), '--quiet'])
  expect(r.code).toBe(2)
  expect(r.stderr).toMatch(/EFBIG|file too large/i)
  expect(fs.readFileSync(baseline()).equals(before)).toBe(true)
  expect(fs.readdirSync(store())).toEqual(['default.manifest.json.gz'])
})

it('a FIFO or a link to a device as the baseline is refused at once, never read', () => {
  fs.mkdirSync(store())
  expect(spawnSync('mkfifo', [baseline()]).status).toBe(0)
  const fifo = ig(['verify', tree, '--store', store(), '--quiet'])
  expect(fifo.code).toBe(2)
  expect(fifo.stderr).toContain('not a regular file')
  fs.rmSync(baseline())
  fs.symlinkSync('/dev/zero', baseline())
  const zero = ig(['verify', tree, '--store', store(), '--quiet'])
  expect(zero.code).toBe(2)
  expect(zero.stderr).toContain('not a regular file')
})

it('diff refuses a FIFO, a link to a device and an oversized file at once, naming the file', () => {
  expect(ig(['snapshot', tree, '--store', store(), '--quiet']).code).toBe(0)
  const { fifo, zero, huge } = unreadableManifests(work)
  for (const [bad, why] of [
    [fifo, 'not a regular file'],
    [zero, 'not a regular file'],
    [huge, '268435457 bytes, over the 268435456-byte cap'],
  ]) {
    const r = ig(['diff', bad, baseline()])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`Cannot read manifest ${bad}: ${why}`)
  }
})

it('a signing key that is not UTF-8 text is refused (invalid bytes would all read as U+FFFD)', () => {
  const r = viaShell('INTEGRITY_GATE_KEY=$(printf "\\377\\376k"); export INTEGRITY_GATE_KEY', [
    'snapshot',
    tree,
  ])
  expect(r.code).toBe(2)
  expect(r.stderr).toMatch(/INTEGRITY_GATE_KEY is not valid UTF-8 text/)
})

it('a store folder named ..store and a report file inside the tree are never scanned', () => {
  const args = ['verify', '.', '--store', '..store', '--report', 'report.json', '--quiet']
  const run = () => runCli(tree, args)
  expect(run().code).toBe(0)
  const second = run()
  expect(second.code).toBe(0)
  expect(JSON.parse(fs.readFileSync(path.join(tree, 'report.json'), 'utf8')).result).toBe('clean')
})

it('a symlink planted at a --report path inside the tree is reported and replaced, never written through', () => {
  const victim = path.join(work, 'victim.txt')
  fs.writeFileSync(victim, 'precious\n')
  const args = ['verify', '.', '--store', store(), '--report', 'report.json', '--quiet']
  expect(runCli(tree, args).code).toBe(0)
  fs.rmSync(path.join(tree, 'report.json'))
  fs.symlinkSync('../victim.txt', path.join(tree, 'report.json'))
  const r = runCli(tree, [...args, '--json'])
  expect(r.code).toBe(1)
  expect(JSON.parse(r.stdout).changes.map((c: { path: string }) => c.path)).toEqual(['report.json'])
  expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n')
  expect(fs.lstatSync(path.join(tree, 'report.json')).isFile()).toBe(true)
})

it('--report outside the tree writes through a symlink instead of replacing it', () => {
  fs.mkdirSync(path.join(work, 'artifacts'))
  fs.symlinkSync(path.join(work, 'artifacts', 'report.json'), path.join(work, 'report.json'))
  expect(ig(['verify', tree, '--store', store(), '--report', 'report.json', '--quiet']).code).toBe(0)
  expect(fs.lstatSync(path.join(work, 'report.json')).isSymbolicLink()).toBe(true)
  expect(
    JSON.parse(fs.readFileSync(path.join(work, 'artifacts', 'report.json'), 'utf8')).format,
  ).toBeDefined()
})

it('a reader that closes stdout early (`| head -1`) ends the run with exit 2, no stack trace', async () => {
  const child = spawn(process.execPath, [CLI_ENTRY, 'export', tree, '--quiet'], { cwd: work })
  let stderr = ''
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
  child.stdout.once('data', () => child.stdout.destroy())
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))
  expect(code).toBe(2)
  expect(stderr).not.toMatch(/\n\s+at /)
})
