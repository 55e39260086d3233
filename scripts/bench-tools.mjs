// The tools the benchmark compares: integrity-gate (snapshot, no-change verify) and the peers from
// Debian packages, plus two read-only baselines. Every tool is a list of argv words; the corpus
// directory is always its own argv element (or "$1" of a fixed `sh -c` script), never interpolated
// into a shell string.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { BENCH_DIR, CORES, REPO_ROOT, fillWords, splitWords } from './bench-lib.mjs'

/**
 * The integrity-gate commands. `node` as the first word means the Node running this script (Node 24
 * under `npm run bench`). {dir} is the corpus, {store} a fresh store folder outside the corpus.
 * Override with --ig, --ig-verify and --ig-diff.
 */
export const IG_DEFAULTS = {
  snapshot: 'node dist/cli/index.js snapshot {dir} --store {store}',
  verify: 'node dist/cli/index.js verify {dir} --store {store}',
  diff: 'node dist/cli/index.js diff {a} {b}',
}

/**
 * Turns an integrity-gate template into argv, or explains why it cannot run yet (e.g. the CLI is not
 * built), so the table can mark its rows "pending" instead of failing the whole benchmark.
 * @param {string} template
 * @param {Record<string, string>} vars
 * @returns {{argv: string[]} | {pending: string}}
 */
export function igArgv(template, vars) {
  const words = fillWords(splitWords(template), vars)
  if (words[0] === 'node') words[0] = process.execPath
  const script = words[0] === process.execPath ? words[1] : undefined
  if (script && !script.startsWith('-') && !fs.existsSync(path.resolve(REPO_ROOT, script))) {
    return { pending: `${script} not built` }
  }
  return { argv: words }
}

/**
 * Writes an AIDE 0.18 config that records sha256 + permissions + size + link target + file type for
 * every entry under `root`, with `cores` worker threads and an uncompressed database. AIDE rules are
 * regular expressions and its config treats space, '@' and '\' specially, so only plain paths are
 * accepted; an unusual corpus path skips AIDE with a message rather than benchmarking a wrong rule.
 * @param {string} root absolute corpus path
 * @param {string} dbOut where the database goes
 * @returns {string} config file path
 */
export function writeAideConfig(root, dbOut) {
  for (const p of [root, dbOut]) {
    if (!/^\/[A-Za-z0-9/_.-]*$/.test(p)) {
      throw new Error(`aide skipped: path '${p}' has characters an AIDE rule would misread`)
    }
  }
  const conf = path.join(BENCH_DIR, 'tmp', 'aide.conf')
  // '.' is left unescaped: in the rule it matches any byte, which only widens a prefix we own.
  fs.writeFileSync(
    conf,
    [
      `database_out=file:${dbOut}`,
      'gzip_dbout=no',
      `num_workers=${CORES}`,
      'report_url=stdout',
      'IgRule = sha256+p+s+l+ftype',
      `${root} IgRule`,
      '',
    ].join('\n'),
  )
  return conf
}

/**
 * @typedef {object} Tool
 * @property {string} key short name for --only
 * @property {string} label row label in the table
 * @property {Array<{cmd: string, pkg: string}>} needs commands and the Debian package providing them
 * @property {(dir: string) => {argv: string[]} | {pending: string}} command argv for one run
 * @property {(dir: string) => void} [before] run before every timed run, outside the timing
 * @property {(dir: string) => Promise<string | undefined>} [setup] once before the runs; returns a
 *   reason to skip the tool, or undefined
 * @property {(code: number | null) => boolean} [ok] accepted exit codes (default: 0 only)
 */

/**
 * The tool set for one corpus.
 * @param {{ig: string, igVerify: string, runSetup: (argv: string[]) => Promise<string | undefined>}} o
 * @returns {Tool[]}
 */
