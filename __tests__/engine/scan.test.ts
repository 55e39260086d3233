/**
 * The scanner on real temporary trees: every entry type, modes, byte-exact names, symlink targets,
 * include/exclude with pruning, the root rules and progress. Trees that hold a FIFO are scanned in a
 * child process with a timeout, so a scanner that opens the FIFO fails the test instead of hanging it.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync, spawn } from 'node:child_process'
import * as crypto from 'node:crypto'
import * as fs from 'node:fs'
import * as net from 'node:net'
import * as os from 'node:os'
import { createRequire } from 'node:module'
import * as path from 'node:path'
import { scan } from '../../src/engine/scan.js'
import { bytesFromKey, keyFromBytes } from '../../src/engine/paths.js'
import type { Entry, ScanOptions, ScanResult } from '../../src/engine/types.js'
import { prestartHashWorker, prestartedWorkerWaiting } from '../../src/engine/scan-pool.js'
import { cleanupChild, prestartInChild, scanInChild, workerInChild } from './scan-child.js'

/** Both ways through a hash worker, each in its JavaScript loop and in the C loop. */
const HASH_WAYS = [
  ['quick', 'js'],
  ['careful', 'js'],
  ['quick', 'native'],
  ['careful', 'native'],
] as const

let root: string
let outside: string

beforeEach(() => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-scan-'))
  root = path.join(base, 'root')
  outside = path.join(base, 'outside')
  fs.mkdirSync(root)
  fs.mkdirSync(outside)
})
afterEach(() => fs.rmSync(path.dirname(root), { recursive: true, force: true }))
afterAll(() => cleanupChild())

const sha256 = (data: string | Buffer) => crypto.createHash('sha256').update(data).digest('hex')
const opts = (extra: Partial<ScanOptions> = {}): ScanOptions => ({
  root,
  algorithm: 'sha256',
  include: [],
  exclude: [],
  ...extra,
})
function write(rel: string, content: string | Buffer = '', mode?: number): void {
  const p = path.join(root, rel)
  fs.mkdirSync(path.dirname(p), { recursive: true })
  fs.writeFileSync(p, content)
  if (mode !== undefined) fs.chmodSync(p, mode)
}
const byPath = (r: ScanResult) => new Map(r.entries.map((e) => [e.path, e]))
const paths = (r: ScanResult) => r.entries.map((e) => e.path)

/** Every result must be sorted by JS string order and unique. */
function expectSortedUnique(r: ScanResult): void {
  for (let i = 1; i < r.entries.length; i++) expect(r.entries[i - 1].path < r.entries[i].path).toBe(true)
}

