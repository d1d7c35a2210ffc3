import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { describeFailure } from '../jobs/describe-failure.ts';

/**
 * Tells every instance that something an in-process cache holds has changed: through Redis
 * pub/sub when configured, in-process otherwise. Pub/sub delivers at most once, so a cache
 * relying on it must also listen to `onResync` (the subscription was broken and messages may
 * have been lost) and should not trust itself while `isLive()` is false.
 */
export interface InvalidationBus<M> {
  /** Applies `message` on this instance at once, then sends it to the others. */
  publish(message: M): Promise<void>;
  subscribe(handler: (message: M) => void): () => void;
  /** Called after the subscription came back from a break: whatever was cached may be stale. */
  onResync(handler: () => void): void;
  /** True while this instance is sure to hear every message (always, without Redis). */
  isLive(): boolean;
  ready(): Promise<void>;
  close(): void;
}

export function createInvalidationBus<M>(options: {
  redis?: Redis | undefined;
  channel: string;
  logger: Logger;
}): InvalidationBus<M> {
  const handlers = new Set<(message: M) => void>();
  const resyncHandlers: Array<() => void> = [];
  const deliver = (message: M) => {
    for (const handler of handlers) {
      try {
        handler(message);
      } catch (err) {
        options.logger.warn({ err, channel: options.channel }, 'invalidation handler failed');
      }
    }
  };

  // A connection of its own (Redis requires it for SUBSCRIBE) that waits for Redis instead of
  // failing fast, and re-subscribes by itself after a reconnect.
  const subscriber = options.redis?.duplicate({
    lazyConnect: false,
    enableOfflineQueue: true,
    commandTimeout: undefined,
    maxRetriesPerRequest: null,
  });
  let subscribed = false;
  const ready = subscriber
    ? subscriber.subscribe(options.channel).then(() => {
        subscribed = true;
      })
    : Promise.resolve();
  ready.catch((err: unknown) => {
    options.logger.warn({ err: describeFailure(err) }, 'invalidation bus could not subscribe');
  });
  subscriber?.on('message', (_channel: string, text: string) => {
    try {
      deliver(JSON.parse(text) as M);
    } catch (err) {
      options.logger.warn({ err, channel: options.channel }, 'unreadable invalidation message');
    }
  });
  subscriber?.on('error', (err: Error) =>
    options.logger.warn({ err: err.message, channel: options.channel }, 'invalidation bus redis error'),
  );
  // Anything published while the subscription was down is lost: caches start over.
  subscriber?.on('close', () => {
    subscribed = false;
  });
  subscriber?.on('ready', () => {
    if (subscribed) return;
    void subscriber
      .subscribe(options.channel)
      .then(() => {
        subscribed = true;
        resyncHandlers.forEach((handler) => handler());
      })
      .catch(() => undefined);
  });

  return {
    async publish(message) {
      deliver(message);
      if (!options.redis) return;
      try {
        await options.redis.publish(options.channel, JSON.stringify(message));
      } catch (err) {
        // Other instances miss it; their caches bound the delay (see isLive and resync).
        options.logger.warn(
          { err: (err as Error).message, channel: options.channel },
          'invalidation not sent',
        );
      }
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => void handlers.delete(handler);
    },
    onResync(handler) {
      resyncHandlers.push(handler);
    },
    isLive: () => !subscriber || (subscribed && subscriber.status === 'ready'),
    ready: () => ready,
    close() {
      subscriber?.disconnect();
    },
  };
}
