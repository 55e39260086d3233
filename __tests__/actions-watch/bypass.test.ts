/**
 * Ways around the actions judgement found by a review (each failed before the fix): code added to a
 * repointed action under a forged marker, files planted outside any action folder, an action removed before
 * the gate, an unreadable owner folder.
 */
import { afterAll, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { scan } from '../../src/engine/scan.js'
import { diffEntries } from '../../src/engine/diff.js'
import { actionEntries, judgeActions } from '../../src/engine/actions-watch.js'
import type { Entry } from '../../src/engine/types.js'
import { downloadAction, resetActions } from '../actions-watch/fake-actions.js'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-actions-bypass-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))
const dir = path.join(tmp, '_actions')
const entries = async (): Promise<Entry[]> =>
  (await scan({ root: dir, algorithm: 'sha256', include: [], exclude: [] })).entries
function judge(before: Entry[], after: Entry[]) {
  const { changes, unchanged } = diffEntries(actionEntries(before), actionEntries(after))
  return { changes, ...judgeActions(changes, unchanged, before, after) }
}
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

describe('actions bypasses', () => {
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
