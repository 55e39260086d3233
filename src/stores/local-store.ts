import * as path from 'node:path'
import type { BaselineStore, StoredBaseline } from './store.js'
import { writeFileAtomic } from './atomic.js'
import { readManifestFile } from './read-baseline.js'

/** File name of a gate's baseline inside a local store folder. */
export function localBaselinePath(storeDir: string, gate: string): string {
  return path.join(storeDir, `${safeFileName(gate)}.manifest.json.gz`)
}

/** Gate names become file names: keep them to a harmless alphabet so a name cannot escape the store. */
function safeFileName(gate: string): string {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(gate) || gate.startsWith('.')) {
    throw new Error(
      `Invalid gate name '${gate}': use 1-100 letters, digits, '.', '_' or '-', not starting with '.'.`,
    )
  }
  return gate
}

/** The CLI's baseline store: one manifest file per gate in a local folder (default `.integrity-gate/`). */
export class LocalStore implements BaselineStore {
  readonly description: string
  private readonly file: string

  constructor(storeDir: string, gate: string) {
    this.file = localBaselinePath(storeDir, gate)
    this.description = `local store ${storeDir}`
  }

  async load(): Promise<StoredBaseline | null> {
    try {
      return { bytes: readManifestFile(this.file), key: this.file }
    } catch (e) {
      // Only "does not exist" is a certain miss; anything else (EACCES, EISDIR, EIO, a FIFO) is a failure.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw new Error(`Cannot read the baseline ${this.file}: ${(e as Error).message}`)
    }
  }

  async save(bytes: Buffer): Promise<{ key: string }> {
    writeFileAtomic(this.file, bytes)
    return { key: this.file }
  }
}
