/** The actions judgement on real fake `_actions` trees: repointed refs are critical, new refs information. */
import { afterAll, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { scan } from '../../src/engine/scan.js'
import { diffEntries } from '../../src/engine/diff.js'
import {
  actionEntries,
  actionOf,
  judgeActions,
  markedRoots,
  mergeActions,
} from '../../src/engine/actions-watch.js'
import { cacheKey, cachePrefix } from '../../src/stores/cache-key.js'
import type { Entry } from '../../src/engine/types.js'
import { downloadAction, resetActions } from './fake-actions.js'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-actions-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))
const dir = path.join(tmp, '_actions')
const entries = async (): Promise<Entry[]> =>
  (await scan({ root: dir, algorithm: 'sha256', include: [], exclude: [] })).entries

function judge(before: Entry[], after: Entry[]) {
  const { changes, unchanged } = diffEntries(actionEntries(before), actionEntries(after))
  return { changes, ...judgeActions(changes, unchanged, before, after) }
}

describe('watch-actions judgement', () => {
  it('ignores the download markers, so the same actions downloaded again are clean', async () => {
    resetActions(dir)
    downloadAction(dir, 'actions/checkout', 'v4', {
      'action.yml': 'name: checkout\n',
      'dist/index.js': 'ok\n',
    })
    const before = await entries()
    resetActions(dir)
    downloadAction(dir, 'actions/checkout', 'v4', {
      'action.yml': 'name: checkout\n',
      'dist/index.js': 'ok\n',
    })
    const r = judge(before, await entries())
    expect(r.changes).toEqual([])
    expect(r.verdict).toMatchObject({ pass: true, result: 'clean' })
  })

  it('reports a repointed tag as critical and a new action or ref as information', async () => {
    resetActions(dir)
    downloadAction(dir, 'tj-actions/changed-files', 'v45', { 'action.yml': 'a\n', 'dist/index.js': 'good\n' })
    downloadAction(dir, 'actions/checkout', 'v4', { 'action.yml': 'c\n' })
    const before = await entries()
    resetActions(dir)
    downloadAction(dir, 'tj-actions/changed-files', 'v45', {
      'action.yml': 'a\n',
      'dist/index.js': 'memdump\n',
    })
    downloadAction(dir, 'actions/checkout', 'v5', { 'action.yml': 'c5\n' })
    downloadAction(dir, 'actions/setup-node', 'releases/v4', { 'action.yml': 'n\n' })
    const r = judge(before, await entries())
    expect(r.repointed).toEqual(['tj-actions/changed-files@v45'])
    expect(r.added).toEqual(['actions/checkout@v5', 'actions/setup-node@releases/v4'])
    expect(r.unused).toEqual(['actions/checkout@v4'])
    expect(r.verdict.pass).toBe(false)
    expect(r.verdict.reasons[0]).toMatch(
      /1 action changed while owner\/repo@ref stayed the same .*tj-actions\/changed-files@v45/,
    )
    const bySeverity = Object.fromEntries(r.changes.map((c) => [c.path, c.severity]))
    expect(bySeverity['tj-actions/changed-files/v45/dist/index.js']).toBe('critical')
    expect(bySeverity['actions/checkout/v5/action.yml']).toBe('allowed')
    expect(bySeverity['actions/checkout/v4/action.yml']).toBe('allowed')
    expect(Object.values(bySeverity).filter((s) => s === 'critical')).toHaveLength(1)
  })

  it('names actions as one line of visible text: a folder name cannot start a workflow command', async () => {
    // Whatever wrote `_actions` chose these names; they go to the log (core.info writes text raw, and the
    // runner reads a line starting with `::` as a command) and to the failure message.
    const ref = 'v1\n::error title=FORGED::all good\n::stop-commands::tok'
    const newRef = 'y\r\n::add-mask::x\u202e'
    resetActions(dir)
    downloadAction(dir, 'evil/x', ref, { 'action.yml': 'a\n' })
    const before = await entries()
    resetActions(dir)
    downloadAction(dir, 'evil/x', ref, { 'action.yml': 'b\n' })
    downloadAction(dir, 'evil/y', newRef, { 'action.yml': 'c\n' })
    const r = judge(before, await entries())
    expect(r.repointed).toEqual(['evil/x@v1\\n::error title=FORGED::all good\\n::stop-commands::tok'])
    expect(r.added).toEqual(['evil/y@y\\r\\n::add-mask::x<U+202E>'])
    expect(r.verdict.pass).toBe(false)
    for (const text of [...r.repointed, ...r.added, ...r.verdict.reasons])
      expect(text).not.toMatch(/[\r\n\u202e]/)
  })

  it('finds action folders of refs with a slash from the markers', async () => {
    resetActions(dir)
    downloadAction(dir, 'o/r', 'releases/v1', { 'action.yml': 'x\n' })
    const e = await entries()
    expect([...markedRoots(e)]).toEqual(['o/r/releases/v1'])
    expect(actionOf('o/r/releases/v1/action.yml', markedRoots(e))).toBe('o/r/releases/v1')
    expect(actionOf('o/r', markedRoots(e))).toBeUndefined()
  })

  it('merges: actions this job did not use stay in the baseline, temporary download folders do not', async () => {
    resetActions(dir)
    downloadAction(dir, 'a/one', 'v1', { 'x.js': '1\n' })
    const first = await entries()
    resetActions(dir)
    downloadAction(dir, 'b/two', 'v1', { 'y.js': '2\n' })
    fs.mkdirSync(path.join(dir, '_temp_0f1e'))
    fs.writeFileSync(path.join(dir, '_temp_0f1e', 'partial.tar.gz'), 'x')
    const merged = mergeActions(first, await entries()).map((e) => e.path)
    expect(merged).toEqual(expect.arrayContaining(['a/one/v1/x.js', 'a/one/v1.completed', 'b/two/v1/y.js']))
    expect(merged.some((p) => p.startsWith('_temp_'))).toBe(false)
    // A later job that uses a/one again is compared with it: a change there is still caught.
    resetActions(dir)
    downloadAction(dir, 'a/one', 'v1', { 'x.js': 'evil\n' })
    const baseline = mergeActions(first, first)
    expect(judge(baseline, await entries()).repointed).toEqual(['a/one@v1'])
  })
})

