/**
 * Hostile trees on real file systems: through scan() (in a child with a timeout, so a scanner that blocks on a
 * FIFO fails the test instead of hanging jest), and through the CLI (dist/cli/index.js) as a child process,
 * including as an unprivileged user so unreadable entries exist although CI runs as root.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { spawn, spawnSync } from 'node:child_process'
import * as crypto from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { scan } from '../../src/engine/scan.js'
import type { Entry, ScanResult } from '../../src/engine/types.js'
import { cleanupChild, dropPrivilegesPrefix, scanInChild } from '../engine/scan-child.js'
import { INJECTED, makeHostileTree, type HostileTree } from '../../test-support/hostile-tree.js'

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli/index.js')
const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex')

let base: string
let root: string
let tree: HostileTree

beforeEach(async () => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-hostile-'))
  // World-readable, so the unprivileged user can reach what it is meant to reach.
  fs.chmodSync(base, 0o755)
  root = path.join(base, 'root')
  fs.mkdirSync(root, { mode: 0o755 })
  tree = await makeHostileTree(root)
})
afterEach(async () => {
  await tree?.close()
  fs.rmSync(base, { recursive: true, force: true })
})
afterAll(() => cleanupChild())

function byPath(r: ScanResult): Map<string, Entry> {
  return new Map(r.entries.map((e) => [e.path, e]))
}

/** The checks every correct scan of a hostile tree passes (tree as built, nothing unreadable). */
function expectHostileScan(r: ScanResult, t: HostileTree): void {
  const m = byPath(r)
  const keys = r.entries.map((e) => e.path)
  expect(keys).toEqual([...keys].sort())
  expect(new Set(keys).size).toBe(keys.length)
  expect(m.get(t.fifo)).toMatchObject({ type: 'fifo' })
  expect(m.get(t.socket)).toMatchObject({ type: 'socket' })
  expect(m.get(t.fifo)?.digest).toBeUndefined()
  for (const p of [...t.loop, t.selfLoop, t.dangling]) {
    expect(m.get(p)).toMatchObject({ type: 'symlink' })
    expect(m.get(p)?.escapes).toBeUndefined()
  }
  for (const p of t.escaping) expect(m.get(p)).toMatchObject({ type: 'symlink', escapes: true })
  // Symlinks are never followed: nothing under links/parent (which points at the root's parent).
  expect(keys.some((k) => k.startsWith('links/parent/'))).toBe(false)
  const [a, b] = t.hardLinks
  expect(m.get(a)).toMatchObject({ type: 'file', digest: sha256('shared inode\n') })
  expect(m.get(b)).toMatchObject({ type: 'file', digest: sha256('shared inode\n') })
  expect(m.get(t.nonUtf8[0])).toMatchObject({ type: 'file', digest: sha256('not utf-8\n') })
  expect(m.get(t.nonUtf8[1])).toMatchObject({ type: 'dir' })
  expect(m.get(t.nonUtf8[2])).toMatchObject({ type: 'file', digest: sha256('inner\n') })
  // Twins are distinct entries with their own content: no normalisation, no case folding.
  expect(m.get(t.nfcNfd[0])?.digest).toBe(sha256('nfc\n'))
  expect(m.get(t.nfcNfd[1])?.digest).toBe(sha256('nfd\n'))
  expect(m.get(t.caseTwins[0])?.digest).toBe(sha256('upper\n'))
  expect(m.get(t.caseTwins[1])?.digest).toBe(sha256('lower\n'))
  for (const p of t.longNames) {
    expect(Buffer.byteLength(path.basename(p))).toBe(255)
    expect(m.get(p)).toMatchObject({ type: 'file' })
  }
  expect(m.get(t.deepFile)).toMatchObject({ type: 'file', digest: sha256('deep\n') })
  for (const p of t.injection) {
    expect(m.get(p)).toMatchObject({ type: 'file', digest: sha256(path.posix.basename(p)) })
  }
  expect(r.stats.errors).toBe(0)
}

