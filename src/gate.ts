/**
 * The gate itself, shared by the CLI and the action: load the baseline, scan, compare, decide, save.
 * No @actions import: side effects come in through the BaselineStore and the Logger.
 */
import { scan } from './engine/scan.js'
import {
  checkGate,
  decodeInflated,
  inflateManifest,
  ManifestError,
  ManifestWriter,
} from './engine/manifest.js'
import { EntryComparer, quickHeader } from './engine/manifest-diff.js'
import { diffManifests } from './engine/diff.js'
import { unmatchedGlobs } from './engine/globs.js'
import { applyPolicy, countChanges } from './engine/policy.js'
import type {
  Algorithm,
  BaselineInfo,
  Change,
  Entry,
  DiffResult,
  GitTriage,
  Manifest,
  ManifestHeader,
  Policy,
  Progress,
  Provenance,
  Report,
  Result,
  ScanOptions,
  ScanResult,
} from './engine/types.js'
import { MANIFEST_FORMAT, MANIFEST_VERSION } from './engine/types.js'
import type { BaselineStore } from './stores/store.js'
import { VERSION } from './version.js'
import { keySegments, timeSegment } from './stores/cache-key.js'
import { makeVisible } from './engine/markdown.js'

export type OnMissing = 'create' | 'fail' | 'warn'
export type UpdateBaseline = 'on-pass' | 'always' | 'never'

/** Where messages go: core.* in the action, stderr in the CLI. */
export interface Logger {
  info(message: string): void
  warning(message: string): void
}

export interface GateSettings {
  /** Absolute root to scan. */
  root: string
  gate: string
  algorithm: Algorithm
  include: string[]
  exclude: string[]
  /** Absolute paths never scanned (the local store folder). */
  alwaysExclude: string[]
  policy: Policy
  /** HMAC key: sign on save, require on load. */
  key?: Buffer
  onMissing: OnMissing
  update: UpdateBaseline
  /** Why saving is refused (untrusted event), or undefined when saving is allowed. */
  saveRefusedBecause?: string
  provenance: Provenance
  /**
   * The commit the tree is at, while it is still being asked for (the CLI asks git as the scan starts
   * instead of before it): it joins `provenance` in the manifest header. Must not reject.
   */
  pendingCommit?: Promise<string | undefined>
  source: BaselineInfo['source']
  log: Logger
  onProgress?: (p: Progress) => void
  /**
   * Git triage (explain-with-git): classes each change `committed`/`unexplained` (setting `change.git`) from
   * the baseline's commit; returns undefined when there is no history to ask. Runs before the policy, which
   * needs the classes for `fail-on: unexplained`.
   */
  explain?: (changes: Change[], baselineCommit: string | undefined) => Promise<GitTriage | undefined>
}

export interface GateOutcome {
  result: Result
  /** False when the step must fail. */
  pass: boolean
  report: Report
  /** The manifest of this run's scan. */
  manifest: Manifest
  manifestBytes: Buffer
  /** Key written when a baseline was saved. */
  savedKey?: string
}

/**
 * A stored baseline, decompressed. An unsigned one in our writer's layout is kept as text (13 MB for the
 * kernel tree) and compared line by line with the scan's entries as the scan hands them on (`comparer`):
 * decoding it into 80k entry objects held during the whole scan cost verify ~60 MB of peak memory over
 * snapshot, and comparing after the scan put 0.1–0.2 s on the critical path. Anything else is decoded in
 * full.
 */
export interface OpenedBaseline {
  header: ManifestHeader
  /** The decompressed text, when the line-by-line comparison may be tried. */
  raw?: Buffer
  comparer?: EntryComparer
  decoded?: Manifest
}

/** What opening a baseline needs: its signing key, if any, and the gate it must belong to. */
type BaselineTrust = Pick<GateSettings, 'key' | 'gate'>

/** Decompresses a baseline and checks its header (or all of it, when signed or not in our layout). */
export function openBaseline(bytes: Buffer, s: BaselineTrust): OpenedBaseline {
  const raw = inflateManifest(bytes)
  if (s.key === undefined) {
    const header = quickHeader(raw)
    if (header) {
      checkGate(header, s.gate)
      return { header, raw, comparer: EntryComparer.open(raw, header) }
    }
  }
  const decoded = decodeInflated(raw, { key: s.key, expectGate: s.gate })
  return { header: decoded.header, decoded }
}

/**
 * diffManifests(baseline, manifest). The line-by-line path checks every baseline line too (it answers only
 * when decode would accept the file) and compares them with the scan's entries directly, so no second
 * text is built; when it cannot vouch, the full decode gives the answer or the precise error.
 */
