/**
 * SARIF 2.1.0 output (`sarif-file`), for GitHub code scanning and other SARIF viewers: one run, a rule per
 * change class, one result per changed path.
 */
import { createHash } from 'node:crypto'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { bytesFromKey, displayPath, relativeInside } from './paths.js'
import { makeVisible } from './markdown.js'
import { KIND_ORDER, sortBySeverity } from './render.js'
import { failsUnder } from './policy.js'
import type { Change, ChangeKind, FailOn, Report, Severity } from './types.js'

/** Options of {@link toSarif}. */
export interface SarifOptions {
  /** Version of integrity-gate (tool.driver.version). */
  toolVersion: string
  /** Where users read about the tool (tool.driver.informationUri); must be an absolute URI. */
  informationUri?: string
  /**
   * The policy's fail-on, to tell failing changes (level `error`) from reported-only ones (`warning`).
   * Default `unexpected`.
   */
  failOn?: FailOn
  /**
   * The repository's root (the workspace). Code scanning reads a location as relative to it and ignores
   * `uriBaseId`, so with a scan root in a subfolder the URIs carry that folder; a root outside the
   * repository gets absolute `file:` URIs. Without it, URIs are relative to the scanned root.
   */
  repoRoot?: string
  /** Most results written (default 5,000: code scanning keeps the top 5,000 and rejects runs over 25,000). */
  maxResults?: number
}

/** Code scanning displays at most this many results of a run (and rejects a run with more than 25,000). */
export const SARIF_MAX_RESULTS = 5000
/** Tool notifications kept for scan problems (unreadable or unstable entries). */
const MAX_NOTIFICATIONS = 1000

/**
 * The rule id of a change class and policy severity: `integrity-gate/modified` for an unexpected change,
 * `integrity-gate/critical/modified` on a protected path, `integrity-gate/allowed/modified` for an allowed
 * one. Code scanning takes an alert's severity from its rule's `security-severity` only, so each severity
 * needs its own rules for a protected-path change to show as Critical.
 */
export function ruleId(kind: ChangeKind, severity: Severity = 'unexpected'): string {
  return severity === 'unexpected' ? `integrity-gate/${kind}` : `integrity-gate/${severity}/${kind}`
}

const SEVERITIES: readonly Severity[] = ['critical', 'unexpected', 'allowed']

/** GitHub's scale: 9.0+ Critical, 7.0–8.9 High, 4.0–6.9 Medium, 0.1–3.9 Low. */
const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.0', unexpected: '7.0', allowed: '2.0' }

const SEVERITY_TEXT: Record<Severity, { name: string; short: string }> = {
  critical: { name: 'OnProtectedPath', short: ' on a protected path' },
  unexpected: { name: '', short: '' },
  allowed: { name: 'Allowed', short: ' (allowed)' },
}

const RULE_TEXT: Record<ChangeKind, { name: string; short: string; full: string }> = {
  added: {
    name: 'FileAdded',
    short: 'A path was added',
    full: 'A file, directory or other entry exists that the approved baseline does not have.',
  },
  removed: {
    name: 'FileRemoved',
    short: 'A path was removed',
    full: 'An entry of the approved baseline no longer exists.',
  },
  modified: {
    name: 'ContentModified',
    short: 'File content changed',
    full: "The file's content digest differs from the approved baseline.",
  },
  mode: {
    name: 'ModeChanged',
    short: 'Permission bits changed',
    full: 'The permission bits (including exec, setuid, setgid and sticky) differ from the approved baseline.',
  },
  type: {
    name: 'TypeChanged',
    short: 'Entry type changed',
    full: 'The entry changed type, e.g. a regular file became a symbolic link or a directory.',
  },
  symlink: {
    name: 'SymlinkRetargeted',
    short: 'Symbolic link target changed',
    full: 'The symbolic link points somewhere other than in the approved baseline.',
  },
  moved: {
    name: 'FileMoved',
    short: 'A file was moved',
    full: 'A removed path and an added path have the same content: the file was moved or renamed.',
  },
  unreadable: {
    name: 'Unreadable',
    short: 'An entry could not be read',
    full: 'The scan could not read this entry, so its integrity cannot be checked.',
  },
}

