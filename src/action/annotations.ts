/**
 * One annotation per changed path (at most `perLevel` of each level, then one summary line). Pure: the caller emits them through
 * core.error/warning/notice, which escapes `%`, CR, LF, and (in properties) `:` and `,`.
 */
import * as path from 'node:path'
import type { Change, FailOn, Report } from '../engine/types.js'
import { displayPath, isRawKey, relativeInside } from '../engine/paths.js'
import { makeVisible as visible } from '../engine/markdown.js'
import { failsUnder } from '../engine/policy.js'

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  title: string
  message: string
  /** Repository-relative path, only for entries inside the workspace with a text name. */
  file?: string
}

/** Annotations for a report: at most `perLevel` per level, most severe first, plus one line for the rest. */
export function annotationsFor(
  report: Report,
  workspace: string,
  perLevel: number,
  failOn: FailOn,
): Annotation[] {
  const failing = !report.verdict.pass
  const fails = (c: Change) => failsUnder(c, failOn)
  const order = { critical: 0, unexpected: 1, allowed: 2 }
  const sorted = [...report.changes].sort((a, b) => order[a.severity] - order[b.severity])
  const shown = { error: 0, warning: 0, notice: 0 }
  const out: Annotation[] = []
  let rest = 0
  for (const c of sorted) {
    const a = annotate(c, report, workspace, fails(c))
    if (shown[a.level] < perLevel) {
      shown[a.level]++
      out.push(a)
    } else rest++
  }
  if (rest > 0) {
    out.push({
      level: failing ? 'error' : 'warning',
      title: 'integrity-gate',
      message: `${rest} more changed paths are not annotated (GitHub shows 10 annotations of each level per step); see the job summary and the report file.`,
    })
  }
  return out
}

function annotate(c: Change, report: Report, workspace: string, fails: boolean): Annotation {
  const level = fails ? 'error' : c.severity === 'allowed' ? 'notice' : 'warning'
  const name = visible(displayPath(c.path))
  const what = c.kinds.join(', ')
  const from = c.from !== undefined ? ` (from ${visible(displayPath(c.from))})` : ''
  const digests =
    c.before?.digest && c.after?.digest && c.before.digest !== c.after.digest
      ? ` ${c.before.digest.slice(0, 12)} \u2192 ${c.after.digest.slice(0, 12)}`
      : ''
  const annotation: Annotation = {
    level,
    title: `integrity-gate: ${c.git ? c.git + ' ' : ''}${c.severity} ${what}`,
    message: `${what}: ${name}${from}${digests}`,
  }
  if (!isRawKey(c.path) && c.kinds[0] !== 'removed') {
    const rel = relativeInside(workspace, path.join(report.root, c.path))
    if (rel) annotation.file = rel.split(path.sep).join('/')
  }
  return annotation
}
