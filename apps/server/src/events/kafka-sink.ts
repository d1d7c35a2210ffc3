import { Kafka, logLevel, type Producer } from 'kafkajs';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import type { DomainEvent, EventSink } from './domain-event.ts';

export const kafkaSinkConfigSchema = z.object({
  brokers: z
    .array(z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'broker must be host:port'))
    .min(1, 'at least one broker'),
  clientId: z.string().min(1),
});
export type KafkaSinkConfig = z.infer<typeof kafkaSinkConfigSchema>;

/** Kafka message for an event: keyed by user so Kafka keeps per-user order in a partition. */
export function toKafkaMessage(event: DomainEvent) {
  return {
    key: event.key ?? event.id,
    value: JSON.stringify({
      id: event.id,
      type: event.type,
      payload: event.payload,
      createdAt: event.createdAt,
    }),
    headers: { 'event-id': event.id, 'event-type': event.type },
  };
}

/**
 * Publishes to one topic per domain with an idempotent producer (no duplicates from producer
 * retries). Nothing here depends on `seq` (Kafka assigns offsets). A batch the relay
 * republishes (a later sink failed) skips the events this process already sent; after a crash
 * between sending and the relay's commit, Kafka can hold an event twice, so consumers dedupe
 * by the `event-id` header (delivery is at least once). No broker runs in this project's test
 * environment; the relay logic it plugs into is covered by the shared relay tests.
 */
export function createKafkaSink(config: KafkaSinkConfig): EventSink {
  const parsed = kafkaSinkConfigSchema.parse(config);
  const kafka = new Kafka({ clientId: parsed.clientId, brokers: parsed.brokers, logLevel: logLevel.WARN });
  let producer: Producer | undefined;
  const sent = new LRUCache<string, true>({ max: 100_000 });

  async function connected(): Promise<Producer> {
    if (!producer) {
      const p = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await p.connect();
      producer = p;
    }
    return producer;
  }

  return {
    name: 'kafka',
    async publish(events) {
      const byTopic = new Map<string, DomainEvent[]>();
      for (const e of events) {
        if (!sent.has(e.id)) byTopic.set(e.topic, [...(byTopic.get(e.topic) ?? []), e]);
      }
      if (byTopic.size === 0) return;
      const p = await connected();
      await p.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list.map(toKafkaMessage) })),
      });
      for (const list of byTopic.values()) for (const e of list) sent.set(e.id, true);
    },
    async close() {
      await producer?.disconnect();
    },
  };
}
