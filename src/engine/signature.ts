/**
 * HMAC-SHA256 signatures over a manifest's canonical bytes (see manifest.ts and docs/manifest.md).
 * The key comes from the caller (an env var for the CLI, a secret for the action); it never enters the file.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

/** The only signature algorithm of manifest format v1. */
export const SIGNATURE_ALG = 'hmac-sha256'

/** Length in hex characters of an HMAC-SHA256 value. */
export const SIGNATURE_HEX_LENGTH = 64

/** Lower-case hex HMAC-SHA256 of `content` under `key`. Throws on an empty key (a misconfiguration). */
export function sign(content: Buffer, key: Buffer): string {
  assertKey(key)
  return createHmac('sha256', key).update(content).digest('hex')
}

/**
 * True when `signatureHex` is the HMAC of `content` under `key`. The comparison runs in constant time
 * (timingSafeEqual on equal-length digests) so a forger learns nothing from how long a rejection took;
 * a value of the wrong shape is simply not equal.
 */
export function verify(content: Buffer, key: Buffer, signatureHex: string): boolean {
  assertKey(key)
  const expected = createHmac('sha256', key).update(content).digest()
  if (!/^[0-9a-f]{64}$/.test(signatureHex)) return false
  return timingSafeEqual(expected, Buffer.from(signatureHex, 'hex'))
}

/** An empty key would sign with a publicly known secret: refuse it rather than give false assurance. */
function assertKey(key: Buffer): void {
  if (!Buffer.isBuffer(key) || key.length === 0)
    throw new Error('The signing key is empty: set a non-empty key.')
}

/**
 * The key that signs a gate's downloaded-actions baseline (watch-actions), derived from the gate's key. The
 * two baselines of a gate carry the same gate name; with one key, the tree baseline re-uploaded under the
 * actions prefix verified as an actions baseline (and the other way round). Under a key of its own, a
 * baseline of the other kind fails its signature check.
 */
export function actionsBaselineKey(key: Buffer): Buffer {
  assertKey(key)
  return createHmac('sha256', key).update('integrity-gate: downloaded-actions baseline').digest()
}
