import { readManifestFile } from './read-baseline.js'
import type { BaselineStore, StoredBaseline } from './store.js'

/**
 * A manifest file named by the user (`baseline-file`, `diff A B`). It is read-only: the user chose this
 * file as the approved baseline, so a missing file is an error, not "first run", and the gate never
 * overwrites it (a new manifest goes to the `manifest-file` output for the user to review and commit).
 */
export class FileStore implements BaselineStore {
  readonly description: string

  constructor(private readonly file: string) {
    this.description = `baseline file ${file}`
  }

  async load(): Promise<StoredBaseline> {
    try {
      return { bytes: readManifestFile(this.file), key: this.file }
    } catch (e) {
      throw new Error(`Cannot read the baseline file ${this.file}: ${(e as Error).message}`)
    }
  }

  async save(): Promise<{ key: string }> {
    throw new Error(`The baseline file ${this.file} is read-only: integrity-gate never overwrites it.`)
  }
}
