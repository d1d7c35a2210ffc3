import { backoffDelayMs, type BackoffWindow } from '../jobs/backoff.ts';

/** Exponential backoff bounds in milliseconds. */
export type BackoffPolicy = BackoffWindow;

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 200, maxMs: 10_000 };

/** The RPC transport's retry delay: the one policy of `jobs/backoff.ts`, with the RPC default. */
export function computeBackoffMs(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random?: () => number,
): number {
  return backoffDelayMs(attempt, policy, random);
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
