#!/usr/bin/env node
// The benchmark (issue 6, issue 2 §7): integrity-gate against the peers on one corpus, in one run,
// warm page cache, median of N runs, peak RSS, and the machine's limit. Prints one table and writes
// it as Markdown to .bench/last.md (and raw figures to .bench/last.json) for BENCHMARKS.md.
//
//   npm run bench -- [--corpus kernel|node_modules|generated|DIR | DIR] [--runs 3] [--only a,b]
//                    [--ig "<cmd>"] [--ig-verify "<cmd>"] [--ig-diff "<cmd>"]
//                    [--timeout 600] [--budget 3600] [--bigfile] [--no-extras] [--wait-idle SEC]
//
// Speed is measured here only, never in tests. Root is needed only for the apt installs.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import {
  BENCH_DIR,
  CORES,
  GNU_TIME,
  REPO_ROOT,
  aptEnsure,
  busyness,
  fillWords,
  fmt,
  haveCommand,
  log,
  machineInfo,
  markdownTable,
  median,
  runMeasured,
  splitWords,
  versionOf,
} from './bench-lib.mjs'
import { CORPORA, describeDir, ensureCorpus } from './corpus.mjs'
import { shaThroughput } from './bench-sha.mjs'
import { IG_DEFAULTS, igArgv, tools } from './bench-tools.mjs'

const USAGE = `usage: npm run bench -- [--corpus kernel|node_modules|generated|DIR | DIR] [--runs N] [--only ${[
  'ig',
  'ig-verify',
  'rhash',
  'sha256sum',
  'hashdeep',
  'aide',
  'tar',
  'walk',
  'walk-c',
  'floor',
  'floor-c',
  'floor-stat',
].join(',')}]
       [--ig "<snapshot cmd>"] [--ig-verify "<verify cmd>"] [--ig-diff "<diff cmd>"]
       [--timeout SEC per run] [--budget SEC in all] [--bigfile] [--no-extras] [--wait-idle SEC]
integrity-gate commands (placeholders {dir} {store}, {a} {b}; 'node' = this Node):
  --ig         ${IG_DEFAULTS.snapshot}
  --ig-verify  ${IG_DEFAULTS.verify}
  --ig-diff    ${IG_DEFAULTS.diff}`

/** Parses and validates the command line; every bad value is an error that names it. */
function options() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      corpus: { type: 'string' },
      runs: { type: 'string', default: '3' },
      only: { type: 'string' },
      ig: { type: 'string', default: IG_DEFAULTS.snapshot },
      'ig-verify': { type: 'string', default: IG_DEFAULTS.verify },
      'ig-diff': { type: 'string', default: IG_DEFAULTS.diff },
      timeout: { type: 'string', default: '600' },
      budget: { type: 'string', default: '3600' },
      bigfile: { type: 'boolean', default: false },
      'no-extras': { type: 'boolean', default: false },
      'wait-idle': { type: 'string', default: '0' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    process.exit(0)
  }
  if (positionals.length > 1 || (positionals.length === 1 && values.corpus)) {
    throw new Error(
      `give one corpus, either --corpus or a DIR (got ${[values.corpus, ...positionals].join(', ')})`,
    )
  }
  const int = (name, min) => {
    const n = Number(values[name])
    if (!Number.isInteger(n) || n < min)
      throw new Error(`--${name} must be an integer ≥ ${min}, got '${values[name]}'`)
    return n
  }
  const all = tools({ ig: '', igVerify: '', runSetup: async () => undefined }).map((t) => t.key)
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : all
  const unknown = only.filter((k) => !all.includes(k))
  if (unknown.length) throw new Error(`--only: unknown tool ${unknown.join(', ')}; valid: ${all.join(', ')}`)
  for (const k of ['ig', 'ig-verify', 'ig-diff']) splitWords(values[k]) // fail early on a bad template
  return {
    corpus: values.corpus ?? positionals[0] ?? 'generated',
    runs: int('runs', 1),
    only,
    ig: values.ig,
    igVerify: values['ig-verify'],
    igDiff: values['ig-diff'],
    timeoutSec: int('timeout', 1),
    budgetSec: int('budget', 1),
    bigfile: values.bigfile,
    extras: !values['no-extras'],
    waitIdleSec: int('wait-idle', 0),
  }
}

