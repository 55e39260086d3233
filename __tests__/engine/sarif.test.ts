import { describe, expect, it } from '@jest/globals'
import fs from 'node:fs'
import { createHash } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import fc from 'fast-check'
import { pathToUri, ruleId, sarifText, toSarif } from '../../src/engine/sarif.js'
import { keyFromBytes } from '../../src/engine/paths.js'
import { change, manyChanges, reportOf } from './render-fixtures.js'

/*
 * The SARIF 2.1.0 schema (final, "rtm.5"), copied byte for byte from the npm package
 * @microsoft/jest-sarif@1.0.0-beta.0 (MIT, lib/schemas/sarif-2.1.0-rtm.5.json; the same file as
 * schemastore's sarif-2.1.0-rtm.5.json). It is a draft-04 schema: ajv 8 speaks draft-07, and the only
 * draft-04 construct in this file is the top-level `id`, so it is renamed to `$id` and `$schema` dropped.
 */
const SCHEMA_FILE = fileURLToPath(new URL('../fixtures/sarif-2.1.0-rtm.5.json', import.meta.url))
// sha256 of the file as published: 2d99159ae54a3eea97f81781cff48780548657c35949f4b7f25e99a2ba4de4f8. Checked
// here on the re-serialised JSON so `prettier --write .` reformatting the fixture does not matter.
const SCHEMA_SHA256 = '326877fc547859119e11e1a831e75fa932c0e5a5b8fc8b04e544d613d6cfd9e6'

function validator(): (data: unknown) => { valid: boolean; errors: string } {
  const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Record<string, unknown>
  expect(createHash('sha256').update(JSON.stringify(schema)).digest('hex')).toBe(SCHEMA_SHA256)
  const { $schema: _drop, id, ...rest } = schema
  // unicodeRegExp: false because the schema's `language` pattern has a stray `]`, legal only without the
  // `u` flag (as draft-04 validators read it).
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false })
  addFormats.default(ajv)
  const validate = ajv.compile({ $id: id as string, ...rest })
  return (data) => ({ valid: validate(data) === true, errors: ajv.errorsText(validate.errors) })
}

const validate = validator()

interface SarifResult {
  ruleId: string
  ruleIndex: number
  level: string
  message: { text: string }
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[]
}

function results(log: object): SarifResult[] {
  return (log as { runs: { results: SarifResult[] }[] }).runs[0].results
}

