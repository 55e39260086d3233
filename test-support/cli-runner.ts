/** Runs the bundled CLI (dist/cli/index.js) as a user would: a child process with a minimal environment. */
import { spawnSync } from 'node:child_process'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

export const CLI_ENTRY = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/cli/index.js')

export interface CliRun {
  code: number | null
  stdout: string
  stderr: string
}

/** `integrity-gate <args>` in `cwd`; only PATH and HOME (= cwd) come from outside, plus `env`. */
export function runCli(cwd: string, args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [CLI_ENTRY, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}