describe('actions baseline cache keys', () => {
  it('keeps the tree and actions baselines of a gate apart, both ways', () => {
    for (const gate of ['default', 'actions', 'default.actions', 'a', 'a-b']) {
      const tree = cachePrefix(gate, 'Linux')
      const acts = cachePrefix(gate, 'Linux', 'actions')
      const time = new Date('2025-03-14T00:00:00Z')
      const treeKey = cacheKey({ gate, os: 'Linux', runId: 1, runAttempt: 1, time })
      const actsKey = cacheKey({ gate, os: 'Linux', runId: 1, runAttempt: 1, time, kind: 'actions' })
      expect(actsKey.startsWith(acts)).toBe(true)
      expect(actsKey.startsWith(tree)).toBe(false)
      expect(treeKey.startsWith(acts)).toBe(false)
      // No `-` inside the gate segment: the prefix property of cache-key.ts still holds.
      expect(acts.split('-')).toHaveLength(tree.split('-').length)
    }
    // Another gate's actions baseline never matches either.
    expect(
      cacheKey({
        gate: 'a-b',
        os: 'Linux',
        runId: 1,
        runAttempt: 1,
        time: new Date(),
        kind: 'actions',
      }).startsWith(cachePrefix('a', 'Linux', 'actions')),
    ).toBe(false)
  })
})

const good = {
  'action.yml': 'runs:\n  using: node20\n  main: dist/index.js\n',
  'dist/index.js': 'require("./lib/x.js")\n',
  'dist/lib/x.js': 'ok\n',
}

async function baseline(): Promise<Entry[]> {
  resetActions(dir)
  downloadAction(dir, 'tj-actions/changed-files', 'v45', good)
  return entries()
}

/**
 * Ways around the judgement found by a review (each failed before the fix): code added to a repointed action
 * under a forged marker, files planted outside any action folder, an action removed before the gate, an
 * unreadable owner folder.
 */
describe('watch-actions judgement against planted and forged content', () => {
  it('a file added inside a known action under a new folder with a forged <folder>.completed marker is critical', async () => {
    const before = await baseline()
    resetActions(dir)
    downloadAction(dir, 'tj-actions/changed-files', 'v45', {
      ...good,
      'node_modules/encoding/index.js': 'steal()\n',
      'node_modules.completed': 'x', // shipped in the repointed tag (or written by an earlier step)
    })
    const r = judge(before, await entries())
    expect(r.verdict.pass).toBe(false)
  })

  it('a file added inside a known action (no marker) is critical', async () => {
    const before = await baseline()
    resetActions(dir)
    downloadAction(dir, 'tj-actions/changed-files', 'v45', { ...good, 'dist/evil.js': 'x\n' })
    const r = judge(before, await entries())
    expect(r.verdict.pass).toBe(false)
  })

  it('an action deleted before the gate, its marker left behind, fails', async () => {
    const before = await baseline()
    resetActions(dir)
    downloadAction(dir, 'tj-actions/changed-files', 'v45', { ...good, 'dist/index.js': 'memdump\n' })
    fs.rmSync(path.join(dir, 'tj-actions/changed-files/v45'), { recursive: true })
    const r = judge(before, await entries())
    expect(r.verdict.pass).toBe(false)
  })

  it('an unreadable owner folder fails (it could hide any action below it; as root the read succeeds and the changed action fails)', async () => {
    const before = await baseline()
    resetActions(dir)
    downloadAction(dir, 'tj-actions/changed-files', 'v45', { ...good, 'dist/index.js': 'memdump\n' })
    fs.chmodSync(path.join(dir, 'tj-actions/changed-files'), 0)
    try {
      const r = judge(before, await entries())
      expect(r.verdict.pass).toBe(false)
    } finally {
      fs.chmodSync(path.join(dir, 'tj-actions/changed-files'), 0o755)
    }
  })

  it('a node_modules planted next to the ref folders (owner/repo/node_modules) fails instead of passing as a new ref', async () => {
    const before = await baseline()
    resetActions(dir)
    downloadAction(dir, 'tj-actions/changed-files', 'v45', good)
    fs.mkdirSync(path.join(dir, 'tj-actions/changed-files/node_modules/encoding'), { recursive: true })
    fs.writeFileSync(path.join(dir, 'tj-actions/changed-files/node_modules/encoding/index.js'), 'steal()\n')
    fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}\n')
    const r = judge(before, await entries())
    expect(r.verdict.pass).toBe(false)
  })
})