describe('toSarif', () => {
  const report = reportOf(
    [
      change('src/app.js', ['modified', 'mode'], 'critical'),
      change('lib/new.js', ['moved'], 'unexpected', { from: 'lib/old.js' }),
      change('docs/a b#?%.md', ['added'], 'allowed', { before: undefined }),
      change(keyFromBytes(Buffer.from([0x72, 0x2f, 0xff, 0x2e, 0x62])), ['removed'], 'unexpected'),
    ],
    {
      incompatible: ['different include globs'],
      problems: [{ path: 'secret', type: 'file', size: 0, mode: 0, error: 'EACCES' }],
    },
  )
  const log = toSarif(report, { toolVersion: '0.1.0', informationUri: 'https://github.com/o/integrity-gate' })

  it('validates against the SARIF 2.1.0 schema', () => {
    const r = validate(log)
    expect(r.errors).toBe('No errors')
    expect(r.valid).toBe(true)
    // …and the validator does reject what the schema forbids.
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] }).valid).toBe(false)
    expect(validate({ ...log, version: '2.0.0' }).valid).toBe(false)
  })

  it('has a rule per change class and one result per change at the path', () => {
    const run = (log as { runs: { tool: { driver: { rules: { id: string }[] } } }[] }).runs[0]
    const kinds = ['added', 'removed', 'modified', 'mode', 'type', 'symlink', 'moved', 'unreadable']
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual([
      ...kinds.map((k) => `integrity-gate/critical/${k}`),
      ...kinds.map((k) => `integrity-gate/${k}`),
      ...kinds.map((k) => `integrity-gate/allowed/${k}`),
    ])
    // Code scanning takes an alert's severity from its rule: protected paths show as Critical.
    const severity = (id: string) =>
      (run.tool.driver.rules.find((r) => r.id === id) as unknown as { properties: Record<string, string> })
        .properties['security-severity']
    expect([
      severity('integrity-gate/critical/modified'),
      severity('integrity-gate/modified'),
      severity('integrity-gate/allowed/added'),
    ]).toEqual(['9.0', '7.0', '2.0'])
    const res = results(log)
    expect(res).toHaveLength(4)
    expect(res.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri])).toEqual(
      [
        [ruleId('modified', 'critical'), 'error', 'src/app.js'],
        [ruleId('moved'), 'error', 'lib/new.js'],
        [ruleId('removed'), 'error', 'r/%FF.b'],
        [ruleId('added', 'allowed'), 'note', 'docs/a%20b%23%3F%25.md'],
      ],
    )
    for (const r of res) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId)
      expect(r.locations[0].physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%')
    }
    expect(res[1].message.text).toContain('(from lib/old.js)')
  })

  it('levels follow fail-on: warning for reported-only changes', () => {
    const levels = results(toSarif(report, { toolVersion: '1', failOn: 'critical' })).map((r) => r.level)
    expect(levels).toEqual(['error', 'warning', 'warning', 'note'])
  })

  it('stays valid, with decodable URIs and one-line messages, for any names', () => {
    // A leading NUL marks a raw key (paths.ts); text keys never start with one.
    const name = fc.string({ unit: 'binary', minLength: 1 }).filter((n) => !n.startsWith('\u0000'))
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 6 }), (names) => {
        const out = toSarif(reportOf(names.map((n) => change(n, ['modified'], 'unexpected'))), {
          toolVersion: '1',
        })
        const ok = validate(out).valid
        return (
          ok &&
          results(out).every(
            (r, i) =>
              decodeURIComponent(r.locations[0].physicalLocation.artifactLocation.uri) ===
                Buffer.from(names[i], 'utf8').toString('utf8') && !/[\r\n]/.test(r.message.text),
          )
        )
      }),
      { numRuns: 200 },
    )
  })

  it('keeps the 5,000 most severe results of a large report (code scanning keeps 5,000, rejects runs over 25,000)', () => {
    const out = toSarif(reportOf(manyChanges(30_000)), { toolVersion: '1' })
    const res = results(out)
    expect(res).toHaveLength(5000)
    // The most severe first: every critical change of the report is kept.
    expect(res[0].level).toBe('error')
    const run = (
      out as {
        runs: Array<{
          invocations: Array<{ toolExecutionNotifications: Array<{ message: { text: string } }> }>
        }>
      }
    ).runs[0]
    expect(run.invocations[0].toolExecutionNotifications.map((n) => n.message.text)).toContain(
      '25000 more changes are not included (code scanning shows at most 5000 results); the job summary and the report file list every change.',
    )
    expect(validate(out).valid).toBe(true)
    expect(results(toSarif(reportOf(manyChanges(30)), { toolVersion: '1', maxResults: 10 }))).toHaveLength(10)
  })

  it('locates paths from the repository root: a subfolder root prefixes them, a root outside is absolute', () => {
    const uris = (root: string, repoRoot?: string) => {
      const out = toSarif(
        { ...reportOf([change('a b.js', ['modified'], 'critical')]), root },
        { toolVersion: '1', repoRoot },
      )
      const run = (out as { runs: Array<{ originalUriBaseIds?: Record<string, { uri: string }> }> }).runs[0]
      return [
        results(out)[0].locations[0].physicalLocation.artifactLocation,
        run.originalUriBaseIds?.['%SRCROOT%']?.uri,
      ]
    }
    expect(uris('/w/repo/sub dir', '/w/repo')).toEqual([
      { uri: 'sub%20dir/a%20b.js', uriBaseId: '%SRCROOT%' },
      'file:///w/repo/',
    ])
    expect(uris('/w/repo', '/w/repo')).toEqual([
      { uri: 'a%20b.js', uriBaseId: '%SRCROOT%' },
      'file:///w/repo/',
    ])
    // A folder whose name starts with `..` is inside.
    expect(uris('/w/repo/..data', '/w/repo')).toEqual([
      { uri: '..data/a%20b.js', uriBaseId: '%SRCROOT%' },
      'file:///w/repo/',
    ])
    expect(uris('/elsewhere', '/w/repo')).toEqual([{ uri: 'file:///elsewhere/a%20b.js' }, undefined])
    // No repository root: relative to the scanned root, as before.
    expect(uris('/w/repo/sub', undefined)).toEqual([
      { uri: 'a%20b.js', uriBaseId: '%SRCROOT%' },
      'file:///w/repo/sub/',
    ])
  })

  it('sets no automationDetails: an id there would override upload-sarif’s category', () => {
    const out = toSarif(reportOf([change('a', ['modified'], 'critical')]), { toolVersion: '1' }) as {
      runs: object[]
    }
    expect(Object.keys(out.runs[0])).not.toContain('automationDetails')
  })
})

describe('SARIF text and URIs', () => {
  it('escapes embedded-link syntax and shows controls', () => {
    expect(sarifText('[x](1) a\\b\n')).toBe('\\[x\\](1) a\\b\\n')
    expect(sarifText('a\\[')).toBe('a\\\\\\[')
  })

  it('percent-encodes every byte outside the unreserved set', () => {
    expect(pathToUri('a/b c/ä:x')).toBe('a/b%20c/%C3%A4%3Ax')
  })
})
