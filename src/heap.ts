/**
 * Caps V8's young generation at a few MB in this process (and the workers it starts): once it has
 * reached 4 MB, V8 grows it a page at a time instead of doubling it.
 *
 * Why: a scan keeps one entry per file until it ends, so most young objects survive their scavenge, and
 * V8 answers a high survival rate by doubling the young generation again and again (from 1 MB to 128 MB
 * while a million small objects are kept, in the test). Those objects end up in the old generation
 * either way, so the memory buys little. Measured (BENCHMARKS.md, fourth session): peak RSS of the
 * kernel snapshot 160 → 143 MB, of the node_modules verify 193 → 169 MB; wall time the same within this
 * host's noise (verify +0.05 s in 9 runs). Stopping the doubling from the start (1 MB) saved a little
 * more but cost 150 ms of scavenges on the kernel (214 instead of 30), and capping at 8 MB left the
 * verify at 182 MB. (The timer checks every 10 ms, so a fast-growing heap can get one doubling past the
 * cap first; in the scans above it stayed at 4 MB.)
 *
 * `--max-semi-space-size` would say it directly, but it only counts before the heap is set up, i.e. on
 * node's command line, which neither the runner (`node dist/index.js`) nor the CLI's shebang lets us
 * pass. The growth factor is read each time V8 considers growing, so it can be changed while running:
 * a timer checks the size until the cap is reached (unref'd, so it never keeps the process alive).
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8'

const YOUNG_CAP_BYTES = 4 * 2 ** 20
const CHECK_MS = 10

export function capYoungGeneration(): void {
  const timer = setInterval(() => {
    if (youngGenerationBytes() < YOUNG_CAP_BYTES) return
    setFlagsFromString('--semi-space-growth-factor=1')
    clearInterval(timer)
  }, CHECK_MS)
  timer.unref()
}

function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0
}