describe('entry types', () => {
  it('records files, dirs, symlinks, a FIFO and a socket without opening the special files', async () => {
    write('file.txt', 'hello\n')
    write('empty')
    write('sub/deep/n.txt', 'nested')
    fs.mkdirSync(path.join(root, 'emptydir'))
    fs.symlinkSync('file.txt', path.join(root, 'link'))
    fs.symlinkSync('does/not/exist', path.join(root, 'dangling'))
    fs.symlinkSync('sub', path.join(root, 'dirlink'))
    execFileSync('mkfifo', [path.join(root, 'pipe')])
    const server = net.createServer()
    await new Promise<void>((resolve) => server.listen(path.join(root, 'sock'), resolve))
    try {
      // In a child with a timeout: opening the FIFO would block the scan forever.
      const run = scanInChild(opts(), { timeoutMs: 30_000 })
      expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({
        status: 0,
        signal: null,
        stderr: '',
      })
      const r = run.result as ScanResult
      expectSortedUnique(r)
      const m = byPath(r)
      expect(paths(r)).toEqual(
        [
          'dangling',
          'dirlink',
          'empty',
          'emptydir',
          'file.txt',
          'link',
          'pipe',
          'sock',
          'sub',
          'sub/deep',
          'sub/deep/n.txt',
        ].sort(),
      )
      expect(m.get('file.txt')).toEqual({
        path: 'file.txt',
        type: 'file',
        size: 6,
        mode: fs.statSync(path.join(root, 'file.txt')).mode & 0o7777,
        digest: sha256('hello\n'),
      })
      expect(m.get('empty')).toMatchObject({ type: 'file', size: 0, digest: sha256('') })
      expect(m.get('sub/deep/n.txt')).toMatchObject({ type: 'file', digest: sha256('nested') })
      expect(m.get('emptydir')).toMatchObject({ type: 'dir', size: 0 })
      expect(m.get('emptydir')?.digest).toBeUndefined()
      expect(m.get('link')).toMatchObject({ type: 'symlink', target: 'file.txt', size: 'file.txt'.length })
      expect(m.get('dangling')).toMatchObject({ type: 'symlink', target: 'does/not/exist' })
      // A symlink to a directory is recorded, never walked.
      expect(m.get('dirlink')).toMatchObject({ type: 'symlink', target: 'sub' })
      expect(paths(r).some((p) => p.startsWith('dirlink/'))).toBe(false)
      expect(m.get('pipe')).toMatchObject({ type: 'fifo' })
      expect(m.get('pipe')?.digest).toBeUndefined()
      expect(m.get('sock')).toMatchObject({ type: 'socket' })
      expect(r.stats).toMatchObject({ files: 3, dirs: 3, others: 5, bytes: 12, errors: 0, unstable: 0 })
    } finally {
      server.close()
    }
  })

  it.each(HASH_WAYS)(
    'a hash worker given a FIFO, a symlink, a directory or a device by name (swapped after readdir) neither blocks nor follows (%s path, %s loop)',
    (way, hasher) => {
      write('regular', 'abc')
      execFileSync('mkfifo', [path.join(root, 'swapped-fifo')])
      fs.symlinkSync('/etc/passwd', path.join(root, 'swapped-link'))
      fs.mkdirSync(path.join(root, 'swapped-dir'), { mode: 0o750 })
      fs.chmodSync(path.join(root, 'swapped-dir'), 0o750)
      const run = workerInChild(
        root,
        ['regular', 'swapped-fifo', 'swapped-link', 'swapped-dir'],
        20_000,
        false,
        way,
        hasher,
      )
      expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({
        status: 0,
        signal: null,
        stderr: '',
      })
      const [reg, fifo, link, dir] = run.result ?? []
      expect(reg).toMatchObject({ t: 'file', s: 3, d: sha256('abc') })
      expect(fifo).toMatchObject({ t: 'fifo' })
      expect(fifo.d).toBeUndefined()
      expect(link).toMatchObject({ t: 'relstat' })
      expect(link.d).toBeUndefined()
      // Reading a directory fails (EISDIR): the worker falls back to its fstat, which says what it is.
      expect(dir).toMatchObject({ t: 'dir', m: 0o750 })
      expect(dir.d).toBeUndefined()
      expect(dir.e).toBeUndefined()
      // Device nodes, as a name swapped for one would be met (making one needs root): /dev/null reads
      // as empty, /dev/zero fills the buffer; both are recorded by type, never hashed.
      const devices = workerInChild('/dev', ['null', 'zero'], 20_000, false, way, hasher)
      expect({ status: devices.status, signal: devices.signal }).toEqual({ status: 0, signal: null })
      for (const d of devices.result ?? []) {
        expect(d).toMatchObject({ t: 'char' })
        expect(d.d).toBeUndefined()
      }
      expect(devices.result).toHaveLength(2)
    },
  )

  it('a hash worker gives a FIFO with data waiting its type, never a digest of that data', async () => {
    const fifo = path.join(root, 'fed-fifo')
    execFileSync('mkfifo', [fifo])
    // A writer that keeps the FIFO open with bytes waiting, as a swap to a live pipe would look.
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('node:fs'); const fd = fs.openSync(process.argv[1], 'w'); fs.writeSync(fd, 'secret'); process.stdout.write('ready'); setTimeout(() => {}, 60000)`,
        fifo,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    try {
      // The writer's open blocks until a reader comes: hold one open until the bytes are written.
      const holder = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK)
      await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()))
      for (const [way, hasher] of HASH_WAYS) {
        const run = workerInChild(root, ['fed-fifo'], 20_000, false, way, hasher)
        expect({ status: run.status, signal: run.signal }).toEqual({ status: 0, signal: null })
        expect(run.result?.[0]).toMatchObject({ t: 'fifo' })
        expect(run.result?.[0].d).toBeUndefined()
      }
      fs.closeSync(holder)
    } finally {
      writer.kill('SIGKILL')
    }
  })

  it('adopts a hash worker started before the scan, with the same results', async () => {
    write('a.txt', 'alpha')
    write('sub/b.bin', crypto.randomBytes(300_000))
    write('sub/c.txt', 'gamma', 0o600)
    const plain = await scan(opts())
    prestartHashWorker()
    prestartHashWorker() // a second call before adoption changes nothing
    expect(prestartedWorkerWaiting()).toBe(true)
    const early = await scan(opts())
    expect(prestartedWorkerWaiting()).toBe(false)
    expect(early.entries).toEqual(plain.entries)
    expect(early.entries.find((e) => e.path === 'sub/b.bin')?.digest).toBe(
      sha256(fs.readFileSync(path.join(root, 'sub/b.bin'))),
    )
  })

  it('a hash worker started early that is never used does not keep the process alive', () => {
    const run = prestartInChild()
    expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({
      status: 0,
      signal: null,
      stderr: '',
    })
    expect(run.result).toBe(true)
  })

  it('hashes the same with its page-aligned read buffer and, without WebAssembly, with a plain one', async () => {
    // Files around the worker's 64 KiB buffer size in the child runner: one read, exactly full, several.
    const sizes = [0, 1, 65535, 65536, 65537, 200_000]
    const data = sizes.map((n, i) => crypto.randomBytes(n).fill(i, 0, Math.min(n, 8)))
    data.forEach((d, i) => write(`f${i}`, d, 0o640 + (i % 2)))
    const names = sizes.map((_, i) => `f${i}`)
    for (const noWasm of [false, true]) {
      for (const [way, hasher] of HASH_WAYS) {
        const run = workerInChild(root, names, 20_000, noWasm, way, hasher)
        expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' })
        expect(run.result?.map((r) => [r.t, r.s, r.m, r.d, r.u])).toEqual(
          data.map((d, i) => ['file', d.length, 0o640 + (i % 2), sha256(d), undefined]),
        )
      }
    }
  })

  it('the C loop and the JavaScript loop record the same entries, for every algorithm', async () => {
    write('a.txt', 'alpha')
    write('empty')
    write('sub/big.bin', crypto.randomBytes(3 * 1024 * 1024 + 17), 0o750)
    write('sub/exact.bin', crypto.randomBytes(1024 * 1024), 0o4755)
    write('sub/private', 'x', 0o600)
    write('caf\u00e9 name', 'accent')
    // Names that are not UTF-8 (raw keys): the C loop gets their bytes.
    fs.writeFileSync(Buffer.concat([Buffer.from(root + '/raw-'), Buffer.from([0xff, 0x01])]), 'raw')
    fs.writeFileSync(Buffer.concat([Buffer.from(root + '/'), Buffer.from([0x6e, 0xe9, 0x0a])]), 'n')
    fs.symlinkSync('a.txt', path.join(root, 'link'))
    for (let i = 0; i < 300; i++) write(`many/f${i}`, `content ${i}`)
    for (const algorithm of ['sha256', 'sha512', 'sha1', 'blake2b512', 'md5'] as const) {
      const js = await scan(opts({ algorithm, native: false }))
      const native = await scan(opts({ algorithm }))
      expect(js.nativeFiles).toBe(0)
      expect(native.nativeFiles).toBe(js.stats.files)
      expect(native.entries).toEqual(js.entries)
      expect(native.stats).toEqual({ ...js.stats, durationMs: native.stats.durationMs, hashedBy: 'c' })
      expect(js.stats.hashedBy).toBe('js')
    }
    const m = byPath(await scan(opts()))
    expect(m.get('sub/big.bin')?.digest).toBe(sha256(fs.readFileSync(path.join(root, 'sub/big.bin'))))
    expect(m.get('sub/exact.bin')?.mode).toBe(0o4755)
    // Files just written take the careful path in a scan (their ctime is recent): the worker in a
    // child, told every file is old, takes the quick path too.
    const names = [
      'a.txt',
      'empty',
      'sub/big.bin',
      'sub/exact.bin',
      'sub/private',
      'sub/suid',
      'link',
      'gone',
    ]
    write('sub/suid', 'x', 0o4711)
    for (const way of ['quick', 'careful'] as const) {
      const js = workerInChild(root, names, 20_000, false, way, 'js')
      const native = workerInChild(root, names, 20_000, false, way, 'native')
      expect({ status: native.status, stderr: native.stderr }).toEqual({ status: 0, stderr: '' })
      expect(native.result).toEqual(js.result)
      expect(native.result?.map((r) => [r.t, r.m])).toEqual([
        ['file', 0o644],
        ['file', 0o644],
        ['file', 0o750],
        ['file', 0o4755],
        ['file', 0o600],
        ['file', 0o4711],
        ['relstat', 0],
        ['file', 0],
      ])
      expect(native.result?.[7].e).toBe('ENOENT: no such file or directory')
    }
  })

  it.each(['js', 'native'] as const)(
    'a directory on the way swapped for a symlink after readdir: the C loop refuses it, the JavaScript loop cannot tell (%s)',
    (hasher) => {
      write('sub/f', 'real')
      write('decoy/f', 'decoy')
      // As if swapped between the walk's listing and the worker's open.
      fs.renameSync(path.join(root, 'sub'), path.join(root, 'sub.real'))
      fs.symlinkSync('decoy', path.join(root, 'sub'))
      const run = workerInChild(root, ['sub/f'], 20_000, false, 'quick', hasher)
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' })
      const [r] = run.result ?? []
      if (hasher === 'native') {
        // Handed back to the walk, which describes what is there now instead of hashing the decoy.
        expect(r).toEqual({ t: 'relstat', s: 0, m: 0 })
      } else {
        // Node has no openat: the path is resolved through the link (SECURITY.md).
        expect(r).toMatchObject({ t: 'file', d: sha256('decoy') })
      }
    },
  )

  it('the C loop and the JavaScript loop agree at PATH_MAX: root/path of 4,096 bytes or more is ENAMETOOLONG', async () => {
    // Folders deep enough that the files' absolute paths straddle PATH_MAX (4,096 with its NUL) while
    // every folder's own path stays under it, so the walk lists them all.
    // The deepest folder's path is 3,845 bytes, so names of 248–251 bytes (NAME_MAX is 255) end there.
    const target = 4096 - 1 - 250
    let dir = root
    while (Buffer.byteLength(dir) < target) {
      dir = path.join(dir, 'd'.repeat(Math.min(200, target - Buffer.byteLength(dir) - 1)))
      fs.mkdirSync(dir)
    }
    const room = 4096 - Buffer.byteLength(dir) - 1
    const names = [room - 2, room - 1, room, room + 1].map((n) => 'f'.repeat(n))
    // Made relative to their folder: by absolute path the last two could not be created either.
    for (const n of names) execFileSync('sh', ['-c', 'cd "$1" && printf x > "$2"', 'sh', dir, n])
    const js = await scan(opts({ native: false }))
    const native = await scan(opts())
    expect(native.entries).toEqual(js.entries)
    const files = js.entries.filter((e) => e.type === 'file')
    expect(files.map((e) => [Buffer.byteLength(path.join(root, e.path)), e.error])).toEqual([
      [4094, undefined],
      [4095, undefined],
      [4096, 'ENAMETOOLONG: name too long'],
      [4097, 'ENAMETOOLONG: name too long'],
    ])
  })

  it('an addon whose symbols Node lacks is refused at load, and the JavaScript loop hashes', () => {
    // As the C loop would be on a Node without OpenSSL 3's symbols: loaded lazily, the first call would
    // abort the process ("symbol lookup error"); loaded with RTLD_NOW the load fails and is caught.
    const src = path.join(outside, 'missing.c')
    const addon = path.join(outside, 'missing.node')
    fs.writeFileSync(
      src,
      `#include <node_api.h>
extern int ig_no_such_symbol(void);
static napi_value f(napi_env env, napi_callback_info info) { (void)info; napi_value r; napi_create_int32(env, ig_no_such_symbol(), &r); return r; }
NAPI_MODULE_INIT() { napi_value fn; napi_create_function(env, "hashBatch", NAPI_AUTO_LENGTH, f, NULL, &fn); napi_set_named_property(env, exports, "hashBatch", fn); return exports; }
`,
    )
    const headers = path.dirname(
      createRequire(import.meta.url).resolve('node-api-headers/include/node_api.h'),
    )
    execFileSync('cc', ['-shared', '-fPIC', '-I', headers, '-o', addon, src])
    write('f', 'content')
    const run = workerInChild(root, ['f'], 20_000, false, 'quick', { addon })
    // The runner reports that the C loop did not run; the process did not die.
    expect({ status: run.status, signal: run.signal, stderr: run.stderr }).toEqual({
      status: 3,
      signal: null,
      stderr: 'the C loop did not run',
    })
  })

  it('both walks record a folder whose absolute path reaches PATH_MAX alike (mode from its parent, ENAMETOOLONG)', async () => {
    // Folders of 200 bytes until the next one's absolute path is 4,096 bytes or more.
    let dir = root
    while (Buffer.byteLength(dir) + 201 < 4096) {
      dir = path.join(dir, 'd'.repeat(200))
      fs.mkdirSync(dir)
    }
    const last = 'e'.repeat(4096 - Buffer.byteLength(dir) - 1)
    execFileSync('sh', ['-c', 'cd "$1" && mkdir -m 750 "$2"', 'sh', dir, last])
    const js = await scan(opts({ native: false }))
    const native = await scan(opts())
    expect(native.entries).toEqual(js.entries)
    const deep = js.entries[js.entries.length - 1]
    expect(deep).toMatchObject({ type: 'dir', mode: 0o750, error: 'ENAMETOOLONG: name too long' })
    expect(Buffer.byteLength(path.join(root, deep.path))).toBe(4096)
  })

  it("a read that fails after the first is the file's error in both loops, on both paths", () => {
    // A pread shim (LD_PRELOAD) failing every read past the first 64 KiB: the child worker's buffer.
    const shim = path.join(outside, 'pread-fail.so')
    const src = path.join(outside, 'pread-fail.c')
    fs.writeFileSync(
      src,
      `#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <sys/types.h>
#include <unistd.h>
static ssize_t call(const char *name, int fd, void *b, size_t n, off_t off) {
  ssize_t (*real)(int, void *, size_t, off_t) = (ssize_t (*)(int, void *, size_t, off_t))dlsym(RTLD_NEXT, name);
  if (off >= 65536) { errno = EIO; return -1; }
  return real(fd, b, n, off);
}
ssize_t pread(int fd, void *b, size_t n, off_t off) { return call("pread", fd, b, n, off); }
ssize_t pread64(int fd, void *b, size_t n, off_t off) { return call("pread64", fd, b, n, off); }
`,
    )
    execFileSync('cc', ['-shared', '-fPIC', '-O1', '-o', shim, src, '-ldl'])
    write('big', crypto.randomBytes(200_000))
    write('small', 'fits')
    for (const [way, hasher] of HASH_WAYS) {
      const run = workerInChild(root, ['big', 'small'], 20_000, false, way, hasher, { LD_PRELOAD: shim })
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' })
      expect(run.result).toEqual([
        { t: 'file', s: 200_000, m: 0o644, e: 'EIO: i/o error' },
        { t: 'file', s: 4, m: 0o644, d: sha256('fits') },
      ])
    }
  })

  it.each([true, false])(
    'a scan that fails stops its workers even inside a huge file (C loop: %s)',
    async (native) => {
      for (let i = 0; i < 300; i++) write(`a${String(i).padStart(3, '0')}`, 'x')
      // 64 GiB of holes: far more than 15 s of hashing at any speed a hash runs today.
      const big = path.join(root, 'zbig')
      fs.closeSync(fs.openSync(big, 'w'))
      fs.truncateSync(big, 64 * 2 ** 30)
      const started = Date.now()
      const failing = scan(
        opts({
          native,
          algorithm: 'md5',
          workers: 2,
          onEntry: (e) => {
            if (e.path === 'a100') throw new Error('stop here')
          },
        }),
      )
      // terminate() cannot stop a thread inside C: without the pool's cancel flag, closing the pool
      // waited for the C loop to finish the huge file.
      await expect(failing).rejects.toThrow('stop here')
      expect(Date.now() - started).toBeLessThan(15_000)
    },
  )

  it('records exec, setuid, setgid and sticky bits', async () => {
    write('plain', 'x', 0o644)
    write('exec.sh', '#!/bin/sh\n', 0o755)
    write('private', 'x', 0o600)
    write('suid', 'x', 0o4755)
    write('sgid', 'x', 0o2755)
    fs.mkdirSync(path.join(root, 'tmp'))
    fs.chmodSync(path.join(root, 'tmp'), 0o1777)
    const m = byPath(await scan(opts()))
    expect(m.get('plain')?.mode).toBe(0o644)
    expect(m.get('exec.sh')?.mode).toBe(0o755)
    expect(m.get('private')?.mode).toBe(0o600)
    expect(m.get('suid')?.mode).toBe(0o4755)
    expect(m.get('sgid')?.mode).toBe(0o2755)
    expect(m.get('tmp')).toMatchObject({ type: 'dir', mode: 0o1777 })
  })

  it('keeps names that are not UTF-8 byte-exact, for files, directories and symlink targets', async () => {
    const rootBytes = Buffer.from(root + '/')
    const bad = Buffer.from([0x66, 0xff, 0xfe, 0x2e, 0x62, 0x69, 0x6e]) // f\xff\xfe.bin
    const badDir = Buffer.from([0x64, 0xe9]) // d\xe9 (latin-1 é)
    fs.writeFileSync(Buffer.concat([rootBytes, bad]), 'raw')
    fs.mkdirSync(Buffer.concat([rootBytes, badDir]))
    fs.writeFileSync(Buffer.concat([rootBytes, badDir, Buffer.from('/ok.txt')]), 'inner')
    fs.symlinkSync(bad, Buffer.concat([rootBytes, Buffer.from('to-bad')]))
    write('naïve café.txt', 'utf8 name')
    // Every mix of text and raw parents and children must give keyFromBytes of the whole relative path.
    const mixes = [
      Buffer.concat([Buffer.from('text-dir/'), bad]),
      Buffer.concat([badDir, Buffer.from('/'), bad]),
      Buffer.from('text-dir/deeper/plain.txt'),
    ]
    fs.mkdirSync(path.join(root, 'text-dir/deeper'), { recursive: true })
    for (const rel of mixes) fs.writeFileSync(Buffer.concat([rootBytes, rel]), rel)
    const r = await scan(opts())
    for (const rel of mixes) expect(byPath(r).get(keyFromBytes(rel))?.digest).toBe(sha256(rel))
    expectSortedUnique(r)
    const m = byPath(r)
    const badKey = keyFromBytes(bad)
    const innerKey = keyFromBytes(Buffer.concat([badDir, Buffer.from('/ok.txt')]))
    expect(m.get(badKey)).toMatchObject({ type: 'file', digest: sha256('raw') })
    expect(bytesFromKey(badKey).equals(bad)).toBe(true)
    expect(m.get(keyFromBytes(badDir))).toMatchObject({ type: 'dir' })
    expect(m.get(innerKey)).toMatchObject({ type: 'file', digest: sha256('inner') })
    expect(bytesFromKey(innerKey).equals(Buffer.concat([badDir, Buffer.from('/ok.txt')]))).toBe(true)
    expect(m.get('to-bad')?.target).toBe(badKey)
    expect(m.get('naïve café.txt')).toMatchObject({ digest: sha256('utf8 name') })
  })
})

describe('symlink targets', () => {
  it('flags targets that resolve outside the root, lexically', async () => {
    write('a/b/file', 'x')
    const link = (target: string, at: string) => fs.symlinkSync(target, path.join(root, at))
    link('../../etc', 'a/b/inside-up') // a/b/../../etc = etc, still inside
    link('../../../x', 'a/b/out-up') // climbs above the root
    link('../outside', 'top-out')
    link('x/../../y', 'sneaky') // x/.. then .. : above the root
    link('/etc/passwd', 'abs-out')
    link(path.join(root, 'a/b/file'), 'abs-in')
    link(root, 'abs-root')
    link(path.join(root, '../outside/f'), 'abs-dotdot-out')
    const m = byPath(await scan(opts()))
    expect(m.get('a/b/inside-up')?.escapes).toBeUndefined()
    expect(m.get('a/b/out-up')?.escapes).toBe(true)
    expect(m.get('top-out')?.escapes).toBe(true)
    expect(m.get('sneaky')?.escapes).toBe(true)
    expect(m.get('abs-out')).toMatchObject({ target: '/etc/passwd', escapes: true })
    expect(m.get('abs-in')?.escapes).toBeUndefined()
    expect(m.get('abs-root')?.escapes).toBeUndefined()
    expect(m.get('abs-dotdot-out')?.escapes).toBe(true)
  })
})

describe('the root', () => {
  it('throws a message naming a missing root', async () => {
    const missing = path.join(root, 'nope')
    await expect(scan(opts({ root: missing }))).rejects.toThrow(`Scan root '${missing}' does not exist.`)
  })

  it('throws a message naming a root that is a file', async () => {
    write('f', 'x')
    const f = path.join(root, 'f')
    await expect(scan(opts({ root: f }))).rejects.toThrow(`Scan root '${f}' is not a directory.`)
  })

  it('follows a root that is itself a symlink to a directory, and nothing below it', async () => {
    write('a.txt', 'a')
    fs.symlinkSync(outside, path.join(root, 'out'))
    const via = path.join(outside, 'via-link')
    fs.symlinkSync(root, via)
    const direct = await scan(opts())
    const linked = await scan(opts({ root: via }))
    expect(linked.entries).toEqual(direct.entries)
    expect(byPath(linked).get('out')).toMatchObject({ type: 'symlink' })
  })

  it('follows a root symlink whose target holds a byte that is not UTF-8', async () => {
    // Node's JavaScript realpath read the target as UTF-8 text and then reported the root missing.
    const realRoot = Buffer.concat([Buffer.from(outside + '/raw'), Buffer.from([0xff]), Buffer.from('root')])
    fs.mkdirSync(realRoot)
    fs.writeFileSync(Buffer.concat([realRoot, Buffer.from('/f.txt')]), 'x')
    const via = path.join(outside, 'ascii-link')
    fs.symlinkSync(realRoot, via)
    const r = await scan(opts({ root: via }))
    expect(r.entries.map((e) => [e.path, e.digest])).toEqual([['f.txt', sha256('x')]])
  })

  it('rejects an unknown algorithm and a bad worker count before scanning', async () => {
    await expect(scan(opts({ algorithm: 'crc32' as never }))).rejects.toThrow(
      /Unknown digest algorithm 'crc32'/,
    )
    await expect(scan(opts({ workers: 0 }))).rejects.toThrow(/Invalid worker count 0/)
  })

  it('scans an empty root to no entries', async () => {
    const r = await scan(opts())
    expect(r.entries).toEqual([])
    expect(r.stats).toMatchObject({ files: 0, dirs: 0, others: 0, bytes: 0, errors: 0 })
  })
})

describe('include and exclude', () => {
  beforeEach(() => {
    write('.git/config', 'git')
    write('.git/objects/ab/cdef', 'obj')
    write('.github/workflows/ci.yml', 'on: push')
    write('.gitignore', 'node_modules')
    write('src/app.js', 'app')
    write('src/lib/util.js', 'util')
    write('src/lib/notes.md', 'notes')
    write('docs/guide/intro.md', 'intro')
    write('node_modules/pkg/index.js', 'pkg')
    write('build.log', 'log')
    write('.integrity-gate/baseline.json.gz', 'store')
  })

  it('always excludes .git, matches dotfiles, and prunes excluded directories', async () => {
    const r = await scan(opts({ exclude: ['node_modules/**', '*.log'] }))
    expectSortedUnique(r)
    expect(paths(r)).toEqual([
      '.github',
      '.github/workflows',
      '.github/workflows/ci.yml',
      '.gitignore',
      '.integrity-gate',
      '.integrity-gate/baseline.json.gz',
      'docs',
      'docs/guide',
      'docs/guide/intro.md',
      'src',
      'src/app.js',
      'src/lib',
      'src/lib/notes.md',
      'src/lib/util.js',
    ])
  })

  it('prunes alwaysExclude paths inside the root and ignores those outside it', async () => {
    const r = await scan(opts({ alwaysExclude: [path.join(root, '.integrity-gate'), outside] }))
    expect(paths(r).filter((p) => p.startsWith('.integrity-gate'))).toEqual([])
    expect(paths(r)).toContain('build.log')
  })

  it('refuses an alwaysExclude path that is the root itself', async () => {
    await expect(scan(opts({ alwaysExclude: [root] }))).rejects.toThrow(/is the scan root itself/)
  })

  it('records included files and the directories that lead to them', async () => {
    const r = await scan(opts({ include: ['src/**/*.js', 'docs'] }))
    expectSortedUnique(r)
    expect(paths(r)).toEqual([
      'docs',
      'docs/guide',
      'docs/guide/intro.md',
      'src',
      'src/app.js',
      'src/lib',
      'src/lib/util.js',
    ])
  })

  it('applies exclude after include', async () => {
    const r = await scan(opts({ include: ['src/**'], exclude: ['src/lib/**'] }))
    expect(paths(r)).toEqual(['src', 'src/app.js'])
  })

  it('throws on an invalid glob', async () => {
    await expect(scan(opts({ exclude: ['/abs/**'] }))).rejects.toThrow(/Invalid glob '\/abs\/\*\*'/)
  })
})

describe('progress', () => {
  it('moves while one large file is hashed', async () => {
    const size = 512 * 1024 * 1024
    fs.closeSync(fs.openSync(path.join(root, 'big.bin'), 'w'))
    fs.truncateSync(path.join(root, 'big.bin'), size) // sparse: no disk used
    const seen: number[] = []
    const r = await scan(opts({ progressIntervalMs: 5, onProgress: (p) => seen.push(p.bytes) }))
    expect(r.entries[0]).toMatchObject({ path: 'big.bin', size, digest: expect.any(String) })
    expect(seen.some((b) => b > 0 && b < size)).toBe(true)
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1])
  })
})

describe('larger trees', () => {
  it('hashes across several workers, reports progress, and counts stats', async () => {
    const expected = new Map<string, string>()
    for (let i = 0; i < 1200; i++) {
      const rel = `d${i % 7}/sub${i % 3}/f${i}.bin`
      const content = crypto.randomBytes(i % 50 === 0 ? 300_000 : i % 4096)
      write(rel, content)
      expected.set(rel, sha256(content))
    }
    const seen: { files: number; bytes: number; elapsedMs: number }[] = []
    const r = await scan(opts({ workers: 3, progressIntervalMs: 1, onProgress: (p) => seen.push(p) }))
    expectSortedUnique(r)
    const files = r.entries.filter((e: Entry) => e.type === 'file')
    expect(files.length).toBe(expected.size)
    for (const e of files) expect(e.digest).toBe(expected.get(e.path))
    expect(r.stats.files).toBe(expected.size)
    expect(r.stats.dirs).toBe(7 + 21)
    expect(r.stats.bytes).toBe(files.reduce((n, e) => n + e.size, 0))
    expect(seen.length).toBeGreaterThan(0)
    for (const p of seen) {
      expect(p.files).toBeLessThanOrEqual(r.entries.length)
      expect(p.bytes).toBeLessThanOrEqual(r.stats.bytes)
      expect(p.elapsedMs).toBeGreaterThanOrEqual(0)
    }
  })
})
