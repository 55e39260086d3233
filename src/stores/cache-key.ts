/**
 * The Actions cache key scheme for baselines (pure: no I/O, no @actions import).
 *
 *   integrity-gate-v1-<os>-<gate>-<runId>-<runAttempt>-<timestamp>
 *   integrity-gate-v1-<os>-<gate>.actions-<runId>-<runAttempt>-<timestamp>   (watch-actions)
 *   └──────────── cachePrefix(gate, os) ─────────┘
 *
 * Cache entries are immutable, so every run and attempt saves under a new key, and a restore asks for the
 * prefix: the service answers with the newest entry whose key starts with it. That makes the prefix a security
 * boundary: gate `a` must never match gate `a-b`'s keys. So no segment of the prefix may contain `-`: the gate
 * becomes `<slug>.<hash>` (a readable slug of `[a-z0-9_]` plus 16 hex digits of its SHA-256), which is also how
 * distinct names that slug alike (`My Gate`, `my-gate`) stay apart, and keeps any name within the client's key
 * rules (at most 512 characters, no commas).
 *
 * The downloaded-actions baseline of a gate (watch-actions) is a second baseline under the same gate: its gate
 * segment gets the suffix `.actions`, still without `-`. Neither prefix is a prefix of the other's keys: after
 * `<slug>.<hash>` the tree prefix has `-` where the actions keys have `.`, so the tree's restore never matches
 * the actions baseline, nor the other way round.
 */
import { createHash } from 'node:crypto'

/** Bumped when the stored format changes so that older entries are no longer matched. */
export const KEY_FORMAT_VERSION = 'v1'
/** The client refuses longer keys (`checkKey` in @actions/cache). */
export const MAX_KEY_LENGTH = 512

const SLUG_MAX = 40

/** The gate segment of the key and of the archived file's name: `<slug>.<16 hex>`, never containing `-`. */
export function gateSegment(gate: string): string {
  if (gate.length === 0) throw new Error('The gate name (baseline-name) is empty; give it a name.')
  const slug =
    gate
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, SLUG_MAX) || 'gate'
  const hash = createHash('sha256').update(gate, 'utf8').digest('hex').slice(0, 16)
  return `${slug}.${hash}`
}

/**
 * The OS segment: lower case, with Node's platform names mapped to the runner's (`darwin` → `macos`,
 * `win32` → `windows`) so `RUNNER_OS` and `os.platform()` give the same key.
 */
export function osSegment(os: string): string {
  const lower = os.toLowerCase()
  const mapped = lower === 'darwin' ? 'macos' : lower === 'win32' ? 'windows' : lower
  if (!/^[a-z0-9_]{1,32}$/.test(mapped)) {
    throw new Error(
      `Invalid OS name '${os}' for the cache key. Expected letters, digits or '_' (e.g. Linux).`,
    )
  }
  return mapped
}

/** Which baseline of a gate: the scanned tree, or the runner's downloaded actions (watch-actions). */
export type BaselineKind = 'tree' | 'actions'

/** The gate segment for a kind: `<slug>.<hash>` for the tree, `<slug>.<hash>.actions` for the actions. */
export function kindSegment(gate: string, kind: BaselineKind = 'tree'): string {
  return kind === 'actions' ? `${gateSegment(gate)}.actions` : gateSegment(gate)
}

/** The prefix every baseline of this gate on this OS shares; restore asks for the newest key starting with it. */
export function cachePrefix(gate: string, os: string, kind: BaselineKind = 'tree'): string {
  return `integrity-gate-${KEY_FORMAT_VERSION}-${osSegment(os)}-${kindSegment(gate, kind)}-`
}

/** What makes one saved key unique. */
export interface CacheKeyParts {
  gate: string
  os: string
  /** `GITHUB_RUN_ID`: digits. */
  runId: string | number
  /** `GITHUB_RUN_ATTEMPT`: digits. */
  runAttempt: string | number
  /** The manifest's `createdAt` (or the save time); also separates two saves within one attempt. */
  time: Date
  /** Default `tree`. */
  kind?: BaselineKind
}

function digits(value: string | number, name: string): string {
  const text = String(value)
  if (!/^[0-9]{1,20}$/.test(text))
    throw new Error(`Invalid ${name} '${text}' for the cache key. Expected digits.`)
  return text
}

/** The time segment of a key: the UTC time to the millisecond, e.g. `20261128T093512345Z`. */
export function timeSegment(time: Date): string {
  if (Number.isNaN(time.getTime())) throw new Error('Invalid time for the cache key.')
  return time.toISOString().replace(/[-:.]/g, '')
}

/** The run id, attempt and time segments of a key of this scheme; undefined for any other key. */
export function keySegments(key: string): { runId: string; runAttempt: string; time: string } | undefined {
  const m = /-([0-9]{1,20})-([0-9]{1,20})-([0-9]{8}T[0-9]{9}Z)$/.exec(key)
  return m ? { runId: m[1], runAttempt: m[2], time: m[3] } : undefined
}

/**
 * A unique, immutable key for one save: the prefix plus run id, attempt and a UTC timestamp (ms). The gate
 * stamps it with the manifest's `createdAt`, so a signed header pins its whole key (see checkReplay in
 * gate.ts).
 */
export function cacheKey(parts: CacheKeyParts): string {
  const stamp = timeSegment(parts.time)
  const key = `${cachePrefix(parts.gate, parts.os, parts.kind)}${digits(parts.runId, 'run id')}-${digits(parts.runAttempt, 'run attempt')}-${stamp}`
  if (key.length > MAX_KEY_LENGTH || key.includes(',')) {
    // Cannot happen with the segments above; kept so a future change to the scheme cannot slip past the client.
    throw new Error(`Cache key '${key}' breaks the cache's key rules (at most 512 characters, no commas).`)
  }
  return key
}
