/**
 * The CLI's commands. Pure of process globals (io injected) so tests can also call it in-process.
 */
import * as fs from 'node:fs'
import * as path from 'node:path'
import { parseCli, USAGE, UsageError, type CliSettings } from './args.js'
import {
  snapshot,
  verify,
  scanToManifest,
  type GateOutcome,
  type GateSettings,
  type Logger,
} from '../gate.js'
import { LocalStore } from '../stores/local-store.js'
import { readManifestFile } from '../stores/read-baseline.js'
import { decodeInflated, inflateManifest, inflateManifestAsync } from '../engine/manifest.js'
import { indexBase, quickDiffFrom, type QuickDiff } from '../engine/manifest-diff.js'
import { diffManifests } from '../engine/diff.js'
import { applyPolicy } from '../engine/policy.js'
import { toCoreutils } from '../engine/export.js'
import { makeVisible } from '../engine/markdown.js'
import { displayPath, relativeInside } from '../engine/paths.js'
import { renderTerminal } from '../engine/render.js'
import { toJsonReport } from '../engine/report-json.js'
import type { Report } from '../engine/types.js'
import { writeFileAtomic, writeOutputFile } from '../stores/atomic.js'
import { headCommit } from '../git/local.js'

export interface CliIo {
  stdout: (chunk: string | Buffer) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  cwd: string
}

const KEY_ENV = 'INTEGRITY_GATE_KEY'

/** Runs one CLI invocation; returns the exit code (0 pass, 1 violation, 2 error). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const log: Logger = {
    info: (m) => io.stderr(`${m}\n`),
    warning: (m) => io.stderr(`warning: ${m}\n`),
  }
  let settings: CliSettings | 'help'
  try {
    settings = parseCli(argv, log.warning)
  } catch (e) {
    io.stderr(`integrity-gate: ${(e as Error).message}\nRun 'integrity-gate --help' for usage.\n`)
    return 2
  }
  if (settings === 'help') {
    io.stdout(USAGE)
    return 0
  }
  try {
    return await runCommand(settings, io, log)
  } catch (e) {
    if (e instanceof UsageError) io.stderr(`integrity-gate: ${e.message}\n`)
    else io.stderr(`integrity-gate: error: ${(e as Error).message}\n`)
    return 2
  }
}

async function runCommand(s: CliSettings, io: CliIo, log: Logger): Promise<number> {
  const key = readKey(io.env)
  if (s.command === 'diff') return diffCommand(s, io, key)

  const root = path.resolve(io.cwd, s.args[0] ?? '.')
  const st = statDir(root)
  if (!st) throw new UsageError(`'${root}' is not a directory.`)
  const storeDir = path.resolve(io.cwd, s.store ?? path.join(root, '.integrity-gate'))
  const report = s.reportFile ? path.resolve(io.cwd, s.reportFile) : undefined
  const own = [storeDir]
  // A report file inside the tree is the gate's own file, never scanned, but only while it is one: a
  // symlink or anything else planted at that path is part of the tree and is reported (and replaced).
  if (report && isInside(root, report) && isPlainOrAbsent(report)) own.push(report)
  const gs: GateSettings = {
    root,
    gate: s.gate,
    algorithm: s.algorithm,
    include: s.include,
    exclude: s.exclude,
    alwaysExclude: own,
    policy: { allow: s.allow, protected: s.protected, failOn: s.failOn },
    key,
    onMissing: s.onMissing,
    update: s.update,
    // The commit the tree was taken at, so a later verify can ask git which changes it explains. Asked
    // while the scan starts: the manifest needs it only when its first entry is written.
    provenance: {},
    pendingCommit: s.explainWithGit ? headCommit(root).catch(() => undefined) : undefined,
    explain: s.explainWithGit
      ? async (changes, baseCommit) => {
          // Loaded only when asked for: git triage brings an HTTP client whose loading slowed every
          // CLI start (snapshot, verify, diff) by about 50 ms.
          const { explainChanges } = await import('../git/explain.js')
          return explainChanges(changes, baseCommit, {
            root,
            algorithm: s.algorithm,
            log: (m) => log.info(m),
          })
        }
      : undefined,
    source: 'local',
    log,
    onProgress: s.quiet ? undefined : (p) => log.info(progressLine(p)),
  }

  if (s.command === 'export') {
    const { manifest } = await scanToManifest(gs)
    io.stdout(toCoreutils(manifest.entries))
    // The listing has no line for these: `sha256sum -c` would never check them, so say so and fail.
    const left = manifest.entries.filter((e) => e.type === 'file' && (e.error !== undefined || e.unstable))
    if (left.length === 0) return 0
    io.stderr(`integrity-gate: ${left.length} files are not in the listing (no trustworthy digest):\n`)
    for (const e of left.slice(0, 50)) {
      io.stderr(
        `  ${makeVisible(displayPath(e.path))}: ${e.error !== undefined ? makeVisible(e.error) : 'changed while hashed'}\n`,
      )
    }
    if (left.length > 50) io.stderr(`  … ${left.length - 50} more\n`)
    return 1
  }
  const store = new LocalStore(storeDir, s.gate)
  const outcome = s.command === 'snapshot' ? await snapshot(store, gs) : await verify(store, gs)
  return finish(outcome.report, outcome, s, io)
}

async function diffCommand(s: CliSettings, io: CliIo, key: Buffer | undefined): Promise<number> {
  const [a, b] = s.args.map((f) => path.resolve(io.cwd, f))
  const bytesA = readDiffInput(a)
  // The second manifest inflates on the thread pool while the main thread inflates the first.
  let pendingB: Promise<Buffer>
  try {
    const bytesB = readDiffInput(b)
    pendingB = inflateManifestAsync(bytesB).catch((e: unknown) => {
      throw new Error(`${b}: ${(e as Error).message}`)
    })
  } catch (e) {
    pendingB = Promise.reject(e as Error)
  }
  pendingB.catch(() => undefined) // awaited below; this only keeps an early failure from going unhandled
  const rawA = named(a, () => inflateManifest(bytesA))
  // Unsigned manifests in our writer's layout are compared line by line, without decoding the unchanged
  // entries; the first one is checked and indexed while the second is still inflating. Anything else, and
  // every invalid manifest, takes the full decode (and its exact error).
  const indexedA = key === undefined ? indexBase(rawA) : undefined
  let rawB: Buffer
  try {
    rawB = await pendingB
  } catch (e) {
    // A problem with the first manifest is reported first, as when each was decoded in turn.
    named(a, () => decodeInflated(rawA, { key }))
    throw e
  }
  const found = quickDiffFrom(indexedA, rawB) ?? fullDiff(a, rawA, b, rawB, key)
  const { diff, base, current } = found
  const verdict = applyPolicy(diff, { allow: s.allow, protected: s.protected, failOn: s.failOn })
  const report: Report = {
    gate: current.gate,
    root: b,
    algorithm: current.algorithm,
    verdict,
    changes: diff.changes,
    incompatible: diff.incompatible,
    baseline: {
      source: 'file',
      key: a,
      createdAt: base.createdAt,
      commit: base.provenance?.commit,
      signed: key !== undefined,
    },
    scan: { files: 0, dirs: 0, others: 0, bytes: 0, errors: 0, unstable: 0, durationMs: 0 },
    problems: found.problems,
  }
  return finish(report, { result: verdict.result, pass: verdict.pass }, s, io)
}

/** Reads one manifest file of `diff`; the error names the file. */
function readDiffInput(file: string): Buffer {
  try {
    return readManifestFile(file)
  } catch (e) {
    throw new Error(`Cannot read manifest ${file}: ${(e as Error).message}`)
  }
}

