// Shared helpers for the benchmark scripts: running a child while measuring wall time and peak RSS,
// apt installs, tree counting, machine facts, and table formatting. Plain Node ESM so it runs without a
// build. File names are attacker-controlled: nothing here ever puts a path into a shell string; every
// child is spawned with an argv array.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Repository root (the folder above scripts/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** Where corpora, temporary stores and the last table live; git-ignored. */
export const BENCH_DIR = path.join(REPO_ROOT, '.bench')

/** GNU time, used for peak RSS because it reads ru_maxrss from wait4() for the whole waited-for tree. */
export const GNU_TIME = '/usr/bin/time'

/** Cores the benchmark gives to every parallel tool (-P, -j, workers). */
export const CORES = os.availableParallelism()

/**
 * Logs a progress line to stderr, so stdout stays the table.
 * @param {...unknown} parts
 */
export function log(...parts) {
  process.stderr.write(`[bench] ${parts.join(' ')}\n`)
}

/**
 * True when `name` resolves on PATH (or is an absolute executable path).
 * @param {string} name
 * @returns {boolean}
 */
export function haveCommand(name) {
  if (path.isAbsolute(name)) return isExecutable(name)
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && isExecutable(path.join(dir, name))) return true
  }
  return false
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}

let aptUpdated = false

/**
 * Installs Debian packages whose command is missing. Root is needed only here; without root the
 * caller gets an error naming the packages to install by hand.
 * @param {Array<{cmd: string, pkg: string}>} wanted
 */
export function aptEnsure(wanted) {
  const missing = [...new Set(wanted.filter((w) => !haveCommand(w.cmd)).map((w) => w.pkg))]
  if (missing.length === 0) return
  if (process.getuid?.() !== 0) {
    throw new Error(`missing commands; install as root: apt-get install -y ${missing.join(' ')}`)
  }
  aptInstall(missing)
}

/**
 * Runs `apt-get install -y` for the given packages (after one `apt-get update` per process).
 * @param {string[]} pkgs
 */
export function aptInstall(pkgs) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  if (!aptUpdated) {
    log('apt-get update')
    const u = spawnSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'], env })
    if (u.status !== 0) throw new Error(`apt-get update failed (exit ${u.status})`)
    aptUpdated = true
  }
  log(`apt-get install -y ${pkgs.join(' ')}`)
  const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  })
  if (r.status !== 0) throw new Error(`apt-get install ${pkgs.join(' ')} failed (exit ${r.status})`)
}

/**
 * Counts regular files and their bytes under `root` without following symlinks; directory names are
 * read as Buffers so a non-UTF-8 name cannot break the count.
 * @param {string} root
 * @returns {{files: number, bytes: number, symlinks: number, dirs: number}}
 */
export function countTree(root) {
  const out = { files: 0, bytes: 0, symlinks: 0, dirs: 0 }
  const stack = [Buffer.from(root)]
  while (stack.length > 0) {
    const dir = /** @type {Buffer} */ (stack.pop())
    for (const ent of fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' })) {
      const full = Buffer.concat([dir, Buffer.from('/'), ent.name])
      if (ent.isDirectory()) {
        out.dirs++
        stack.push(full)
      } else if (ent.isSymbolicLink()) out.symlinks++
      else if (ent.isFile()) {
        out.files++
        out.bytes += fs.lstatSync(full).size
      }
    }
  }
  return out
}

/** @param {number[]} xs */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/**
 * Splits a command template into argv words (whitespace-separated, '…' and "…" group words). The
 * template comes from the person running the benchmark, never from file names; placeholders such
 * as {dir} are replaced word-by-word afterwards, so a directory name never passes through parsing.
 * @param {string} template
 * @returns {string[]}
 */
export function splitWords(template) {
  const words = []
  let cur = ''
  let inWord = false
  let quote = ''
  for (const ch of template) {
    if (quote) {
      if (ch === quote) quote = ''
      else cur += ch
    } else if (ch === "'" || ch === '"') {
      quote = ch
      inWord = true
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(cur)
      cur = ''
      inWord = false
    } else {
      cur += ch
      inWord = true
    }
  }
  if (quote) throw new Error(`unterminated ${quote} in command template: ${template}`)
  if (inWord) words.push(cur)
  if (words.length === 0) throw new Error('empty command template')
  return words
}

/**
 * Replaces whole-word and embedded placeholders ({dir}, {store}, …) in argv words.
 * @param {string[]} words
 * @param {Record<string, string>} vars
 */
export function fillWords(words, vars) {
  return words.map((w) =>
    w.replace(/\{(\w+)\}/g, (m, k) => {
      if (!(k in vars)) throw new Error(`unknown placeholder ${m} in command template`)
      return vars[k]
    }),
  )
}

/**
 * @typedef {object} RunResult
 * @property {number} wall seconds (Node's monotonic clock around spawn → exit)
 * @property {number | null} rssMB peak RSS of the largest process in the tree (GNU time %M), MB
 * @property {number | null} cpu user + system CPU seconds of the tree (GNU time %U + %S)
 * @property {number | null} code exit code
 * @property {string | null} signal
 * @property {boolean} timedOut
 * @property {string} stderr last 4 KiB of stderr
 */

