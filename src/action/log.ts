/**
 * The action's log lines. core.info writes its text as is, and the runner reads every line that starts with
 * `::` as a workflow command. The gate's messages are one line each but can quote what a tree or a
 * baseline holds (an action folder's name, a baseline's recorded commit, an error text), so each is written
 * on one line with its controls and invisible characters made visible, whatever its caller already did.
 * core.warning escapes its own message.
 */
import * as core from '@actions/core'
import { makeVisible } from '../engine/markdown.js'
import type { Logger } from '../gate.js'

/** core.info for a message that may quote untrusted text. */
export function info(message: string): void {
  core.info(makeVisible(message))
}

/** The gate's Logger in the action. */
export const actionLog: Logger = { info, warning: (message) => core.warning(message) }
