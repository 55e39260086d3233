import { describe, expect, it } from '@jest/globals'
import { toJsonReport, REPORT_FORMAT, REPORT_VERSION } from '../../src/engine/report-json.js'
import { keyFromBytes } from '../../src/engine/paths.js'
import { change, digestOf, file, reportOf } from './render-fixtures.js'

describe('toJsonReport', () => {
  const raw = keyFromBytes(Buffer.from([0x64, 0x2f, 0xff, 0x2e, 0x62]))
  const rawTarget = keyFromBytes(Buffer.from([0x2e, 0x2e, 0x2f, 0xc3]))
  const report = reportOf(
    [
      change('b.txt', ['added'], 'allowed', { before: undefined }),
      change('a.sh', ['modified', 'mode'], 'critical', { after: file('a.sh', 'new', 0o4755) }),
      change('new/place', ['moved'], 'unexpected', { from: raw, before: file(raw, 'same') }),
      change('link', ['symlink'], 'unexpected', {
        before: { path: 'link', type: 'symlink', size: 1, mode: 0o777, target: 'x' },
        after: { path: 'link', type: 'symlink', size: 4, mode: 0o777, target: rawTarget, escapes: true },
      }),
    ],
    {
      incompatible: ['baseline include differs'],
      problems: [
        { path: raw, type: 'file', size: 0, mode: 0, error: 'EACCES' },
        { path: 'log', type: 'file', size: 3, mode: 0o644, unstable: true },
      ],
    },
  )
  const json = toJsonReport(report, {
    toolVersion: '0.1.0',
    generatedAt: '2024-05-04T10:00:00Z',
    result: 'violation',
    savedKey: 'k-1',
  })

  it('carries the header, verdict and counts', () => {
    expect(json).toMatchObject({
      format: REPORT_FORMAT,
      version: REPORT_VERSION,
      tool: { name: 'integrity-gate', version: '0.1.0' },
      generatedAt: '2024-05-04T10:00:00Z',
      gate: 'default',
      root: '/work/repo',
      algorithm: 'sha256',
      result: 'violation',
      pass: false,
      incompatible: ['baseline include differs'],
      savedBaselineKey: 'k-1',
      baseline: { source: 'cache', signed: true },
    })
    expect(json.counts).toEqual(report.verdict.counts)
    expect(json.scan).toEqual(report.scan)
  })

  it('lists changes critical first with kinds, octal modes, full digests and raw names as base64', () => {
    expect(json.changes.map((c) => [c.severity, c.path, c.kinds])).toEqual([
      ['critical', 'a.sh', ['modified', 'mode']],
      ['unexpected', 'new/place', ['moved']],
      ['unexpected', 'link', ['symlink']],
      ['allowed', 'b.txt', ['added']],
    ])
    expect(json.changes[0].before).toEqual({ type: 'file', size: 3, mode: '0644', digest: digestOf('old') })
    expect(json.changes[0].after?.mode).toBe('4755')
    expect(json.changes[1]).toMatchObject({
      from: 'd/\\xff.b',
      fromBase64: Buffer.from([0x64, 0x2f, 0xff, 0x2e, 0x62]).toString('base64'),
    })
    expect(json.changes[1].pathBase64).toBeUndefined()
    expect(json.changes[2].after).toMatchObject({
      target: '../\\xc3',
      targetBase64: 'Li4vww==',
      escapes: true,
    })
    expect(json.changes[3].before).toBeUndefined()
  })

  it('lists problems', () => {
    expect(json.problems).toEqual([
      { path: 'd/\\xff.b', pathBase64: 'ZC//LmI=', type: 'file', problem: 'unreadable', error: 'EACCES' },
      { path: 'log', type: 'file', problem: 'unstable' },
    ])
  })

  it('round-trips through JSON and defaults the result to the verdict', () => {
    const plain = toJsonReport(reportOf([]))
    expect(JSON.parse(JSON.stringify(plain))).toEqual(plain)
    expect(plain.result).toBe('clean')
    expect(plain).not.toHaveProperty('tool')
    expect(plain).not.toHaveProperty('generatedAt')
  })
})
