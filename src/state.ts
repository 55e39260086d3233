/**
 * Every piece of post-step state, with typed getters and setters (no state-name strings elsewhere).
 */
import * as core from '@actions/core'
import { State } from './constants.js'

/** True in the post step: the main step saved `isPost` before it ran anything else. */
export const isPost = !!core.getState(State.IsPost)

/** Marks that the next invocation of dist/index.js in this job is the post step. */
export function markPost(): void {
  core.saveState(State.IsPost, 'true')
}

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