const started = Date.now()
const elapsed = () => (Date.now() - started) / 1000

async function main() {
  const opt = options()
  if (opt.runs < 3) log(`warning: --runs ${opt.runs}; issue 6 asks for the median of at least 3 runs`)
  fs.mkdirSync(path.join(BENCH_DIR, 'tmp'), { recursive: true })
  aptEnsure([{ cmd: GNU_TIME, pkg: 'time' }])

  const corpus = CORPORA.includes(opt.corpus) ? await ensureCorpus(opt.corpus) : describeDir(opt.corpus)
  log(`corpus ${corpus.name}: ${corpus.dir} (${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB)`)

  const setupRun = async (argv) => {
    const r = await runMeasured(argv, { timeoutSec: opt.timeoutSec, cwd: REPO_ROOT })
    return r.code === 0 ? undefined : `setup failed (exit ${r.code}): ${r.stderr.trim().split('\n').pop()}`
  }
  const selected = tools({ ig: opt.ig, igVerify: opt.igVerify, runSetup: setupRun }).filter((t) =>
    opt.only.includes(t.key),
  )
  aptEnsure(selected.flatMap((t) => t.needs))

  const machine = machineInfo()
  if (opt.waitIdleSec > 0) await waitIdle(opt.waitIdleSec)
  const loadBefore = busyness()
  if (loadBefore.load1 > 0.5) {
    log(`warning: the machine is busy (load ${loadBefore.load1.toFixed(2)}); other work skews every row`)
  }
  const versions = toolVersions(selected, opt.ig)

  log('warming the page cache (tar cf - . | cat)')
  const warm = await runMeasured(['sh', '-c', 'cd "$1" && tar cf - . | cat > /dev/null', 'sh', corpus.dir], {
    timeoutSec: opt.timeoutSec,
  })
  log(`first read took ${warm.wall.toFixed(2)}s`)

  log('SHA-256 on memory (Node crypto), best of 3')
  const sha1 = best(await repeat(3, () => shaThroughput(1, 1)), 'totalMBs')
  const shaN = best(await repeat(3, () => shaThroughput(CORES, 1)), 'totalMBs')

  const results = await runTools(selected, corpus, opt)
  const loadAfter = busyness()
  const table = buildTable(results, corpus, sha1, shaN)
  const sections = [table.markdown, targets(results, table)]
  if (opt.extras) sections.push(await section('Diff of two 100k-entry manifests', () => diffSection(opt)))
  if (opt.bigfile) sections.push(await section('One big file', () => bigfileSection(opt, sha1)))

  const header = [
    `## Benchmark: corpus \`${corpus.name}\` — ${corpus.files.toLocaleString('en')} files, ` +
      `${(corpus.bytes / 1e9).toFixed(2)} GB`,
    '',
    `Source: ${corpus.source}${corpus.createdSec ? ` (built in ${corpus.createdSec.toFixed(0)} s)` : ''}. ` +
      `Warm page cache, median of ${opt.runs} runs (tools interleaved round-robin), ` +
      `run ${new Date().toISOString().slice(0, 16)}Z, took ${elapsed().toFixed(0)} s.`,
    '',
    'Machine: ' +
      Object.entries(machine)
        .map(([k, v]) => `${k} ${v}`)
        .join('; ') +
      '.',
    '',
    'Tools: ' + versions.join('; ') + '.',
    '',
    `Machine load (1-min load average / % of the last 10 s with a task waiting for CPU): ` +
      `${loadText(loadBefore)} before the timed runs, ${loadText(loadAfter)} after; ` +
      `anything well above 0 means other work shared the ${CORES} cores.`,
    '',
    `Peak RSS: GNU time's %M (ru_maxrss from wait4), i.e. the largest single process of the tool's ` +
      `tree — exact for one-process tools (integrity-gate, rhash, hashdeep, aide); for the ` +
      `find|xargs pipeline the ${CORES} sha256sum processes together use up to ${CORES}× that.`,
  ].join('\n')
  const md = [header, ...sections].join('\n\n') + '\n'
  fs.writeFileSync(path.join(BENCH_DIR, 'last.md'), md)
  fs.writeFileSync(
    path.join(BENCH_DIR, 'last.json'),
    `${JSON.stringify({ corpus, machine, versions, sha1, shaN, results: Object.fromEntries(results) }, null, 2)}\n`,
  )
  process.stdout.write(md)
  log(`written .bench/last.md and .bench/last.json (${elapsed().toFixed(0)} s)`)
}

