/**
 * The built-in incident-response plan, posted once per incident as a comment with one task list per phase
 * (preparation, identification, containment, eradication, recovery, lessons learned), pre-filled from the
 * evidence and extended with the checks that matter for what changed (workflows, lockfiles, binaries, …).
 */
import { clip, codeSpan, escapeText, makeVisible } from '../engine/markdown.js'
import { displayPath } from '../engine/paths.js'
import { summaryCounts } from '../engine/render.js'
import type { Change, Report } from '../engine/types.js'
import type { Evidence } from './evidence.js'
import { runLink } from './issue-body.js'
import { marker } from './marker.js'

/** GitHub login rules: 1-39 letters, digits and single hyphens, not starting with a hyphen. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/

/** Throws when a login in `issue-assignees` is not a GitHub login (it becomes an @mention). */
export function checkLogins(logins: readonly string[]): string[] {
  for (const login of logins) {
    if (!LOGIN.test(login)) {
      throw new Error(
        `Invalid issue-assignees entry '${login}'. Expected a GitHub login (letters, digits and '-', at most 39 characters).`,
      )
    }
  }
  return [...logins]
}

/** The on-call list: the assignees as intended @mentions (validated logins), or a hint to set them. */
export function onCall(assignees: readonly string[]): string {
  if (assignees.length === 0) return '_nobody: set `issue-assignees` so that an incident calls someone_'
  return checkLogins(assignees)
    .map((a) => '@' + a)
    .join(', ')
}

/** What a change touches, for tailoring the plan. */
export type Category =
  'workflows' | 'actions' | 'lockfiles' | 'binaries' | 'codeowners' | 'scripts' | 'build' | 'symlinks'

const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lockb',
  'bun.lock',
  'Cargo.lock',
  'go.sum',
  'go.mod',
  'poetry.lock',
  'Pipfile.lock',
  'uv.lock',
  'pdm.lock',
  'requirements.txt',
  'Gemfile.lock',
  'composer.lock',
  'packages.lock.json',
  'paket.lock',
  'gradle.lockfile',
  'mix.lock',
  'pubspec.lock',
  'Podfile.lock',
  'Package.resolved',
  'flake.lock',
  'conan.lock',
  'vcpkg.json',
])
const BINARY_EXT =
  /\.(so(\.[0-9.]+)?|dll|exe|dylib|jar|war|ear|class|bin|elf|o|a|lib|node|wasm|pyd|pyc|msi|apk|ipa|deb|rpm|dmg|appimage|com|scr|sys)$/i
const SCRIPT_EXT = /\.(sh|bash|zsh|ps1|psm1|bat|cmd|py|rb|pl|js|mjs|cjs|ts)$/i
const BUILD_FILES = new Set([
  'package.json',
  'Makefile',
  'makefile',
  'GNUmakefile',
  'Dockerfile',
  'Containerfile',
  'docker-compose.yml',
  'docker-compose.yaml',
  'setup.py',
  'setup.cfg',
  'pyproject.toml',
  'build.gradle',
  'build.gradle.kts',
  'pom.xml',
  'Rakefile',
  'Justfile',
  '.npmrc',
  '.yarnrc',
  '.yarnrc.yml',
  '.pypirc',
  '.gitmodules',
  '.gitattributes',
  'build.rs',
])

const baseName = (p: string): string => p.slice(p.lastIndexOf('/') + 1)

