/**
 * Git triage must not vouch for what git does not record (from a review; each failed before the fix): bits a
 * checkout never sets on an added file or folder, and a type change the compare API cannot see.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { scan } from '../../src/engine/scan.js'
import { diffEntries } from '../../src/engine/diff.js'
import { applyPolicy } from '../../src/engine/policy.js'
import { explainChanges } from '../../src/git/explain.js'
import { gitBlobId } from '../../src/git/blob.js'
import type { Entry } from '../../src/engine/types.js'
import { startGitHubApi, type GitHubApi } from '../../test-support/github-api.js'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-triage-modes-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))
let n = 0
function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@e',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@e',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: tmp,
    },
  }).trim()
}
function write(dir: string, rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
  fs.writeFileSync(path.join(dir, rel), text)
}
function newRepo(files: Record<string, string>): string {
  const dir = path.join(tmp, `repo-${++n}`)
  fs.mkdirSync(dir)
  git(dir, 'init', '-q', '-b', 'main')
  for (const [rel, text] of Object.entries(files)) write(dir, rel, text)
  commitAll(dir, 'base')
  return dir
}
function commitAll(dir: string, m: string): string {
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '--allow-empty', '-m', m)
  return git(dir, 'rev-parse', 'HEAD')
}
const entries = async (root: string): Promise<Entry[]> =>
  (await scan({ root, algorithm: 'sha256', include: [], exclude: [] })).entries
describe('git triage vouches only for what git records', () => {
  it('an added file made setuid and world-writable after checkout is unexplained (a checkout never sets those bits)', async () => {
    const repo = newRepo({ 'a.txt': 'a\n' })
    const base = git(repo, 'rev-parse', 'HEAD')
    const before = await entries(repo)
    write(repo, 'bin/tool', '#!/bin/sh\necho hi\n')
    fs.chmodSync(path.join(repo, 'bin/tool'), 0o755)
    const head = commitAll(repo, 'add tool')
    fs.chmodSync(path.join(repo, 'bin/tool'), 0o4777) // after checkout
    fs.chmodSync(path.join(repo, 'bin'), 0o1777)
    const { changes } = diffEntries(before, await entries(repo))
    await explainChanges(changes, base, { root: repo, algorithm: 'sha256', head })
    const v = applyPolicy(
      { changes, unchanged: 0, incompatible: [] },
      { allow: [], protected: ['bin/**'], failOn: 'unexplained' },
    )
    expect(v.pass).toBe(false)
  })

  it('the same chmod on an existing file is unexplained too (mode kind)', async () => {
    const repo = newRepo({ 'bin/tool': '#!/bin/sh\n' })
    fs.chmodSync(path.join(repo, 'bin/tool'), 0o755)
    const base = commitAll(repo, 'x')
    const before = await entries(repo)
    write(repo, 'bin/tool', '#!/bin/sh\necho 2\n')
    const head = commitAll(repo, 'y')
    fs.chmodSync(path.join(repo, 'bin/tool'), 0o4777)
    const { changes } = diffEntries(before, await entries(repo))
    await explainChanges(changes, base, { root: repo, algorithm: 'sha256', head })
    expect(changes.every((c) => c.git === 'unexplained')).toBe(true)
  })

  describe('compare API (shallow clone)', () => {
    let gh: GitHubApi
    beforeAll(async () => {
      gh = await startGitHubApi({ repos: ['octo-org/app'] })
    })
    afterAll(async () => {
      await gh?.stop()
    })

    it('through the compare API (no modes), a committed text file replaced by a symlink to its content is unexplained', async () => {
      const origin = newRepo({ 'a.txt': 'a\n', 'docs/ref': 'old\n' })
      const base = git(origin, 'rev-parse', 'HEAD')
      const clone0 = path.join(tmp, `c0-${++n}`)
      git(tmp, 'clone', '-q', `file://${origin}`, clone0)
      const before = await entries(clone0)
      fs.writeFileSync(path.join(origin, 'docs/ref'), '/etc/shadow') // an innocuous-looking text file in a PR
      const head = commitAll(origin, 'docs')
      const clone = path.join(tmp, `sh-${++n}`)
      git(tmp, 'clone', '-q', '--depth', '1', `file://${origin}`, clone) // actions/checkout default
      fs.rmSync(path.join(clone, 'docs/ref'))
      fs.symlinkSync('/etc/shadow', path.join(clone, 'docs/ref')) // a later step turns it into a link
      const { changes } = diffEntries(before, await entries(clone))
      gh.state.setCompare(
        'octo-org/app',
        {
          status: 'ahead',
          aheadBy: 1,
          files: [
            { filename: 'docs/ref', status: 'modified', sha: gitBlobId('sha1', Buffer.from('/etc/shadow')) },
          ],
        },
        `${base}...${head}`,
      )
      await explainChanges(changes, base, {
        root: clone,
        algorithm: 'sha256',
        head,
        api: { url: gh.url, repository: 'octo-org/app', token: gh.token },
      })
      const v = applyPolicy(
        { changes, unchanged: 0, incompatible: [] },
        { allow: [], protected: ['docs/**'], failOn: 'unexplained' },
      )
      expect(v.pass).toBe(false)
    })
  })
})