export function diffWithBaseline(base: OpenedBaseline, manifest: Manifest, s: BaselineTrust): DiffResult {
  if (base.comparer) {
    const quick = base.comparer.finish(manifest.header)
    if (quick) return quick
  }
  const decoded = base.decoded ?? decodeInflated(base.raw as Buffer, { key: s.key, expectGate: s.gate })
  return diffManifests(decoded, manifest)
}

/** Scans the root into a manifest with this run's header. */
export async function scanToManifest(s: GateSettings): Promise<{ manifest: Manifest; scanned: ScanResult }> {
  const createdAt = new Date().toISOString()
  const scanned = await scan(scanOptions(s))
  const header = headerFor(s, createdAt, await s.pendingCommit)
  return { manifest: { header, entries: scanned.entries }, scanned }
}

/**
 * scanToManifest plus the encoded manifest (signed with `s.key`), written while the scan still hashes:
 * on a large tree that saves most of the serialise + compress time after the scan.
 */
export async function scanEncoded(
  s: GateSettings,
  alsoOnEntry?: (e: Entry, line: Buffer | undefined) => void,
): Promise<{ manifest: Manifest; scanned: ScanResult; manifestBytes: Buffer }> {
  const createdAt = new Date().toISOString()
  // The header starts the manifest, so with a commit still pending the writer opens when the first entry
  // is handed on (or after the scan, for a tree without entries); the scan waits for it only then.
  let opened: { header: ManifestHeader; writer: ManifestWriter } | undefined
  const open = (commit: string | undefined) => {
    const header = headerFor(s, createdAt, commit)
    opened = { header, writer: new ManifestWriter(header, { key: s.key }) }
    return opened
  }
  if (s.pendingCommit === undefined) open(undefined)
  // The writer checks each entry first (and throws on a bad one); then the comparer sees it too, with the
  // line the writer wrote for it.
  const add = ({ writer }: { writer: ManifestWriter }, e: Entry) => {
    const wait = writer.add(e)
    alsoOnEntry?.(e, writer.lastLine())
    return wait
  }
  let failed = false
  const onEntry = (e: Entry) =>
    opened
      ? add(opened, e)
      : (s.pendingCommit as Promise<string | undefined>).then((c) =>
          failed ? undefined : add(opened ?? open(c), e),
        )
  let scanned: ScanResult
  try {
    scanned = await scan({ ...scanOptions(s), onEntry })
  } catch (e) {
    failed = true
    opened?.writer.abandon()
    throw e
  }
  const { header, writer } = opened ?? open(await s.pendingCommit)
  const manifestBytes = await writer.finish()
  return { manifest: { header, entries: scanned.entries }, scanned, manifestBytes }
}

function scanOptions(s: GateSettings): ScanOptions {
  return {
    root: s.root,
    algorithm: s.algorithm,
    include: s.include,
    exclude: s.exclude,
    alwaysExclude: s.alwaysExclude,
    onProgress: s.onProgress,
  }
}

/**
 * The manifest header of this run. createdAt is when the scan starts: the tree is as of then or later.
 * `commit`: the pending commit once known (see GateSettings.pendingCommit).
 */
function headerFor(s: GateSettings, createdAt: string, commit: string | undefined): ManifestHeader {
  const provenance = commit === undefined ? s.provenance : { ...s.provenance, commit }
  return {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    tool: VERSION,
    algorithm: s.algorithm,
    include: s.include,
    exclude: s.exclude,
    createdAt,
    gate: s.gate,
    ...(hasProvenance(provenance) ? { provenance } : {}),
  }
}

/** `baseline` mode / `snapshot`: scan and save unconditionally (a failed save is an error). */
export async function snapshot(store: BaselineStore, s: GateSettings): Promise<GateOutcome> {
  if (s.saveRefusedBecause) throw new Error(`Refusing to save a baseline: ${s.saveRefusedBecause}`)
  const { manifest, scanned, manifestBytes } = await scanEncoded(s)
  const { key } = await store.save(manifestBytes, manifest.header.createdAt)
  s.log.info(`Saved baseline of ${scanned.entries.length} entries to ${store.description} (${key}).`)
  warnUnmatched(s, scanned, [])
  const report = buildReport(s, scanned, undefined, [], [])
  report.verdict = { ...report.verdict, result: 'clean' }
  return { result: 'baseline-saved', pass: true, report, manifest, manifestBytes, savedKey: key }
}