/** Bytes left as they are in a URI path: RFC 3986 unreserved characters and the `/` separator. */
const URI_SAFE = /^[A-Za-z0-9\-._~/]$/

/**
 * A path key as a relative URI reference: every byte outside the unreserved set percent-encoded, so raw
 * (non-UTF-8) names become their exact bytes, `%` `#` `?` `:` cannot change the URI's meaning, and the
 * reader decodes back to the name. Segments `.` and `..` cannot occur in keys.
 */
export function pathToUri(key: string): string {
  let out = ''
  for (const b of bytesFromKey(key)) {
    const ch = String.fromCharCode(b)
    out += b < 0x80 && URI_SAFE.test(ch) ? ch : '%' + b.toString(16).toUpperCase().padStart(2, '0')
  }
  return out
}

/**
 * Plain text for a SARIF message: controls made visible, and `[`, `]` escaped because SARIF plain-text
 * messages turn `[text](n)` into embedded links (SARIF 2.1.0 §3.11.6).
 */
export function sarifText(text: string): string {
  // Backslashes right before a bracket are doubled so they cannot cancel the bracket's escape.
  return makeVisible(text).replace(
    /(\\*)([[\]])/g,
    (_m, slashes: string, b: string) => slashes + slashes + '\\' + b,
  )
}

/**
 * How a path key becomes an artifact location: relative to the repository root when the scan root is inside
 * it (code scanning resolves locations against the checkout), an absolute `file:` URI when it is outside,
 * relative to the scan root when no repository root is known.
 */
function locator(root: string, repoRoot: string | undefined) {
  let prefix = ''
  let absolute: string | undefined
  let base: string | undefined = root
  if (repoRoot !== undefined) {
    const rel = relativeInside(repoRoot, root)
    if (rel !== undefined) {
      prefix = rel === '' ? '' : pathToUri(rel.split(path.sep).join('/')) + '/'
      base = repoRoot
    } else {
      const href = pathToFileURL(root).href
      absolute = href.endsWith('/') ? href : href + '/'
      base = undefined
    }
  }
  const where = (key: string): { uri: string; uriBaseId?: string } =>
    absolute !== undefined
      ? { uri: absolute + pathToUri(key) }
      : { uri: prefix + pathToUri(key), uriBaseId: '%SRCROOT%' }
  return Object.assign(where, { base })
}

type Level = 'error' | 'warning' | 'note'

function levelOf(change: Change, failOn: FailOn): Level {
  if (change.severity === 'allowed') return 'note'
  return failsUnder(change, failOn) ? 'error' : 'warning'
}

function messageOf(change: Change): string {
  const name = sarifText(displayPath(change.path))
  const what = change.kinds.map((k) => RULE_TEXT[k].short.toLowerCase()).join('; ')
  // With git triage the class leads: `unexplained critical: …` / `committed unexpected: …`.
  let text = `${change.git ? change.git + ' ' : ''}${change.severity}: ${what}: ${name}`
  if (change.from !== undefined) text += ` (from ${sarifText(displayPath(change.from))})`
  return text
}

/** Stable identity of a change across runs, so code scanning can track one alert per path and content. */
function fingerprint(change: Change): string {
  const h = createHash('sha256')
  h.update(
    JSON.stringify([change.kinds, change.path, change.before?.digest ?? '', change.after?.digest ?? '']),
  )
  return h.digest('hex')
}

/** The rule of a change class at one policy severity. */
function rule(kind: ChangeKind, severity: Severity): object {
  const text = RULE_TEXT[kind]
  const advice =
    'If the change is expected, add the path to `allow` or save a new baseline from a trusted run; otherwise treat it as a possible compromise.'
  return {
    id: ruleId(kind, severity),
    name: text.name + SEVERITY_TEXT[severity].name,
    shortDescription: { text: text.short + SEVERITY_TEXT[severity].short },
    fullDescription: { text: text.full },
    help: { text: `${text.full} ${advice}`, markdown: `${text.full}\n\n${advice}` },
    defaultConfiguration: { level: severity === 'allowed' ? 'note' : 'error' },
    properties: { tags: ['security', 'integrity'], 'security-severity': SECURITY_SEVERITY[severity] },
  }
}

