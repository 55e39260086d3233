/**
 * Workflow-command escaping (`::error file=…::message`), the same rules as @actions/core, for the few
 * places that write commands or runner files themselves. The engine stays free of @actions imports, so
 * this is a copy of the rules, checked against @actions/core's own output in the tests.
 */
import { displayPath } from './paths.js'
import { makeVisible } from './markdown.js'

/** Escapes a command's message: `%` → `%25`, CR → `%0D`, LF → `%0A` (a raw newline would start a new command). */
export function escapeCommandData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Escapes a command property value: as {@link escapeCommandData}, plus `:` → `%3A` and `,` → `%2C`. */
export function escapeCommandProperty(value: string): string {
  return escapeCommandData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/**
 * A path key as one line of display text for annotations and log lines: raw bytes as `\xNN`, controls,
 * bidi and invisible characters made visible. Even where core.* escapes for us, this keeps a name from
 * drawing a fake second line or colouring the log with terminal escapes.
 */
export function displayName(key: string): string {
  return makeVisible(displayPath(key))
}
