/**
 * The GitHub client for incident issues: @actions/github's Octokit with the retry and throttling plugins,
 * plus one place that turns API errors into messages that say what to fix.
 */
import * as core from '@actions/core'
import * as github from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

/** The hydrated Octokit the incident code talks to. */
export type Client = ReturnType<typeof github.getOctokit>

/** Attempts after the first try, for 5xx and for primary/secondary rate limits. */
export const RETRIES = 3

/**
 * Test-only: `INTEGRITY_GATE_RETRY_DELAY_MS` replaces the plugins' one-second unit for back-off and
 * `retry-after` waits, and drops the one-second spacing between writes, so tests against the local
 * stand-in stay fast. Not an input and not documented for users: in a workflow the defaults apply.
 */
function testDelayMs(): number | undefined {
  const text = process.env.INTEGRITY_GATE_RETRY_DELAY_MS
  if (text === undefined || text === '') return undefined
  if (!/^[0-9]{1,6}$/.test(text)) throw new Error(`Invalid INTEGRITY_GATE_RETRY_DELAY_MS '${text}'.`)
  return Number(text)
}

/**
 * A limiter group that runs jobs at once: replaces the plugin's write spacing in tests only. Duck-typed
 * (the plugin calls `key(id).schedule(options, fn, ...args)`) so production code needs no Bottleneck import.
 */
const immediateGroup = {
  key: () => ({
    schedule: (...args: unknown[]) => {
      const at = args.findIndex((a) => typeof a === 'function')
      const fn = args[at] as (...a: unknown[]) => unknown
      return Promise.resolve().then(() => fn(...args.slice(at + 1)))
    },
  }),
}

/** Creates the client. Throws a clear error for an empty token. */
export function createClient(token: string): Client {
  if (!token) {
    throw new Error(
      'The github-token input is empty: incident issues need a token with `permissions: issues: write`.',
    )
  }
  const delay = testDelayMs()
  const baseUrl = process.env.GITHUB_API_URL
  const limitHandler =
    (what: string) =>
    (retryAfter: number, options: { method: string; url: string }, _o: unknown, retryCount: number) => {
      if (retryCount < RETRIES) {
        core.info(`GitHub ${what} on ${options.method} ${options.url}: retrying in ${retryAfter} s.`)
        return true
      }
      core.warning(`GitHub ${what} on ${options.method} ${options.url}: giving up after ${RETRIES} retries.`)
      return false
    }
  return github.getOctokit(
    token,
    {
      ...(baseUrl ? { baseUrl } : {}),
      log: {
        debug: (m: string) => core.debug(m),
        info: (m: string) => core.debug(m),
        warn: (m: string) => core.warning(m),
        error: (m: string) => core.error(m),
      },
      retry: { retries: RETRIES, ...(delay !== undefined ? { retryAfterBaseValue: delay } : {}) },
      throttle: {
        onRateLimit: limitHandler('rate limit'),
        onSecondaryRateLimit: limitHandler('secondary rate limit'),
        ...(delay !== undefined
          ? {
              retryAfterBaseValue: delay,
              fallbackSecondaryRateRetryAfter: 1,
              write: immediateGroup as never,
              notifications: immediateGroup as never,
            }
          : {}),
      },
    },
    retry,
    throttling,
  )
}

interface ApiError {
  status?: number
  message?: string
  response?: { data?: unknown; headers?: Record<string, string | undefined> }
}

/** GitHub's error message from the response body, when there is one. */
function bodyMessage(e: ApiError): string {
  const data = e.response?.data as { message?: unknown; errors?: unknown } | undefined
  const parts: string[] = []
  if (data && typeof data.message === 'string') parts.push(data.message)
  if (data && Array.isArray(data.errors)) {
    for (const err of data.errors.slice(0, 3)) {
      if (typeof err === 'string') parts.push(err)
      else if (err && typeof err === 'object') {
        const o = err as Record<string, unknown>
        parts.push([o.resource, o.field, o.code, o.message].filter((x) => typeof x === 'string').join(' '))
      }
    }
  }
  return parts.join('; ') || e.message || 'no message'
}

/** Turns an Octokit error into one that names the failed action and what to fix. */
export function explainApiError(e: unknown, action: string): Error {
  const err = (e ?? {}) as ApiError
  const status = typeof err.status === 'number' ? err.status : undefined
  const detail = bodyMessage(err)
  if (status === undefined) {
    return new Error(`Could not ${action}: ${e instanceof Error ? e.message : String(e)}`)
  }
  if (status === 401) {
    return new Error(
      `Could not ${action}: GitHub rejected the token (401 ${detail}). Check the github-token input: it must be a valid token for this repository.`,
    )
  }
  if (status === 403 && /secondary rate|rate limit/i.test(detail)) {
    return new Error(
      `Could not ${action}: GitHub's rate limit was still exceeded after ${RETRIES} retries (403 ${detail}).`,
    )
  }
  if (status === 403) {
    return new Error(
      `Could not ${action}: the token lacks a permission (403 ${detail}). Give the job \`permissions: issues: write\` ` +
        '(with GITHUB_TOKEN), or use a token that can write issues in this repository.',
    )
  }
  if (status === 404) {
    return new Error(
      `Could not ${action}: not found (404 ${detail}). Check that the token can see this repository and that the issue exists.`,
    )
  }
  if (status === 410) {
    return new Error(
      `Could not ${action}: issues are disabled in this repository (410 ${detail}). Enable them or set create-issue: false.`,
    )
  }
  if (status >= 500) {
    return new Error(
      `Could not ${action}: GitHub kept failing after ${RETRIES} retries (${status} ${detail}).`,
    )
  }
  return new Error(`Could not ${action}: GitHub answered ${status} (${detail}).`)
}

/** Runs one API call; a failure becomes an explained error. */
export async function call<T>(action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    throw explainApiError(e, action)
  }
}

/** The HTTP status of an Octokit error, if any. */
export function statusOf(e: unknown): number | undefined {
  const s = (e as ApiError | undefined)?.status
  return typeof s === 'number' ? s : undefined
}