describe('scan() on a hostile tree', () => {
  it('records FIFO, socket, loops, escaping/dangling links, hard links, raw/twin/long/deep/injection names', () => {
    const run = scanInChild({ root, algorithm: 'sha256', include: [], exclude: [] }, { timeoutMs: 60_000 })
    expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({
      status: 0,
      signal: null,
      stderr: '',
    })
    expectHostileScan(run.result as ScanResult, tree)
  })

  it('scans in-process too (no specials opened: the FIFO would block the event loop)', async () => {
    const r = await scan({ root, algorithm: 'sha256', include: [], exclude: [] })
    expectHostileScan(r, tree)
  })
})

describe('unreadable entries, scanned as an unprivileged user', () => {
  const isRoot = process.getuid?.() === 0
  const prefix = isRoot ? dropPrivilegesPrefix() : []
  const maybe = prefix === undefined ? it.skip : it

  maybe('an unreadable file and directory are recorded with their error; everything else is intact', () => {
    fs.writeFileSync(path.join(root, 'ok', 'secret.txt'), 'hidden')
    fs.chmodSync(path.join(root, 'ok', 'secret.txt'), 0o000)
    fs.mkdirSync(path.join(root, 'locked'))
    fs.writeFileSync(path.join(root, 'locked', 'inner.txt'), 'x')
    fs.chmodSync(path.join(root, 'locked'), 0o000)
    const run = scanInChild(
      { root, algorithm: 'sha256', include: [], exclude: [] },
      { prefix: prefix ?? [], timeoutMs: 60_000 },
    )
    expect({ status: run.status, signal: run.signal }).toEqual({ status: 0, signal: null })
    const m = byPath(run.result as ScanResult)
    expect(m.get('ok/secret.txt')?.error).toMatch(/EACCES/)
    expect(m.get('ok/secret.txt')?.digest).toBeUndefined()
    expect(m.get('locked')?.error).toMatch(/EACCES/)
    expect(m.has('locked/inner.txt')).toBe(false)
    expect(m.get('ok/plain.txt')?.digest).toBe(sha256('plain\n'))
    expect(m.get(tree.deepFile)?.digest).toBe(sha256('deep\n'))
    expect((run.result as ScanResult).stats.errors).toBe(2)
  })

  maybe(
    'the CLI as that user reports them as `unreadable` changes and exits 1, not 0 and not a crash',
    () => {
      const store = path.join(base, 'store')
      fs.mkdirSync(store, { mode: 0o777 })
      fs.chmodSync(store, 0o777)
      const first = ig(['snapshot', root, '--store', store, '--quiet'], prefix)
      expect(first.stderr).not.toMatch(/error/i)
      expect(first.code).toBe(0)
      fs.chmodSync(path.join(root, 'hard', 'a.txt'), 0o000)
      fs.chmodSync(path.join(root, 'twins'), 0o000)
      const r = ig(['verify', root, '--store', store, '--json', '--quiet'], prefix)
      expect(r.code).toBe(1)
      const report = JSON.parse(r.stdout)
      const kinds = new Map<string, string[]>(
        report.changes.map((c: { path: string; kinds: string[] }) => [c.path, c.kinds]),
      )
      expect(kinds.get('hard/a.txt')).toContain('unreadable')
      expect(kinds.get('twins')).toContain('unreadable')
      // export leaves such files out of the listing: it names them and exits 1 instead of passing quietly.
      const listing = ig(['export', root, '--quiet'], prefix)
      expect(listing.code).toBe(1)
      expect(listing.stdout).not.toContain('hard/a.txt')
      expect(listing.stderr).toMatch(
        /files are not in the listing \(no trustworthy digest\):\n {2}hard\/a\.txt: EACCES/,
      )
    },
  )
})