/** diff by decoding both manifests in full (signed ones, other layouts, and every error). */
function fullDiff(a: string, rawA: Buffer, b: string, rawB: Buffer, key: Buffer | undefined): QuickDiff {
  const base = named(a, () => decodeInflated(rawA, { key }))
  const current = named(b, () => decodeInflated(rawB, { key }))
  return {
    base: base.header,
    current: current.header,
    diff: diffManifests(base, current),
    problems: current.entries.filter((e) => e.error !== undefined || e.unstable),
  }
}

/** Runs `work`, prefixing any error's message with the manifest file it is about. */
function named<T>(file: string, work: () => T): T {
  try {
    return work()
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`)
  }
}

function finish(
  report: Report,
  outcome: Pick<GateOutcome, 'result' | 'pass' | 'savedKey'>,
  s: CliSettings,
  io: CliIo,
): number {
  const json = toJsonReport(report, { result: outcome.result, savedKey: outcome.savedKey })
  if (s.reportFile) {
    const target = path.resolve(io.cwd, s.reportFile)
    const bytes = Buffer.from(JSON.stringify(json, null, 2))
    // Inside the scanned tree a symlink at the report path is the tree's content, never followed (it could
    // point at any file the job can write); outside it, the user's link or device is where the report goes.
    if (isInside(report.root, target)) writeFileAtomic(target, bytes)
    else writeOutputFile(target, bytes)
  }
  if (s.json) io.stdout(JSON.stringify(json, null, 2) + '\n')
  else io.stdout(renderTerminal(report, { result: outcome.result }) + '\n')
  return outcome.pass ? 0 : 1
}

/** Whether `p` lies inside `root` (or is it). */
const isInside = (root: string, p: string): boolean => relativeInside(root, p) !== undefined

function isPlainOrAbsent(p: string): boolean {
  try {
    return fs.lstatSync(p).isFile()
  } catch {
    return true
  }
}

function readKey(env: NodeJS.ProcessEnv): Buffer | undefined {
  const raw = env[KEY_ENV]
  if (raw === undefined) return undefined
  if (raw.length === 0) throw new UsageError(`${KEY_ENV} is set but empty: unset it or give a key.`)
  // The environment reaches Node decoded as UTF-8, every invalid byte as U+FFFD: binary keys that differ
  // only there would sign alike. Refuse them rather than silently weaken the key.
  if (raw.includes('\uFFFD'))
    throw new UsageError(
      `${KEY_ENV} is not valid UTF-8 text: use a text key, e.g. the output of openssl rand -hex 32.`,
    )
  return Buffer.from(raw, 'utf8')
}

function statDir(p: string): fs.Stats | undefined {
  try {
    const st = fs.statSync(p)
    return st.isDirectory() ? st : undefined
  } catch {
    return undefined
  }
}

function progressLine(p: { files: number; bytes: number; elapsedMs: number }): string {
  const secs = Math.max(p.elapsedMs / 1000, 0.001)
  const mb = p.bytes / 1e6
  return `scanning: ${p.files} files, ${mb.toFixed(1)} MB, ${(mb / secs).toFixed(1)} MB/s`
}
