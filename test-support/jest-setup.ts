/**
 * Property tests explore random inputs locally; in CI (CI=true) they use a fixed seed so a run is
 * reproducible. FC_SEED overrides both (a failing run prints its seed).
 */
import fc from 'fast-check'

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261127 : undefined
if (seed !== undefined) fc.configureGlobal({ seed })
