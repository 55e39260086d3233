/**
 * Runs the scanner (or one hash worker) in a child process, for tests that must not hang jest when the
 * scanner misbehaves (a FIFO that is opened blocks forever) or that need another user (unreadable
 * files, since CI runs as root). The child is Node 24 running the TypeScript sources directly
 * (type stripping) with a resolve hook mapping the `.js` import suffixes to the `.ts` files.
 */
import { spawnSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { ScanOptions, ScanResult } from '../../src/engine/types.js'
import type { WorkerResult } from '../../src/engine/scan-worker.js'
import { nativeAddonPath } from '../../src/engine/native.js'

const engine = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/engine')

const HOOKS = `
import { registerHooks } from 'node:module'
registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context)
    } catch (e) {
      if (specifier.endsWith('.js') && context.parentURL && context.parentURL.endsWith('.ts')) {
        return next(specifier.slice(0, -3) + '.ts', context)
      }
      throw e
    }
  },
})
`

const RUNNER = `
const [mode, json] = process.argv.slice(2)
const arg = JSON.parse(json)
try {
  if (mode === 'scan') {
    const { scan } = await import(process.env.IG_SCAN_URL)
    process.stdout.write(JSON.stringify(await scan(arg)))
  } else if (mode === 'prestart') {
    // Starts a hash worker early and never scans: the process must still end on its own.
    const { prestartHashWorker, prestartedWorkerWaiting } = await import(process.env.IG_POOL_URL)
    prestartHashWorker()
    process.stdout.write(JSON.stringify(prestartedWorkerWaiting()))
  } else if (mode === 'young') {
    // Keeps a million small objects alive (like a scan's entries), in steps the event loop runs between,
    // and reports the young generation's largest size, with or without capYoungGeneration.
    const { getHeapSpaceStatistics } = await import('node:v8')
    const youngSize = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size
    if (arg.capped) (await import(process.env.IG_HEAP_URL)).capYoungGeneration()
    const kept = []
    let largest = youngSize()
    // Each step waits longer than the cap's timer period, so the timer sees every step's growth.
    for (let step = 0; step < 50; step++) {
      for (let i = 0; i < 20_000; i++) kept.push({ path: 'dir/file' + step + '/' + i, size: i })
      largest = Math.max(largest, youngSize())
      await new Promise((resolve) => setTimeout(resolve, 12))
    }
    process.stdout.write(JSON.stringify({ largest, kept: kept.length }))
  } else {
    const { WORKER_SOURCE, decodeReply } = await import(process.env.IG_WORKER_URL)
    const { Worker } = await import('node:worker_threads')
    const fs = await import('node:fs')
    // native: the C loop, opening files under a descriptor of the root, as scan() passes it.
    const rootFd = arg.native ? fs.openSync(arg.root, fs.constants.O_RDONLY | fs.constants.O_DIRECTORY) : undefined
    // noWasm: as under --jitless, where the worker's page-aligned buffer must fall back to a plain one.
    const source = (arg.noWasm ? 'globalThis.WebAssembly = undefined;\\n' : '') + WORKER_SOURCE
    const w = new Worker(source, {
      eval: true,
      workerData: {
        root: Buffer.from(arg.root),
        hash: 'sha256',
        bufferSize: 65536,
        progress: new Float64Array(new SharedArrayBuffer(64)),
        slot: 0,
        stableBefore: arg.stableBefore,
        native: arg.native,
        rootFd,
      },
    })
    w.once('message', (m) => {
      if (Boolean(arg.native) !== (m.native === true)) {
        process.stderr.write(arg.native ? 'the C loop did not run' : 'the C loop ran unasked')
        process.exitCode = 3
      } else process.stdout.write(JSON.stringify(decodeReply(m)))
      void w.terminate()
    })
    w.postMessage({
      id: 1,
      paths: Buffer.from(arg.paths.map((p) => p + '\\0').join('')),
      claim: new Int32Array(new SharedArrayBuffer(4)),
    })
  }
} catch (e) {
  process.stderr.write(String(e && e.message ? e.message : e))
  process.exitCode = 3
}
`

let dir: string | undefined

/** Writes the hook and runner once per test file into a world-readable temp folder. */
function runnerDir(): string {
  if (dir) return dir
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-scan-child-'))
  fs.chmodSync(dir, 0o755)
  fs.writeFileSync(path.join(dir, 'hooks.mjs'), HOOKS, { mode: 0o644 })
  fs.writeFileSync(path.join(dir, 'run.mjs'), RUNNER, { mode: 0o644 })
  return dir
}

/** Removes the runner folder (call in afterAll). */
export function cleanupChild(): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
  dir = undefined
}

