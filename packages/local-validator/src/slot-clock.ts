/**
 * Derives the current slot from wall-clock time: `startSlot + elapsed / slotMs`.
 *
 * Slots therefore keep moving (and blockhashes keep expiring) even while the event loop is busy,
 * and after a restart the chain resumes at the slot it would have reached, so every blockhash
 * handed out before a crash can be recomputed (see {@link BlockhashQueue}).
 */
export class SlotClock {
  private readonly anchorMs: number;
  private last: number;
  /** Slots added by {@link skip}, on top of those wall time made. */
  private skipped = 0;

  constructor(
    private readonly startSlot: number,
    private readonly slotMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.anchorMs = now();
    this.last = startSlot;
  }

  /** The current slot; never goes backwards, even if the wall clock does. */
  current(): number {
    const elapsed = Math.max(0, this.now() - this.anchorMs);
    const slot = this.startSlot + this.skipped + Math.floor(elapsed / this.slotMs);
    if (slot > this.last) this.last = slot;
    return this.last;
  }

  /** Moves the clock `slots` ahead at once, as if that much time had passed (tests only). */
  skip(slots: number): void {
    if (!Number.isInteger(slots) || slots < 0) throw new Error('slots must be a non-negative integer');
    this.skipped += slots;
  }

  /** The slot a restarted chain should resume at, given the last slot known to have been reached at `atMs`. */
  static resumeSlot(lastSlot: number, atMs: number, slotMs: number, nowMs: number = Date.now()): number {
    // +1: the slot that was current when the process died may have been handed out already.
    return lastSlot + 1 + Math.floor(Math.max(0, nowMs - atMs) / slotMs);
  }
}