/** Runs one extra section; its failure is reported in its place instead of losing the whole table. */
async function section(title, fn) {
  try {
    return await fn()
  } catch (e) {
    log(`${title} failed: ${e instanceof Error ? e.message : String(e)}`)
    return `### ${title}\n\nfailed: ${e instanceof Error ? e.message : String(e)}`
  }
}

/** Runs every tool `opt.runs` times, interleaved so that machine drift hits all tools alike. */
async function runTools(selected, corpus, opt) {
  const results = new Map()
  for (const t of selected) {
    const cmd = t.command(corpus.dir)
    let skip = 'pending' in cmd ? cmd.pending : undefined
    if (!skip && t.setup) skip = await t.setup(corpus.dir)
    results.set(t.key, { key: t.key, label: t.label, runs: [], skip, cmd: 'argv' in cmd ? cmd.argv : null })
    if (skip) log(`${t.label}: ${skip}`)
  }
  for (let run = 1; run <= opt.runs; run++) {
    for (const t of selected) {
      const res = results.get(t.key)
      if (res.skip) continue
      if (elapsed() > opt.budgetSec) {
        res.note = `budget of ${opt.budgetSec}s reached after ${res.runs.length} runs`
        continue
      }
      t.before?.(corpus.dir)
      const r = await runMeasured(res.cmd, {
        timeoutSec: opt.timeoutSec,
        cwd: REPO_ROOT,
        stdoutFile: path.join(BENCH_DIR, 'tmp', `out-${t.key}.txt`),
      })
      const ok = !r.timedOut && (t.ok ? t.ok(r.code) : r.code === 0)
      log(
        `run ${run}/${opt.runs} ${t.label}: ${r.wall.toFixed(2)}s (CPU ${fmt(r.cpu)}s), ${fmt(r.rssMB, 0)} MB` +
          (ok ? '' : ` FAILED (${r.timedOut ? 'timeout' : `exit ${r.code ?? r.signal}`})`),
      )
      if (!ok) {
        res.skip = r.timedOut
          ? `timed out after ${opt.timeoutSec}s`
          : `exit ${r.code ?? r.signal}: ${r.stderr.trim().split('\n').pop() ?? ''}`
        continue
      }
      res.runs.push({ wall: r.wall, rssMB: r.rssMB, cpu: r.cpu })
    }
  }
  for (const res of results.values()) {
    if (res.runs.length > 0) {
      res.wall = median(res.runs.map((x) => x.wall))
      res.rssMB = Math.max(...res.runs.map((x) => x.rssMB ?? 0)) || null
      const cpus = res.runs.map((x) => x.cpu).filter((x) => x !== null && x !== undefined)
      res.cpu = cpus.length ? median(cpus) : undefined
    }
  }
  return results
}

