import type { Redis } from 'ioredis';
import { createRedisScript } from '../cache/redis-script.ts';
import type { DomainEvent, EventSink } from './domain-event.ts';

/** How long a "this event is in the stream" marker lives: longer than any sink outage we retry. */
const DEFAULT_MARKER_TTL_SECONDS = 7 * 24 * 3600;

// Check-and-append in one step, so a republished event is never appended twice. KEYS[1] is the
// stream, KEYS[2] the event's marker; ARGV: maxLen, marker TTL, then the entry's field/values.
// The marker holds the entry id Redis chose, so a repeat returns the first append's id.
const APPEND_ONCE = `local appended = redis.call('GET', KEYS[2])
if appended then
  return appended
end
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', unpack(ARGV, 3))
redis.call('SET', KEYS[2], id, 'EX', ARGV[2])
return id`;

/**
 * Appends events to one Redis Stream per topic, each event exactly once. Redis assigns the
 * entry ids (`*`): they follow the order events reached the stream, which is not `seq` order
 * when transactions commit out of order. The event id is the entry's `id` field and also names
 * a marker key (`<prefix>appended:<id>`, kept `markerTtlSeconds`) that makes a republished
 * batch (relay killed between appending and marking the rows published, or a later sink
 * failing) append nothing twice. Consumers read entries in stream order and dedupe by `id`.
 */
export function createRedisStreamSink(options: {
  redis: Redis;
  prefix?: string;
  maxLen?: number;
  markerTtlSeconds?: number;
}): EventSink {
  const prefix = options.prefix ?? 'insignia:events:';
  const maxLen = options.maxLen ?? 1_000_000;
  const markerTtl = options.markerTtlSeconds ?? DEFAULT_MARKER_TTL_SECONDS;
  const appendOnce = createRedisScript(options.redis, APPEND_ONCE);
  return {
    name: 'redis-streams',
    async publish(events: DomainEvent[]) {
      // Sent back to back on one connection, so Redis runs them in this order; one wait for all.
      await Promise.all(
        events.map((event) =>
          appendOnce(
            [`${prefix}${event.topic}`, `${prefix}appended:${event.id}`],
            [
              String(maxLen),
              String(markerTtl),
              'id',
              event.id,
              'seq',
              String(event.seq),
              'type',
              event.type,
              'key',
              event.key ?? '',
              'payload',
              JSON.stringify(event.payload),
              'createdAt',
              event.createdAt.toISOString(),
            ],
          ),
        ),
      );
    },
  };
}
