/**
 * The `baseline-file` store: a path in the checked-out tree, which a change can turn into a symlink to
 * anything on the runner. Only a regular file within the manifest size cap is read; anything else fails at
 * once, naming the file (a FIFO used to hang the step, a link to /dev/zero to fill its memory).
 */
import { afterEach, beforeEach, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { FileStore } from '../../src/stores/file-store.js'
import { unreadableManifests } from '../../test-support/hostile-tree.js'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ig-file-store-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

it('reads a regular file, also through a symlink', async () => {
  const file = path.join(dir, 'base.json.gz')
  fs.writeFileSync(file, 'bytes')
  fs.symlinkSync(file, path.join(dir, 'link'))
  expect((await new FileStore(file).load()).bytes.toString()).toBe('bytes')
  expect((await new FileStore(path.join(dir, 'link')).load()).bytes.toString()).toBe('bytes')
})

it('refuses a FIFO, a link to a device, a folder, an oversized or a missing file at once', async () => {
  const { fifo, zero, huge } = unreadableManifests(dir)
  const cases: [string, RegExp][] = [
    [fifo, /not a regular file/],
    [zero, /not a regular file/],
    [dir, /not a regular file/],
    [huge, /over the 268435456-byte cap/],
    [path.join(dir, 'missing'), /ENOENT/],
  ]
  for (const [file, why] of cases) {
    const err = await new FileStore(file).load().then(
      () => undefined,
      (e: Error) => e.message,
    )
    expect(err).toMatch(
      new RegExp(`^Cannot read the baseline file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `),
    )
    expect(err).toMatch(why)
  }
})
