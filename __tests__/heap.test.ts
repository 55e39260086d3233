import { afterAll, describe, expect, it } from '@jest/globals'
import { cleanupChild, youngGenerationInChild } from './engine/scan-child.js'

afterAll(cleanupChild)

describe('capYoungGeneration', () => {
  it('stops V8 doubling the young generation past a few MB while many objects survive', () => {
    // The control shows what the cap prevents: V8's default growth when most young objects survive, as
    // a scan's entries do.
    const control = youngGenerationInChild(false)
    const capped = youngGenerationInChild(true)
    expect(control.stderr).toBe('')
    expect(capped.stderr).toBe('')
    expect(control.result!.largest).toBeGreaterThanOrEqual(64 * 2 ** 20)
    // This test allocates fast: a doubling or two can land between two checks of the timer, then the
    // growth is by pages (17–21 MB in runs here, against 128 MB without the cap).
    expect(capped.result!.largest).toBeLessThanOrEqual(32 * 2 ** 20)
  })
})
