/**
 * Watching the job's actions (watch-actions), the pure part. The runner downloads each `uses: owner/repo@ref`
 * to `_actions/<owner>/<repo>/<ref>/` and then writes the marker file `_actions/<owner>/<repo>/<ref>.completed`
 * (its content is the download time, so it changes every run and is left out). A ref may hold `/`
 * (`@releases/v1`), so the markers, not a fixed depth, say where each action's folder is.
 *
 * Judgement: a change inside an action whose `owner/repo@ref` is in both the baseline and this scan is
 * `critical` (the same name now has other code: a repointed tag, as in the 2025 tj-actions/changed-files
 * compromise, or a tampered download). A new action or ref, or one the job no longer uses, is `allowed`:
 * reported as expected information. The baseline keeps every action it has seen (see {@link mergeActions}), so
 * jobs that use different actions do not forget each other's.
 */
import { countChanges } from './policy.js'
import { bytesFromKey, keyFromBytes } from './paths.js'
import { displayName } from './commands.js'
import type { Change, Entry, Verdict } from './types.js'

const MARKER = '.completed'

/** A key as text byte for byte (raw names too), for prefix tests on folder keys. */
const latin1 = (key: string): string => bytesFromKey(key).toString('latin1')

/**
 * Runner bookkeeping that is not action code: `<ref>.completed` markers of existing folders (of action folders,
 * when `roots` is given: a marker inside an action is the action's content) and `_temp_<guid>` download folders.
 */
export function isRunnerBookkeeping(
  key: string,
  entries: ReadonlySet<string>,
  roots?: ReadonlySet<string>,
): boolean {
  const raw = bytesFromKey(key)
  const text = raw.toString('latin1')
  if (text.startsWith('_temp_')) return true
  if (!text.endsWith(MARKER) || text.split('/').length < 3) return false
  const folder = keyFromBytes(raw.subarray(0, raw.length - MARKER.length))
  return entries.has(folder) && (roots === undefined || roots.has(folder))
}

/** The entries without runner bookkeeping (markers of existing action folders, temporary download folders). */
export function actionEntries(entries: readonly Entry[]): Entry[] {
  const dirs = new Set(entries.filter((e) => e.type === 'dir' || e.type === 'symlink').map((e) => e.path))
  const roots = markedRoots(entries)
  return entries.filter((e) => !isRunnerBookkeeping(e.path, dirs, roots))
}

/** Action folders (`owner/repo/ref`) named by `.completed` markers in a list of raw entries. */
export function markedRoots(entries: readonly Entry[]): Set<string> {
  const keys = new Set(entries.map((e) => e.path))
  const roots = new Set<string>()
  for (const e of entries) {
    const raw = bytesFromKey(e.path)
    if (e.type !== 'file' || !raw.toString('latin1').endsWith(MARKER)) continue
    const root = keyFromBytes(raw.subarray(0, raw.length - MARKER.length))
    if (keys.has(root) && root.split('/').length >= 3) roots.add(root)
  }
  // The runner writes markers next to action folders, never inside one: a marker inside an action folder is
  // the action's own content (a repointed tag could add `node_modules.completed` to pass its new
  // `node_modules/` off as another, new action).
  for (const r of [...roots]) {
    if ([...roots].some((o) => o !== r && latin1(r).startsWith(latin1(o) + '/'))) roots.delete(r)
  }
  return roots
}

/**
 * The action (`owner/repo/ref` folder key) a path belongs to: the shortest marked root that contains it, else
 * its first three segments; undefined for the `owner` and `owner/repo` folders themselves and for the folders
 * between `owner/repo` and a ref holding `/` (`owner/repo/releases` for `@releases/v1`).
 */
export function actionOf(key: string, roots: ReadonlySet<string>): string | undefined {
  const parts = latin1(key).split('/')
  for (let n = 3; n <= parts.length; n++) {
    const candidate = keyFromBytes(Buffer.from(parts.slice(0, n).join('/'), 'latin1'))
    if (roots.has(candidate)) return candidate
  }
  if (parts.length < 3) return undefined
  const own = latin1(key) + '/'
  for (const r of roots) if (latin1(r).startsWith(own)) return undefined
  return keyFromBytes(Buffer.from(parts.slice(0, 3).join('/'), 'latin1'))
}

/**
 * `owner/repo@ref` for an action folder key, as one line of display text (see displayName): the folder
 * names come from whatever wrote `_actions`, and these names go to the log and the failure message, where
 * a raw newline would start a workflow command (`::stop-commands::` would hide the gate's own errors).
 */
export function actionName(root: string): string {
  const parts = displayName(root).split('/')
  return `${parts[0]}/${parts[1]}@${parts.slice(2).join('/')}`
}

