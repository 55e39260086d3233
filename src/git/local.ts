/**
 * Local git history, read through the `git` binary: execFile with argv arrays (never a shell), `-z` output
 * read as bytes, renames off, and only plumbing commands whose output no user diff setting can change.
 * File names never reach an argument list: paths come out of git, not in.
 */
import { execFile } from 'node:child_process'
import { keyFromBytes } from '../engine/paths.js'
import type { GitFileChange } from '../engine/triage.js'

/** Result of one git command. `code` is the exit status (-1 when git could not be started). */
export interface GitResult {
  code: number
  stdout: Buffer
  stderr: string
}

/** Runs git in `cwd`. Settings that could run commands or prompt (fsmonitor, hooks, pagers) are switched off. */
export function runGit(cwd: string, args: string[]): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'core.fsmonitor=false', '-c', 'core.quotePath=false', '--no-pager', ...args],
      {
        cwd,
        encoding: 'buffer',
        maxBuffer: 512 * 1024 * 1024,
        windowsHide: true,
        timeout: 120_000,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        const err = error as (NodeJS.ErrnoException & { code?: number | string }) | null
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1
        resolve({
          code,
          stdout: stdout ?? Buffer.alloc(0),
          stderr: (stderr ?? Buffer.alloc(0)).toString('utf8').trim(),
        })
      },
    )
  })
}

/** What the checkout at the scan root is. */
export interface Checkout {
  /** The scan root's path inside the repository as raw bytes, `''` or ending in `/` (`git rev-parse --show-prefix`). */
  prefix: Buffer
  shallow: boolean
  /** Object format: `sha1` (40 hex) or `sha256` (64 hex). */
  objectFormat: 'sha1' | 'sha256'
}

/**
 * The checkout the root lies in, or undefined when the root is not inside a git work tree (or git is not
 * installed): then triage is skipped and the gate behaves exactly as without it.
 */
export async function findCheckout(root: string): Promise<Checkout | undefined> {
  const inside = await runGit(root, ['rev-parse', '--is-inside-work-tree'])
  if (inside.code !== 0 || inside.stdout.toString('utf8').trim() !== 'true') return undefined
  const prefix = await runGit(root, ['rev-parse', '--show-prefix'])
  if (prefix.code !== 0) throw new Error(`git rev-parse --show-prefix failed: ${prefix.stderr}`)
  const shallow = await runGit(root, ['rev-parse', '--is-shallow-repository'])
  const format = await runGit(root, ['rev-parse', '--show-object-format'])
  return {
    prefix: stripNewline(prefix.stdout),
    shallow: shallow.code === 0 && shallow.stdout.toString('utf8').trim() === 'true',
    objectFormat: format.code === 0 && format.stdout.toString('utf8').trim() === 'sha256' ? 'sha256' : 'sha1',
  }
}

/** True when `sha` names a commit present in the local object store. */
export async function hasCommit(root: string, sha: string): Promise<boolean> {
  requireSha(sha)
  const r = await runGit(root, ['cat-file', '-e', `${sha}^{commit}`])
  return r.code === 0
}

/** The full id of HEAD's commit. */
export async function headCommit(root: string): Promise<string | undefined> {
  const r = await runGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])
  const sha = r.stdout.toString('utf8').trim()
  return r.code === 0 && isSha(sha) ? sha : undefined
}

/** `git merge-base --is-ancestor`: true, false, or undefined when git cannot tell (an error). */
export async function isAncestor(root: string, base: string, head: string): Promise<boolean | undefined> {
  requireSha(base)
  requireSha(head)
  const r = await runGit(root, ['merge-base', '--is-ancestor', base, head])
  return r.code === 0 ? true : r.code === 1 ? false : undefined
}

/**
 * Paths changed between two commits (`git diff-tree -r -z --no-renames --no-abbrev`), keyed relative to the
 * scan root: paths outside the root's prefix are dropped, the prefix is cut off, and the raw bytes become
 * path keys exactly as the scanner makes them (non-UTF-8 names included).
 */
export async function changedPaths(
  root: string,
  checkout: Checkout,
  base: string,
  head: string,
): Promise<Map<string, GitFileChange>> {
  requireSha(base)
  requireSha(head)
  const r = await runGit(root, [
    'diff-tree',
    '-r',
    '-z',
    '--no-renames',
    '--no-abbrev',
    '--no-commit-id',
    base,
    head,
  ])
  if (r.code !== 0)
    throw new Error(`git diff-tree ${base.slice(0, 12)} ${head.slice(0, 12)} failed: ${r.stderr}`)
  return parseRawDiff(r.stdout, checkout.prefix)
}

