import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { toCoreutils } from '../../src/engine/export.js'
import { keyFromBytes } from '../../src/engine/paths.js'
import type { Entry } from '../../src/engine/types.js'

const run = promisify(execFile)

/** Odd names as raw bytes: spaces, newline, backslash, CR, a leading `*`, non-UTF-8 bytes, nesting. */
const NAMES: Buffer[] = [
  Buffer.from('plain.txt'),
  Buffer.from('with space.txt'),
  Buffer.from(' leading space'),
  Buffer.from('trailing space '),
  Buffer.from('*star'),
  Buffer.from('new\nline'),
  Buffer.from('back\\slash'),
  Buffer.from('both\\and\nnewline'),
  Buffer.from('cr\rinside'),
  Buffer.from('ends with cr\r'),
  Buffer.from('ünïcödé ✓'),
  Buffer.from([0xff, 0xfe, 0x41]),
  Buffer.from('empty'),
  Buffer.from('sub/dir/deep.bin'),
  Buffer.concat([Buffer.from('sub/'), Buffer.from([0xc3, 0x28]), Buffer.from('\\x')]),
]

const ALGOS = [
  { node: 'sha256', tool: 'sha256sum' },
  { node: 'sha512', tool: 'sha512sum' },
  { node: 'sha1', tool: 'sha1sum' },
  { node: 'blake2b512', tool: 'b2sum' },
]

let work: string
let tree: string
const contents = new Map<string, Buffer>()

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ig-export-'))
  tree = join(work, 'tree')
  mkdirSync(tree)
  const treeBytes = Buffer.from(tree)
  NAMES.forEach((name, i) => {
    const body = name.toString() === 'empty' ? Buffer.alloc(0) : Buffer.from(`content ${i}\n`.repeat(i + 1))
    const full = Buffer.concat([treeBytes, Buffer.from('/'), name])
    const slash = full.lastIndexOf(0x2f)
    mkdirSync(full.subarray(0, slash), { recursive: true })
    writeFileSync(full, body)
    contents.set(keyFromBytes(name), body)
  })
})

afterAll(() => rmSync(work, { recursive: true, force: true }))

function entriesFor(algorithm: string): Entry[] {
  const entries: Entry[] = [...contents].map(([path, body]) => ({
    path,
    type: 'file',
    size: body.length,
    mode: 0o644,
    digest: createHash(algorithm).update(body).digest('hex'),
  }))
  // Things the export must leave out: directories, symlinks, unreadable and unstable files.
  entries.push({ path: 'sub', type: 'dir', size: 0, mode: 0o755 })
  entries.push({ path: 'link', type: 'symlink', size: 9, mode: 0o777, target: 'plain.txt' })
  entries.push({ path: 'locked', type: 'file', size: 1, mode: 0, error: 'EACCES' })
  entries.push({ path: 'moving', type: 'file', size: 1, mode: 0o644, unstable: true, digest: '0'.repeat(64) })
  return entries.reverse()
}

async function check(
  tool: string,
  listing: Buffer,
): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const list = join(work, `${tool}.txt`)
  writeFileSync(list, listing)
  try {
    const r = await run(tool, ['--check', '--strict', list], { cwd: tree, encoding: 'latin1' })
    return { ok: true, stdout: r.stdout, stderr: r.stderr }
  } catch (e) {
    const err = e as { stdout: string; stderr: string }
    return { ok: false, stdout: err.stdout, stderr: err.stderr }
  }
}

describe('toCoreutils', () => {
  it('writes two spaces between digest and name, sorted, one line per readable file', () => {
    const out = toCoreutils([
      { path: 'b', type: 'file', size: 1, mode: 0o644, digest: 'bb' },
      { path: 'a', type: 'file', size: 1, mode: 0o644, digest: 'aa' },
      { path: 'd', type: 'dir', size: 0, mode: 0o755 },
    ])
    expect(out.toString()).toBe('aa  a\nbb  b\n')
  })

  it('escapes backslash, newline and CR the coreutils way and keeps raw bytes', () => {
    const raw = keyFromBytes(Buffer.from([0x78, 0xff]))
    const out = toCoreutils([
      { path: 'a\\b\nc\rd', type: 'file', size: 1, mode: 0o644, digest: 'ee' },
      { path: raw, type: 'file', size: 1, mode: 0o644, digest: 'ff' },
    ])
    expect(
      out.equals(
        Buffer.concat([Buffer.from('ff  x'), Buffer.from([0xff]), Buffer.from('\n\\ee  a\\\\b\\nc\\rd\n')]),
      ),
    ).toBe(true)
  })

  it('returns an empty buffer when there are no files', () => {
    expect(toCoreutils([]).length).toBe(0)
  })

  it.each(ALGOS)(
    '$tool -c accepts the listing of a real tree, and fails after a change',
    async ({ node, tool }) => {
      const listing = toCoreutils(entriesFor(node))
      const good = await check(tool, listing)
      expect(good.stderr).toBe('')
      expect(good.ok).toBe(true)
      expect(good.stdout.split('\n').filter((l) => l.endsWith(': OK')).length).toBe(NAMES.length)

      const victim = Buffer.concat([Buffer.from(tree), Buffer.from('/'), Buffer.from('new\nline')])
      const original = contents.get('new\nline') as Buffer
      writeFileSync(victim, 'tampered')
      try {
        const bad = await check(tool, listing)
        expect(bad.ok).toBe(false)
        expect(bad.stdout).toMatch(/FAILED/)
      } finally {
        writeFileSync(victim, original)
      }
    },
  )
})
