import type { Logger } from 'pino';
import type { RateLimitStore } from './rate-limit-store.ts';

/** After a failure, how long the shared store is left alone before it is tried again. */
const RETRY_SHARED_AFTER_MS = 5_000;

/**
 * The shared store, or the in-process one whenever the shared one fails: a limit keeps
 * applying while Redis is down (per instance only), it never fails open. After a failure the
 * shared store is skipped for a few seconds, so a hung Redis does not add its command
 * timeout to every request.
 */
export function withFallback(
  shared: RateLimitStore,
  local: RateLimitStore,
  logger: Logger,
  now: () => number = Date.now,
): RateLimitStore {
  let skipSharedUntilMs = 0;
  const either =
    <A extends unknown[], R>(pick: (s: RateLimitStore) => (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (now() < skipSharedUntilMs) return pick(local)(...args);
      try {
        return await pick(shared)(...args);
      } catch (err) {
        if (now() >= skipSharedUntilMs) {
          logger.warn(
            { err: err instanceof Error ? err.message : String(err) },
            'rate limits count in this process until Redis answers again',
          );
        }
        skipSharedUntilMs = now() + RETRY_SHARED_AFTER_MS;
        return pick(local)(...args);
      }
    };
  return {
    hit: either((s) => s.hit),
    takeAttempt: either((s) => s.takeAttempt),
    relock: either((s) => s.relock),
    reset: either((s) => s.reset),
    remember: either((s) => s.remember),
    isRemembered: either((s) => s.isRemembered),
  };
}
