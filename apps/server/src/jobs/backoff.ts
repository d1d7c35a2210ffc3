/**
 * Exponential backoff with full jitter (AWS architecture blog's "full jitter"): the delay for
 * attempt n is uniform in [0, min(max, base·2^n)], which spreads retries from many workers.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** After this many attempts the work is given up and marked failed. */
  maxAttempts: number;
}

export function backoffDelayMs(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(random() * ceiling);
}

/** When the next attempt is due, or undefined when attempts are used up. */
export function nextAttemptAt(
  attemptsSoFar: number,
  policy: BackoffPolicy,
  now: Date = new Date(),
  random?: () => number,
): Date | undefined {
  if (attemptsSoFar >= policy.maxAttempts) return undefined;
  return new Date(now.getTime() + backoffDelayMs(attemptsSoFar, policy, random));
}