/** Builds the one table: tools, read-only baselines and the machine's limit. */
function buildTable(results, corpus, sha1, shaN) {
  const ig = results.get('ig')
  const igWall = ig?.wall
  const rows = []
  const row = (label, wall, rssMB, note = '', cpu = undefined) => [
    label,
    wall === undefined ? note || 'pending' : fmt(wall, 2),
    cpu === undefined ? '—' : fmt(cpu, 2),
    wall === undefined ? '—' : fmt(corpus.bytes / 1e6 / wall, 0),
    wall === undefined ? '—' : fmt(corpus.files / wall, 0),
    fmt(rssMB, 0),
    wall === undefined || igWall === undefined ? '—' : fmt(wall / igWall, 2),
  ]
  for (const r of results.values()) {
    rows.push(row(r.label, r.wall, r.rssMB, r.skip ? `pending: ${r.skip}` : r.note, r.cpu))
  }
  const readOnly = ['walk', 'walk-c', 'tar'].map((k) => results.get(k)).filter((r) => r?.wall !== undefined)
  const readCost = readOnly.length ? Math.min(...readOnly.map((r) => r.wall)) : undefined
  const readCpus = readOnly.map((r) => r.cpu).filter((x) => x !== undefined)
  const readCpu = readCpus.length ? Math.min(...readCpus) : undefined
  const hashCores = corpus.bytes / (shaN.totalMBs * 1e6)
  const hash1 = corpus.bytes / (sha1.totalMBs * 1e6)
  const hashIdeal = hash1 / CORES
  rows.push(row(`limit: SHA-256 on memory, 1 thread (${fmt(sha1.totalMBs, 0)} MB/s)`, hash1, null, '', hash1))
  rows.push(
    row(
      `limit: SHA-256 on memory, ${CORES} threads (${fmt(shaN.totalMBs, 0)} MB/s; ×${CORES} ideal ` +
        `${fmt(hashIdeal, 2)} s)`,
      hashCores,
    ),
  )
  const limit = readCost === undefined ? undefined : Math.max(readCost, hashCores)
  rows.push(
    row(`limit: ${CORES}-core = max(read only, SHA-256 ${CORES} threads)`, limit, null, 'needs tar or walk'),
  )
  // Warm, both the reading and the hashing are CPU work on the same cores: the least CPU a scan can
  // spend is the read-only pass's CPU plus the hashing's, and spread perfectly over the cores that takes
  // (read CPU + hash CPU) / cores of wall time.
  const cpuLimit = readCpu === undefined ? undefined : (readCpu + hash1) / CORES
  rows.push(
    row(
      `limit: ${CORES}-core CPU-bound = (read-only CPU + SHA-256 CPU) / ${CORES}`,
      cpuLimit,
      null,
      'needs GNU time and tar or walk',
      cpuLimit === undefined ? undefined : readCpu + hash1,
    ),
  )
  const header = [
    'tool',
    'wall median (s)',
    'CPU median (s)',
    'MB/s',
    'files/s',
    'peak RSS (MB)',
    'ratio to integrity-gate',
  ]
  return { markdown: markdownTable(header, rows), limit, cpuLimit, readCost, readCpu, hashCores, hash1 }
}

/**
 * The ratio of two tools round by round: runs are interleaved, so run i of each tool ran within seconds of
 * the other's, and the spread of these ratios shows how much the host's drift moves the median one.
 */
function pairedRatios(a, b) {
  if (!a || !b || a.runs.length !== b.runs.length || a.runs.length < 2) return ''
  const r = a.runs.map((x, i) => x.wall / b.runs[i].wall)
  return ` (round by round: median ${fmt(median(r))}×, ${fmt(Math.min(...r))}–${fmt(Math.max(...r))}×)`
}

