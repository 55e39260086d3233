/**
 * Hidden markers that let the gate find its own issues and comments again without trusting titles.
 *
 * A marker is an HTML comment on the FIRST line of a body. It only counts there: every attacker-controlled
 * string the gate writes (file names, refs) goes through a code span or escapeText, which makes newlines
 * visible, so such a string can never start a line — a file named `<!-- integrity-gate:… -->` cannot
 * forge a marker. Who may write a believed marker is decided in writers.ts.
 */

/** The kinds of text the gate writes: the incident issue body and its comments. */
export type MarkerKind = 'incident' | 'detection' | 'checklist' | 'lessons' | 'duplicate'

/** Gate names as `baseline-name` accepts them. Re-checked here: a marker must not be able to hold `-->`. */
const GATE = /^[A-Za-z0-9._-]{1,100}$/
const RUN = /^[0-9]{1,20}$/

/** Throws when `gate` is not a valid gate name (it ends up inside an HTML comment). */
export function checkGate(gate: string): string {
  if (!GATE.test(gate)) {
    throw new Error(`Invalid gate name '${gate}'. Expected 1-100 letters, digits, '.', '_' or '-'.`)
  }
  return gate
}

/** Fields of a marker: the gate and, for detections, the run that made it. */
export interface MarkerFields {
  gate: string
  run?: string
  attempt?: string
  /** `post`: found by the post step (watch-job), so not the same detection as the main step's of that run. */
  phase?: 'post'
}

/** The marker line, e.g. `<!-- integrity-gate:incident gate=default -->`. */
export function marker(kind: MarkerKind, fields: MarkerFields): string {
  let text = `<!-- integrity-gate:${kind} gate=${checkGate(fields.gate)}`
  if (fields.run !== undefined && RUN.test(fields.run)) text += ` run=${fields.run}`
  if (fields.attempt !== undefined && RUN.test(fields.attempt)) text += ` attempt=${fields.attempt}`
  if (fields.phase === 'post') text += ' phase=post'
  return text + ' -->'
}

const LINE =
  /^<!-- integrity-gate:([a-z]+) gate=([A-Za-z0-9._-]{1,100})(?: run=([0-9]{1,20}))?(?: attempt=([0-9]{1,20}))?(?: phase=(post))? -->$/

/** Parses the marker on the first line of `body`, or returns undefined. */
export function readMarker(
  body: string | null | undefined,
): ({ kind: MarkerKind } & MarkerFields) | undefined {
  if (!body) return undefined
  const first = body.split('\n', 1)[0].replace(/\r$/, '')
  const m = LINE.exec(first)
  if (!m) return undefined
  const kind = m[1] as MarkerKind
  if (!['incident', 'detection', 'checklist', 'lessons', 'duplicate'].includes(kind)) return undefined
  return { kind, gate: m[2], run: m[3], attempt: m[4], phase: m[5] === 'post' ? 'post' : undefined }
}

/** True when the first line of `body` is a marker of `kind` (and of `gate`, when given). */
export function hasMarker(body: string | null | undefined, kind: MarkerKind, gate?: string): boolean {
  const m = readMarker(body)
  return m !== undefined && m.kind === kind && (gate === undefined || m.gate === gate)
}
