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
 * Compiles globs into one predicate. Dotfiles match (`**` covers `.github/`), matching is
 * case-sensitive, and paths are `/`-separated keys. An empty list matches nothing.
 */
export function compileGlobs(patterns: readonly string[]): Matcher {
  const cleaned = patterns.map((p) => p.trim()).filter((p) => p.length > 0)
  if (cleaned.length === 0) return () => false
  for (const p of cleaned) validateGlob(p)
  const isMatch = picomatch(cleaned, { dot: true, nocase: false })
  return (key) => isMatch(displayPath(key))
}

/** Throws a clear message for a glob the matcher cannot use. */
export function validateGlob(pattern: string): void {
  if (pattern.includes('\u0000')) throw new Error(`Invalid glob '${pattern}': contains a NUL character.`)
  if (pattern.startsWith('/'))
    throw new Error(`Invalid glob '${pattern}': globs are relative to the scanned root.`)
  try {
    picomatch.makeRe(pattern, { dot: true })
  } catch (e) {
    throw new Error(`Invalid glob '${pattern}': ${(e as Error).message}`)
  }
}

/** Splits a newline-separated list (action inputs) into trimmed, non-empty, non-comment lines. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'))
}