/** Runs the CLI as a child process, optionally under a privilege-dropping prefix. */
function ig(args: string[], prefix: string[] = []): { code: number | null; stdout: string; stderr: string } {
  const argv = [process.execPath, cli, ...args]
  const [cmd, ...rest] = prefix.length > 0 ? [...prefix, ...argv] : argv
  const r = spawnSync(cmd, rest, {
    cwd: base,
    env: { PATH: process.env.PATH ?? '', HOME: base },
    encoding: 'utf8',
    timeout: 60_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('the CLI on a hostile tree', () => {
  it('snapshot then verify: clean, exit 0, and the same tree gives the same manifest', () => {
    const store = path.join(base, 'store')
    expect(ig(['snapshot', root, '--store', store, '--quiet']).code).toBe(0)
    const r = ig(['verify', root, '--store', store, '--json', '--quiet'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).result).toBe('clean')
  })

  it('a change to every hostile name is reported by name; the terminal text carries no raw control or bidi', () => {
    const store = path.join(base, 'store')
    expect(ig(['snapshot', root, '--store', store, '--quiet']).code).toBe(0)
    for (const rel of tree.injection) fs.appendFileSync(path.join(root, rel), '!')
    fs.appendFileSync(path.join(root, tree.nfcNfd[1]), '!')
    fs.appendFileSync(path.join(root, tree.caseTwins[1]), '!')
    fs.rmSync(path.join(root, tree.deepFile))
    const json = ig(['verify', root, '--store', store, '--json', '--quiet'])
    expect(json.code).toBe(1)
    const changed = new Set(JSON.parse(json.stdout).changes.map((c: { path: string }) => c.path))
    for (const p of [...tree.injection, tree.nfcNfd[1], tree.caseTwins[1], tree.deepFile]) {
      expect(changed.has(p)).toBe(true)
    }
    // Only the changed twin is reported: NFC/NFD and case twins are never conflated.
    expect(changed.has(tree.nfcNfd[0])).toBe(false)
    expect(changed.has(tree.caseTwins[0])).toBe(false)

    const text = ig(['verify', root, '--store', store])
    expect(text.code).toBe(1)
    // No ESC/BEL/CR or bidi override reaches the terminal, and no hostile name starts a line.
    const controls = [...text.stdout].filter(
      (ch) => /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(ch) && ch !== '\n',
    )
    expect(controls).toEqual([])
    for (const line of text.stdout.split('\n')) expect(line.startsWith('::')).toBe(false)
    expect(text.stdout).toContain(INJECTED)
  })

  it('export lists the tree in a form `sha256sum -c` verifies, hostile names included (no shell involved)', () => {
    const r = spawnSync(process.execPath, [cli, 'export', root, '--quiet'], { cwd: base, encoding: 'buffer' })
    expect(r.status).toBe(0)
    const listing = path.join(base, 'SHA256SUMS')
    fs.writeFileSync(listing, r.stdout)
    const check = spawnSync('sha256sum', ['--strict', '-c', listing], { cwd: root, encoding: 'utf8' })
    expect(check.stderr).toBe('')
    expect(check.status).toBe(0)
    // Every regular file is listed: the injection names, the raw names and the deep file.
    const ok = check.stdout.split('\n').filter((l) => l.endsWith(': OK')).length
    expect(ok).toBeGreaterThanOrEqual(tree.injection.length + 3)
  })

  it('a file growing while the CLI hashes it is reported (unstable or modified), never crashes or hangs', async () => {
    const store = path.join(base, 'store')
    const growing = path.join(root, 'ok', 'growing.log')
    fs.writeFileSync(growing, crypto.randomBytes(8 * 1024 * 1024))
    expect(ig(['snapshot', root, '--store', store, '--quiet']).code).toBe(0)
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('node:fs'); const b = Buffer.alloc(4096, 120);
         process.stdout.write('ready\\n'); for (;;) fs.appendFileSync(process.argv[1], b)`,
        growing,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    try {
      await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()))
      const r = ig(['verify', root, '--store', store, '--json', '--quiet'])
      expect(r.code).toBe(1)
      const change = JSON.parse(r.stdout).changes.find((c: { path: string }) => c.path === 'ok/growing.log')
      expect(change.kinds).toContain('modified')
    } finally {
      writer.kill('SIGKILL')
    }
  })
})
