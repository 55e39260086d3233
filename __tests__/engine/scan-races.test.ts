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
/** The path each /proc/self/fd/N name stands for (descriptors opened through the fake openSync). */
const opened = new Map<string, string>()
/** Run just before a path is opened (to swap it then), by absolute path. */
const beforeOpen = new Map<string, () => void>()
/** Listings as readdir of the folder (by path or by descriptor) gives them, by absolute path. */
const listed = new Map<string, (list: fs.Dirent[]) => unknown[]>()
/** Listings as readdir sees them during a swap, by absolute path. */
const during = new Map<string, (list: fs.Dirent[]) => unknown[]>()
jest.unstable_mockModule('node:fs', () => ({
  ...real,
  default: real,
  openSync: (p: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
    const name = Buffer.from(p as Buffer).toString()
    beforeOpen.get(name)?.()
    const fd = real.openSync(p, flags ?? 'r', mode)
    opened.set(`/proc/self/fd/${fd}`, name)
    return fd
  },
  readdirSync: (p: fs.PathLike, opts?: unknown) => {
    const list = real.readdirSync(p, opts as never) as unknown as fs.Dirent[]
    // `during` fakes what a path names mid-swap: only a listing by path sees it. `listed` fakes the
    // listing itself (its entry types), also through /proc/self/fd/N of a descriptor opened just before.
    const name = Buffer.from(p as Buffer).toString()
    const swap = during.get(name) ?? listed.get(opened.get(name) ?? name)
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
  listed.set(root, (list) =>
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
    listed.clear()
  }
})

it('a scan root swapped for another folder after it was resolved fails the scan instead of mixing two trees', async () => {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ig-root-swap-')))
  const top = path.join(base, 'root')
  try {
    for (const native of [false, true]) {
      fs.rmSync(path.join(base, 'moved'), { recursive: true, force: true })
      fs.rmSync(top, { recursive: true, force: true })
      fs.mkdirSync(top)
      fs.writeFileSync(path.join(top, 'real.txt'), 'real')
      fs.mkdirSync(path.join(base, 'decoy'))
      fs.writeFileSync(path.join(base, 'decoy', 'real.txt'), 'decoy')
      // Swapped at the first open of the root after scan() resolved it: the hash workers' root descriptor
      // (C loop) or the JavaScript listing.
      beforeOpen.set(top, () => {
        beforeOpen.clear()
        fs.renameSync(top, path.join(base, 'moved'))
        fs.renameSync(path.join(base, 'decoy'), top)
      })
      await expect(
        scan({ root: top, algorithm: 'sha256', include: [], exclude: [], workers: 1, native }),
      ).rejects.toThrow(`Cannot read scan root '${top}': changed during scan: it was replaced.`)
      expect(beforeOpen.size).toBe(0)
    }
  } finally {
    beforeOpen.clear()
    fs.rmSync(base, { recursive: true, force: true })
  }
})
