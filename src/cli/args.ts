/**
 * Command-line parsing for the CLI: one validated settings object, errors that name the option.
 */
import { parseArgs } from 'node:util'
import { parseAlgorithm } from '../engine/digest.js'
import { parseFailOn } from '../engine/policy.js'
import { checkProtectedScanned, validateGlob } from '../engine/globs.js'
import type { Algorithm, FailOn } from '../engine/types.js'
import type { OnMissing, UpdateBaseline } from '../gate.js'

export const COMMANDS = ['snapshot', 'verify', 'diff', 'export'] as const
export type Command = (typeof COMMANDS)[number]

export interface CliSettings {
  command: Command
  /** Positional arguments after the command (DIR, or A B for diff). */
  args: string[]
  store?: string
  gate: string
  algorithm: Algorithm
  include: string[]
  exclude: string[]
  allow: string[]
  protected: string[]
  failOn: FailOn
  onMissing: OnMissing
  update: UpdateBaseline
  /** Class changes as committed/unexplained from the local git history (inside a checkout). */
  explainWithGit: boolean
  json: boolean
  reportFile?: string
  quiet: boolean
}

/** A usage error: exit code 2 with the message and a pointer to --help. */
export class UsageError extends Error {}

export const USAGE = `Usage: integrity-gate <command> [options]

Commands:
  snapshot [DIR]   scan DIR (default .) and store it as the approved baseline
  verify [DIR]     compare DIR with the stored baseline (first run: create it)
  diff A B         compare two manifest files
  export [DIR]     print a fresh scan of DIR in coreutils format (sha256sum -c)

Options:
  --store DIR          baseline store folder (default DIR/.integrity-gate, never scanned)
  --gate NAME          baseline name, several gates per store (default: default)
  --algorithm NAME     sha256 (default), sha512, sha1, blake2b512, md5 (warned)
  --include GLOB       only these paths (repeatable; default **)
  --exclude GLOB       skip these paths (repeatable; .git/** always)
  --allow GLOB         expected changes: reported, never failing (repeatable)
  --protected GLOB     critical paths (repeatable)
  --fail-on WHEN       unexpected (default) | critical | unexplained | never
  --explain-with-git B true (default) | false: inside a git checkout, class each change as committed (git
                       history between the baseline's commit and HEAD explains it) or unexplained
  --on-missing WHAT    create (default) | fail | warn: verify with no baseline
  --update WHEN        never (default) | on-pass | always: roll the baseline forward after verify
  --json               machine-readable result on stdout
  --report FILE        also write the JSON report to FILE
  --quiet              no progress lines on stderr
  -h, --help           this help

Environment:
  INTEGRITY_GATE_KEY   HMAC key: baselines are signed on save and required to be signed on load

Exit codes: 0 pass, 1 policy violation, 2 usage or runtime error.
`

/** Parses argv (without node and script). Throws UsageError naming the bad option. */
export function parseCli(argv: string[], warn: (m: string) => void): CliSettings | 'help' {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        store: { type: 'string' },
        gate: { type: 'string' },
        algorithm: { type: 'string' },
        include: { type: 'string', multiple: true },
        exclude: { type: 'string', multiple: true },
        allow: { type: 'string', multiple: true },
        protected: { type: 'string', multiple: true },
        'fail-on': { type: 'string' },
        'on-missing': { type: 'string' },
        update: { type: 'string' },
        'explain-with-git': { type: 'string' },
        json: { type: 'boolean' },
        report: { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const { values: v, positionals } = parsed
  if (v.help) return 'help'
  const [command, ...args] = positionals
  if (!command) throw new UsageError('Missing command: expected one of ' + COMMANDS.join(', ') + '.')
  if (!(COMMANDS as readonly string[]).includes(command)) {
    throw new UsageError(`Unknown command '${command}': expected one of ${COMMANDS.join(', ')}.`)
  }
  const cmd = command as Command
  if (cmd === 'diff' && args.length !== 2)
    throw new UsageError('diff needs exactly two manifest files: diff A B.')
  if (cmd !== 'diff' && args.length > 1) throw new UsageError(`${cmd} takes at most one directory.`)

  const globs = (name: string, list: string[] | undefined): string[] => {
    for (const g of list ?? []) {
      try {
        validateGlob(g)
      } catch (e) {
        throw new UsageError(`--${name}: ${(e as Error).message}`)
      }
    }
    return list ?? []
  }
  const named = <T>(name: string, fn: () => T): T => {
    try {
      return fn()
    } catch (e) {
      throw new UsageError(`--${name}: ${(e as Error).message}`)
    }
  }
  const exclude = globs('exclude', v.exclude)
  const protectedGlobs = globs('protected', v.protected)
  named('protected', () => checkProtectedScanned(protectedGlobs, exclude))
  return {
    command: cmd,
    args,
    store: v.store,
    gate: v.gate ?? 'default',
    algorithm: named('algorithm', () => parseAlgorithm(v.algorithm ?? 'sha256', warn)),
    include: globs('include', v.include),
    exclude,
    allow: globs('allow', v.allow),
    protected: protectedGlobs,
    failOn: named('fail-on', () => parseFailOn(v['fail-on'] ?? 'unexpected')),
    onMissing: named('on-missing', () =>
      oneOf(v['on-missing'] ?? 'create', ['create', 'fail', 'warn'] as const),
    ),
    update: named('update', () => oneOf(v.update ?? 'never', ['never', 'on-pass', 'always'] as const)),
    explainWithGit:
      named('explain-with-git', () => oneOf(v['explain-with-git'] ?? 'true', ['true', 'false'] as const)) ===
      'true',
    json: v.json ?? false,
    reportFile: v.report,
    quiet: v.quiet ?? false,
  }
}

/** Checks a value against a closed list; the error lists the valid values. */
export function oneOf<T extends string>(value: string, valid: readonly T[]): T {
  if ((valid as readonly string[]).includes(value)) return value as T
  throw new Error(`Invalid value '${value}'. Valid values: ${valid.join(', ')}.`)
}
