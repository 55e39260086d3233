import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as path from 'node:path'
import { getInputs } from '../../src/inputs.js'

const saved = { ...process.env }
const ws = path.resolve('/tmp/ig-workspace')

function setInputs(inputs: Record<string, string>): void {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k]
  for (const [k, v] of Object.entries(inputs)) process.env[`INPUT_${k.toUpperCase()}`] = v
}

describe('getInputs', () => {
  beforeEach(() => {
    process.env.GITHUB_WORKSPACE = ws
    process.env.RUNNER_TEMP = '/tmp/ig-runner-temp'
  })
  afterEach(() => {
    process.env = { ...saved }
  })

  it('applies the documented defaults', () => {
    setInputs({ include: '**', 'issue-labels': 'integrity-incident', 'github-token': 't' })
    const s = getInputs()
    expect(s).toMatchObject({
      mode: 'verify',
      root: ws,
      include: [],
      exclude: [],
      failOn: 'unexpected',
      algorithm: 'sha256',
      gate: 'default',
      onMissing: 'create',
      update: 'on-pass',
      watchJob: false,
      createIssue: false,
      checklist: true,
      issueLabels: ['integrity-incident'],
      allowUntrustedSave: false,
    })
    expect(s.signingKey).toBeUndefined()
  })

  it('require-signing refuses an empty signing-key in the modes that restore or save baselines', () => {
    for (const mode of ['verify', 'baseline']) {
      setInputs({ mode, 'require-signing': 'true', 'signing-key': '' })
      expect(() => getInputs()).toThrow(/require-signing is true but signing-key is empty/)
    }
    setInputs({ mode: 'lessons-learned', 'require-signing': 'true' })
    expect(getInputs().requireSigning).toBe(true)
    setInputs({ 'require-signing': 'true', 'signing-key': 'k' })
    expect(getInputs().signingKey?.toString()).toBe('k')
    setInputs({ 'require-signing': 'yes', 'signing-key': 'k' })
    expect(() => getInputs()).toThrow(/Invalid require-signing 'yes'/)
    setInputs({})
    expect(getInputs().requireSigning).toBe(false)
  })

  it('refuses a signing-key that was not valid UTF-8 (every invalid byte arrives as U+FFFD), without echoing it', () => {
    // Two binary secrets, 0xff 0xfe "AB" and 0x80 0x81 "AB", both reach Node as "\uFFFD\uFFFDAB" and would
    // sign alike; the CLI refuses such an INTEGRITY_GATE_KEY, and so must the action.
    setInputs({ 'signing-key': '\uFFFD\uFFFDAB-secret-part' })
    expect(() => getInputs()).toThrow(/signing-key is not valid UTF-8/)
    try {
      getInputs()
    } catch (e) {
      expect((e as Error).message).not.toContain('secret-part')
    }
    setInputs({ 'signing-key': 'caf\u00e9 \u2713 key' })
    expect(getInputs().signingKey?.toString('utf8')).toBe('caf\u00e9 \u2713 key')
  })

  it('refuses negated, slash-ended and excluded-protected globs, naming the input', () => {
    setInputs({ allow: 'dist/**\n!dist/secret.js' })
    expect(() => getInputs()).toThrow(/Invalid allow: Invalid glob '!dist\/secret.js': negation/)
    setInputs({ include: 'src/' })
    expect(() => getInputs()).toThrow(/Invalid include: .*trailing '\/'/)
    setInputs({ exclude: 'docs/**', protected: 'docs/SECURITY.md' })
    expect(() => getInputs()).toThrow(
      /Invalid protected: Protected glob 'docs\/SECURITY.md'.*'docs' is excluded/,
    )
  })

  it('reads lists, globs, booleans and paths', () => {
    setInputs({
      path: 'src',
      include: 'src/**\n\n# comment\nlib/**',
      allow: 'docs/**',
      protected: '.github/**',
      'issue-assignees': '@alice, bob',
      'watch-job': 'TRUE',
      'signing-key': 's3cret',
      'sarif-file': '/tmp/ig-runner-temp/out.sarif',
    })
    const s = getInputs()
    expect(s.root).toBe(path.join(ws, 'src'))
    expect(s.include).toEqual(['src/**', 'lib/**'])
    expect(s.allow).toEqual(['docs/**'])
    expect(s.protected).toEqual(['.github/**'])
    expect(s.issueAssignees).toEqual(['alice', 'bob'])
    expect(s.watchJob).toBe(true)
    expect(s.signingKey?.toString()).toBe('s3cret')
    expect(s.sarifFile).toBe('/tmp/ig-runner-temp/out.sarif')
  })

  it.each([
    [{ mode: 'check' }, /Invalid mode 'check'.*verify, baseline, lessons-learned/],
    [{ 'fail-on': 'sometimes' }, /Invalid fail-on/],
    [{ algorithm: 'crc32' }, /Invalid algorithm.*sha256/],
    [{ 'baseline-name': 'a,b' }, /Invalid baseline-name 'a,b'/],
    [{ 'baseline-name': '../x' }, /Invalid baseline-name/],
    [{ 'watch-job': 'yes' }, /Invalid watch-job 'yes'. Expected true or false/],
    [{ 'on-missing-baseline': 'ignore' }, /Invalid on-missing-baseline 'ignore'/],
    [{ 'update-baseline': 'sometimes' }, /Invalid update-baseline/],
    [{ 'issue-number': '12a' }, /Invalid issue-number '12a'/],
    [{ 'baseline-file': '../outside.json.gz' }, /Invalid baseline-file .* inside the workspace/],
    [{ 'checklist-template': '/etc/passwd' }, /Invalid checklist-template .* inside the workspace/],
    [{ exclude: '/abs/**' }, /Invalid exclude.*relative/],
  ])('rejects %j with a message naming the input', (inputs, message) => {
    setInputs(inputs as Record<string, string>)
    expect(() => getInputs()).toThrow(message)
  })
})
