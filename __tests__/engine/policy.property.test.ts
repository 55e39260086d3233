import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import picomatch from 'picomatch'
import { applyPolicy } from '../../src/engine/policy.js'
import type { Change, FailOn } from '../../src/engine/types.js'

const segment = fc.constantFrom('src', 'dist', '.github', 'a.js', 'b.ts', 'lib', 'x y', 'ü', '.env', 'abc')
const pathArb = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'))
const globPart = fc.constantFrom(
  '*',
  '**',
  '*.js',
  'src',
  'dist',
  '.github',
  'a?c',
  '{src,lib}',
  '[ab]*',
  '*.{js,ts}',
)
const globArb = fc.array(globPart, { minLength: 1, maxLength: 3 }).map((p) => p.join('/'))
const globsArb = fc.array(globArb, { maxLength: 3 })

/** The oracle: picomatch itself, with the options the project documents (dotfiles match, POSIX classes). */
const matcher = (globs: string[]) =>
  globs.length === 0 ? () => false : picomatch(globs, { dot: true, posix: true })
/** Protected: the path or any folder above it matches (a protected folder covers its contents). */
const under = (isMatch: (p: string) => boolean) => (p: string) =>
  p.split('/').some((_, i, parts) => isMatch(parts.slice(0, i + 1).join('/')))

describe('policy properties', () => {
  it('severity agrees with picomatch used directly (moves: critical if either end, allowed if both)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(pathArb, fc.option(pathArb, { nil: undefined })), { maxLength: 8 }),
        globsArb,
        globsArb,

        (pairs, allow, prot) => {
          const changes: Change[] = pairs.map(([path, from]) =>
            from === undefined
              ? { path, kinds: ['modified'], severity: 'unexpected' }
              : { path, from, kinds: ['moved'], severity: 'unexpected' },
          )
          applyPolicy(
            { changes, unchanged: 0, incompatible: [] },
            { allow, protected: prot, failOn: 'unexpected' },
          )
          const isAllowed = matcher(allow)
          const isProtected = under(matcher(prot))
          for (const c of changes) {
            const ends = c.from !== undefined ? [c.path, c.from] : [c.path]
            const expected = ends.some((p) => isProtected(p))
              ? 'critical'
              : ends.every((p) => isAllowed(p))
                ? 'allowed'
                : 'unexpected'
            expect(c.severity).toBe(expected)
          }
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('the verdict fails exactly when a change of a failing severity exists or the baseline is incompatible', () => {
    fc.assert(
      fc.property(
        fc.array(pathArb, { maxLength: 6 }),
        globsArb,
        globsArb,
        fc.constantFrom<FailOn>('unexpected', 'critical', 'never'),
        fc.boolean(),
        (paths, allow, prot, failOn, incompatible) => {
          const changes: Change[] = paths.map((path) => ({ path, kinds: ['added'], severity: 'unexpected' }))
          const reasons = incompatible ? ['The baseline was made with another algorithm.'] : []
          const v = applyPolicy(
            { changes, unchanged: 3, incompatible: reasons },
            { allow, protected: prot, failOn },
          )
          const critical = changes.filter((c) => c.severity === 'critical').length
          const unexpected = changes.filter((c) => c.severity === 'unexpected').length
          const fails =
            failOn === 'never'
              ? false
              : incompatible || critical > 0 || (failOn === 'unexpected' && unexpected > 0)
          expect(v.pass).toBe(!fails)
          expect(v.result).toBe(
            fails ? 'violation' : changes.length === 0 && !incompatible ? 'clean' : 'changed',
          )
          expect(v.counts.critical + v.counts.unexpected + v.counts.allowed).toBe(changes.length)
          if (fails) expect(v.reasons.length).toBeGreaterThan(0)
        },
      ),
      { numRuns: 1000 },
    )
  })
})
