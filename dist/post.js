// The post step of integrity-gate (written by scripts/write-post-entry.mjs): see src/state.ts, isPost.
globalThis[Symbol.for('integrity-gate.post')] = true
await import('./index.js')
