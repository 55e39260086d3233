/**
 * Digest algorithms: the one place that turns a user-given name into an Algorithm and an Algorithm into
 * the name Node's crypto (OpenSSL) knows, so a typo never silently falls back to another hash.
 */
import { createHash } from 'node:crypto'
import { ALGORITHMS, DEFAULT_ALGORITHM, type Algorithm } from './types.js'

/** Node crypto (OpenSSL) hash names per algorithm. They happen to equal ours; the table keeps it explicit. */
export const NODE_HASH_NAMES: Readonly<Record<Algorithm, string>> = {
  sha256: 'sha256',
  sha512: 'sha512',
  sha1: 'sha1',
  blake2b512: 'blake2b512',
  md5: 'md5',
}

/** The warning given when md5 is chosen: accepted for compatibility, useless against an attacker. */
export const MD5_WARNING =
  'md5 is collision-broken: an attacker can craft a changed file with the same digest. Use sha256 (the default).'

/**
 * Parses an algorithm name (case and surrounding blanks ignored). An empty name means the default
 * (`sha256`), because an unset action input arrives as ''. `md5` is accepted but reported through
 * `warn`; any other name throws an error that lists the valid names.
 */
export function parseAlgorithm(name: string, warn?: (msg: string) => void): Algorithm {
  const cleaned = name.trim().toLowerCase()
  if (cleaned === '') return DEFAULT_ALGORITHM
  const found = ALGORITHMS.find((a) => a === cleaned)
  if (found === undefined) {
    throw new Error(
      `Unknown digest algorithm '${name}'. Valid algorithms: sha256 (default), sha512, sha1, blake2b512, md5 (collision-broken, not recommended).`,
    )
  }
  if (found === 'md5') warn?.(MD5_WARNING)
  return found
}

/** The Node crypto name of an algorithm; throws for a value that is not an Algorithm (e.g. from untyped JSON). */
export function nodeHashName(algorithm: Algorithm): string {
  const name = (NODE_HASH_NAMES as Record<string, string | undefined>)[algorithm]
  if (name === undefined) throw new Error(`Unknown digest algorithm '${String(algorithm)}'.`)
  return name
}

/** Lower-case hex digest of in-memory data (small inputs and tests; files go through the scanner). */
export function digestHex(algorithm: Algorithm, data: string | Uint8Array): string {
  return createHash(nodeHashName(algorithm)).update(data).digest('hex')
}
