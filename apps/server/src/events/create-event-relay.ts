import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Db } from '../db/database.ts';
import type { WakeSignal } from '../jobs/wake-signal.ts';
import type { EventSink } from './domain-event.ts';
import { createInProcessSink } from './in-process-sink.ts';
import { createKafkaSink } from './kafka-sink.ts';
import { createOutboxRelay } from './outbox-relay.ts';
import { createRedisStreamSink } from './redis-stream-sink.ts';

/**
 * The outbox relay with the sinks the configuration asks for: in-process subscribers always,
 * Redis Streams with REDIS_URL, Kafka with KAFKA_BROKERS. Webhook sinks are added by features.
 */
export function createEventRelay(options: {
  db: Db;
  logger: Logger;
  redis?: Redis | undefined;
  kafka?: { brokers: string[]; clientId: string } | undefined;
  extraSinks?: EventSink[];
  /** Woken when a write committed events. */
  wake?: WakeSignal;
}) {
  const inProcess = createInProcessSink();
  const sinks: EventSink[] = [inProcess.sink];
  if (options.redis) sinks.push(createRedisStreamSink({ redis: options.redis }));
  if (options.kafka?.brokers.length) sinks.push(createKafkaSink(options.kafka));
  sinks.push(...(options.extraSinks ?? []));
  const relay = createOutboxRelay({ db: options.db, sinks, logger: options.logger, wake: options.wake });
  return {
    relay,
    subscribe: inProcess.subscribe,
    sinkNames: sinks.map((s) => s.name),
    async close() {
      await Promise.all(sinks.map(async (s) => s.close?.()));
    },
  };
}

export type EventRelay = ReturnType<typeof createEventRelay>;