/** The issue-6 targets as ratios measured in this run. */
function targets(results, table) {
  const ig = results.get('ig')?.wall
  const verify = results.get('ig-verify')?.wall
  const peers = ['rhash', 'sha256sum', 'hashdeep', 'aide']
    .map((k) => results.get(k))
    .filter((r) => r?.wall !== undefined)
  const fastest = peers.sort((a, b) => a.wall - b.wall)[0]
  const verdict = (ok) => (ok === undefined ? 'pending' : ok ? 'met' : 'NOT met')
  const lines = ['### Targets (issue 6), from this run', '']
  lines.push(
    `- Fastest peer: ${fastest ? `${fastest.label}, ${fmt(fastest.wall)} s` : '—'}.` +
      ` Scan ≤ 0.8 × fastest peer: ${
        ig !== undefined && fastest
          ? `${fmt(ig / fastest.wall)}× — ${verdict(ig <= 0.8 * fastest.wall)}${pairedRatios(results.get('ig'), fastest)}`
          : 'pending'
      }; faster than every peer: ${verdict(ig !== undefined && fastest ? ig < fastest.wall : undefined)}.`,
  )
  lines.push(
    `- ${CORES}-core limit ${fmt(table.limit)} s (read only ${fmt(table.readCost)} s, hashing ` +
      `${fmt(table.hashCores)} s); scan reaches ${
        ig !== undefined && table.limit !== undefined
          ? `${fmt(table.limit / ig)} of it — ${verdict(table.limit / ig >= 0.8)}`
          : 'pending'
      } (target ≥ 0.8).`,
  )
  lines.push(
    `- ${CORES}-core CPU-bound limit ${fmt(table.cpuLimit)} s (read-only CPU ${fmt(table.readCpu)} s + ` +
      `hashing CPU ${fmt(table.hash1)} s, over ${CORES} cores); scan reaches ${
        ig !== undefined && table.cpuLimit !== undefined
          ? `${fmt(table.cpuLimit / ig)} of it — ${verdict(table.cpuLimit / ig >= 0.8)}`
          : 'pending'
      } (target ≥ 0.8).`,
  )
  const floor = results.get('floor')?.wall
  if (floor !== undefined && table.cpuLimit !== undefined) {
    lines.push(
      `- Floor of a plain-Node scan (walk + read + SHA-256 only) ${fmt(floor)} s: ${fmt(table.cpuLimit / floor)} ` +
        `of the CPU-bound limit${ig !== undefined ? `; the scan takes ${fmt(ig / floor)}× the floor` : ''}.`,
    )
  }
  const floorC = results.get('floor-c')?.wall
  if (floorC !== undefined && table.cpuLimit !== undefined) {
    lines.push(
      `- Floor with the scanner's C loop (walk + read + fstat + SHA-256 only) ${fmt(floorC)} s: ` +
        `${fmt(table.cpuLimit / floorC)} of the CPU-bound limit` +
        `${ig !== undefined ? `; the scan takes ${fmt(ig / floorC)}× it` : ''}.`,
    )
  }
  const floorStat = results.get('floor-stat')?.wall
  if (floorStat !== undefined && table.cpuLimit !== undefined) {
    lines.push(
      `- Floor + one fstat per file ${fmt(floorStat)} s: ${fmt(table.cpuLimit / floorStat)} of the CPU-bound limit` +
        `${ig !== undefined ? `; the scan takes ${fmt(ig / floorStat)}× it` : ''}.`,
    )
  }
  const rss = results.get('ig')?.rssMB
  lines.push(`- Peak RSS: ${rss ? `${fmt(rss, 0)} MB` : 'pending'} (target ≤ 200 MB for 100k files).`)
  lines.push(
    `- No-change verify / bare snapshot: ${
      ig !== undefined && verify !== undefined
        ? `${fmt(verify / ig)} — ${verdict(verify / ig <= 1.3)}`
        : 'pending'
    } (target ≤ 1.3).`,
  )
  return lines.join('\n')
}

/**
 * Diff of two 100k-entry manifests: snapshot tree100k, change 1% of files, snapshot again into a second
 * store, put the files back, then time `diff A B`. Node's own start-up is reported beside it.
 */
