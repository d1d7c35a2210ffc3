/**
 * The one backoff policy of every queue and retry loop: exponential, capped at `maxMs`, with
 * "equal jitter" (half the window fixed, half random). Full jitter could draw a delay of 0 and
 * retry a failing step at once; equal jitter always grows, yet workers do not retry in lockstep.
 */
export type BackoffPolicy = Readonly<{
  baseMs: number;
  maxMs: number;
  /** After this many attempts the work is given up and marked failed (Infinity: never). */
  maxAttempts: number;
}>;

/** The delay bounds alone, for retry loops that count their attempts elsewhere. */
export type BackoffWindow = Pick<BackoffPolicy, 'baseMs' | 'maxMs'>;

/** Delay before retry number `attempt` (0-based), in [window/2, window], window = min(maxMs, base·2^attempt). */
export function backoffDelayMs(
  attempt: number,
  policy: BackoffWindow,
  random: () => number = Math.random,
): number {
  const window = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(window / 2 + random() * (window / 2));
}

/** How long until the next attempt after `attemptsSoFar`, or undefined when attempts are used up. */
export function retryDelayMs(
  attemptsSoFar: number,
  policy: BackoffPolicy,
  random?: () => number,
): number | undefined {
  if (attemptsSoFar >= policy.maxAttempts) return undefined;
  return backoffDelayMs(attemptsSoFar, policy, random);
}