export interface ChildRun<T> {
  status: number | null
  signal: NodeJS.Signals | null
  stderr: string
  result?: T
}

/** How to become another user when running as root: `setpriv` or `runuser`, or undefined when neither exists. */
export function dropPrivilegesPrefix(): string[] | undefined {
  const has = (bin: string) =>
    ['/usr/bin', '/bin', '/usr/sbin', '/sbin'].some((d) => fs.existsSync(path.join(d, bin)))
  if (has('setpriv')) return ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']
  if (has('runuser')) return ['runuser', '-u', 'nobody', '--']
  return undefined
}

function run<T>(
  mode: string,
  arg: unknown,
  opts: { prefix?: string[]; timeoutMs?: number; env?: Record<string, string> },
): ChildRun<T> {
  const d = runnerDir()
  const argv = [
    '--no-warnings',
    '--experimental-transform-types',
    '--import',
    pathToFileURL(path.join(d, 'hooks.mjs')).href,
    path.join(d, 'run.mjs'),
    mode,
    JSON.stringify(arg),
  ]
  const prefix = opts.prefix ?? []
  const cmd = prefix.length > 0 ? prefix[0] : process.execPath
  const args = prefix.length > 0 ? [...prefix.slice(1), process.execPath, ...argv] : argv
  const r = spawnSync(cmd, args, {
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 30_000,
    killSignal: 'SIGKILL',
    cwd: d,
    env: {
      PATH: process.env.PATH ?? '',
      IG_SCAN_URL: pathToFileURL(path.join(engine, 'scan.ts')).href,
      IG_WORKER_URL: pathToFileURL(path.join(engine, 'scan-worker.ts')).href,
      IG_POOL_URL: pathToFileURL(path.join(engine, 'scan-pool.ts')).href,
      IG_HEAP_URL: pathToFileURL(path.join(engine, '..', 'heap.ts')).href,
      ...opts.env,
    },
    maxBuffer: 256 * 1024 * 1024,
  })
  const out: ChildRun<T> = { status: r.status, signal: r.signal, stderr: r.stderr }
  if (r.status === 0) out.result = JSON.parse(r.stdout) as T
  return out
}

/** Scans in a child process (optionally as another user), killed after `timeoutMs`. */
export function scanInChild(
  options: ScanOptions,
  opts: { prefix?: string[]; timeoutMs?: number } = {},
): ChildRun<ScanResult> {
  return run<ScanResult>('scan', options, opts)
}

/** Starts a hash worker early in a child process that then ends without scanning. */
export function prestartInChild(timeoutMs = 20_000): ChildRun<boolean> {
  return run<boolean>('prestart', {}, { timeoutMs })
}

/** The young generation's largest size (bytes) while a fresh process keeps a million objects alive. */
export function youngGenerationInChild(capped: boolean): ChildRun<{ largest: number }> {
  return run<{ largest: number }>('young', { capped }, {})
}

/** Which of the worker's two ways a file goes (both must give the same answers). */
export type WorkerPath = 'quick' | 'careful'

/** Which loop hashes: the worker's JavaScript, or the C loop (src/native/scan.c) built into dist/. */
export type Hasher = 'js' | 'native'

/** The C loop's path, as native.ts finds it when run from the sources. */
export function nativeAddon(): string {
  const addon = nativeAddonPath()
  if (addon === undefined) throw new Error('No C loop in dist/ for this platform: run npm run build.')
  return addon
}

/**
 * Sends one batch of relative paths straight to a hash worker in a child process; `noWasm` runs the
 * worker without a WebAssembly global. `quick` tells the worker every file is older than the scan
 * (stableBefore an hour ahead), so files that fit its buffer take the one-fstat path; `careful` tells it
 * none is (stableBefore 0), so every file takes the fstat-read-fstat path.
 */
export function workerInChild(
  root: string,
  paths: string[],
  timeoutMs = 20_000,
  noWasm = false,
  way: WorkerPath = 'quick',
  hasher: Hasher | { addon: string } = 'js',
  env?: Record<string, string>,
): ChildRun<WorkerResult[]> {
  const stableBefore = way === 'quick' ? Date.now() + 3_600_000 : 0
  const native = typeof hasher === 'object' ? hasher.addon : hasher === 'native' ? nativeAddon() : undefined
  return run<WorkerResult[]>('worker', { root, paths, noWasm, stableBefore, native }, { timeoutMs, env })
}
