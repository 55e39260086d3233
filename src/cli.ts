#!/usr/bin/env node
/**
 * integrity-gate CLI: the same engine as the action, with a local baseline store.
 * Exit codes: 0 pass, 1 policy violation, 2 usage or runtime error (message on stderr).
 */
import { runCli } from './cli/main.js'

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (b) => process.stdout.write(b),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
})
