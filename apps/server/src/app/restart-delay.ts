/** Unexpected exits this recent count toward the next restart's delay. */
export const CRASH_WINDOW_MS = 60_000;
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 30_000;

/**
 * How long to wait before replacing a server process that died, given how many died within
 * the last CRASH_WINDOW_MS (this one included): a lone crash is replaced at once, a crash loop
 * backs off, doubling up to 30 s, so it does not spin the machine.
 */
export function restartDelayMs(recentCrashes: number): number {
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, recentCrashes - 1));
}
