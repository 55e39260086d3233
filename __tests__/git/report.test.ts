/** The two triage groups read apart in every report: Markdown summary, terminal, JSON, SARIF, annotations, issue. */
import { describe, expect, it } from '@jest/globals'
import { renderMarkdown, renderTerminal } from '../../src/engine/render.js'
import { toJsonReport } from '../../src/engine/report-json.js'
import { toSarif } from '../../src/engine/sarif.js'
import { annotationsFor } from '../../src/action/annotations.js'
import { changesTable } from '../../src/incident/issue-body.js'
import type { GitTriage } from '../../src/engine/types.js'
import { change, reportOf } from '../engine/render-fixtures.js'

const git: GitTriage = {
  source: 'local',
  base: '1'.repeat(40),
  head: '2'.repeat(40),
  ancestor: true,
  committed: 2,
  unexplained: 2,
  notes: ['The clone is shallow and does not contain the baseline commit 111111111111.'],
}
const changes = () => [
  change('a-committed.js', ['modified'], 'critical', { git: 'committed' }),
  change('b-tampered.js', ['modified'], 'critical', { git: 'unexplained' }),
  change('c-committed.md', ['modified'], 'unexpected', { git: 'committed' }),
  change('d-dropped.sh', ['added'], 'unexpected', { git: 'unexplained', before: undefined }),
]

describe('reports with git triage', () => {
  it('Markdown: a triage line, the notes, and unexplained and committed changes in separate tables', () => {
    const md = renderMarkdown(reportOf(changes(), { git }), { maxChars: 100_000 })
    expect(md).toContain(
      '**Git triage:** 2 unexplained, 2 committed (baseline commit `111111111111` → `222222222222`, local history).',
    )
    expect(md).toContain('### Git triage notes')
    const unexplained = md.indexOf('### Unexplained changes')
    const committed = md.indexOf('### Committed changes')
    expect(unexplained).toBeGreaterThan(0)
    expect(committed).toBeGreaterThan(unexplained)
    const between = md.slice(unexplained, committed)
    expect(between).toContain('b-tampered.js')
    expect(between).toContain('d-dropped.sh')
    expect(between).not.toContain('a-committed.js')
    expect(md.slice(committed)).toContain('a-committed.js')
  })

  it('Markdown without triage keeps the single Changes table', () => {
    const md = renderMarkdown(reportOf(changes().map((c) => ({ ...c, git: undefined }))), {
      maxChars: 100_000,
    })
    expect(md).toContain('### Changes')
    expect(md).not.toMatch(/Git triage|Unexplained changes/)
  })

  it('terminal: groups headed by class and severity, unexplained first; an ancestor problem is named', () => {
    const text = renderTerminal(reportOf(changes(), { git: { ...git, ancestor: false } }))
    expect(text).toMatch(/git: 2 unexplained, 2 committed \(.*baseline commit NOT an ancestor\)/)
    const order = [
      'Unexplained, critical (1):',
      'Unexplained, unexpected (1):',
      'Committed, critical (1):',
      'Committed, unexpected (1):',
    ]
    const at = order.map((h) => text.indexOf(h))
    expect(at.every((i) => i > 0)).toBe(true)
    expect([...at].sort((x, y) => x - y)).toEqual(at)
  })

  it('JSON: each change carries its class and the report the triage facts', () => {
    const json = toJsonReport(reportOf(changes(), { git }))
    expect(json.git).toEqual(git)
    expect(Object.fromEntries(json.changes.map((c) => [c.path, c.git]))).toEqual({
      'a-committed.js': 'committed',
      'b-tampered.js': 'unexplained',
      'c-committed.md': 'committed',
      'd-dropped.sh': 'unexplained',
    })
  })

  it('SARIF and annotations: under fail-on unexplained only unexplained changes are errors', () => {
    const report = reportOf(changes(), { git })
    const sarif = toSarif(report, { toolVersion: '0', failOn: 'unexplained' }) as {
      runs: { results: { level: string; message: { text: string }; properties: { git?: string } }[] }[]
    }
    const levels = Object.fromEntries(
      sarif.runs[0].results.map((r) => [r.message.text.split(': ').pop(), r.level]),
    )
    expect(levels).toEqual({
      'a-committed.js': 'warning',
      'b-tampered.js': 'error',
      'c-committed.md': 'warning',
      'd-dropped.sh': 'error',
    })
    expect(sarif.runs[0].results.map((r) => r.properties.git).sort()).toEqual([
      'committed',
      'committed',
      'unexplained',
      'unexplained',
    ])
    const notes = annotationsFor(report, '/work/repo', 50, 'unexplained')
    expect(
      notes
        .filter((a) => a.level === 'error')
        .map((a) => a.file)
        .sort(),
    ).toEqual(['b-tampered.js', 'd-dropped.sh'])
    expect(notes.find((a) => a.file === 'a-committed.js')?.title).toBe(
      'integrity-gate: committed critical modified',
    )
  })

  it('incident issue: rows say unexplained or committed, unexplained first', () => {
    const { markdown } = changesTable(changes(), 60_000)
    const rows = markdown.split('\n').slice(2)
    expect(rows[0]).toContain('b-tampered.js')
    expect(rows[0]).toContain('**critical** · **unexplained**')
    expect(rows[1]).toContain('d-dropped.sh')
    expect(rows[2]).toContain('a-committed.js')
    expect(rows[2]).toContain('**critical** · committed')
  })
})
