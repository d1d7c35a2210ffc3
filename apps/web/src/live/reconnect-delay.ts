export interface ReconnectDelayOptions {
  /** The ceiling of the first wait; each failure in a row doubles it (default 1 s). */
  baseMs?: number;
  /** No wait is longer than this (default 30 s). */
  maxMs?: number;
  /** A number in [0, 1); tests pass their own. */
  random?: () => number;
}

/**
 * How long to wait before reconnecting after `failures` failed attempts in a row: exponential
 * back-off with full jitter, a random wait between 0 and min(max, base · 2^failures). The
 * jitter spreads clients out, so a server restart is not met by every browser at the same
 * instant; the cap keeps a long outage from pushing waits out of reach.
 */
export function reconnectDelayMs(failures: number, options: ReconnectDelayOptions = {}): number {
  const { baseMs = 1000, maxMs = 30_000, random = Math.random } = options;
  // The exponent is bounded so a long outage cannot overflow to Infinity.
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(failures, 0), 30));
  return Math.floor(random() * ceiling);
}
