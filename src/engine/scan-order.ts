/**
 * The scan's entries in final path order, handed on while the scan is still hashing.
 *
 * Every recorded name gets a slot, numbered in walk order. The walk visits each directory's names sorted,
 * and a subdirectory's contents at the place of `name/`, so for text keys walk order is the final path
 * order. Raw (base64) keys sort before every text key wherever they are met: their slots go first, sorted,
 * which is why handing on starts only when the walk is over. From then on an entry is handed on as soon as
 * every slot before it is filled.
 */
import { isRawKey } from './paths.js'
import type { Entry, ScanOptions, ScanStats } from './types.js'

export class InOrder {
  /** The entries handed on so far, in path order. */
  readonly entries: Entry[] = []
  /** Slot contents: the entry, `undefined` while pending, `null` when nothing is recorded there. */
  private readonly slots: (Entry | null | undefined)[] = []
  private readonly raw: { slot: number; key: string }[] = []
  /** Slot numbers in final order; set when the walk is over. */
  private order: Int32Array | undefined
  private cursor = 0
  private lastKey: string | undefined
  /** Set while onEntry asked to wait; handing on resumes when it settles. */
  private paused: Promise<void> | undefined
  private failure: unknown

  constructor(
    private readonly stats: ScanStats,
    private readonly onEntry: ScanOptions['onEntry'],
  ) {}

  /** A new slot for `key`, holding `entry`, or pending when it is not known yet. */
  add(key: string, entry?: Entry): number {
    const slot = this.slots.length
    this.slots.push(entry)
    if (isRawKey(key)) this.raw.push({ slot, key })
    return slot
  }

  /** Fills a pending slot; `null` when nothing is recorded there after all (an unused directory). */
  set(slot: number, entry: Entry | null): void {
    this.slots[slot] = entry
  }

  /** The walk is over: every slot exists, so the final order is known. */
  walkDone(): void {
    const total = this.slots.length
    const order = new Int32Array(total)
    this.raw.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    const isRaw = new Uint8Array(total)
    let n = 0
    for (const r of this.raw) {
      order[n++] = r.slot
      isRaw[r.slot] = 1
    }
    for (let i = 0; i < total; i++) if (!isRaw[i]) order[n++] = i
    this.order = order
    this.handOn()
  }

  /** Hands on every entry whose turn has come. Throws what onEntry throws. */
  handOn(): void {
    const order = this.order
    if (!order || this.paused) return
    while (this.cursor < order.length) {
      const e = this.slots[order[this.cursor]]
      if (e === undefined) return
      this.cursor++
      if (e === null) continue
      // The order is scan()'s contract; a slip here would corrupt every later diff.
      if (this.lastKey !== undefined && !(this.lastKey < e.path))
        throw new Error(
          `Scanner bug: ${JSON.stringify(e.path)} out of order after ${JSON.stringify(this.lastKey)}.`,
        )
      this.lastKey = e.path
      count(this.stats, e)
      this.entries.push(e)
      const wait = this.onEntry?.(e)
      if (wait) {
        this.paused = wait.then(
          () => {
            this.paused = undefined
            try {
              this.handOn()
            } catch (err) {
              this.failure ??= err
            }
          },
          (err: unknown) => {
            this.failure ??= err
          },
        )
        return
      }
    }
  }

  /** After the last slot is filled: lets a waiting onEntry take the rest. Throws its failure, if any. */
  async finish(): Promise<void> {
    while (this.paused && this.failure === undefined) await this.paused
    if (this.failure !== undefined) throw this.failure
    this.handOn()
    if (this.order === undefined || this.cursor !== this.order.length)
      throw new Error(`Scanner bug: ${this.slots.length - this.cursor} entries never completed.`)
  }
}

function count(stats: ScanStats, e: Entry): void {
  if (e.type === 'file') {
    stats.files++
    if (e.digest !== undefined) stats.bytes += e.size
  } else if (e.type === 'dir') stats.dirs++
  else stats.others++
  if (e.error !== undefined) stats.errors++
  if (e.unstable) stats.unstable++
}
