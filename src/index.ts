/** Entry point of the action: the main step or, when the main step marked it, the post step. */
import { isPost } from './state.js'
import { run } from './main.js'
import { runPost } from './post.js'

await (isPost ? runPost() : run())
// A stalled cache transfer (its HTTP client has no timeout) must not keep a finished step alive; the
// timer is unref'd, so a process with nothing left to do exits at once without it.
setTimeout(() => process.exit(), 10_000).unref()
