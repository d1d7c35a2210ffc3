import type { Redis } from 'ioredis';
import type { DomainEvent, EventSink } from './domain-event.ts';

/**
 * Appends events to one Redis Stream per topic. The entry id is the event's `seq`, so a batch
 * republished after a crash is refused by Redis as "not greater than the top item" instead of
 * being appended twice: each event lands exactly once.
 */
export function createRedisStreamSink(options: {
  redis: Redis;
  prefix?: string;
  maxLen?: number;
}): EventSink {
  const prefix = options.prefix ?? 'insignia:events:';
  const maxLen = options.maxLen ?? 1_000_000;
  return {
    name: 'redis-streams',
    async publish(events: DomainEvent[]) {
      for (const event of events) {
        try {
          await options.redis.xadd(
            `${prefix}${event.topic}`,
            'MAXLEN',
            '~',
            String(maxLen),
            `${event.seq}-1`,
            'id',
            event.id,
            'type',
            event.type,
            'key',
            event.key ?? '',
            'payload',
            JSON.stringify(event.payload),
            'createdAt',
            event.createdAt.toISOString(),
          );
        } catch (err) {
          if (isAlreadyAppended(err)) continue;
          throw err;
        }
      }
    },
  };
}

function isAlreadyAppended(err: unknown): boolean {
  // Redis has no error code for this case, only this reply prefix; it is part of its protocol.
  return err instanceof Error && err.message.includes('equal or smaller than the target stream top item');
}
