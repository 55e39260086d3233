/**
 * The C addon's directory listing (src/native/scan.c › listDir) on real directories: what the walk gets
 * from it, and its refusals. The hash loop is compared with the JavaScript one in scan.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { loadNativeAddon, nativeAddonPath, type NativeAddon } from '../../src/engine/native.js'

let dir: string
beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ig-native-')))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const z = (p: string | Buffer) => Buffer.concat([Buffer.from(p), Buffer.from([0])])

function addon(): NativeAddon {
  const a = loadNativeAddon()
  if (a === undefined) throw new Error('no C addon in dist/ for this platform: run npm run build')
  return a
}

/** The listing as sorted [name, kind] pairs. */
function listed(r: ReturnType<NativeAddon['listDir']>): [string, number][] {
  if (typeof r === 'number') throw new Error(`errno ${r}`)
  if (r.types.length === 0) return []
  const names =
    typeof r.names === 'string'
      ? r.names.split('\0')
      : r.names
          .toString('latin1')
          .split('\0')
          .map((n) => Buffer.from(n, 'latin1').toString('hex'))
  return names.map((n, i): [string, number] => [n, r.types[i]]).sort()
}

describe('listDir', () => {
  it('is found and loads on Linux x64 (the platform dist/ has it for)', () => {
    if (process.platform !== 'linux' || process.arch !== 'x64') return
    expect(nativeAddonPath()).toMatch(/scan-native\.linux-x64\.node$/)
    expect(typeof addon().listDir).toBe('function')
  })

  it('lists names with their kinds, without . and .., as one string', () => {
    fs.writeFileSync(path.join(dir, 'file'), 'x')
    fs.mkdirSync(path.join(dir, 'sub'))
    fs.symlinkSync('file', path.join(dir, 'link'))
    fs.writeFileSync(path.join(dir, 'caf\u00e9'), 'y')
    const st = fs.statSync(dir)
    const r = addon().listDir(z(dir), st.dev, st.ino, false)
    expect(typeof r === 'object' && typeof r.names).toBe('string')
    expect(listed(r)).toEqual([
      ['caf\u00e9', 1],
      ['file', 1],
      ['link', 0],
      ['sub', 2],
    ])
    expect(listed(addon().listDir(z(path.join(dir, 'sub')), undefined, undefined, false))).toEqual([])
  })

  it("gives each directory's lstat (mode, dev, ino) made relative to the listed folder, zeros for the rest", () => {
    fs.mkdirSync(path.join(dir, 'sub'), { mode: 0o750 })
    fs.chmodSync(path.join(dir, 'sub'), 0o2750)
    fs.writeFileSync(path.join(dir, 'file'), 'x')
    fs.symlinkSync('sub', path.join(dir, 'link'))
    const r = addon().listDir(z(dir), undefined, undefined, false)
    if (typeof r === 'number') throw new Error(`errno ${r}`)
    const names = (r.names as string).split('\0')
    const st = (name: string) => {
      const i = names.indexOf(name)
      return [r.stats[3 * i], r.stats[3 * i + 1], r.stats[3 * i + 2]]
    }
    const sub = fs.lstatSync(path.join(dir, 'sub'))
    expect(st('sub')).toEqual([sub.mode, sub.dev, sub.ino])
    expect(sub.mode & 0o7777).toBe(0o2750)
    expect(st('file')).toEqual([0, 0, 0])
    expect(st('link')).toEqual([0, 0, 0])
  })

  it('gives bytes when a name is not UTF-8, or when asked for raw names', () => {
    fs.writeFileSync(Buffer.concat([Buffer.from(dir + '/'), Buffer.from([0x61, 0xff])]), 'x')
    fs.writeFileSync(path.join(dir, 'b'), 'y')
    for (const raw of [false, true]) {
      const r = addon().listDir(z(dir), undefined, undefined, raw)
      expect(typeof r === 'object' && Buffer.isBuffer(r.names)).toBe(true)
      expect(listed(r)).toEqual([
        ['61ff', 1],
        ['62', 1],
      ])
    }
  })

  it('refuses a directory that is not the inode the walk saw (0), a symlink and a file (ENOTDIR)', () => {
    fs.mkdirSync(path.join(dir, 'real'))
    fs.mkdirSync(path.join(dir, 'decoy'))
    fs.symlinkSync('real', path.join(dir, 'link'))
    fs.writeFileSync(path.join(dir, 'file'), 'x')
    const real = fs.statSync(path.join(dir, 'real'))
    expect(addon().listDir(z(path.join(dir, 'decoy')), real.dev, real.ino, false)).toBe(0)
    // O_DIRECTORY | O_NOFOLLOW on a symlink: Linux answers ENOTDIR (ELOOP without O_DIRECTORY); the
    // walk treats both as "replaced".
    expect([os.constants.errno.ELOOP, os.constants.errno.ENOTDIR]).toContain(
      addon().listDir(z(path.join(dir, 'link')), undefined, undefined, false),
    )
    expect(addon().listDir(z(path.join(dir, 'file')), undefined, undefined, false)).toBe(
      os.constants.errno.ENOTDIR,
    )
    expect(addon().listDir(z(path.join(dir, 'gone')), undefined, undefined, false)).toBe(
      os.constants.errno.ENOENT,
    )
  })

  it('lists a directory of many names across several getdents calls', () => {
    const names = Array.from({ length: 3000 }, (_, i) => `name-${i}-${'x'.repeat(i % 50)}`)
    for (const n of names) fs.writeFileSync(path.join(dir, n), '')
    const r = listed(addon().listDir(z(dir), undefined, undefined, false))
    expect(r).toEqual(names.map((n): [string, number] => [n, 1]).sort())
  })

  it('rejects a pin that is not two numbers (it would be skipped)', () => {
    const st = fs.statSync(dir)
    for (const [dev, ino] of [
      [BigInt(st.dev), BigInt(st.ino)],
      [String(st.dev), String(st.ino)],
      [st.dev, undefined],
    ])
      expect(() => addon().listDir(z(dir), dev as never, ino as never, false)).toThrow(
        'listDir: dev and ino must both be numbers or both undefined',
      )
  })

  it('rejects a path without its NUL or with one inside', () => {
    expect(() => addon().listDir(Buffer.from(dir), undefined, undefined, false)).toThrow('listDir: bad path')
    expect(() => addon().listDir(z(`${dir}\0x`), undefined, undefined, false)).toThrow('listDir: bad path')
  })
})
