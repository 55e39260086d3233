/**
 * Every piece of post-step state, with typed getters and setters (no state-name strings elsewhere).
 */
import * as core from '@actions/core'
import { State } from './constants.js'

/** Set on globalThis by the post step's entry file (dist/post.js) before it loads the bundle. */
export const POST_MARK = Symbol.for('integrity-gate.post')

/**
 * True in the post step. The entry file the runner starts decides it (action.yml: `main: dist/index.js`,
 * `post: dist/post.js`, which marks the stage and loads the same bundle), never step state: `STATE_*`
 * are plain environment variables, a step earlier in the job can set any of them through $GITHUB_ENV,
 * and the runner overrides only the keys this action saved, none yet when the main step starts. A
 * planted `STATE_isPost` used to turn the main step into a post step with nothing to watch: a silent pass.
 */
export const isPost = (globalThis as { [POST_MARK]?: unknown })[POST_MARK] === true

/** What the post step needs to re-hash the same root and compare (watch-job). */
export interface WatchState {
  /** The main step's manifest file (under RUNNER_TEMP). */
  manifestFile: string
  /**
   * sha256 of the manifest file. Step state cannot be changed by later steps, but RUNNER_TEMP can: a
   * step that rewrote the saved scan to hide its own changes is caught by this digest.
   */
  manifestSha256: string
  root: string
  workspace: string
  gate: string
  algorithm: string
  include: string[]
  exclude: string[]
  allow: string[]
  protected: string[]
  failOn: string
  /** Files the post step must not treat as job changes (the action's own outputs inside the tree). */
  ownFiles: string[]
  /**
   * Folders the main step created for those files (absolute): their appearance is not a job change, but
   * anything else that lands in them is (they are not excluded from the post step's scan).
   */
  ownDirs?: string[]
}

export function saveWatch(w: WatchState): void {
  core.saveState(State.WatchSettings, JSON.stringify(w))
}

/** The watch settings, or undefined when the main step did not ask for a post-step check. */
export function getWatch(): WatchState | undefined {
  const raw = core.getState(State.WatchSettings)
  if (!raw) return undefined
  try {
    return JSON.parse(raw) as WatchState
  } catch {
    throw new Error('The watch-job state saved by the main step is unreadable: cannot check the job.')
  }
}