/**
 * Builds a SARIF 2.1.0 log: one run whose driver has a rule per change class and policy severity (see
 * {@link ruleId}), one result per change up to `maxResults`, most severe first (ruleId from its first kind and
 * its severity; level `error` for changes that fail under `failOn`, `warning` for reported unapproved ones,
 * `note` for allowed ones), located from the repository root (see {@link locator}). Scan problems, the
 * results left out and incompatibility reasons become tool execution notifications.
 */
export function toSarif(report: Report, opts: SarifOptions): object {
  const failOn = opts.failOn ?? 'unexpected'
  const where = locator(report.root, opts.repoRoot)
  const maxResults = opts.maxResults ?? SARIF_MAX_RESULTS
  const rules = SEVERITIES.flatMap((severity) => KIND_ORDER.map((kind) => rule(kind, severity)))
  const ruleIndex = (kind: ChangeKind, severity: Severity) =>
    SEVERITIES.indexOf(severity) * KIND_ORDER.length + KIND_ORDER.indexOf(kind)

  const sorted = sortBySeverity(report.changes)
  const results = sorted.slice(0, maxResults).map((change) => {
    const kind = change.kinds[0] ?? 'modified'
    return {
      ruleId: ruleId(kind, change.severity),
      ruleIndex: ruleIndex(kind, change.severity),
      level: levelOf(change, failOn),
      message: { text: messageOf(change) },
      locations: [{ physicalLocation: { artifactLocation: where(change.path) } }],
      ...(change.from !== undefined && {
        relatedLocations: [
          {
            id: 1,
            message: { text: 'previous path' },
            physicalLocation: { artifactLocation: where(change.from) },
          },
        ],
      }),
      partialFingerprints: { 'integrityGateChange/v1': fingerprint(change) },
      properties: {
        kinds: change.kinds,
        severity: change.severity,
        ...(change.git !== undefined && { git: change.git }),
      },
    }
  })

  const notifications = [
    ...report.incompatible.map((reason) => ({ level: 'error', message: { text: sarifText(reason) } })),
    ...(sorted.length > maxResults
      ? [
          {
            level: 'warning',
            message: {
              text: `${sorted.length - maxResults} more changes are not included (code scanning shows at most ${maxResults} results); the job summary and the report file list every change.`,
            },
          },
        ]
      : []),
    ...report.problems.slice(0, MAX_NOTIFICATIONS).map((p) => ({
      level: 'warning',
      message: {
        text:
          p.error !== undefined
            ? `unreadable: ${sarifText(displayPath(p.path))}: ${sarifText(p.error)}`
            : `changed while hashed, digest not trusted: ${sarifText(displayPath(p.path))}`,
      },
      locations: [{ physicalLocation: { artifactLocation: where(p.path) } }],
    })),
    ...(report.problems.length > MAX_NOTIFICATIONS
      ? [
          {
            level: 'warning',
            message: {
              text: `${report.problems.length - MAX_NOTIFICATIONS} more unreadable or unstable entries.`,
            },
          },
        ]
      : []),
  ]

  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: 'integrity-gate',
        version: opts.toolVersion,
        ...(opts.informationUri !== undefined && { informationUri: opts.informationUri }),
        rules,
      },
    },
    // No automationDetails: an id in the file overrides upload-sarif's `category`, so matrix jobs and
    // several gates would overwrite each other's alerts.
    invocations: [
      {
        executionSuccessful: report.incompatible.length === 0,
        ...(notifications.length > 0 && { toolExecutionNotifications: notifications }),
      },
    ],
    results,
  }
  // Only an absolute base says where %SRCROOT% is; a relative one would mean nothing to the reader.
  if (where.base !== undefined && path.isAbsolute(where.base)) {
    const href = pathToFileURL(where.base).href
    run.originalUriBaseIds = { '%SRCROOT%': { uri: href.endsWith('/') ? href : href + '/' } }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [run],
  }
}