/** The categories of one change (a path can be in several). */
export function classify(change: Change): Category[] {
  const paths = [change.path, ...(change.from !== undefined ? [change.from] : [])].map(displayPath)
  const out = new Set<Category>()
  for (const p of paths) {
    const name = baseName(p)
    if (/(^|\/)\.github\/workflows\//.test(p)) out.add('workflows')
    if (/(^|\/)\.github\/actions\//.test(p) || name === 'action.yml' || name === 'action.yaml')
      out.add('actions')
    if (LOCKFILES.has(name)) out.add('lockfiles')
    if (name === 'CODEOWNERS') out.add('codeowners')
    if (BUILD_FILES.has(name)) out.add('build')
    if (BINARY_EXT.test(name)) out.add('binaries')
    if (SCRIPT_EXT.test(name) || /(^|\/)(scripts?|bin|hooks|\.husky)\//.test(p)) out.add('scripts')
  }
  for (const e of [change.before, change.after]) {
    if (e?.type === 'file' && (e.mode & 0o111) !== 0) out.add('binaries')
    if (e?.type === 'symlink') out.add('symlinks')
    if (e && (e.mode & 0o6000) !== 0) out.add('binaries')
  }
  return [...out]
}

interface Section {
  title: string
  tasks: string[]
}

/** The extra checks per category. Literal Markdown written here; no attacker text. */
const TAILORED: Record<Category, Section> = {
  workflows: {
    title: 'Workflow files changed (`.github/workflows/`)',
    tasks: [
      'Diff each workflow against the baseline commit: new triggers (`pull_request_target`, `workflow_run`, `issue_comment`), widened `permissions:`, new `secrets.*` uses, `run:` steps that download and execute code.',
      'Check that third-party actions are pinned to a full commit SHA and that no pin was moved.',
      'List the runs of the changed workflows since the baseline (Actions tab or `gh run list --workflow <file>`) and read their logs for unexpected network calls or secret use.',
      'Check the branch protection / rulesets that should have required review for workflow changes.',
    ],
  },
  actions: {
    title: 'Local or composite actions changed (`.github/actions/`, `action.yml`)',
    tasks: [
      'Review the changed actions: `runs:` entry points, composite steps, bundled `dist/` code (compare with a clean rebuild).',
      'Find every workflow that uses these actions; treat their jobs as affected.',
    ],
  },
  lockfiles: {
    title: 'Dependency lockfiles changed',
    tasks: [
      'Compare resolved versions, download URLs and integrity hashes with the baseline; look for new registries, git or tarball URLs, and packages with similar names (typosquats).',
      'Check new or updated packages for install scripts (`preinstall`, `postinstall`, build scripts) and recent maintainer changes.',
      'Verify registry signatures / provenance where the ecosystem offers it (e.g. `npm audit signatures`, `cargo vet`, `go mod verify`).',
      'Check caches of dependencies (e.g. `actions/setup-*` caches) that may hold the tampered packages.',
    ],
  },
  binaries: {
    title: 'Binaries or executables changed (executable bit, setuid/setgid, compiled files)',
    tasks: [
      'Compare the new digests with the upstream release checksums or a reproducible build; look the digests up in malware databases.',
      'Check signatures and provenance (Sigstore, Authenticode, GPG) of the changed binaries.',
      'Explain every new executable bit and any setuid/setgid bit; remove what is not needed.',
    ],
  },
  codeowners: {
    title: 'CODEOWNERS changed',
    tasks: [
      'Review who gained or lost ownership of which paths, and which approvals that enabled since the baseline.',
      'Confirm that the ruleset / branch protection still requires review from code owners.',
    ],
  },
  scripts: {
    title: 'Scripts changed',
    tasks: [
      'Read the changed scripts for downloads, encoded payloads, credential access (`~/.ssh`, `~/.npmrc`, cloud metadata endpoints) and outbound network calls.',
      'Find which jobs, hooks and build steps run them.',
    ],
  },
  build: {
    title: 'Build or package configuration changed',
    tasks: [
      'Check package scripts and install hooks, registry settings (`.npmrc`, `.pypirc`, `.yarnrc*`), submodule URLs and Docker base images for redirects to untrusted sources.',
    ],
  },
  symlinks: {
    title: 'Symbolic links changed',
    tasks: [
      'Check where each new or changed link points; a link out of the tree can make a job read or overwrite files outside the repository.',
    ],
  },
}

const CATEGORY_ORDER: Category[] = [
  'workflows',
  'actions',
  'lockfiles',
  'binaries',
  'codeowners',
  'scripts',
  'build',
  'symlinks',
]
const PATHS_PER_CATEGORY = 10
/** Longest path shown per affected file, in visible characters. */
const PATH_SHOWN = 200

/** The tailored sections for what changed (empty string when nothing special changed). */
export function tailoredChecks(changes: readonly Change[]): string {
  const byCat = new Map<Category, Change[]>()
  for (const c of changes) for (const cat of classify(c)) byCat.set(cat, [...(byCat.get(cat) ?? []), c])
  const out: string[] = []
  for (const cat of CATEGORY_ORDER) {
    const list = byCat.get(cat)
    if (!list) continue
    const s = TAILORED[cat]
    const shown = list
      .slice(0, PATHS_PER_CATEGORY)
      // Clipped after makeVisible: an invisible character shows as up to 9 (`<U+E0041>`), so clipping the
      // raw name let 80 hostile names outgrow GitHub's comment limit and the checklist was refused.
      .map((c) => codeSpan(clip(makeVisible(displayPath(c.path)), PATH_SHOWN)))
      .join(', ')
    const more = list.length > PATHS_PER_CATEGORY ? ` and ${list.length - PATHS_PER_CATEGORY} more` : ''
    out.push(`#### ${s.title}\nAffected: ${shown}${more}\n\n` + s.tasks.map((t) => `- [ ] ${t}`).join('\n'))
  }
  return out.join('\n\n')
}

/** The cache key prefix shared by this gate's baselines, from the key that was restored. */
export function cacheKeyPrefix(key: string | undefined): string | undefined {
  if (!key) return undefined
  // Keys are `<prefix><runId>-<attempt>-<timestamp>` (src/stores/cache-key.ts).
  const m = /^(integrity-gate-.+-)[0-9]+-[0-9]+-[0-9TZ]+$/.exec(key)
  return m ? m[1] : undefined
}

/** Everything the plan is filled from. */
export interface PlanInput {
  report: Report
  evidence: Evidence
  assignees: string[]
  issueNumber: number
}

const HEX = /^[0-9a-f]{7,64}$/

/** The built-in plan as a comment body (with its marker). */
export function builtInChecklist(p: PlanInput): string {
  const ev = p.evidence
  const repo = ev.repository
  const prefix = cacheKeyPrefix(p.report.baseline?.key)
  const baseCommit = p.report.baseline?.commit
  const gitRange =
    baseCommit && HEX.test(baseCommit) && ev.sha && HEX.test(ev.sha)
      ? `: ${codeSpan(`git log --stat ${baseCommit}..${ev.sha}`)}`
      : ''
  // The workflow name is written by whoever edits the workflow: single-quoted, a pasted command cannot
  // run `$(…)` from it.
  const workflow = ev.workflow
    ? codeSpan(`gh workflow disable ${shellQuote(ev.workflow)} --repo ${repo}`)
    : '`gh workflow disable`'
  const cacheHint = prefix
    ? `${codeSpan(`gh cache list --repo ${repo} --key ${prefix}`)}, then ${codeSpan(`gh cache delete <key> --repo ${repo}`)} for each key ` +
      `(API: ${codeSpan(`DELETE /repos/${repo}/actions/caches?key=<key>`)}). Key prefix of this gate: ${codeSpan(prefix)}`
    : `${codeSpan(`gh cache list --repo ${repo} --key integrity-gate-`)} and ${codeSpan(`gh cache delete <key> --repo ${repo}`)} ` +
      `(API: ${codeSpan(`DELETE /repos/${repo}/actions/caches?key=<key>`)})`
  const tailored = tailoredChecks(p.report.changes)
  const lines = [
    marker('checklist', { gate: ev.gate }),
    `## Incident response plan (gate ${codeSpan(ev.gate)})`,
    'Tick the tasks as they are done; the lessons-learned review reads this list when the issue is closed.',
    '### 1. Preparation',
    `- On call: ${onCall(p.assignees)}`,
    '- [ ] Name an incident lead, a deputy, a scribe and who talks to users; note them here.',
    '- [ ] Reach the contacts the incident may need: repository admins, the security team, owners of the secrets and environments this workflow uses.',
    '- [ ] Keep sensitive details out of public comments; for a public repository, use a private security advisory or a private channel.',
    '### 2. Identification',
    `- [ ] What changed: ${escapeText(summaryCounts(p.report.verdict.counts))}, listed in the issue body (old → new digests).`,
    `- [ ] Where: ${codeSpan(repo)}${ev.ref ? ' at ' + codeSpan(ev.ref) : ''}${ev.sha ? ', commit ' + codeSpan(ev.sha) : ''}.`,
    `- [ ] When: detected ${escapeText(ev.detectedAt)} by ${runLink(ev)}; the baseline was taken ${
      p.report.baseline ? escapeText(p.report.baseline.createdAt) : '(no baseline)'
    }${baseCommit ? ' at commit ' + codeSpan(baseCommit) : ''}.`,
    `- [ ] Which commits and who: compare the baseline commit with this one${gitRange}; check the actor, the pushers and the merged pull requests.`,
    '- [ ] Decide: incident or expected change? If expected, accept it (add the paths to `allow`, or re-baseline) and close this issue as not planned.',
    '### 3. Containment',
    '- [ ] Hold deployments and releases from this repository (pause environments, cancel queued deployment runs).',
    `- [ ] Disable the affected workflow until it is understood: ${workflow}.`,
    '- [ ] Rotate the secrets the job could read: repository, environment and organisation secrets available to this workflow, deploy keys, cloud credentials reached through OIDC, and any token written to disk.',
    `- [ ] Delete the baseline caches that may be poisoned: ${cacheHint}.`,
    '- [ ] Preserve evidence before it expires: run logs, the JSON report (`report-file` output) and the manifest (`manifest-file`).',
    '### 4. Eradication',
    '- [ ] Find the root cause: how did the change get in (compromised account or token, malicious dependency, workflow injection, a runner that was not clean)?',
    '- [ ] Remove the unwanted changes and whatever put them there (revert commits, revoke access, fix the vulnerable workflow).',
    '- [ ] Check the other branches, tags, releases and repositories the same access could reach.',
    '### 5. Recovery',
    '- [ ] Restore the affected files from a known-good commit or release and re-run this gate until it passes.',
    '- [ ] Re-baseline from a trusted branch with `mode: baseline` once the tree is known to be clean.',
    '- [ ] Re-enable the workflow and deployments; watch the next runs.',
    '### 6. Lessons learned',
    '- [ ] Close this issue when the incident is resolved: the lessons-learned workflow (`mode: lessons-learned`) then posts the timeline and review prompts.',
    '- [ ] Hold the review and turn its follow-up actions into issues.',
    ...(tailored ? ['### Checks for what changed', tailored] : []),
  ]
  // A blank line before each heading keeps the raw Markdown readable in the API and in e-mails.
  return lines.join('\n').replace(/\n(#{2,4} )/g, '\n\n$1') + '\n'
}

/** POSIX single quoting: nothing inside is expanded by a shell. */
export function shellQuote(text: string): string {
  return "'" + text.replace(/'/g, "'\\''") + "'"
}