/** The actions present in a list of entries (folder keys). */
export function actionsIn(entries: readonly Entry[], roots: ReadonlySet<string>): Set<string> {
  const out = new Set<string>()
  for (const e of entries) {
    const a = actionOf(e.path, roots)
    if (a !== undefined) out.add(a)
  }
  return out
}

/** What the actions comparison found, for the report. */
export interface ActionsJudgement {
  verdict: Verdict
  /** `owner/repo@ref` whose files changed under the same name (critical). */
  repointed: string[]
  /** New actions or refs (information). */
  added: string[]
  /** Actions or refs this job did not download (information; kept in the baseline). */
  unused: string[]
}

/**
 * Sets each change's severity (critical inside an action known on both sides, else allowed) and returns the
 * verdict: it fails exactly when some action changed under the same `owner/repo@ref`. `baselineRaw` and
 * `currentRaw` are the scans before bookkeeping was removed (their markers locate the action folders).
 */
export function judgeActions(
  changes: Change[],
  unchanged: number,
  baselineRaw: readonly Entry[],
  currentRaw: readonly Entry[],
): ActionsJudgement {
  const roots = new Set([...markedRoots(baselineRaw), ...markedRoots(currentRaw)])
  const before = actionsIn(actionEntries(baselineRaw), roots)
  const now = actionsIn(actionEntries(currentRaw), roots)
  const repointed = new Set<string>()
  const inAction = (p: string) => [...roots].some((r) => p === r || latin1(p).startsWith(latin1(r) + '/'))
  const aboveAction = (p: string) => [...roots].some((r) => latin1(r).startsWith(latin1(p) + '/'))
  // The runner creates only action folders, their markers and the folders above them (`owner`,
  // `owner/repo`): anything else there now was planted (Node's module lookup walks up from an action's
  // folder), and a marker left without its folder means a downloaded action was removed before the gate.
  const stray = (c: Change) =>
    c.after !== undefined && !inAction(c.path) && !(c.after.type === 'dir' && aboveAction(c.path))
  const suspicious: string[] = []
  for (const c of changes) {
    const paths = c.from !== undefined ? [c.from, c.path] : [c.path]
    const known = paths
      .map((p) => actionOf(p, roots))
      .filter((a) => a !== undefined && before.has(a) && now.has(a))
    // An unreadable folder could hide any action below it.
    const odd = stray(c) || c.kinds.includes('unreadable')
    c.severity = known.length > 0 || odd ? 'critical' : 'allowed'
    for (const a of known) repointed.add(a as string)
    if (odd && known.length === 0) suspicious.push(displayName(c.path))
  }
  const counts = countChanges(changes, unchanged)
  const names = (set: Iterable<string>) => [...set].map(actionName).sort()
  const added = names([...now].filter((a) => !before.has(a)))
  const unused = names([...before].filter((a) => !now.has(a)))
  const reasons: string[] = []
  if (repointed.size > 0) {
    reasons.push(
      `${repointed.size} action${repointed.size === 1 ? '' : 's'} changed while owner/repo@ref stayed the same ` +
        `(a repointed tag or a tampered download): ${names(repointed).join(', ')}. Pin actions to a full commit ` +
        'SHA; after review, accept the new code by running this workflow with mode: baseline.',
    )
  }
  if (suspicious.length > 0) {
    reasons.push(
      `${suspicious.length} path${suspicious.length === 1 ? '' : 's'} under the actions folder outside any downloaded ` +
        `action (planted files, or a marker whose action was removed) or unreadable: ${suspicious.slice(0, 10).join(', ')}` +
        (suspicious.length > 10 ? ', …' : '') +
        '.',
    )
  }
  const pass = repointed.size === 0 && suspicious.length === 0
  const result = pass ? (changes.length === 0 ? 'clean' : 'changed') : 'violation'
  return { verdict: { pass, result, counts, reasons }, repointed: names(repointed), added, unused }
}

/**
 * The actions baseline to save: this scan, plus every action of the old baseline this job did not download
 * (with its `owner` and `owner/repo` folders), so a gate shared by jobs that use different actions keeps
 * watching all of them. The `.completed` markers are kept (they locate folders of refs holding `/`; the
 * comparison ignores them), `_temp_` download folders are not. Sorted by path, unique.
 */
export function mergeActions(baselineRaw: readonly Entry[], currentRaw: readonly Entry[]): Entry[] {
  const roots = new Set([...markedRoots(baselineRaw), ...markedRoots(currentRaw)])
  const notTemp = (e: Entry): boolean => !latin1(e.path).startsWith('_temp_')
  const current = currentRaw.filter(notTemp)
  const now = actionsIn(actionEntries(currentRaw), roots)
  const byPath = new Map(current.map((e) => [e.path, e]))
  for (const e of baselineRaw.filter(notTemp)) {
    if (byPath.has(e.path)) continue
    const a = actionOf(e.path, roots)
    if (a === undefined || !now.has(a)) byPath.set(e.path, e)
  }
  return [...byPath.values()].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0))
}
