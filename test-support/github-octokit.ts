/**
 * Octokit options that keep `@octokit/plugin-retry` and `@octokit/plugin-throttling` fully active but scale
 * their waits down for tests against the local stand-in.
 *
 * Why: with defaults, the throttling plugin spaces writes 1 s apart and notification-triggering writes
 * (issues, comments) 3 s apart, and both plugins wait whole seconds before a retry; an end-to-end test
 * would spend most of its time sleeping. Production code should accept these options (e.g. an optional
 * `octokitOptions` parameter) so the same plugins run in tests, only faster.
 */
import Bottleneck from 'bottleneck'

/** What the fast options observed, for assertions ("was a secondary limit retried?"). */
export interface PluginLog {
  secondaryLimits: number
  rateLimits: number
}

/**
 * Options for `getOctokit(token, options, retry, throttling)`: retries wait `retryAfterBaseMs` per unit
 * (GitHub's `retry-after: 1` → 5 ms), writes are not spaced. Limit handlers retry up to `maxRetries` times.
 */
export function fastPluginOptions(options: { retryAfterBaseMs?: number; maxRetries?: number } = {}) {
  const base = options.retryAfterBaseMs ?? 5
  const maxRetries = options.maxRetries ?? 2
  const log: PluginLog = { secondaryLimits: 0, rateLimits: 0 }
  const unspaced = () => new Bottleneck.Group({ maxConcurrent: 10, minTime: 0 })
  return {
    log,
    octokitOptions: {
      retry: { retryAfterBaseValue: base },
      throttle: {
        retryAfterBaseValue: base,
        write: unspaced(),
        notifications: unspaced(),
        search: unspaced(),
        onRateLimit: (_after: number, _opts: unknown, _octokit: unknown, retryCount: number) => {
          log.rateLimits++
          return retryCount < maxRetries
        },
        onSecondaryRateLimit: (_after: number, _opts: unknown, _octokit: unknown, retryCount: number) => {
          log.secondaryLimits++
          return retryCount < maxRetries
        },
      },
    },
  }
}
