/**
 * `diff A B` as users run it (dist/cli/index.js in a child process): the line-by-line fast path must give
 * the full decode's errors, naming the right file, and leave signed manifests to the full decode.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import { runCli } from '../../test-support/cli-runner.js'

let work: string

function ig(args: string[], env: Record<string, string> = {}) {
  return runCli(work, args, env)
}

/** Snapshots a small tree into its own store and returns the manifest file. */
function snapshot(name: string, files: Record<string, string>, env: Record<string, string> = {}): string {
  const dir = path.join(work, `${name}-tree`)
  const store = path.join(work, `${name}-store`)
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), text)
  }
  expect(ig(['snapshot', dir, '--store', store, '--quiet'], env).code).toBe(0)
  return path.join(store, 'default.manifest.json.gz')
}

/** Rewrites a manifest's decompressed text and gzips it again. */
function edit(file: string, change: (text: string) => string): void {
  const text = gunzipSync(fs.readFileSync(file)).toString('utf8')
  const next = change(text)
  expect(next).not.toBe(text)
  fs.writeFileSync(file, gzipSync(Buffer.from(next)))
}

const FILES = { 'a.txt': 'one', 'b/c.txt': 'two', 'b/d.txt': 'three' }

beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-diff-'))
})

afterEach(() => {
  fs.rmSync(work, { recursive: true, force: true })
})

describe('integrity-gate diff', () => {
  it('reports a modified file found line by line', () => {
    const a = snapshot('a', FILES)
    const b = snapshot('b', { ...FILES, 'b/c.txt': 'TWO', 'e.txt': 'new' })
    const r = ig(['diff', a, b, '--json'])
    expect(r.code).toBe(1)
    const report = JSON.parse(r.stdout) as { changes: { path: string; kinds: string[] }[] }
    expect(report.changes.map((c) => [c.path, c.kinds])).toEqual([
      ['b/c.txt', ['modified']],
      ['e.txt', ['added']],
    ])
    expect(ig(['diff', a, a]).code).toBe(0)
  })

  it('refuses an unsorted manifest on either side, naming that file', () => {
    const good = snapshot('a', FILES)
    const bad = snapshot('b', FILES)
    edit(bad, (t) => t.replace('"path":"b/d.txt"', '"path":"0.txt"'))
    for (const [x, y] of [
      [bad, good],
      [good, bad],
    ]) {
      const r = ig(['diff', x, y])
      expect(r.code).toBe(2)
      expect(r.stderr).toContain(`${bad}: Invalid baseline: entries[3]`)
      expect(r.stderr).toMatch(/must be sorted by path/)
    }
  })

  it('reports the first manifest first when both are bad', () => {
    const bad = snapshot('a', FILES)
    edit(bad, (t) => t.replace(/"mode":\d+/, '"mode":9999'))
    const r = ig(['diff', bad, path.join(work, 'missing.gz')])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`${bad}: `)
    expect(r.stderr).toMatch(/mode/)
    const truncated = snapshot('t', FILES)
    const bytes = fs.readFileSync(truncated)
    fs.writeFileSync(truncated, bytes.subarray(0, bytes.length - 10))
    const t = ig(['diff', truncated, bad])
    expect(t.code).toBe(2)
    expect(t.stderr).toContain(`${truncated}: The baseline is truncated`)
  })

  it('checks signatures of signed manifests, and refuses them without the key', () => {
    const key = { INTEGRITY_GATE_KEY: 'k1' }
    const a = snapshot('a', FILES, key)
    const b = snapshot('b', { ...FILES, 'a.txt': 'changed' }, key)
    const r = ig(['diff', a, b, '--json'], key)
    expect(r.code).toBe(1)
    expect((JSON.parse(r.stdout) as { changes: { path: string }[] }).changes.map((c) => c.path)).toEqual([
      'a.txt',
    ])
    const noKey = ig(['diff', a, b])
    expect(noKey.code).toBe(2)
    expect(noKey.stderr).toMatch(/signed but no signing key/)
  })
})
