// Rebuilds dist/ and fails when the committed dist/ differs from it or has untracked files, so the
// action users run is always the code under test. Run by `npm test` (and so by .ci/run).
import { execFileSync, spawnSync } from 'node:child_process'

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const build = spawnSync(npm, ['run', '-s', 'build'], { stdio: 'inherit' })
if (build.status !== 0) {
  console.error('check-dist: `npm run build` failed.')
  process.exit(1)
}

let inGit = true
try {
  execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { stdio: 'ignore' })
} catch {
  inGit = false
}
if (!inGit) {
  console.log('check-dist: not a git checkout; built dist/ but cannot compare it with a commit.')
  process.exit(0)
}
// src/native/build.json records how the committed C addon in dist/ was built (scripts/build-native.mjs).
const changed = execFileSync(
  'git',
  ['status', '--porcelain', '--untracked-files=all', '--', 'dist', 'src/native/build.json'],
  {
    encoding: 'utf8',
  },
)
if (changed.trim() !== '') {
  console.error('check-dist: the committed dist/ is not what `npm run build` makes from src/:')
  console.error(changed)
  console.error(execFileSync('git', ['diff', '--stat', '--', 'dist'], { encoding: 'utf8' }))
  if (process.env.CI) process.exit(1)
  console.error('check-dist: (not CI) continuing; commit dist/ before you push.')
} else {
  console.log('check-dist: dist/ is up to date.')
}