export function tools(o) {
  const tmp = path.join(BENCH_DIR, 'tmp')
  const snapStore = path.join(tmp, 'store-snapshot')
  const verifyStore = path.join(tmp, 'store-verify')
  const aideDb = path.join(tmp, 'aide.db')
  return [
    {
      key: 'ig',
      label: 'integrity-gate snapshot',
      needs: [],
      command: (dir) => igArgv(o.ig, { dir, store: snapStore }),
      // A fresh store each run: the row measures a bare scan + manifest write, not an update.
      before: () => fs.rmSync(snapStore, { recursive: true, force: true }),
    },
    {
      key: 'ig-verify',
      label: 'integrity-gate verify (no change)',
      needs: [],
      command: (dir) => igArgv(o.igVerify, { dir, store: verifyStore }),
      setup: async (dir) => {
        fs.rmSync(verifyStore, { recursive: true, force: true })
        const snap = igArgv(o.ig, { dir, store: verifyStore })
        return 'pending' in snap ? snap.pending : o.runSetup(snap.argv)
      },
    },
    {
      key: 'rhash',
      label: 'rhash --sha256 -r',
      needs: [{ cmd: 'rhash', pkg: 'rhash' }],
      command: (dir) => ({ argv: ['rhash', '--sha256', '-r', dir] }),
    },
    {
      key: 'sha256sum',
      label: `find | xargs -0 -P${CORES} -n500 sha256sum`,
      needs: [
        { cmd: 'sha256sum', pkg: 'coreutils' },
        { cmd: 'find', pkg: 'findutils' },
        { cmd: 'xargs', pkg: 'findutils' },
      ],
      command: (dir) => ({
        argv: [
          'sh',
          '-c',
          'find "$1" -type f -print0 | xargs -0 -P"$2" -n500 sha256sum',
          'sh',
          dir,
          String(CORES),
        ],
      }),
    },
    {
      key: 'hashdeep',
      label: `hashdeep -c sha256 -r -j${CORES}`,
      needs: [{ cmd: 'hashdeep', pkg: 'hashdeep' }],
      command: (dir) => ({ argv: ['hashdeep', '-c', 'sha256', '-r', `-j${CORES}`, dir] }),
    },
    {
      key: 'aide',
      label: `aide --init (sha256+p+s+l+ftype, ${CORES} workers)`,
      needs: [{ cmd: 'aide', pkg: 'aide' }],
      command: (dir) => {
        try {
          return { argv: ['aide', '--init', `--config=${writeAideConfig(dir, aideDb)}`] }
        } catch (e) {
          return { pending: /** @type {Error} */ (e).message }
        }
      },
      before: () => fs.rmSync(aideDb, { force: true }),
      // aide --init exits 0; some versions return a summary code when entries were added.
      ok: (code) => code === 0,
    },
    {
      key: 'tar',
      label: 'read only: tar cf - . | cat',
      needs: [{ cmd: 'tar', pkg: 'tar' }],
      command: (dir) => ({ argv: ['sh', '-c', 'cd "$1" && tar cf - . | cat > /dev/null', 'sh', dir] }),
    },
    {
      key: 'walk',
      label: `read only: node walk + read, ${CORES} threads`,
      needs: [],
      command: (dir) => readOnlyWalker(dir),
    },
    {
      // The cheapest read-only pass known here: the same walk, and the scanner's own C loop opening,
      // reading and fstat'ing every file without hashing it (a build of scan.c made for this row).
      key: 'walk-c',
      label: `read only: node walk + C open/read/fstat/close, ${CORES} threads`,
      needs: [],
      command: (dir) => {
        const addon = readOnlyAddon()
        return typeof addon === 'string' ? readOnlyWalker(dir, '--native', addon) : addon
      },
    },
    {
      // The floor of a scan with the shipped C loop: the same walk and batches, the loop itself (open
      // under the root's descriptor, read, fstat, SHA-256, close), nothing else (no ordering, no manifest).
      key: 'floor-c',
      label: `floor C: node walk + the scanner's C loop (read + fstat + SHA-256), ${CORES} threads (no manifest)`,
      needs: [],
      command: (dir) => {
        const addon = path.join(REPO_ROOT, 'dist', `scan-native.${process.platform}-${process.arch}.node`)
        return fs.existsSync(addon)
          ? readOnlyWalker(dir, '--native', addon)
          : { pending: 'no C addon in dist/ for this platform' }
      },
    },
    {
      // Not a peer and not the limit: the least a scan in plain Node does (walk, read, SHA-256 per file
      // on the same threads) with nothing else, to show how much of the gap to the limit is Node's own.
      key: 'floor',
      label: `floor: node walk + read + SHA-256, ${CORES} threads (no stat, no manifest)`,
      needs: [],
      command: (dir) => readOnlyWalker(dir, '--hash'),
    },
    {
      // The floor plus one fstat per file: the least an integrity scan does (it records modes and types),
      // so the distance from this row to the scan is the cost of the scanner's own work.
      key: 'floor-stat',
      label: `floor + fstat: node walk + read + SHA-256 + one fstat per file, ${CORES} threads (no manifest)`,
      needs: [],
      command: (dir) => readOnlyWalker(dir, '--hash', '--stat'),
    },
  ]
}

let readOnlyBuild
/** The read-only build of the C loop (compiled once per run), or `{ pending }` when it cannot be built. */
function readOnlyAddon() {
  if (readOnlyBuild === undefined) {
    const out = path.join(REPO_ROOT, '.bench', 'tmp', 'scan-read-only.node')
    const r = spawnSync(
      process.execPath,
      [path.join(REPO_ROOT, 'scripts', 'build-native.mjs'), '--read-only', out],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    )
    readOnlyBuild =
      r.status === 0 && fs.existsSync(out) ? out : { pending: `no C build: ${(r.stderr || '').trim()}` }
  }
  return readOnlyBuild
}

/** The read-only walker (scripts/bench-readonly.mjs) on `dir` with one thread per core and `flags`. */
function readOnlyWalker(dir, ...flags) {
  return {
    argv: [
      process.execPath,
      path.join(REPO_ROOT, 'scripts', 'bench-readonly.mjs'),
      dir,
      String(CORES),
      ...flags,
    ],
  }
}
