#!/usr/bin/env node
// Compiles the hash workers' C loop (src/native/scan.c) into dist/ and dist/cli/, next to the bundles
// (see src/engine/native.ts). Linux x64 only: elsewhere it says so and builds nothing, and the
// workers use the JavaScript loop. The output is reproducible (no debug info, symbols stripped), so
// scripts/check-dist.mjs can compare a fresh build with the committed file byte for byte.
//
// Needs a C compiler (`cc`, gcc on Debian) and the Node-API headers from the node-api-headers package;
// OpenSSL is the one inside the node executable (its symbols are resolved when the addon loads).
import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const NAME = `scan-native.${process.platform}-${process.arch}.node`
if (process.platform !== 'linux' || process.arch !== 'x64') {
  process.stderr.write(`build-native: no C loop for ${process.platform}-${process.arch}; skipped.\n`)
  process.exit(0)
}
const headers = path.dirname(createRequire(import.meta.url).resolve('node-api-headers/include/node_api.h'))
const out = path.join('build', NAME)
mkdirSync('build', { recursive: true })
const args = [
  ...['-std=gnu11', '-O2', '-Wall', '-Wextra', '-Werror', '-shared', '-fPIC', '-fvisibility=hidden'],
  ...['-s', '-Wl,--build-id=none', '-I', headers, '-o', out, 'src/native/scan.c'],
]
const cc = spawnSync(process.env.CC || 'cc', args, { stdio: 'inherit' })
if (cc.error || cc.status !== 0) {
  process.stderr.write(`build-native: the C compiler failed (${cc.error?.message ?? `exit ${cc.status}`}).\n`)
  process.exit(1)
}
for (const dir of ['dist', path.join('dist', 'cli')]) {
  mkdirSync(dir, { recursive: true })
  copyFileSync(out, path.join(dir, NAME))
}
