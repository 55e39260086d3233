/**
 * Glob matching for include/exclude and the allow/protected policy, on path keys.
 * One matcher (picomatch) everywhere so the scanner and the policy never disagree.
 */
import picomatch from 'picomatch'
import { displayPath } from './paths.js'

/** Exclusions that always apply: git's own database is not part of the tree under test. */
export const ALWAYS_EXCLUDED = ['.git/**', '.git']

export type Matcher = (pathKey: string) => boolean

/**
 * picomatch options everywhere. `posix: true`: without it picomatch 4.0.7 reads `[!a]` as "`!` or `a`"
 * (picomatch#187), which inverted a negated class: `config/[!_]*.yml` protected `_draft.yml` and not
 * `prod.yml`.
 */
const OPTIONS = { dot: true, nocase: false, posix: true } as const

/**
 * Compiles globs into one predicate. Dotfiles match (`**` covers `.github/`), matching is
 * case-sensitive, and paths are `/`-separated keys. An empty list matches nothing.
 */
export function compileGlobs(patterns: readonly string[]): Matcher {
  const cleaned = patterns.map((p) => p.trim()).filter((p) => p.length > 0)
  if (cleaned.length === 0) return () => false
  for (const p of cleaned) validateGlob(p)
  const isMatch = picomatch(cleaned, OPTIONS)
  return (key) => isMatch(displayPath(key))
}

/**
 * Throws a clear message for a glob the matcher cannot use, or would use in a way nobody means. Every
 * refusal here closes a way for a list to match more, or less, than it says (a security gate fails closed):
 * - a leading `!`: picomatch ORs a list, so `!dist/secret.js` beside `dist/**` meant "everything but
 *   dist/secret.js" and an allow list allowed every change (and an exclude list scanned nothing);
 * - a trailing `/`: path keys never end in `/`, so `src/` matched nothing and an include scanned nothing;
 * - `|` outside `(...)` and unbalanced parentheses reach picomatch's regex raw (`logs/app|x` matched `x`).
 */
export function validateGlob(pattern: string): void {
  const bad = (why: string) => new Error(`Invalid glob '${pattern}': ${why}`)
  if (pattern.includes('\u0000')) throw bad('contains a NUL character.')
  if (pattern.startsWith('/')) throw bad('globs are relative to the scanned root.')
  // Also `!(…)`: picomatch's extglob at the start matches every other path at any depth.
  if (pattern.startsWith('!'))
    throw bad(
      "negation ('!') is not supported: each glob adds paths. List only what to match; to keep a path out of " +
        'an allow glob, list it under protected (protected wins).',
    )
  if (pattern.endsWith('/') && !pattern.endsWith('\\/'))
    throw bad(`a trailing '/' matches nothing; write '${pattern}**' for the folder and everything below.`)
  let depth = 0
  for (let i = 0; i < pattern.length && depth >= 0; i++) {
    const c = pattern[i]
    if (c === '\\') i++
    else if (c === '[') {
      // A bracket expression holds characters, not syntax: `[(]`, `[|]` are literal.
      const close = pattern.indexOf(']', i + 2)
      if (close > 0) i = close
    } else if (c === '(') depth++
    else if (c === ')') depth--
    else if (c === '|' && depth === 0)
      throw bad("'|' outside '(...)' would be read as an alternative; escape it as '\\|' for a literal '|'.")
  }
  if (depth !== 0) throw bad("unbalanced parentheses; escape them as '\\(' and '\\)' for literal ones.")
  try {
    picomatch.makeRe(pattern, OPTIONS)
  } catch (e) {
    throw new Error(`Invalid glob '${pattern}': ${(e as Error).message}`)
  }
}

/**
 * Throws when a protected glob can never see a change because the scan never records what it names: its
 * fixed leading folder (or the glob itself, when it has no wildcard) is excluded. Exclusion wins in the
 * scan, so the protection would be silently void.
 */
export function checkProtectedScanned(protectedGlobs: readonly string[], exclude: readonly string[]): void {
  const excluded = compileGlobs([...ALWAYS_EXCLUDED, ...exclude])
  for (const g of protectedGlobs) {
    const p = g.trim()
    if (p === '') continue
    const { base, isGlob } = picomatch.scan(p)
    const fixed = isGlob ? base : p
    if (fixed === '') continue
    const parts = fixed.split('/')
    for (let i = 1; i <= parts.length; i++) {
      const folder = parts.slice(0, i).join('/')
      if (excluded(folder)) {
        throw new Error(
          `Protected glob '${p}' names paths the scan never records: '${folder}' is excluded. Remove it from exclude or from protected.`,
        )
      }
    }
  }
}

/**
 * A matcher that also matches a path when it matches one of the folders above it: a protected folder covers
 * everything below it, as an excluded folder drops everything below it in the scan.
 */
export function orFolderAbove(m: Matcher): Matcher {
  return (key) => {
    if (m(key)) return true
    const parts = displayPath(key).split('/')
    for (let i = 1; i < parts.length; i++) if (m(parts.slice(0, i).join('/'))) return true
    return false
  }
}

/**
 * Globs that match none of `paths` (the scan's entries and the changes' paths, so a removed file counts): a
 * typo (`srcc/**`, `*.pem` for files in folders) makes an include scan nothing and a protected glob protect
 * nothing, silently. A protected glob also counts when it matches a folder above a path.
 */
export function unmatchedGlobs(
  lists: { include: readonly string[]; allow: readonly string[]; protected: readonly string[] },
  paths: readonly string[],
): Array<{ list: 'include' | 'allow' | 'protected'; glob: string }> {
  const out: Array<{ list: 'include' | 'allow' | 'protected'; glob: string }> = []
  for (const list of ['include', 'allow', 'protected'] as const) {
    for (const raw of lists[list]) {
      const glob = raw.trim()
      if (glob === '') continue
      // Folders are entries of the scan too: a protected folder glob finds its folder among the paths.
      if (!paths.some(compileGlobs([glob]))) out.push({ list, glob })
    }
  }
  return out
}

/** Splits a newline-separated list (action inputs) into trimmed, non-empty, non-comment lines. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'))
}
