/**
 * Per-entry problems: unreadable files and directories (scanned as an unprivileged user, because CI
 * runs as root and root reads everything) and a file that grows while it is hashed.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import * as crypto from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { scan } from '../../src/engine/scan.js'
import type { ScanResult } from '../../src/engine/types.js'
import { cleanupChild, dropPrivilegesPrefix, scanInChild } from './scan-child.js'

let base: string
let root: string

beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-scan-err-'))
  fs.chmodSync(base, 0o755)
  root = path.join(base, 'root')
  fs.mkdirSync(root, { mode: 0o755 })
  fs.chmodSync(root, 0o755)
})
afterEach(() => fs.rmSync(base, { recursive: true, force: true }))
afterAll(() => cleanupChild())

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex')

describe('unreadable entries', () => {
  const isRoot = process.getuid?.() === 0
  const prefix = isRoot ? dropPrivilegesPrefix() : []
  // Without a way to drop root's privileges there is no unreadable file to test with.
  if (prefix === undefined) {
    process.stderr.write(
      'scan-errors: skipping unreadable-entry test: running as root without setpriv or runuser\n',
    )
  }

  const each = prefix === undefined ? it.skip.each : it.each
  each([true, false])(
    'records unreadable files and directories with their error and goes on (C loop: %s)',
    (native) => {
      const w = (rel: string, content: string, mode: number) => {
        const p = path.join(root, rel)
        fs.mkdirSync(path.dirname(p), { recursive: true, mode: 0o755 })
        fs.writeFileSync(p, content)
        fs.chmodSync(p, mode)
      }
      w('readable.txt', 'fine', 0o644)
      w('secret.txt', 'hidden', 0o000)
      w('locked/inner.txt', 'inner', 0o644)
      fs.chmodSync(path.join(root, 'locked'), 0o000)
      w('later/after.txt', 'after', 0o644)
      // Excluded and unreadable: must be pruned before it is read, so it gives no error.
      w('node_modules/x/y.js', 'y', 0o644)
      fs.chmodSync(path.join(root, 'node_modules'), 0o000)

      const run = scanInChild(
        { root, algorithm: 'sha256', include: [], exclude: ['node_modules/**'], native },
        { prefix: prefix ?? [], timeoutMs: 30_000 },
      )
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' })
      const r = run.result as ScanResult
      const m = new Map(r.entries.map((e) => [e.path, e]))
      expect(m.get('secret.txt')).toEqual({
        path: 'secret.txt',
        type: 'file',
        size: 6,
        mode: 0,
        error: 'EACCES: permission denied',
      })
      expect(m.get('locked')).toEqual({
        path: 'locked',
        type: 'dir',
        size: 0,
        mode: 0,
        error: 'EACCES: permission denied',
      })
      expect(m.get('readable.txt')).toMatchObject({ digest: sha256('fine') })
      expect(m.get('later/after.txt')).toMatchObject({ digest: sha256('after') })
      expect(r.entries.map((e) => e.path).filter((p) => p.startsWith('node_modules'))).toEqual([])
      expect(r.stats.errors).toBe(2)
      expect(r.nativeFiles).toBe(native ? r.stats.files : 0)

      // An unreadable root makes the whole scan impossible: a clear error, and the process ends (no
      // worker left running).
      const locked = path.join(root, 'locked')
      const failed = scanInChild(
        { root: locked, algorithm: 'sha256', include: [], exclude: [] },
        { prefix: prefix ?? [], timeoutMs: 30_000 },
      )
      expect({ status: failed.status, signal: failed.signal }).toEqual({ status: 3, signal: null })
      expect(failed.stderr).toBe(`Cannot read scan root '${locked}': EACCES: permission denied.`)
    },
  )
})

describe('a file that changes while hashed', () => {
  it.each([true, false])(
    'is re-hashed and, while still growing, marked unstable; its digest always matches its size (C loop: %s)',
    async (native) => {
      const target = path.join(root, 'growing.log')
      fs.writeFileSync(target, crypto.randomBytes(16 * 1024 * 1024))
      fs.writeFileSync(path.join(root, 'quiet.txt'), 'quiet')
      // A writer appending without pause for as long as the scan runs.
      const writer = spawn(
        process.execPath,
        [
          '-e',
          `const fs = require('node:fs'); const b = Buffer.alloc(4096, 120);
         process.stdout.write('ready\\n');
         for (;;) fs.appendFileSync(process.argv[1], b)`,
          target,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      )
      try {
        await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()))
        const r = await scan({ root, algorithm: 'sha256', include: [], exclude: [], workers: 1, native })
        expect(r.nativeFiles).toBe(native ? 2 : 0)
        writer.kill('SIGKILL')
        await new Promise((resolve) => writer.once('exit', resolve))
        const e = r.entries.find((x) => x.path === 'growing.log')
        expect(e?.type).toBe('file')
        // Appends only add to the end: whatever was hashed is a prefix of the file as it is now.
        const now = fs.readFileSync(target)
        expect(e?.digest).toBe(sha256(now.subarray(0, e?.size)))
        expect(r.stats.unstable).toBe(r.entries.filter((x) => x.unstable).length)
        expect(r.entries.find((x) => x.path === 'quiet.txt')?.unstable).toBeUndefined()
        // The writer never pauses, so the scan almost always sees both passes move and marks it unstable;
        // a scheduler that starves the writer for both passes is allowed to yield a stable, consistent
        // digest (asserted above) rather than make this test flaky.
        if (!e?.unstable) expect(e?.size).toBeLessThanOrEqual(now.length)
        else expect(r.stats.unstable).toBe(1)
      } finally {
        writer.kill('SIGKILL')
      }
    },
  )
})