/**
 * Runs argv under GNU time (if installed) with stdout sent to `stdoutFile` (peers print their hash
 * listing there, which is their equivalent of writing a manifest). The child gets its own process
 * group so a timeout kills the whole tree.
 * @param {string[]} argv
 * @param {{stdoutFile?: string, timeoutSec: number, cwd?: string, env?: NodeJS.ProcessEnv}} opts
 * @returns {Promise<RunResult>}
 */
/**
 * Process groups of the tools running now. Each runs detached (its own group, so a timeout can kill the
 * whole pipeline); without this, a benchmark stopped by Ctrl-C or `timeout` would leave the tool it was
 * timing running on — an orphaned `aide --init` on node_modules kept one core busy for minutes and spoiled
 * every measurement after it.
 */
const running = new Set()
let stopHandlers = false

function killRunning() {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL')
    } catch {
      /* already gone */
    }
  }
  running.clear()
}

function installStopHandlers() {
  if (stopHandlers) return
  stopHandlers = true
  process.on('exit', killRunning)
  for (const [sig, n] of /** @type {const} */ ([
    ['SIGINT', 2],
    ['SIGTERM', 15],
    ['SIGHUP', 1],
  ])) {
    process.on(sig, () => {
      killRunning()
      process.exit(128 + n)
    })
  }
}

export async function runMeasured(argv, opts) {
  installStopHandlers()
  const useTime = isExecutable(GNU_TIME)
  const rssFile = path.join(BENCH_DIR, 'tmp', `rss-${process.pid}-${Date.now()}.txt`)
  fs.mkdirSync(path.dirname(rssFile), { recursive: true })
  const full = useTime ? [GNU_TIME, '-f', '%M %U %S', '-o', rssFile, '--', ...argv] : argv
  const outFd = fs.openSync(opts.stdoutFile ?? '/dev/null', 'w')
  let stderr = ''
  const t0 = process.hrtime.bigint()
  const child = spawn(full[0], full.slice(1), {
    stdio: ['ignore', outFd, 'pipe'],
    detached: true,
    cwd: opts.cwd,
    env: opts.env ?? process.env,
  })
  fs.closeSync(outFd)
  if (child.pid !== undefined) running.add(child.pid)
  child.stderr.on('data', (d) => {
    stderr = (stderr + d.toString()).slice(-4096)
  })
  // Without GNU time, fall back to polling VmHWM of the direct child (misses grandchildren).
  let polledKB = 0
  const poll = useTime
    ? null
    : setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))
          if (m) polledKB = Math.max(polledKB, Number(m[1]))
        } catch {
          /* the child has exited */
        }
      }, 20)
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    try {
      process.kill(-(/** @type {number} */ (child.pid)), 'SIGKILL')
    } catch {
      /* already gone */
    }
  }, opts.timeoutSec * 1000)
  const [code, signal] = await new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (c, s) => resolve([c, s]))
  })
  const wall = Number(process.hrtime.bigint() - t0) / 1e9
  if (child.pid !== undefined) running.delete(child.pid)
  clearTimeout(timer)
  if (poll) clearInterval(poll)
  let rssKB = polledKB || null
  let cpu = null
  if (useTime) {
    try {
      const lines = fs.readFileSync(rssFile, 'utf8').trim().split('\n')
      const [kb, user, sys] = lines[lines.length - 1].split(' ').map(Number)
      rssKB = Number.isFinite(kb) ? kb : null
      cpu = Number.isFinite(user) && Number.isFinite(sys) ? user + sys : null
    } catch {
      rssKB = null
    }
    fs.rmSync(rssFile, { force: true })
  }
  return { wall, rssMB: rssKB === null ? null : rssKB / 1024, cpu, code, signal, timedOut, stderr }
}

/**
 * Machine facts for the table header.
 * @returns {Record<string, string>}
 */
export function machineInfo() {
  const cpuinfo = safeRead('/proc/cpuinfo')
  const model = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown'
  const shaNi = /\bsha_ni\b/.test(cpuinfo) ? 'yes' : 'no'
  return {
    cpu: model,
    cores: String(CORES),
    'SHA instructions': shaNi,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
  }
}

function safeRead(file) {
  try {
    return fs.readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}

/**
 * First line of `cmd args` output, for recording tool versions.
 * @param {string} cmd
 * @param {string[]} args
 */
export function versionOf(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10000 })
  const text = `${r.stdout ?? ''}\n${r.stderr ?? ''}`
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? 'unknown'
  )
}

/**
 * Renders rows as a Markdown table (also readable on a terminal).
 * @param {string[]} header
 * @param {string[][]} rows
 */
export function markdownTable(header, rows) {
  const esc = (s) => String(s).replace(/\|/g, '\\|')
  const lines = [`| ${header.map(esc).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`]
  for (const r of rows) lines.push(`| ${r.map(esc).join(' | ')} |`)
  return lines.join('\n')
}

/**
 * Formats a number with fixed decimals, or '—' when absent.
 * @param {number | null | undefined} x
 * @param {number} digits
 */
export function fmt(x, digits = 2) {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits)
}

/**
 * How busy the machine is right now: the 1-minute load average and the share of the last 10 s in
 * which some task waited for a CPU (Linux PSI). Other work on the machine skews every row, so the
 * table records this next to the figures.
 * @returns {{load1: number, cpuPressure10: number | null}}
 */
export function busyness() {
  const m = /some avg10=([\d.]+)/.exec(safeRead('/proc/pressure/cpu'))
  return { load1: os.loadavg()[0], cpuPressure10: m ? Number(m[1]) : null }
}