async function diffSection(opt) {
  const title = '### Diff of two 100k-entry manifests'
  const probe = igArgv(opt.igDiff, { a: 'A', b: 'B' })
  if ('pending' in probe || 'pending' in igArgv(opt.ig, { dir: '.', store: '.' })) {
    return `${title}\n\npending: ${'pending' in probe ? probe.pending : 'snapshot command not available'}`
  }
  const tree = await ensureCorpus('tree100k')
  const storeA = path.join(BENCH_DIR, 'tmp', 'store-diff-a')
  const storeB = path.join(BENCH_DIR, 'tmp', 'store-diff-b')
  for (const s of [storeA, storeB]) fs.rmSync(s, { recursive: true, force: true })
  const snap = async (store) => {
    const a = /** @type {{argv: string[]}} */ (igArgv(opt.ig, { dir: tree.dir, store }))
    const r = await runMeasured(a.argv, { timeoutSec: opt.timeoutSec, cwd: REPO_ROOT })
    if (r.code !== 0) throw new Error(`snapshot for the diff failed (exit ${r.code}): ${r.stderr.trim()}`)
  }
  await snap(storeA)
  const changed = everyNthFile(tree.dir, 100)
  const saved = changed.map((f) => [f, fs.readFileSync(f)])
  try {
    for (const [f, data] of saved) fs.writeFileSync(f, Buffer.concat([data, Buffer.from('x')]))
    await snap(storeB)
  } finally {
    for (const [f, data] of saved) fs.writeFileSync(f, data)
  }
  const a = newestFile(storeA)
  const b = newestFile(storeB)
  const argv = /** @type {{argv: string[]}} */ (igArgv(opt.igDiff, { a, b })).argv
  const walls = []
  let rss = 0
  for (let i = 0; i < opt.runs; i++) {
    const r = await runMeasured(argv, { timeoutSec: opt.timeoutSec, cwd: REPO_ROOT })
    if (r.code !== 0 && r.code !== 1) return `${title}\n\nfailed (exit ${r.code}): ${r.stderr.trim()}`
    walls.push(r.wall)
    rss = Math.max(rss, r.rssMB ?? 0)
  }
  const startup = []
  for (let i = 0; i < opt.runs; i++) {
    startup.push((await runMeasured([process.execPath, '-e', '0'], { timeoutSec: 60 })).wall)
  }
  const d = median(walls)
  return [
    title,
    '',
    `${tree.files.toLocaleString('en')} files, ${saved.length} modified; manifests ${path.basename(a)} ` +
      `(${fmt(fs.statSync(a).size / 1e6)} MB) and ${path.basename(b)}.`,
    '',
    `- \`diff A B\` end to end: median ${fmt(d)} s (runs ${fmt(Math.min(...walls))}–${fmt(Math.max(...walls))} s), ` +
      `peak RSS ${fmt(rss, 0)} MB ` +
      `(node start-up alone: ${fmt(median(startup))} s). Target ≤ 0.3 s: ${d <= 0.3 ? 'met' : 'NOT met'}.`,
  ].join('\n')
}

/** One 5 GiB file of random data: integrity-gate and rhash against the single-core hash rate. */
async function bigfileSection(opt, sha1) {
  const big = await ensureCorpus('bigfile')
  const title = `### One ${(big.bytes / 2 ** 30).toFixed(0)} GiB file (random data, warm cache)`
  await runMeasured(['sh', '-c', 'cat "$1"/* > /dev/null', 'sh', big.dir], { timeoutSec: opt.timeoutSec })
  const store = path.join(BENCH_DIR, 'tmp', 'store-bigfile')
  const candidates = [
    ['integrity-gate snapshot', igArgv(opt.ig, { dir: big.dir, store })],
    ['rhash --sha256', { argv: ['rhash', '--sha256', '-r', big.dir] }],
  ]
  const lines = [title, '', `Single-core SHA-256 on memory: ${fmt(sha1.totalMBs, 0)} MB/s.`]
  const rows = []
  for (const [label, cmd] of candidates) {
    if ('pending' in cmd) {
      rows.push([label, `pending: ${cmd.pending}`, '—', '—', '—'])
      continue
    }
    const walls = []
    let rss = 0
    for (let i = 0; i < opt.runs; i++) {
      fs.rmSync(store, { recursive: true, force: true })
      const r = await runMeasured(cmd.argv, { timeoutSec: opt.timeoutSec, cwd: REPO_ROOT })
      if (r.code !== 0) {
        walls.length = 0
        rows.push([label, `failed (exit ${r.code})`, '—', '—', '—'])
        break
      }
      walls.push(r.wall)
      rss = Math.max(rss, r.rssMB ?? 0)
      log(`bigfile ${label}: ${r.wall.toFixed(2)}s`)
    }
    if (walls.length === 0) continue
    const w = median(walls)
    const rate = big.bytes / 1e6 / w
    rows.push([label, fmt(w), fmt(rate, 0), fmt(rate / sha1.totalMBs, 2), fmt(rss, 0)])
  }
  lines.push(
    '',
    markdownTable(['tool', 'wall median (s)', 'MB/s', 'of 1-core hash rate', 'peak RSS (MB)'], rows),
  )
  return lines.join('\n')
}

