/**
 * The CLI as users run it: dist/cli/index.js in a child process, real temp trees, exit codes, stdout
 * JSON and stderr messages. (`npm test` rebuilds dist/ first.)
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { CLI_ENTRY, runCli } from '../../test-support/cli-runner.js'

const cli = CLI_ENTRY

let dir: string
let work: string

function ig(args: string[], env: Record<string, string> = {}) {
  return runCli(work, args, env)
}

function json(args: string[], env: Record<string, string> = {}) {
  const r = ig([...args, '--json'], env)
  return { ...r, report: JSON.parse(r.stdout) }
}

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-cli-'))
  dir = path.join(work, 'tree')
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true })
  fs.writeFileSync(path.join(dir, 'src', 'app.js'), 'console.log(1)\n')
  fs.writeFileSync(path.join(dir, 'README.md'), '# hi\n')
  fs.writeFileSync(path.join(dir, 'build.sh'), '#!/bin/sh\n')
  fs.chmodSync(path.join(dir, 'build.sh'), 0o755)
})
afterEach(() => fs.rmSync(work, { recursive: true, force: true }))

describe('integrity-gate CLI', () => {
  it('creates the baseline on first verify, then passes clean', () => {
    const first = ig(['verify', dir])
    expect(first.code).toBe(0)
    expect(first.stderr).toMatch(/created/i)
    expect(fs.existsSync(path.join(dir, '.integrity-gate'))).toBe(true)

    const second = json(['verify', dir])
    expect(second.code).toBe(0)
    expect(second.report.result).toBe('clean')
    // The store folder itself is never part of the scan: 3 files and the src/ folder.
    expect(second.report.scan).toMatchObject({ files: 3, dirs: 1 })
    expect(second.report.counts.unchanged).toBe(4)
  })

  it('fails with exit 1 on a modified file and names it', () => {
    expect(ig(['snapshot', dir]).code).toBe(0)
    fs.appendFileSync(path.join(dir, 'src', 'app.js'), 'evil()\n')
    fs.chmodSync(path.join(dir, 'README.md'), 0o777)
    const r = json(['verify', dir])
    expect(r.code).toBe(1)
    expect(r.report.result).toBe('violation')
    const byPath = Object.fromEntries(
      r.report.changes.map((c: { path: string; kinds: string[] }) => [c.path, c.kinds]),
    )
    expect(byPath['src/app.js']).toContain('modified')
    expect(byPath['README.md']).toContain('mode')

    const text = ig(['verify', dir])
    expect(text.code).toBe(1)
    expect(text.stdout).toContain('src/app.js')
  })

  it('passes allowed changes with result changed, and reports moves', () => {
    expect(ig(['snapshot', dir]).code).toBe(0)
    fs.writeFileSync(path.join(dir, 'README.md'), '# changed\n')
    const allowed = json(['verify', dir, '--allow', '*.md'])
    expect(allowed.code).toBe(0)
    expect(allowed.report.result).toBe('changed')

    fs.mkdirSync(path.join(dir, 'lib'))
    fs.renameSync(path.join(dir, 'src', 'app.js'), path.join(dir, 'lib', 'app.js'))
    const moved = json(['verify', dir, '--allow', '*.md'])
    expect(moved.code).toBe(1)
    const move = moved.report.changes.find((c: { kinds: string[] }) => c.kinds.includes('moved'))
    expect(move).toMatchObject({ path: 'lib/app.js', from: 'src/app.js' })
  })

  it('honours fail-on critical and protected globs', () => {
    expect(ig(['snapshot', dir]).code).toBe(0)
    fs.writeFileSync(path.join(dir, 'README.md'), 'x')
    expect(ig(['verify', dir, '--fail-on', 'critical', '--protected', 'src/**']).code).toBe(0)
    fs.writeFileSync(path.join(dir, 'src', 'app.js'), 'x')
    const r = json(['verify', dir, '--fail-on', 'critical', '--protected', 'src/**'])
    expect(r.code).toBe(1)
    expect(r.report.counts.critical).toBe(1)
  })

  it('fails a first verify with --on-missing fail', () => {
    const r = ig(['verify', dir, '--on-missing', 'fail'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/No baseline/)
  })

  it('exits 2 with a clear message for usage errors', () => {
    const unknown = ig(['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/Unknown command 'frobnicate'/)
    const algo = ig(['verify', dir, '--algorithm', 'crc32'])
    expect(algo.code).toBe(2)
    expect(algo.stderr).toMatch(/--algorithm.*sha256/)
    const notDir = ig(['verify', path.join(dir, 'README.md')])
    expect(notDir.code).toBe(2)
    expect(notDir.stderr).toMatch(/not a directory/)
    expect(ig(['--help']).stdout).toMatch(/Usage: integrity-gate/)
  })

  it('exits 2 for glob lists that would match more or less than they say, before scanning', () => {
    const negated = ig(['verify', dir, '--allow', 'dist/**', '--allow', '!dist/secret.js'])
    expect(negated.code).toBe(2)
    expect(negated.stderr).toMatch(/--allow: Invalid glob '!dist\/secret.js': negation/)
    const slash = ig(['verify', dir, '--include', 'src/'])
    expect(slash.code).toBe(2)
    expect(slash.stderr).toMatch(/--include: .*write 'src\/\*\*'/)
    const hidden = ig(['verify', dir, '--exclude', 'docs/**', '--protected', 'docs/SECURITY.md'])
    expect(hidden.code).toBe(2)
    expect(hidden.stderr).toMatch(/--protected: Protected glob 'docs\/SECURITY.md' .* 'docs' is excluded/)
  })

  it('warns that md5 is collision-broken', () => {
    const r = ig(['snapshot', dir, '--algorithm', 'md5'])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/md5.*collision/i)
  })

  it('exports a listing that sha256sum -c verifies', () => {
    const r = spawnSync(process.execPath, [cli, 'export', dir], { encoding: 'buffer' })
    expect(r.status).toBe(0)
    const listing = path.join(work, 'SHA256SUMS')
    fs.writeFileSync(listing, r.stdout)
    expect(r.stdout.toString()).toContain('  src/app.js\n')
    const ok = spawnSync('sha256sum', ['-c', '--strict', listing], { cwd: dir, encoding: 'utf8' })
    expect(ok.status).toBe(0)
    fs.writeFileSync(path.join(dir, 'src', 'app.js'), 'changed')
    expect(spawnSync('sha256sum', ['-c', listing], { cwd: dir }).status).toBe(1)
  })

  it('diffs two manifests: exit 1 when they differ beyond the policy, 0 when not', () => {
    const a = path.join(work, 'a-store')
    const b = path.join(work, 'b-store')
    expect(ig(['snapshot', dir, '--store', a]).code).toBe(0)
    fs.writeFileSync(path.join(dir, 'new.txt'), 'new')
    expect(ig(['snapshot', dir, '--store', b]).code).toBe(0)
    const fa = path.join(a, 'default.manifest.json.gz')
    const fb = path.join(b, 'default.manifest.json.gz')
    const r = json(['diff', fa, fb])
    expect(r.code).toBe(1)
    expect(r.report.changes.map((c: { path: string }) => c.path)).toEqual(['new.txt'])
    expect(ig(['diff', fa, fa]).code).toBe(0)
    expect(ig(['diff', fa, fb, '--allow', 'new.txt']).code).toBe(0)
    const missing = ig(['diff', fa, path.join(work, 'nope.gz')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/Cannot read manifest/)
  })

  it('signs with INTEGRITY_GATE_KEY and refuses a baseline read without or with another key', () => {
    expect(ig(['snapshot', dir], { INTEGRITY_GATE_KEY: 'k1' }).code).toBe(0)
    expect(ig(['verify', dir], { INTEGRITY_GATE_KEY: 'k1' }).code).toBe(0)
    const noKey = ig(['verify', dir])
    expect(noKey.code).toBe(2)
    expect(noKey.stderr).toMatch(/signed/i)
    const wrong = ig(['verify', dir], { INTEGRITY_GATE_KEY: 'k2' })
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toMatch(/signature/i)
  })

  it('refuses a corrupt baseline instead of treating it as empty', () => {
    expect(ig(['snapshot', dir]).code).toBe(0)
    const file = path.join(dir, '.integrity-gate', 'default.manifest.json.gz')
    const bytes = fs.readFileSync(file)
    fs.writeFileSync(file, bytes.subarray(0, bytes.length >> 1))
    const r = ig(['verify', dir])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/truncated|corrupt|gzip/i)
  })

  it('npm start verifies the current directory', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(path.dirname(cli), '../../package.json'), 'utf8'))
    expect(pkg.scripts.start).toMatch(/dist\/cli\/index\.js verify/)
    const out = execFileSync(process.execPath, [cli, 'verify', '.', '--json'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    expect(JSON.parse(out).result).toBe('baseline-created')
  })

  it('classes changes with the local git history and fails only on unexplained ones', () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
        cwd: dir,
        stdio: 'pipe',
      })
    git('init', '-q')
    git('add', '-A')
    git('commit', '-qm', 'base')
    expect(ig(['snapshot', dir]).code).toBe(0)
    fs.writeFileSync(path.join(dir, 'src', 'app.js'), 'console.log(2)\n')
    git('commit', '-qam', 'reviewed change')
    fs.writeFileSync(path.join(dir, 'README.md'), 'tampered after checkout\n')
    const r = json(['verify', dir, '--fail-on', 'unexplained'])
    expect(r.code).toBe(1)
    const byPath = Object.fromEntries(
      r.report.changes.map((c: { path: string; git?: string }) => [c.path, c.git]),
    )
    expect(byPath).toMatchObject({ 'src/app.js': 'committed', 'README.md': 'unexplained' })

    fs.writeFileSync(path.join(dir, 'README.md'), '# hi\n')
    const clean = json(['verify', dir, '--fail-on', 'unexplained'])
    expect(clean.code).toBe(0)
    expect(clean.report.result).toBe('changed')
    // Without triage every change counts as unexplained: the gate stays closed.
    expect(ig(['verify', dir, '--fail-on', 'unexplained', '--explain-with-git', 'false']).code).toBe(1)
  })
})
