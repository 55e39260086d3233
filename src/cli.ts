#!/usr/bin/env node
/**
 * integrity-gate CLI: the same engine as the action, with a local baseline store.
 * Exit codes: 0 pass, 1 policy violation, 2 usage or runtime error (message on stderr).
 */
import { prestartHashWorker } from './engine/scan-pool.js'
import { capYoungGeneration } from './heap.js'

capYoungGeneration()

// A command that scans gets its first hash worker booting now, while the rest of the CLI loads (a cheap
// guess from the first word that is not an option; a wrong guess costs one idle thread's start-up).
const command = process.argv.slice(2).find((a) => !a.startsWith('-'))
if (command === 'snapshot' || command === 'verify' || command === 'export') prestartHashWorker()

const { runCli } = await import('./cli/main.js')

// stdout closed early (`| head`) or failing (disk full): a runtime error (exit 2) in one line, never a stack
// trace and never exit 1, which means "policy violation".
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE')
    process.stderr.write(`integrity-gate: error: cannot write to stdout: ${e.message}\n`)
  process.exit(2)
})

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (b) => process.stdout.write(b),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
})
