#!/usr/bin/env node
// Compiles the hash workers' C loop (src/native/scan.c) into dist/ and dist/cli/, next to the bundles
// (see src/engine/native.ts). Linux x64 only: elsewhere it says so and builds nothing, and the
// workers use the JavaScript loop.
//
// Reproducible, and checked: the output has no debug information, no symbols and no build id, so the
// same compiler and linker make the same bytes. src/native/build.json records which toolchain built the
// committed file and the SHA-256 of its source and of the file.
// - In CI (CI is set) the file is always compiled again, and only with CI_TOOLCHAIN below (Debian 12's
//   gcc and binutils: this project's CI machine, or a debian:12 / node:24-bookworm container): another
//   toolchain fails the build. The record cannot skip the rebuild, so scripts/check-dist.mjs sees any
//   committed file that is not what scan.c compiles to.
// - Elsewhere, with the recorded toolchain, the same. With another one, which would make other bytes,
//   the committed file is kept (read from git) after checking that scan.c is still the source it was
//   built from and that the file is the one recorded; when scan.c changed, the build fails and says
//   which toolchain to use.
//
// `--read-only OUT` builds the benchmark's variant instead (it reads and stats but hashes nothing; see
// IG_READ_ONLY in scan.c) to OUT, and nothing into dist/.
//
// Needs a C compiler (`cc`; $CC overrides) and the Node-API headers from the node-api-headers package;
// OpenSSL is the one inside the node executable (its symbols are resolved when the addon loads).
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const NAME = `scan-native.${process.platform}-${process.arch}.node`
const SOURCE = 'src/native/scan.c'
const RECORD = 'src/native/build.json'
const CC = process.env.CC || 'cc'
/** The toolchain CI builds the committed addon with (see toolchain()). */
const CI_TOOLCHAIN = '(Debian 12.2.0-14+deb12u1) 12.2.0; GNU ld (GNU Binutils for Debian) 2.40'

function fail(message) {
  process.stderr.write(`build-native: ${message}\n`)
  process.exit(1)
}
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex')

if (process.platform !== 'linux' || process.arch !== 'x64') {
  process.stderr.write(`build-native: no C loop for ${process.platform}-${process.arch}; skipped.\n`)
  process.exit(0)
}
const readOnly = process.argv[2] === '--read-only'
if ((readOnly && !process.argv[3]) || (!readOnly && process.argv.length > 2)) {
  process.stderr.write('usage: node scripts/build-native.mjs [--read-only OUT]\n')
  process.exit(2)
}

/**
 * The compiler's version line without its program name ('cc', 'gcc' and 'x86_64-linux-gnu-gcc-12' are the
 * same compiler) and the linker's, which both decide the bytes.
 */
function toolchain() {
  const cc = spawnSync(CC, ['--version'], { encoding: 'utf8' })
  if (cc.error || cc.status !== 0)
    fail(`no C compiler: '${CC} --version' failed (${cc.error?.message ?? `exit ${cc.status}`}).`)
  const ld = spawnSync(CC, ['-Wl,--version', '-x', 'c', '-o', '/dev/null', '-'], {
    input: 'int main(void) { return 0; }\n',
    encoding: 'utf8',
  })
  const ccLine = cc.stdout
    .split('\n')[0]
    .trim()
    .replace(/^\S+\s+/, '')
  const ldLine = (ld.stdout || '').split('\n')[0].trim()
  return `${ccLine}; ${ldLine}`
}
const compiler = toolchain()
const inCI = Boolean(process.env.CI)
if (inCI && compiler !== CI_TOOLCHAIN)
  fail(
    `CI builds the C addon with '${CI_TOOLCHAIN}' only (this machine has '${compiler}'): run it on ` +
      `Debian 12 (e.g. a node:24-bookworm container).`,
  )
const source = sha256(readFileSync(SOURCE))
const record = existsSync(RECORD) ? JSON.parse(readFileSync(RECORD, 'utf8')) : undefined

/** Compiles scan.c to `out`. */
function compile(out, defines) {
  const headers = path.dirname(createRequire(import.meta.url).resolve('node-api-headers/include/node_api.h'))
  mkdirSync(path.dirname(out), { recursive: true })
  const args = [
    ...['-std=gnu11', '-O2', '-Wall', '-Wextra', '-Werror', '-shared', '-fPIC', '-fvisibility=hidden'],
    ...defines,
    ...['-s', '-Wl,--build-id=none', '-I', headers, '-o', out, SOURCE],
  ]
  const cc = spawnSync(CC, args, { stdio: 'inherit' })
  if (cc.error || cc.status !== 0)
    fail(`the C compiler failed (${cc.error?.message ?? `exit ${cc.status}`}).`)
}

if (readOnly) {
  compile(process.argv[3], ['-DIG_READ_ONLY'])
  process.exit(0)
}

let binary
if (!inCI && record && record.compiler !== compiler) {
  if (record.source !== source)
    fail(
      `${SOURCE} changed since the committed addon was built, and this compiler ('${compiler}') cannot ` +
        `reproduce it: build it with '${record.compiler}' (Debian 12's gcc, e.g. in a debian:12 or ` +
        `node:24-bookworm container) and commit dist/ and ${RECORD}.`,
    )
  try {
    binary = execFileSync('git', ['show', `HEAD:dist/${NAME}`], { maxBuffer: 1 << 26 })
  } catch {
    fail(
      `compiler '${compiler}' is not the recorded '${record.compiler}', and git has no committed dist/${NAME}.`,
    )
  }
  if (sha256(binary) !== record.binary) fail(`the committed dist/${NAME} is not the file ${RECORD} records.`)
  process.stderr.write(
    `build-native: kept the committed addon (built with '${record.compiler}' from this ${SOURCE}; this ` +
      `machine has '${compiler}', which would make other bytes).\n`,
  )
} else {
  const out = path.join('build', NAME)
  compile(out, [])
  binary = readFileSync(out)
  const next = { compiler, source, binary: sha256(binary) }
  writeFileSync(RECORD, `${JSON.stringify(next, null, 2)}\n`)
}
for (const dir of ['dist', path.join('dist', 'cli')]) {
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, NAME), binary, { mode: 0o755 })
}
