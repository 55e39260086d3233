/** Entry point of the action: the main step or, when the main step marked it, the post step. */
import { isPost } from './state.js'
import { run } from './main.js'
import { runPost } from './post.js'

await (isPost ? runPost() : run())
