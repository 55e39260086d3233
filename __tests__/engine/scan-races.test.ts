/**
 * Races the scanner must survive, made deterministic by a readdir that answers as it would mid-swap:
 * an attacker exchanges a directory with a symlink to a decoy (renameat2 RENAME_EXCHANGE) and back.
 */
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

const real = await import('node:fs')
let root = ''
/** Listings as readdir sees them during a swap, by absolute path. */
const during = new Map<string, (list: fs.Dirent[]) => unknown[]>()
jest.unstable_mockModule('node:fs', () => ({
  ...real,
  default: real,
  readdirSync: (p: fs.PathLike, opts?: unknown) => {
    const list = real.readdirSync(p, opts as never) as unknown as fs.Dirent[]
    const swap = during.get(Buffer.from(p as Buffer).toString())
    return swap ? swap(list) : list
  },
}))
const { scan } = await import('../../src/engine/scan.js')

beforeAll(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ig-races-')))
  fs.mkdirSync(path.join(root, 'd'))
  fs.writeFileSync(path.join(root, 'd', 'a.txt'), 'a')
  fs.writeFileSync(path.join(root, 'd', 'evil'), 'planted')
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

// The JavaScript listing (readdirSync, faked above); the C addon's listing is pinned the same way and
// tested on its own in native.test.ts.
const run = () => scan({ root, algorithm: 'sha256', include: [], exclude: [], workers: 1, native: false })

it('lists the directory its lstat saw, not what the path names at listing time (a decoy swapped in and out)', async () => {
  // While `d` was the symlink half of the swap, its path listed the decoy (no `evil`); both lstats, before
  // and after, saw the real directory.
  during.set(path.join(root, 'd'), (list) => list.filter((e) => e.name !== 'evil'))
  try {
    const paths = (await run()).entries.map((e) => e.path)
    expect(paths).toContain('d/evil')
  } finally {
    during.clear()
  }
})

it('a name readdir saw as a symlink that lstat then sees as a directory is an error, never a clean leaf', async () => {
  during.set(root, (list) =>
    list.map((e) =>
      e.name === 'd'
        ? {
            name: 'd',
            isFile: (): boolean => false,
            isDirectory: (): boolean => false,
            isSymbolicLink: (): boolean => true,
          }
        : e,
    ),
  )
  try {
    const entries = (await run()).entries
    const d = entries.find((e) => e.path === 'd')
    const below = entries.filter((e) => e.path.startsWith('d/'))
    expect(below.length > 0 || d?.error === 'changed during scan: became a directory while listed').toBe(true)
    expect(d?.error).toBe('changed during scan: became a directory while listed')
  } finally {
    during.clear()
  }
})
