// Writes dist/post.js, the post step's entry (action.yml `runs.post`): it marks the stage and loads the
// same bundle as the main step. The stage is never read from step state: a step earlier in the job can
// plant any STATE_* variable through $GITHUB_ENV (see src/state.ts, isPost).
import * as fs from 'node:fs'

fs.writeFileSync(
  'dist/post.js',
  [
    '// The post step of integrity-gate (written by scripts/write-post-entry.mjs): see src/state.ts, isPost.',
    "globalThis[Symbol.for('integrity-gate.post')] = true",
    "await import('./index.js')",
    '',
  ].join('\n'),
)
