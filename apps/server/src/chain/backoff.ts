/** Exponential backoff bounds in milliseconds. */
export type BackoffPolicy = Readonly<{ baseMs: number; maxMs: number }>;

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 200, maxMs: 10_000 };

/**
 * Delay before retry number `attempt` (0-based): exponential, capped, with "equal jitter" — half
 * the window fixed, half random — so it always grows yet clients do not retry in lockstep.
 */
export function computeBackoffMs(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const window = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(window / 2 + random() * (window / 2));
}

/** Retry-After header (delta-seconds or HTTP date) in milliseconds from `now`; undefined if absent or invalid. */
export function parseRetryAfterMs(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
