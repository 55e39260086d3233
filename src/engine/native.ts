/**
 * Where the hash workers' C loop (src/native/scan.c) is, if this platform has one.
 *
 * The compiled addon ships next to the bundles (dist/ and dist/cli/, built by scripts/build-native.mjs
 * for Linux x64 only). Everywhere else — another OS or CPU, a libc the file cannot load on, or
 * INTEGRITY_GATE_NATIVE=off — the workers run the JavaScript loop, which gives the same results (a test
 * compares the two) more slowly and without openat2's refusal of symlinked directories on the way.
 *
 * Only these fixed places are tried: a path from the environment would let whoever sets it load code
 * into the gate.
 */
import { existsSync } from 'node:fs'
import { constants as osConstants } from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The addon's file name for this platform (built from parts so the bundler does not try to copy it). */
export function nativeAddonName(): string {
  return ['scan-native', `${process.platform}-${process.arch}`, 'node'].join('.')
}

/** The addon's path, or undefined when there is none for this platform or it was turned off. */
export function nativeAddonPath(): string | undefined {
  if (process.env.INTEGRITY_GATE_NATIVE === 'off') return undefined
  if (process.platform !== 'linux') return undefined
  const here = path.dirname(fileURLToPath(import.meta.url))
  const candidates = [path.join(here, nativeAddonName())]
  // Run from the sources (tests): the copy built into dist/.
  if (path.basename(here) === 'engine' && path.basename(path.dirname(here)) === 'src')
    candidates.push(path.join(here, '..', '..', 'dist', nativeAddonName()))
  return candidates.find((c) => existsSync(c))
}

/** The addon's functions (src/native/scan.c documents each). */
export interface NativeAddon {
  /** A directory's names and kinds, or an errno (0: not the inode given). */
  listDir(
    path: Uint8Array,
    dev: number | undefined,
    ino: number | undefined,
    raw: boolean,
  ): { names: string | Buffer; types: Uint8Array; stats: Float64Array } | number
}

const loaded = new Map<string, NativeAddon | undefined>()

/**
 * The addon loaded into this thread, or undefined when there is none or it does not load here (then the
 * JavaScript code paths run, with the same results).
 */
export function loadNativeAddon(): NativeAddon | undefined {
  const file = nativeAddonPath()
  if (file === undefined) return undefined
  if (!loaded.has(file)) {
    let addon: NativeAddon | undefined
    try {
      const m = { exports: {} as Record<string, unknown> }
      // RTLD_NOW: a missing symbol (a Node without OpenSSL 3's) fails the load, not the first call.
      process.dlopen(m, file, osConstants.dlopen.RTLD_NOW)
      if (typeof m.exports.listDir === 'function' && typeof m.exports.hashBatch === 'function')
        addon = m.exports as unknown as NativeAddon
    } catch {
      addon = undefined
    }
    loaded.set(file, addon)
  }
  return loaded.get(file)
}
