/**
 * The one small interface every baseline store implements (Actions cache, local folder, manifest file).
 */

/** A baseline as the store holds it: the manifest bytes (gzip JSON) and where they came from. */
export interface StoredBaseline {
  bytes: Buffer
  /** Cache key or file path, for reports. */
  key: string
}

export interface BaselineStore {
  /** Human name for messages: "Actions cache", "local store /x/.integrity-gate", … */
  readonly description: string
  /**
   * The newest baseline, or `null` only when the store is certain there is none. Any doubt (service
   * down, timeout, unreadable file) throws: a security gate must never read an outage as "no baseline".
   */
  load(): Promise<StoredBaseline | null>
  /**
   * Stores new manifest bytes; throws on failure. Returns the key written. `createdAt` is the manifest's
   * header time: the Actions cache puts it in the key, so a signed header pins the key it was saved under.
   */
  save(bytes: Buffer, createdAt?: string): Promise<{ key: string }>
}