/** Every n-th regular file of a tree (sorted walk), for a reproducible 1% change. */
function everyNthFile(root, n) {
  const files = []
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((x, y) => (x.name < y.name ? -1 : 1))) {
      const full = path.join(dir, e.name)
      if (e.isDirectory()) walk(full)
      else if (e.isFile()) files.push(full)
    }
  }
  walk(root)
  return files.filter((_, i) => i % n === 0)
}

/** The most recently written regular file in a store folder: the manifest the snapshot just wrote. */
function newestFile(root) {
  let bestFile = null
  let bestTime = -1
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name)
      if (e.isDirectory()) walk(full)
      else if (e.isFile()) {
        const t = fs.statSync(full).mtimeMs
        if (t > bestTime) [bestFile, bestTime] = [full, t]
      }
    }
  }
  walk(root)
  if (!bestFile) throw new Error(`no manifest found in ${root}`)
  return bestFile
}

function toolVersions(selected, igTemplate) {
  const keys = new Set(selected.map((t) => t.key))
  const v = []
  if (keys.has('rhash') && haveCommand('rhash')) v.push(versionOf('rhash', ['--version']))
  if (keys.has('hashdeep') && haveCommand('hashdeep')) v.push(`hashdeep ${versionOf('hashdeep', ['-V'])}`)
  if (keys.has('aide') && haveCommand('aide')) v.push(versionOf('aide', ['-v']))
  if (keys.has('sha256sum')) v.push(versionOf('sha256sum', ['--version']))
  if (keys.has('ig') || keys.has('ig-verify')) {
    v.push(
      `integrity-gate: \`${fillWords(splitWords(igTemplate), { dir: 'DIR', store: 'STORE' }).join(' ')}\`` +
        ` at ${gitState()}`,
    )
  }
  return v
}

/**
 * Waits (up to `maxSec`) until no other work is competing for the CPU: the machine is shared, and a
 * table measured next to a compiler or a test run says more about them than about the tools.
 */
async function waitIdle(maxSec) {
  const until = Date.now() + maxSec * 1000
  for (;;) {
    const b = busyness()
    const idle = (b.cpuPressure10 ?? 0) < 5 && b.load1 < 1
    if (idle) return
    if (Date.now() > until) {
      log(`still busy after ${maxSec}s (${loadText(b)}); measuring anyway`)
      return
    }
    log(`waiting for an idle machine (${loadText(b)})`)
    await new Promise((r) => setTimeout(r, 10000))
  }
}

/** Which build was measured: HEAD, and whether dist/ differs from it (an uncommitted build). */
function gitState() {
  const git = (...args) => spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).stdout?.trim() ?? ''
  const head = git('rev-parse', '--short', 'HEAD') || 'unknown commit'
  const dirty = git('status', '--porcelain', '--', 'dist') ? ', dist/ not as committed' : ''
  return `${head}${dirty}`
}

function loadText(b) {
  return `${b.load1.toFixed(2)} / ${b.cpuPressure10 === null ? '?' : `${b.cpuPressure10.toFixed(0)}%`}`
}

async function repeat(n, fn) {
  const out = []
  for (let i = 0; i < n; i++) out.push(await fn())
  return out
}

function best(xs, key) {
  return xs.reduce((a, b) => (b[key] > a[key] ? b : a))
}

main().catch((e) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(2)
})
