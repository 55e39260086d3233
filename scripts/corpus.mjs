#!/usr/bin/env node
// Builds the benchmark corpora under .bench/ (git-ignored, never committed). Each corpus is built once
// and described by a stamp file (.bench/<name>.json: files, bytes, seconds it took); later runs reuse it.
//
//   node scripts/corpus.mjs kernel|node_modules|generated|tree100k|tree200k|bigfile [--force]
//
// kernel        Debian linux-source-6.1 (apt), tarball extracted into .bench/kernel
// node_modules  npm ci of scripts/bench-corpus/node_modules/{package.json,package-lock.json}
// generated     synthetic mixed-size tree, deterministic from a seed (default for `npm run bench`)
// tree100k      100,000 tiny files, for the manifest-diff measurement
// tree200k      200,000 tiny files, for peak memory at scale (issue 5)
// bigfile       .bench/bigfile/big.bin, 5 GiB of random data, for the single-file throughput measurement
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { BENCH_DIR, REPO_ROOT, aptInstall, countTree, log } from './bench-lib.mjs'

/** Corpus names this script knows how to build. */
export const CORPORA = ['kernel', 'node_modules', 'generated', 'tree100k', 'tree200k', 'bigfile']

const KERNEL_PACKAGE = 'linux-source-6.1'
const GENERATED_SEED = 20240601
const GENERATED_FILES = 20000
const BIGFILE_BYTES = 5 * 2 ** 30

/**
 * @typedef {object} Corpus
 * @property {string} name
 * @property {string} dir path of the tree
 * @property {number} files regular files
 * @property {number} bytes bytes in regular files
 * @property {number} createdSec seconds it took to build (download + extract/generate)
 * @property {string} source where it came from
 */

/**
 * Returns the named corpus, building it first if its stamp is missing (or `force`).
 * @param {string} name
 * @param {{force?: boolean}} [opts]
 * @returns {Promise<Corpus>}
 */
export async function ensureCorpus(name, opts = {}) {
  if (!CORPORA.includes(name)) throw new Error(`unknown corpus '${name}'; valid: ${CORPORA.join(', ')}`)
  const stampFile = path.join(BENCH_DIR, `${name}.json`)
  if (!opts.force && fs.existsSync(stampFile)) {
    const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'))
    if (fs.existsSync(stamp.dir)) return stamp
  }
  fs.mkdirSync(BENCH_DIR, { recursive: true })
  const t0 = Date.now()
  const built = await BUILDERS[name]()
  const corpus = { name, ...built, createdSec: (Date.now() - t0) / 1000 }
  fs.writeFileSync(stampFile, `${JSON.stringify(corpus, null, 2)}\n`)
  log(
    `corpus ${name}: ${corpus.files} files, ${(corpus.bytes / 1e6).toFixed(1)} MB, built in ${corpus.createdSec}s`,
  )
  return corpus
}

/** Describes any directory given on the command line (counted, not built). */
export function describeDir(dir) {
  const abs = path.resolve(dir)
  if (!fs.statSync(abs).isDirectory()) throw new Error(`not a directory: ${dir}`)
  const c = countTree(abs)
  return { name: path.basename(abs), dir: abs, files: c.files, bytes: c.bytes, createdSec: 0, source: abs }
}

const BUILDERS = {
  kernel: buildKernel,
  node_modules: buildNodeModules,
  generated,
  tree100k,
  tree200k,
  bigfile,
}

/** Replaces `final` by a freshly built `tmp` tree, so an interrupted build never looks complete. */
function swapIn(tmp, final) {
  fs.rmSync(final, { recursive: true, force: true })
  fs.renameSync(tmp, final)
}

async function buildKernel() {
  const tarball = () =>
    fs
      .readdirSync('/usr/src')
      .filter((f) => /^linux-source-[\d.]+\.tar\.xz$/.test(f))
      .sort()
      .map((f) => path.join('/usr/src', f))
      .pop()
  let src = tarball()
  if (!src) {
    aptInstall([KERNEL_PACKAGE])
    src = tarball()
    if (!src) throw new Error(`${KERNEL_PACKAGE} installed but no /usr/src/linux-source-*.tar.xz found`)
  }
  const final = path.join(BENCH_DIR, 'kernel')
  const tmp = `${final}.tmp`
  fs.rmSync(tmp, { recursive: true, force: true })
  fs.mkdirSync(tmp)
  log(`extracting ${src}`)
  await runChecked('tar', ['-xJf', src, '-C', tmp, '--strip-components=1', '--no-same-owner'])
  swapIn(tmp, final)
  const version = spawnSync('dpkg-query', ['-W', '-f=${Version}', KERNEL_PACKAGE], {
    encoding: 'utf8',
  }).stdout
  return {
    dir: final,
    ...counts(final),
    source: `${KERNEL_PACKAGE} ${version || '?'} (${path.basename(src)})`,
  }
}

