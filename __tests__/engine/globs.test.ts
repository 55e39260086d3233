import { describe, expect, it } from '@jest/globals'
import { checkProtectedScanned, compileGlobs, validateGlob } from '../../src/engine/globs.js'

describe('validateGlob refuses lists that would match more or less than they say', () => {
  it.each([
    // picomatch ORs a list: `!x` beside `dist/**` meant "everything but x", so the list matched everything.
    ['!dist/secret.js', /negation \('!'\) is not supported.*list it under protected/],
    ['!**/*.md', /negation/],
    // An extglob at the start matches every other path at any depth: the same hole.
    ['!(dist/secret.js)', /negation/],
    // Path keys never end in '/': the glob matched nothing (an include scanned nothing).
    ['src/', /trailing '\/' matches nothing; write 'src\/\*\*'/],
    ['.github/workflows/', /write '\.github\/workflows\/\*\*'/],
    // '|' and unbalanced parentheses reached picomatch's regex raw: `logs/app|x` matched the file `x`.
    ['logs/app|x', /'\|' outside '\(\.\.\.\)'/],
    ['a|b/**', /'\|' outside/],
    ['({a,b}', /unbalanced parentheses/],
    ['a)b', /unbalanced parentheses/],
    ['/etc/**', /relative to the scanned root/],
  ])('%j', (glob, message) => {
    expect(() => validateGlob(glob)).toThrow(message)
    expect(() => compileGlobs([glob])).toThrow(message)
  })

  it('accepts extglobs, escapes and negated classes', () => {
    for (const g of [
      'dist/!(keep.js)',
      '[(]*.txt',
      'a[|]b',
      'logs/[)]x',
      '@(a|b)/**',
      'logs/app\\|x',
      'a\\(b',
      'config/[!_]*.yml',
      'x/\\/',
      '**',
    ]) {
      expect(() => validateGlob(g)).not.toThrow()
    }
    expect(compileGlobs(['logs/app\\|x'])('logs/app|x')).toBe(true)
    expect(compileGlobs(['logs/app\\|x'])('x')).toBe(false)
    expect(compileGlobs(['@(a|b)/**'])('b/c')).toBe(true)
    expect(compileGlobs(['dist/!(keep.js)'])('dist/a.js')).toBe(true)
    expect(compileGlobs(['dist/!(keep.js)'])('dist/keep.js')).toBe(false)
    expect(compileGlobs(['dist/!(keep.js)'])('src/a.js')).toBe(false)
    expect(compileGlobs(['a[|]b'])('a|b')).toBe(true)
    expect(compileGlobs(['[(]*.txt'])('(x.txt')).toBe(true)
  })

  it('[!…] is a negated class, as in POSIX and git (picomatch 4.0.7 inverts it without posix mode)', () => {
    const m = compileGlobs(['config/[!_]*.yml'])
    expect(m('config/prod.yml')).toBe(true)
    expect(m('config/_draft.yml')).toBe(false)
    expect(compileGlobs(['[[:alpha:]]*'])('abc')).toBe(true)
    expect(compileGlobs(['pages/[id].tsx'])('pages/[id].tsx')).toBe(true)
  })
})

describe('checkProtectedScanned', () => {
  it('refuses a protected glob the scan never records because exclude drops it', () => {
    expect(() => checkProtectedScanned(['docs/SECURITY.md'], ['docs/**'])).toThrow(
      /Protected glob 'docs\/SECURITY.md' names paths the scan never records: 'docs' is excluded/,
    )
    expect(() => checkProtectedScanned(['vendor/lib/**/*.js'], ['vendor/lib'])).toThrow(
      /'vendor\/lib' is excluded/,
    )
    expect(() => checkProtectedScanned(['.git/hooks/**'], [])).toThrow(/'.git' is excluded/)
  })

  it('accepts protected globs outside the exclusions, or with a wildcard before any excluded folder', () => {
    expect(() =>
      checkProtectedScanned(['.github/**', 'src/*.js'], ['docs/**', 'node_modules/**']),
    ).not.toThrow()
    expect(() => checkProtectedScanned(['**/*.pem'], ['docs/**'])).not.toThrow()
    expect(() => checkProtectedScanned([], ['**'])).not.toThrow()
  })
})