/**
 * Parses `diff-tree -z` raw output: `:<old mode> <new mode> <old sha> <new sha> <status>\0<path>\0`, repeated.
 * Exported for tests.
 */
export function parseRawDiff(out: Buffer, prefix: Buffer): Map<string, GitFileChange> {
  const changes = new Map<string, GitFileChange>()
  let at = 0
  while (at < out.length) {
    const metaEnd = out.indexOf(0, at)
    if (metaEnd === -1) break
    const meta = out.subarray(at, metaEnd).toString('latin1')
    const pathEnd = out.indexOf(0, metaEnd + 1)
    if (pathEnd === -1) throw new Error('git diff-tree output ends in the middle of an entry.')
    const raw = out.subarray(metaEnd + 1, pathEnd)
    at = pathEnd + 1
    const m = /^:([0-7]{6}) ([0-7]{6}) ([0-9a-f]+) ([0-9a-f]+) ([A-Z])[0-9]*$/.exec(meta)
    if (!m) throw new Error(`Unexpected git diff-tree line '${meta}'.`)
    if (prefix.length > 0 && !(raw.length > prefix.length && raw.subarray(0, prefix.length).equals(prefix)))
      continue
    const [, oldMode, newMode, , newSha, letter] = m
    const status = letter === 'A' || letter === 'D' || letter === 'T' ? letter : 'M'
    const entry: GitFileChange = { status }
    if (oldMode !== '000000') entry.oldMode = oldMode
    if (newMode !== '000000') entry.newMode = newMode
    if (status !== 'D' && !/^0+$/.test(newSha)) entry.newBlob = newSha
    changes.set(keyFromBytes(Buffer.from(raw.subarray(prefix.length))), entry)
  }
  return changes
}

/** One entry of a commit's tree: git mode (`100644`, `100755`, `120000`, `160000`) and object id. */
export interface TreeEntry {
  mode: string
  id: string
}

/**
 * The head commit's tree below the scan root (`git ls-tree -r -z --full-name`, run in the root, which limits
 * the listing to the root's folder), keyed relative to the root like {@link changedPaths}. A shallow clone
 * holds this tree even when it lacks the baseline commit: the compare API then says which paths changed,
 * and this says what the head commit holds there.
 */
export async function headTree(
  root: string,
  checkout: Checkout,
  head: string,
): Promise<Map<string, TreeEntry>> {
  requireSha(head)
  const r = await runGit(root, ['ls-tree', '-r', '-z', '--full-name', head])
  if (r.code !== 0) throw new Error(`git ls-tree ${head.slice(0, 12)} failed: ${r.stderr}`)
  return parseLsTree(r.stdout, checkout.prefix)
}

/** Parses `ls-tree -z` output: `<mode> <type> <id>\t<path>\0`, repeated. Exported for tests. */
export function parseLsTree(out: Buffer, prefix: Buffer): Map<string, TreeEntry> {
  const tree = new Map<string, TreeEntry>()
  let at = 0
  while (at < out.length) {
    const end = out.indexOf(0, at)
    if (end === -1) throw new Error('git ls-tree output ends in the middle of an entry.')
    const tab = out.indexOf(0x09, at)
    if (tab === -1 || tab > end) throw new Error('git ls-tree output has an entry without a path.')
    const meta = out.subarray(at, tab).toString('latin1')
    const raw = out.subarray(tab + 1, end)
    at = end + 1
    const m = /^([0-7]{6}) (blob|tree|commit) ([0-9a-f]{40}|[0-9a-f]{64})$/.exec(meta)
    if (!m) throw new Error(`Unexpected git ls-tree line '${meta}'.`)
    if (prefix.length > 0 && !(raw.length > prefix.length && raw.subarray(0, prefix.length).equals(prefix)))
      continue
    tree.set(keyFromBytes(Buffer.from(raw.subarray(prefix.length))), { mode: m[1], id: m[3] })
  }
  return tree
}

/** A full commit id (40 or 64 lower-case hex): the only form passed to git, so no value can act as an option. */
export function isSha(text: string): boolean {
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(text)
}

function requireSha(text: string): void {
  if (!isSha(text)) throw new Error(`'${text.slice(0, 80)}' is not a full commit id (40 or 64 hex digits).`)
}

function stripNewline(b: Buffer): Buffer {
  // One newline only: the prefix ends in `/`, anything before it is part of a (possibly odd) folder name.
  return Buffer.from(b.length > 0 && b[b.length - 1] === 0x0a ? b.subarray(0, b.length - 1) : b)
}
