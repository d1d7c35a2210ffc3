import { Kafka, logLevel, type Producer } from 'kafkajs';
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
 * retries). No broker runs in this project's test environment; the relay logic it plugs into
 * is covered by the shared relay tests.
 */
export function createKafkaSink(config: KafkaSinkConfig): EventSink {
  const parsed = kafkaSinkConfigSchema.parse(config);
  const kafka = new Kafka({ clientId: parsed.clientId, brokers: parsed.brokers, logLevel: logLevel.WARN });
  let producer: Producer | undefined;

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
      for (const e of events) byTopic.set(e.topic, [...(byTopic.get(e.topic) ?? []), e]);
      const p = await connected();
      await p.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, list]) => ({ topic, messages: list.map(toKafkaMessage) })),
      });
    },
    async close() {
      await producer?.disconnect();
    },
  };
}
