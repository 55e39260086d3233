/**
 * Real git repositories for the git triage tests: made in a temporary folder with a fixed identity and no
 * system or user configuration, so the host's git settings never change what a test sees.
 */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { scan } from '../src/engine/scan.js'
import type { Entry } from '../src/engine/types.js'

export function gitRepos(label: string) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `ig-${label}-`))
  let n = 0
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.com',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.com',
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: tmp,
      },
    }).trim()
  const write = (dir: string, rel: string, text: string): void => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    fs.writeFileSync(path.join(dir, rel), text)
  }
  const commitAll = (dir: string, message: string): string => {
    git(dir, 'add', '-A')
    git(dir, 'commit', '-q', '--allow-empty', '-m', message)
    return git(dir, 'rev-parse', 'HEAD')
  }
  /** A new repository holding `files` (path → text) in one commit on `main`. */
  const newRepo = (files: Record<string, string>): string => {
    const dir = path.join(tmp, `repo-${++n}`)
    fs.mkdirSync(dir)
    git(dir, 'init', '-q', '-b', 'main')
    for (const [rel, text] of Object.entries(files)) write(dir, rel, text)
    commitAll(dir, 'base')
    return dir
  }
  const cleanup = (): void => fs.rmSync(tmp, { recursive: true, force: true })
  return { tmp, git, write, commitAll, newRepo, cleanup }
}

/** The entries of a sha256 scan of `root`. */
export async function scannedEntries(root: string): Promise<Entry[]> {
  return (await scan({ root, algorithm: 'sha256', include: [], exclude: [] })).entries
}