async function buildNodeModules() {
  const spec = path.join(REPO_ROOT, 'scripts', 'bench-corpus', 'node_modules')
  const final = path.join(BENCH_DIR, 'node_modules-corpus')
  const tmp = `${final}.tmp`
  fs.rmSync(tmp, { recursive: true, force: true })
  fs.mkdirSync(tmp)
  fs.copyFileSync(path.join(spec, 'package.json'), path.join(tmp, 'package.json'))
  const lock = path.join(spec, 'package-lock.json')
  // With the committed lock every machine gets the same tree; `npm ci` refuses a lock that drifted.
  const verb = fs.existsSync(lock) ? 'ci' : 'install'
  if (verb === 'ci') fs.copyFileSync(lock, path.join(tmp, 'package-lock.json'))
  log(`npm ${verb} in ${tmp}`)
  await runChecked('npm', [verb, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: tmp,
  })
  swapIn(tmp, final)
  return { dir: final, ...counts(final), source: `npm ${verb} of scripts/bench-corpus/node_modules` }
}

function counts(dir) {
  const c = countTree(dir)
  return { files: c.files, bytes: c.bytes }
}

/**
 * A small, fast, seedable PRNG (mulberry32). Corpora must be identical on every machine for a seed,
 * which Math.random cannot promise.
 * @param {number} seed
 */
export function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Fills a buffer with seeded random bytes, 4 at a time. */
function randomBlock(rand, size) {
  const buf = Buffer.allocUnsafe(size)
  for (let i = 0; i < size; i += 4) buf.writeUInt32LE((rand() * 4294967296) >>> 0, i)
  return buf
}

/** Log-uniform integer in [lo, hi): many small files, few large ones, as in real trees. */
function logUniform(rand, lo, hi) {
  return Math.floor(Math.exp(Math.log(lo) + rand() * (Math.log(hi) - Math.log(lo))))
}

/**
 * Kernel-like size mix (mean ≈ 17 KB): 6% empty, 78% up to 16 KiB, 14% up to 128 KiB, 1.9% up to
 * 1 MiB, 0.1% up to 8 MiB.
 */
function mixedSize(rand) {
  const r = rand()
  if (r < 0.06) return 0
  if (r < 0.84) return logUniform(rand, 16, 16 * 1024)
  if (r < 0.98) return logUniform(rand, 16 * 1024, 128 * 1024)
  if (r < 0.999) return logUniform(rand, 128 * 1024, 1024 * 1024)
  return logUniform(rand, 1024 * 1024, 8 * 1024 * 1024)
}

/**
 * Writes `count` files into `root`: nested folders (up to 4 deep, ~25 entries each), a few names with
 * spaces, non-ASCII letters and leading dots, ~5% executable, ~0.5% symlinks to sibling files. File i starts
 * with its own index so no two non-empty files share a digest.
 */
function writeTree(root, { seed, count, sizeOf }) {
  const rand = prng(seed)
  const pool = randomBlock(rand, 8 * 2 ** 20)
  const names = ['', ' copy', '-é', '.orig']
  const exts = ['.c', '.h', '.js', '.ts', '.json', '.md', '.txt', '']
  fs.mkdirSync(root, { recursive: true })
  let made = 0
  let lastFile = ''
  const dirs = [root]
  while (made < count) {
    const parent = dirs[Math.floor(rand() * dirs.length)]
    const depth = path.relative(root, parent).split(path.sep).filter(Boolean).length
    const dir = depth < 4 && rand() < 0.6 ? path.join(parent, `d${dirs.length}`) : parent
    if (dir !== parent) {
      fs.mkdirSync(dir, { recursive: true })
      dirs.push(dir)
    }
    const n = Math.min(count - made, 1 + Math.floor(rand() * 25))
    lastFile = ''
    for (let i = 0; i < n; i++, made++) {
      const suffix = rand() < 0.03 ? names[Math.floor(rand() * names.length)] : ''
      const dot = rand() < 0.01 ? '.' : ''
      const name = `${dot}f${made}${suffix}${exts[made % exts.length]}`
      const file = path.join(dir, name)
      // Symlinks point at a regular file written just before in the same folder: never dangling.
      if (lastFile && rand() < 0.005) {
        fs.symlinkSync(lastFile, file)
        continue
      }
      writeFileFromPool(file, sizeOf(rand), made, pool, Math.floor(rand() * pool.length))
      lastFile = name
      if (rand() < 0.05) fs.chmodSync(file, 0o755)
    }
  }
}

