/**
 * Git triage on real temporary repositories: committed vs unexplained changes, uncommitted edits, a rewritten
 * history, a shallow clone (with and without the compare API fallback), a subfolder root, a non-UTF-8 name.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { diffEntries } from '../../src/engine/diff.js'
import { applyPolicy } from '../../src/engine/policy.js'
import { keyFromBytes } from '../../src/engine/paths.js'
import { explainChanges } from '../../src/git/explain.js'
import { gitBlobId } from '../../src/git/blob.js'
import { parseRawDiff } from '../../src/git/local.js'
import { compareCommits } from '../../src/git/compare-api.js'
import * as http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Change } from '../../src/engine/types.js'
import { startGitHubApi, type GitHubApi } from '../../test-support/github-api.js'
import { gitRepos, scannedEntries } from '../../test-support/git-repo.js'

const { tmp, git, write, commitAll, newRepo, cleanup } = gitRepos('git')
afterAll(cleanup)
/** For this file's own folder names in tmp. */
let n = 0
const entries = scannedEntries
const classes = (changes: Change[]) => Object.fromEntries(changes.map((c) => [c.path, c.git]))

describe('git triage with local history', () => {
  it('classes committed changes apart from drift, uncommitted edits and re-edited files', async () => {
    const repo = newRepo({
      'a.txt': 'a\n',
      'b.txt': 'b\n',
      'c.txt': 'c\n',
      'e.txt': 'e\n',
      'g.sh': 'echo g\n',
      'h.txt': 'h\n',
      'lib/old.js': 'old\n',
    })
    fs.chmodSync(path.join(repo, 'h.txt'), 0o644)
    const base = git(repo, 'rev-parse', 'HEAD')
    const before = await entries(repo)

    write(repo, 'a.txt', 'a2\n') // committed
    write(repo, 'c.txt', 'c2\n') // committed, then edited again below
    write(repo, 'd.txt', 'd\n') // committed addition
    fs.rmSync(path.join(repo, 'e.txt')) // committed removal
    fs.chmodSync(path.join(repo, 'g.sh'), 0o755) // committed exec bit
    write(repo, 'lib/new/x.js', 'x\n') // committed, in a new folder
    fs.rmSync(path.join(repo, 'lib/old.js'))
    const head = commitAll(repo, 'work')
    write(repo, 'b.txt', 'b-tampered\n') // never committed
    write(repo, 'c.txt', 'c3\n') // history touched it, but the tree differs from HEAD
    write(repo, 'f.txt', 'dropped\n') // untracked
    fs.chmodSync(path.join(repo, 'h.txt'), 0o666) // world-writable: git cannot record it

    const { changes } = diffEntries(before, await entries(repo))
    const triage = await explainChanges(changes, base, { root: repo, algorithm: 'sha256', head })
    expect(triage).toMatchObject({ source: 'local', base, head, ancestor: true, notes: [] })
    expect(classes(changes)).toEqual({
      'a.txt': 'committed',
      'b.txt': 'unexplained',
      'c.txt': 'unexplained',
      'd.txt': 'committed',
      'e.txt': 'committed',
      'f.txt': 'unexplained',
      'g.sh': 'committed',
      'h.txt': 'unexplained',
      'lib/new': 'committed',
      'lib/new/x.js': 'committed',
      'lib/old.js': 'committed',
    })
    expect(triage?.committed).toBe(7)
    expect(triage?.unexplained).toBe(4)

    // fail-on unexplained fails on the four, and only on them.
    const verdict = applyPolicy(
      { changes, unchanged: 0, incompatible: [] },
      {
        allow: ['f.txt'],
        protected: ['h.txt'],
        failOn: 'unexplained',
      },
    )
    expect(verdict.pass).toBe(false)
    expect(verdict.reasons.join(' ')).toMatch(/^3 unexplained changes \(1 critical\)/)
  })

  it('passes fail-on unexplained when every change is committed, and fails it without history', async () => {
    const repo = newRepo({ 'src/app.js': 'v1\n' })
    const base = git(repo, 'rev-parse', 'HEAD')
    const before = await entries(repo)
    write(repo, 'src/app.js', 'v2\n')
    const head = commitAll(repo, 'v2')
    const { changes } = diffEntries(before, await entries(repo))
    await explainChanges(changes, base, { root: repo, algorithm: 'sha256', head })
    const policy = { allow: [], protected: ['src/**'], failOn: 'unexplained' as const }
    expect(applyPolicy({ changes, unchanged: 0, incompatible: [] }, policy)).toMatchObject({
      pass: true,
      result: 'changed',
    })
    // The same change unclassed (no triage ran) is unexplained: the gate stays closed.
    const bare = changes.map((c) => ({ ...c, git: undefined }))
    expect(applyPolicy({ changes: bare, unchanged: 0, incompatible: [] }, policy).pass).toBe(false)
  })

  it('a local commit made after checkout does not explain anything: the tree must match GITHUB_SHA', async () => {
    const repo = newRepo({ 'a.txt': 'a\n' })
    const base = git(repo, 'rev-parse', 'HEAD')
    const before = await entries(repo)
    write(repo, 'a.txt', 'a2\n')
    const pushed = commitAll(repo, 'pushed')
    write(repo, 'a.txt', 'evil\n')
    commitAll(repo, 'made inside the job') // HEAD moves, GITHUB_SHA does not
    const { changes } = diffEntries(before, await entries(repo))
    await explainChanges(changes, base, { root: repo, algorithm: 'sha256', head: pushed })
    expect(classes(changes)).toEqual({ 'a.txt': 'unexplained' })
  })

  it('calls out a baseline commit that is not an ancestor (rewritten history) and explains nothing', async () => {
    const repo = newRepo({ 'a.txt': 'a\n' })
    const root0 = git(repo, 'rev-parse', 'HEAD')
    write(repo, 'a.txt', 'a-branch\n')
    const base = commitAll(repo, 'later force-pushed away')
    const before = await entries(repo)
    git(repo, 'reset', '-q', '--hard', root0)
    write(repo, 'a.txt', 'a-rewritten\n')
    const head = commitAll(repo, 'rewritten')
    const { changes } = diffEntries(before, await entries(repo))
    const triage = await explainChanges(changes, base, { root: repo, algorithm: 'sha256', head })
    expect(triage).toMatchObject({ source: 'local', ancestor: false, committed: 0, unexplained: 1 })
    expect(triage?.notes.join(' ')).toMatch(/is not an ancestor of .*force-push/)
    expect(classes(changes)).toEqual({ 'a.txt': 'unexplained' })
  })

  it('maps paths when the scan root is a subfolder of the repository', async () => {
    const repo = newRepo({ 'app/src/main.js': 'm\n', 'app/keep.txt': 'k\n', 'other/x.txt': 'x\n' })
    const root = path.join(repo, 'app')
    const base = git(repo, 'rev-parse', 'HEAD')
    const before = await entries(root)
    write(repo, 'app/src/main.js', 'm2\n')
    write(repo, 'other/x.txt', 'x2\n')
    const head = commitAll(repo, 'both')
    write(repo, 'app/keep.txt', 'k-drift\n')
    const { changes } = diffEntries(before, await entries(root))
    const triage = await explainChanges(changes, base, { root, algorithm: 'sha256', head })
    expect(triage?.source).toBe('local')
    expect(classes(changes)).toEqual({ 'keep.txt': 'unexplained', 'src/main.js': 'committed' })
  })

  it('handles a file name that is not UTF-8', async () => {
    const repo = newRepo({ 'plain.txt': 'p\n' })
    const base = git(repo, 'rev-parse', 'HEAD')
    const before = await entries(repo)
    const raw = Buffer.from([0x62, 0x61, 0x64, 0xff, 0x2e, 0x74, 0x78, 0x74]) // "bad\xff.txt"
    fs.writeFileSync(Buffer.concat([Buffer.from(repo + '/'), raw]), 'raw\n')
    const head = commitAll(repo, 'raw name')
    fs.writeFileSync(Buffer.concat([Buffer.from(repo + '/'), Buffer.from('bad\xfe.txt', 'latin1')]), 'x\n')
    const { changes } = diffEntries(before, await entries(repo))
    await explainChanges(changes, base, { root: repo, algorithm: 'sha256', head })
    const byKey = classes(changes)
    expect(byKey[keyFromBytes(raw)]).toBe('committed')
    expect(byKey[keyFromBytes(Buffer.from('bad\xfe.txt', 'latin1'))]).toBe('unexplained')
  })

  it('leaves everything unclassed outside a git checkout, and says why when the baseline has no commit', async () => {
    const plain = path.join(tmp, 'plain')
    fs.mkdirSync(plain)
    fs.writeFileSync(path.join(plain, 'a'), 'a')
    const changes: Change[] = diffEntries([], await entries(plain)).changes
    expect(
      await explainChanges(changes, 'a'.repeat(40), { root: plain, algorithm: 'sha256' }),
    ).toBeUndefined()
    expect(changes[0].git).toBeUndefined()

    const repo = newRepo({ 'a.txt': 'a\n' })
    const noCommit = diffEntries([], await entries(repo)).changes
    const triage = await explainChanges(noCommit, undefined, { root: repo, algorithm: 'sha256' })
    expect(triage).toMatchObject({ source: 'none', committed: 0, unexplained: 1 })
    expect(triage?.notes[0]).toMatch(/records no commit/)
  })

  it('shows a baseline commit that is not a commit id on one visible line, also in the log', async () => {
    // The commit is whatever the baseline file says; a note goes to the log as is.
    const repo = newRepo({ 'a.txt': 'a\n' })
    const changes = diffEntries([], await entries(repo)).changes
    const logged: string[] = []
    const triage = await explainChanges(changes, 'x\n::error title=FORGED::ok\r\n::stop-commands::t\u202e', {
      root: repo,
      algorithm: 'sha256',
      log: (m) => logged.push(m),
    })
    expect(triage?.notes[0]).toContain("'x\\n::error title=FORGED::ok\\r\\n::stop-commands::t<U+202E>'")
    expect(logged).toHaveLength(1)
    for (const text of [...(triage?.notes ?? []), ...logged]) expect(text).not.toMatch(/[\r\n\u202e]/)
  })
})