/** `verify` mode: compare with the stored baseline and decide. */
export async function verify(store: BaselineStore, s: GateSettings): Promise<GateOutcome> {
  // Load, decompress and check the header before scanning: a broken store fails fast and closed.
  const stored = await store.load()
  const base = stored ? openBaseline(stored.bytes, s) : undefined
  if (stored && base) checkRepository(base.header, s, stored.key)
  const comparer = base?.comparer
  const { manifest, scanned, manifestBytes } = await scanEncoded(
    s,
    comparer && ((e, line) => comparer.add(e, line)),
  )

  if (!stored || !base) return missingBaseline(store, s, scanned, manifest, manifestBytes)
  checkReplay(base.header, stored.key, s)

  const diff = diffWithBaseline(base, manifest, s)
  warnUnmatched(s, scanned, diff.changes)
  const git =
    s.explain && diff.changes.length > 0
      ? await s.explain(diff.changes, base.header.provenance?.commit)
      : undefined
  const verdict = applyPolicy(diff, s.policy)
  const info: BaselineInfo = {
    source: s.source,
    key: stored.key,
    createdAt: base.header.createdAt,
    commit: base.header.provenance?.commit,
    signed: s.key !== undefined,
  }
  const report = buildReport(s, scanned, info, diff.changes, diff.incompatible)
  report.verdict = verdict
  if (git) report.git = git
  const outcome: GateOutcome = {
    result: verdict.result,
    pass: verdict.pass,
    report,
    manifest,
    manifestBytes,
  }

  const wantSave =
    s.update === 'always' || (s.update === 'on-pass' && verdict.pass && verdict.counts.changes > 0)
  if (wantSave) {
    if (s.saveRefusedBecause) {
      s.log.warning(`Not saving a new baseline: ${s.saveRefusedBecause}`)
    } else {
      const { key } = await store.save(manifestBytes, manifest.header.createdAt)
      outcome.savedKey = key
      s.log.info(`Rolled the baseline forward: saved ${key}.`)
    }
  }
  return outcome
}

/**
 * Warns about globs that match nothing and about an empty scan: both usually mean a typo, and a gate that
 * watches nothing passes forever. Warnings, not failures: an empty folder or an unused allow glob can be
 * deliberate.
 */
function warnUnmatched(s: GateSettings, scanned: ScanResult, changes: readonly Change[]): void {
  if (scanned.entries.length === 0) {
    s.log.warning(
      `The scan of ${s.root} recorded no entries: check path, include and exclude. A gate that watches nothing always passes.`,
    )
  }
  if (s.include.length + s.policy.allow.length + s.policy.protected.length === 0) return
  const paths = scanned.entries.map((e) => e.path)
  for (const c of changes) {
    paths.push(c.path)
    if (c.from !== undefined) paths.push(c.from)
  }
  const lists = { include: s.include, allow: s.policy.allow, protected: s.policy.protected }
  for (const { list, glob } of unmatchedGlobs(lists, paths)) {
    s.log.warning(
      `The ${list} glob '${makeVisible(glob)}' matches no path in the tree or the baseline: check it for a typo.`,
    )
  }
}

async function missingBaseline(
  store: BaselineStore,
  s: GateSettings,
  scanned: ScanResult,
  manifest: Manifest,
  manifestBytes: Buffer,
): Promise<GateOutcome> {
  warnUnmatched(s, scanned, [])
  const report = buildReport(s, scanned, undefined, [], [])
  const base = { report, manifest, manifestBytes }
  if (s.onMissing === 'fail') {
    const reason = `No baseline found for gate '${s.gate}' in ${store.description} and on-missing-baseline is 'fail'.`
    report.verdict = { ...report.verdict, pass: false, result: 'violation', reasons: [reason] }
    s.log.warning(reason)
    return { ...base, result: 'violation', pass: false }
  }
  if (s.onMissing === 'warn') {
    s.log.warning(`No baseline found for gate '${s.gate}' in ${store.description}; nothing was compared.`)
    return { ...base, result: 'no-baseline', pass: true }
  }
  if (s.saveRefusedBecause) {
    // Without a baseline and without the right to create one, nothing was verified: fail closed.
    const reason = `No baseline found for gate '${s.gate}' and none can be created: ${s.saveRefusedBecause}`
    report.verdict = { ...report.verdict, pass: false, result: 'violation', reasons: [reason] }
    s.log.warning(reason)
    return { ...base, result: 'violation', pass: false }
  }
  const { key } = await store.save(manifestBytes, manifest.header.createdAt)
  s.log.info(
    `No baseline found for gate '${s.gate}': created one from this scan (${scanned.entries.length} entries) at ${key}.`,
  )
  return { ...base, result: 'baseline-created', pass: true, savedKey: key }
}