function writeFileFromPool(file, size, index, pool, offset) {
  const fd = fs.openSync(file, 'w')
  try {
    const head = Buffer.from(`${index}\n`)
    let left = size
    if (left > 0) left -= fs.writeSync(fd, head, 0, Math.min(head.length, left))
    let off = offset
    while (left > 0) {
      const n = Math.min(left, pool.length - off)
      fs.writeSync(fd, pool, off, n)
      left -= n
      off = (off + n) % pool.length
    }
  } finally {
    fs.closeSync(fd)
  }
}

async function generated() {
  const final = path.join(BENCH_DIR, 'generated')
  const tmp = `${final}.tmp`
  fs.rmSync(tmp, { recursive: true, force: true })
  writeTree(tmp, { seed: GENERATED_SEED, count: GENERATED_FILES, sizeOf: mixedSize })
  swapIn(tmp, final)
  return {
    dir: final,
    ...counts(final),
    source: `generated, seed ${GENERATED_SEED}, ${GENERATED_FILES} entries`,
  }
}

async function tree100k() {
  const final = path.join(BENCH_DIR, 'tree100k')
  const tmp = `${final}.tmp`
  fs.rmSync(tmp, { recursive: true, force: true })
  writeTree(tmp, { seed: GENERATED_SEED + 1, count: 100000, sizeOf: (rand) => Math.floor(rand() * 64) })
  swapIn(tmp, final)
  return {
    dir: final,
    ...counts(final),
    source: `generated, seed ${GENERATED_SEED + 1}, 100000 tiny entries`,
  }
}

async function tree200k() {
  const final = path.join(BENCH_DIR, 'tree200k')
  const tmp = `${final}.tmp`
  fs.rmSync(tmp, { recursive: true, force: true })
  writeTree(tmp, { seed: GENERATED_SEED + 3, count: 200000, sizeOf: (rand) => Math.floor(rand() * 64) })
  swapIn(tmp, final)
  return {
    dir: final,
    ...counts(final),
    source: `generated, seed ${GENERATED_SEED + 3}, 200000 tiny entries`,
  }
}

async function bigfile() {
  // Real random data (a 64 MiB random block, repeated with a per-block counter), not a sparse file:
  // holes read as zeros straight from the page cache and would overstate the read side.
  // The file sits alone in its own folder so a tool that takes a directory (snapshot) can scan it.
  const folder = path.join(BENCH_DIR, 'bigfile')
  fs.mkdirSync(folder, { recursive: true })
  const final = path.join(folder, 'big.bin')
  const tmp = path.join(BENCH_DIR, 'big.bin.tmp')
  const block = randomBlock(prng(GENERATED_SEED + 2), 64 * 2 ** 20)
  const fd = fs.openSync(tmp, 'w')
  try {
    for (let done = 0, i = 0; done < BIGFILE_BYTES; i++) {
      block.writeUInt32LE(i, 0)
      done += fs.writeSync(fd, block, 0, Math.min(block.length, BIGFILE_BYTES - done))
    }
  } finally {
    fs.closeSync(fd)
  }
  fs.renameSync(tmp, final)
  return { dir: folder, files: 1, bytes: BIGFILE_BYTES, source: 'generated, 64 MiB random block repeated' }
}

/**
 * Runs a command (argv, no shell) and rejects with its exit status on failure.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{cwd?: string}} [opts]
 */
function runChecked(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: opts.cwd })
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0 ? resolve(undefined) : reject(new Error(`${cmd} ${args[0]} failed (exit ${code})`)),
    )
  })
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const [name, ...rest] = process.argv.slice(2)
  if (!name || !CORPORA.includes(name)) {
    process.stderr.write(`usage: node scripts/corpus.mjs ${CORPORA.join('|')} [--force]\n`)
    process.exit(2)
  }
  ensureCorpus(name, { force: rest.includes('--force') }).then(
    (c) => process.stdout.write(`${JSON.stringify(c, null, 2)}\n`),
    (e) => {
      process.stderr.write(`corpus: ${e.message}\n`)
      process.exit(2)
    },
  )
}