describe('shallow clones and the compare API fallback', () => {
  let gh: GitHubApi
  beforeAll(async () => {
    gh = await startGitHubApi({ repos: ['octo-org/app'] })
  })
  afterAll(async () => {
    await gh?.stop()
  })

  async function shallowSetup() {
    const origin = newRepo({ 'a.txt': 'a\n', 'b.txt': 'b\n', 'old.txt': 'old\n' })
    const base = git(origin, 'rev-parse', 'HEAD')
    const clone0 = path.join(tmp, `clone0-${++n}`)
    git(tmp, 'clone', '-q', `file://${origin}`, clone0)
    const before = await entries(clone0)
    write(origin, 'a.txt', 'a2\n')
    write(origin, 'new.txt', 'new\n')
    fs.rmSync(path.join(origin, 'old.txt'))
    commitAll(origin, 'one')
    write(origin, 'a.txt', 'a3\n')
    const head = commitAll(origin, 'two')
    const clone = path.join(tmp, `shallow-${++n}`)
    git(tmp, 'clone', '-q', '--depth', '1', `file://${origin}`, clone)
    write(clone, 'b.txt', 'tampered\n')
    const { changes } = diffEntries(before, await entries(clone))
    return { base, head, clone, changes }
  }

  it('says the clone is shallow and suggests fetch-depth when no API is available', async () => {
    const { base, head, clone, changes } = await shallowSetup()
    const triage = await explainChanges(changes, base, { root: clone, algorithm: 'sha256', head })
    expect(triage).toMatchObject({ source: 'none', committed: 0 })
    expect(triage?.notes.join(' ')).toMatch(/shallow .*baseline commit .*fetch-depth: 0/)
    expect(changes.every((c) => c.git === 'unexplained')).toBe(true)
  })

  it('falls back to the compare API, with zero OpenAPI violations', async () => {
    const { base, head, clone, changes } = await shallowSetup()
    const blob = (text: string) => gitBlobId('sha1', Buffer.from(text))
    gh.state.setCompare(
      'octo-org/app',
      {
        status: 'ahead',
        aheadBy: 2,
        files: [
          { filename: 'a.txt', status: 'modified', sha: blob('a3\n') },
          { filename: 'new.txt', status: 'added', sha: blob('new\n') },
          { filename: 'old.txt', status: 'removed' },
        ],
      },
      `${base}...${head}`,
    )
    const triage = await explainChanges(changes, base, {
      root: clone,
      algorithm: 'sha256',
      head,
      api: { url: gh.url, repository: 'octo-org/app', token: gh.token },
    })
    expect(triage).toMatchObject({ source: 'api', ancestor: true, committed: 3, unexplained: 1 })
    expect(triage?.notes.join(' ')).toMatch(/shallow.*compare API instead/)
    expect(classes(changes)).toEqual({
      'a.txt': 'committed',
      'b.txt': 'unexplained',
      'new.txt': 'committed',
      'old.txt': 'committed',
    })
    expect(gh.requests.some((r) => r.path.endsWith(`/compare/${base}...${head}`))).toBe(true)
    expect(gh.violations).toEqual([])
  })

  it('treats a diverged comparison as a baseline that is not an ancestor', async () => {
    const { base, head, clone, changes } = await shallowSetup()
    gh.state.setCompare(
      'octo-org/app',
      { status: 'diverged', aheadBy: 1, behindBy: 1, files: [] },
      `${base}...${head}`,
    )
    const triage = await explainChanges(changes, base, {
      root: clone,
      algorithm: 'sha256',
      head,
      api: { url: gh.url, repository: 'octo-org/app', token: gh.token },
    })
    expect(triage).toMatchObject({ source: 'api', ancestor: false, committed: 0 })
    expect(gh.violations).toEqual([])
  })

  it('explains nothing, and says so, when the API fails', async () => {
    const { base, head, clone, changes } = await shallowSetup()
    const fault = gh.fault({ path: /\/compare\//, status: 404, times: Infinity })
    try {
      const triage = await explainChanges(changes, base, {
        root: clone,
        algorithm: 'sha256',
        head,
        api: { url: gh.url, repository: 'octo-org/app', token: gh.token },
      })
      expect(triage).toMatchObject({ source: 'none', committed: 0 })
      expect(triage?.notes.join(' ')).toMatch(
        /compare API could not answer either \(GitHub answered HTTP 404/,
      )
    } finally {
      fault.clear()
    }
  })
})

describe('parseRawDiff', () => {
  it('reads -z raw output, drops paths outside the prefix and keeps raw bytes', () => {
    const z = (s: string) => Buffer.from(s + '\0', 'latin1')
    const sha = 'b'.repeat(40)
    const zero = '0'.repeat(40)
    const out = Buffer.concat([
      z(`:100644 100755 ${'a'.repeat(40)} ${sha} M`),
      z('sub/run.sh'),
      z(`:000000 100644 ${zero} ${sha} A`),
      z('other/x'),
      z(`:100644 000000 ${sha} ${zero} D`),
      z('sub/b\xffd'),
    ])
    const map = parseRawDiff(out, Buffer.from('sub/'))
    expect([...map.keys()]).toEqual(['run.sh', keyFromBytes(Buffer.from('b\xffd', 'latin1'))])
    expect(map.get('run.sh')).toEqual({ status: 'M', oldMode: '100644', newMode: '100755', newBlob: sha })
    expect(map.get(keyFromBytes(Buffer.from('b\xffd', 'latin1')))).toEqual({ status: 'D', oldMode: '100644' })
  })
})

describe('compare API pagination', () => {
  it('reads only the first page of a comparison (the files are all there) and never follows a next link', async () => {
    const requests: string[] = []
    const server = http.createServer((req, res) => {
      requests.push(req.url ?? '')
      res.setHeader('link', '<https://evil.example/compare?page=2>; rel="next"')
      res.setHeader('content-type', 'application/json')
      res.end(JSON.stringify({ status: 'ahead', files: [{ filename: 'src/a.ts', status: 'modified' }] }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const c = await compareCommits({
        apiUrl: `http://127.0.0.1:${port}`,
        repository: 'octo-org/app',
        token: 't',
        base: 'a'.repeat(40),
        head: 'b'.repeat(40),
        prefix: '',
      })
      expect(requests).toEqual([
        `/repos/octo-org/app/compare/${'a'.repeat(40)}...${'b'.repeat(40)}?per_page=1`,
      ])
      expect([...c.files]).toEqual([['src/a.ts', { status: 'M', newBlob: undefined }]])
      expect(c.status).toBe('ahead')
    } finally {
      server.close()
    }
  })
})

/**
 * Git triage must not vouch for what git does not record (from a review; each failed before the fix): bits a
 * checkout never sets on an added file or folder, and a type change the compare API cannot see.
 */
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
