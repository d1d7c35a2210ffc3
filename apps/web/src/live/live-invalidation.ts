import type { LiveMessage } from '@insignia/contract';
import type { QueryKey } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.ts';
import { queryKeysForLiveMessage } from './live-query-keys.ts';

/**
 * Keys refreshed at most once per window however many events arrive: an issuance batch sends
 * a progress event per recipient, and the dashboard counts are not worth a query each.
 */
const throttledKeys = new Set([JSON.stringify(queryKeys.admin.dashboard)]);

export interface InvalidateOptions {
  /**
   * Restart a fetch already under way: after an event it may have read the old state. A
   * `ready` only says events may have been missed, which a fetch under way covers.
   */
  cancelRefetch: boolean;
}

export interface LiveInvalidation {
  /** Marks the queries `message` makes stale (active ones refetch). */
  handle(message: LiveMessage): void;
  /** Drops refreshes still waiting for their window. */
  stop(): void;
}

/**
 * Turns live messages into query invalidations. A throttled key is refreshed at once, then at
 * most once per `throttleMs`, the last event of a burst always leading to one more refresh.
 */
export function createLiveInvalidation(
  invalidate: (key: QueryKey, options: InvalidateOptions) => void,
  throttleMs = 3_000,
): LiveInvalidation {
  const lastRun = new Map<string, number>();
  const waiting = new Map<string, ReturnType<typeof setTimeout>>();

  function run(id: string, key: QueryKey, options: InvalidateOptions) {
    lastRun.set(id, Date.now());
    invalidate(key, options);
  }

  function throttled(id: string, key: QueryKey, options: InvalidateOptions) {
    if (waiting.has(id)) return; // a refresh is already due at the end of this window
    const wait = (lastRun.get(id) ?? -Infinity) + throttleMs - Date.now();
    if (wait <= 0) {
      run(id, key, options);
      return;
    }
    waiting.set(
      id,
      setTimeout(() => {
        waiting.delete(id);
        run(id, key, { cancelRefetch: true });
      }, wait),
    );
  }

  return {
    handle(message) {
      const options = { cancelRefetch: message.event !== 'ready' };
      for (const key of queryKeysForLiveMessage(message)) {
        const id = JSON.stringify(key);
        if (throttledKeys.has(id)) throttled(id, key, options);
        else invalidate(key, options);
      }
    },
    stop() {
      waiting.forEach((timer) => clearTimeout(timer));
      waiting.clear();
    },
  };
}
