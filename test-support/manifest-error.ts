import { expect } from '@jest/globals'
import { ManifestError } from '../src/engine/manifest.js'

/** The ManifestError `fn` throws; fails the test when it throws something else or nothing. */
export function errorOf(fn: () => unknown): ManifestError {
  try {
    fn()
  } catch (e) {
    expect(e).toBeInstanceOf(ManifestError)
    return e as ManifestError
  }
  throw new Error('expected a ManifestError, nothing was thrown')
}
