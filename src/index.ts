/** Entry point of the action: the main step or, when the main step marked it, the post step. */
import * as core from '@actions/core'
import { Inputs, State } from './constants.js'
import { prestartHashWorker } from './engine/scan-pool.js'
import { capYoungGeneration } from './heap.js'
import { isPost } from './state.js'

capYoungGeneration()

// A step that will scan gets its first hash worker booting now (60–80 ms), while the rest of the action
// loads and the baseline is restored, instead of when the scan begins. The post step scans only for a
// watch; lessons-learned never scans. (A wrong guess costs one idle thread's start-up, nothing else.)
const scans = isPost
  ? core.getState(State.WatchSettings) !== ''
  : core.getInput(Inputs.Mode).trim() !== 'lessons-learned'
if (scans) prestartHashWorker()

if (isPost) {
  const { runPost } = await import('./post.js')
  await runPost()
} else {
  const { run } = await import('./main.js')
  await run()
}
// A stalled cache transfer (its HTTP client has no timeout) must not keep a finished step alive; the
// timer is unref'd, so a process with nothing left to do exits at once without it.
setTimeout(() => process.exit(), 10_000).unref()