function buildReport(
  s: GateSettings,
  scanned: ScanResult,
  baseline: BaselineInfo | undefined,
  changes: Report['changes'],
  incompatible: string[],
): Report {
  return newReport({
    gate: s.gate,
    root: s.root,
    algorithm: s.algorithm,
    scanned,
    baseline,
    changes,
    incompatible,
  })
}

/**
 * A report with a passing, empty verdict (the caller sets the real one): one place that knows which scan
 * entries are problems and how an empty count looks.
 */
export function newReport(o: {
  gate: string
  root: string
  algorithm: Algorithm
  scanned: ScanResult
  baseline?: BaselineInfo
  changes?: Report['changes']
  incompatible?: string[]
}): Report {
  return {
    gate: o.gate,
    root: o.root,
    algorithm: o.algorithm,
    verdict: { pass: true, result: 'clean', counts: countChanges([], o.scanned.entries.length), reasons: [] },
    changes: o.changes ?? [],
    incompatible: o.incompatible ?? [],
    baseline: o.baseline,
    scan: o.scanned.stats,
    problems: o.scanned.entries.filter((e) => e.error !== undefined || e.unstable),
  }
}

/**
 * A refusal that can mean someone tampered with the baseline or the job's own files (a replayed or foreign
 * baseline, the watch-job scan modified): a verify that ends this way files an incident like a failed
 * verdict does, with `create-issue`.
 */
export class TamperSuspected extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TamperSuspected'
  }
}

/** Baseline refusals of the manifest decoder that point at tampering rather than at a setting or an outage. */
// Not `signature-unexpected` (a signed baseline, no key given): that is a missing or renamed secret.
const TAMPER_CODES = new Set(['signature-missing', 'signature-mismatch', 'gate-mismatch', 'foreign'])

/** Whether an error that stopped a verify is a sign of tampering (and so worth an incident). */
export function isTamperSignal(e: unknown): boolean {
  return e instanceof TamperSuspected || (e instanceof ManifestError && TAMPER_CODES.has(e.code))
}

/**
 * A baseline recorded for another repository (a shared cache, a copied file) describes someone else's
 * tree: comparing against it would be meaningless at best and an attacker's choice at worst.
 */
export function checkRepository(
  header: ManifestHeader,
  s: Pick<GateSettings, 'provenance'>,
  where: string,
): void {
  const theirs = header.provenance?.repository
  const ours = s.provenance.repository
  if (theirs && ours && theirs.toLowerCase() !== ours.toLowerCase()) {
    throw new TamperSuspected(
      `The baseline ${where} was recorded for repository '${makeVisible(theirs)}', not '${ours}': refusing to compare against it.`,
    )
  }
}

function hasProvenance(p: Provenance): boolean {
  return Object.values(p).some((v) => v !== undefined && v !== '')
}

/**
 * Refuses a signed baseline restored from the cache under a key that is not the one its own run saved it
 * under. This closes replay by re-upload: an attacker with cache write access can store an old, validly signed
 * baseline under a new key so it restores as the newest, but cannot re-sign its header, and the key's run id,
 * attempt and time must all be the header's (runId, runAttempt, createdAt: the gate stamps the key with the
 * manifest's createdAt). The old key itself cannot be stored again while its entry exists (keys are
 * immutable). A signed cache baseline without a run id is refused: this gate always records one. (Replay by
 * deleting or evicting the newer entries is not detectable: nothing outside the cache remembers them; see
 * SECURITY.md.)
 */
export function checkReplay(
  header: ManifestHeader,
  key: string,
  s: Pick<GateSettings, 'key' | 'source'>,
): void {
  if (s.source !== 'cache' || s.key === undefined) return
  const run = header.provenance?.runId
  const attempt = header.provenance?.runAttempt ?? '1'
  const k = keySegments(key)
  // decode has checked createdAt (ISO 8601 UTC); saving stamped the key from the same value.
  const time = timeSegment(new Date(header.createdAt))
  if (run === undefined || !k || k.runId !== run || k.runAttempt !== attempt || k.time !== time) {
    const saved =
      run === undefined
        ? 'records no run id'
        : `was saved by run ${makeVisible(run)} attempt ${makeVisible(attempt)} at ${makeVisible(header.createdAt)}`
    throw new TamperSuspected(
      `The signed baseline restored from cache key ${key} ${saved}, which ` +
        'does not match the key: an older baseline was re-uploaded under a new key (replay). Refusing it.',
    )
  }
}
