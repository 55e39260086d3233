/**
 * Starts a real Azurite blob service (npm `azurite`) as a child process for tests: the Actions cache client
 * uploads with the Azure SDK, so a real blob endpoint catches protocol mistakes a hand-written fake would not.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
export const DEVSTORE_ACCOUNT = 'devstoreaccount1'
/** The development account's key, equally public. */
export const DEVSTORE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='

/** A running Azurite blob service. */
export interface AzuriteBlob {
  /** Port on 127.0.0.1. */
  port: number
  /** Path-style account endpoint, e.g. `http://127.0.0.1:10000/devstoreaccount1`. */
  endpoint: string
  /** Kills the child and removes its data folder. Safe to call twice. */
  stop(): Promise<void>
}

const here = path.dirname(fileURLToPath(import.meta.url))
const AZURITE_BLOB_MAIN = path.join(here, '..', 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js')
const READY_LINE = 'successfully listens on'
const START_TIMEOUT_MS = 20_000

/** A port that was free a moment ago on 127.0.0.1 (the caller retries if someone else takes it first). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.unref()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => (port ? resolve(port) : reject(new Error('could not get a free port'))))
    })
  })
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true)
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve(true)
    })
  })
}

async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  if (!(await waitForExit(child, 3000))) {
    child.kill('SIGKILL')
    await waitForExit(child, 3000)
  }
}

/** Spawns Azurite on `port`; resolves once it says it listens, rejects with its output if it exits or stalls. */
function spawnAzurite(port: number, location: string): Promise<ChildProcess> {
  const env = { ...process.env }
  // A stray AZURITE_ACCOUNTS would replace the devstore account the stand-in signs with.
  delete env.AZURITE_ACCOUNTS
  const child = spawn(
    process.execPath,
    [
      AZURITE_BLOB_MAIN,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--location',
      location,
      '--silent',
      '--skipApiVersionCheck',
      '--disableTelemetry',
      '--loose',
    ],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  return new Promise((resolve, reject) => {
    const fail = (why: string): void => {
      clearTimeout(timer)
      void killChild(child).then(() => reject(new Error(`Azurite did not start (${why}): ${output.trim()}`)))
    }
    const timer = setTimeout(() => fail(`no "${READY_LINE}" within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS)
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8')
      if (output.includes(READY_LINE)) {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        // Keep draining so a chatty child never blocks on a full pipe.
        child.stdout?.resume()
        resolve(child)
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.once('error', (error) => fail(error.message))
    child.once('exit', (code, signal) => fail(`exited with ${code ?? signal}`))
  })
}

/** Starts Azurite's blob service on a free 127.0.0.1 port with a fresh temporary data folder. */
export async function startAzurite(): Promise<AzuriteBlob> {
  const location = await mkdtemp(path.join(tmpdir(), 'azurite-'))
  let lastError: unknown
  // The free port can be taken between probing and Azurite binding it; a couple of retries cover that race.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort()
    try {
      const child = await spawnAzurite(port, location)
      child.removeAllListeners('exit')
      let stopped = false
      return {
        port,
        endpoint: `http://127.0.0.1:${port}/${DEVSTORE_ACCOUNT}`,
        async stop() {
          if (stopped) return
          stopped = true
          await killChild(child)
          await rm(location, { recursive: true, force: true })
        },
      }
    } catch (error) {
      lastError = error
    }
  }
  await rm(location, { recursive: true, force: true })
  throw lastError
}
