import { isNull } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { createTestDatabase, testDatabaseKind } from '../test-support/test-database.ts';
import { describeWithRedis } from '../test-support/test-services.ts';
import type { DomainEvent, EventSink } from './domain-event.ts';
import { outbox } from './events-schema.ts';
import { createInProcessSink } from './in-process-sink.ts';
import { toKafkaMessage, kafkaSinkConfigSchema } from './kafka-sink.ts';
import { createOutboxRelay } from './outbox-relay.ts';
import { createRedisStreamSink } from './redis-stream-sink.ts';
import { writeOutboxEvent } from './outbox-store.ts';

const logger = pino({ level: 'silent' });

function recordingSink(failTimes = 0): EventSink & { seen: DomainEvent[] } {
  let failures = failTimes;
  const seen: DomainEvent[] = [];
  return {
    name: 'recording',
    seen,
    publish(events) {
      if (failures-- > 0) return Promise.reject(new Error('sink down'));
      seen.push(...events);
      return Promise.resolve();
    },
  };
}

describe(`outbox relay (${testDatabaseKind()})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  const emit = (n: number, key = 'user-1') =>
    database.db.transaction(async (tx) => {
      for (let i = 0; i < n; i++)
        await writeOutboxEvent(tx, { topic: 'insignia.test', type: 'test.happened', key, payload: { i } });
    });
  const unpublished = async () =>
    (await database.db.select().from(outbox).where(isNull(outbox.publishedAt))).length;

  it('publishes committed events in order, once', async () => {
    await emit(5);
    const sink = recordingSink();
    const relay = createOutboxRelay({ db: database.db, sinks: [sink], logger, batchSize: 2 });
    expect(await relay.drain()).toBe(5);
    expect(sink.seen.map((e) => e.payload.i)).toEqual([0, 1, 2, 3, 4]);
    expect(await relay.drain()).toBe(0);
    expect(await unpublished()).toBe(0);
  });

  it('never publishes an event whose transaction rolled back', async () => {
    await database.db
      .transaction(async (tx) => {
        await writeOutboxEvent(tx, { topic: 'insignia.test', type: 'test.rolled_back', payload: {} });
        throw new Error('the change failed');
      })
      .catch(() => undefined);
    const sink = recordingSink();
    await createOutboxRelay({ db: database.db, sinks: [sink], logger }).drain();
    expect(sink.seen.find((e) => e.type === 'test.rolled_back')).toBeUndefined();
  });

  it('keeps events when a sink fails and delivers them on the next run', async () => {
    await emit(3, 'user-2');
    const sink = recordingSink(1);
    const relay = createOutboxRelay({ db: database.db, sinks: [sink], logger });
    expect(await relay.relayOnce()).toBe(0);
    const [failed] = await database.db.select().from(outbox).where(isNull(outbox.publishedAt)).limit(1);
    expect(failed!.attempts).toBe(1);
    expect(failed!.lastError).toContain('sink down');
    expect(await relay.drain()).toBe(3);
    expect(sink.seen.map((e) => e.payload.i)).toEqual([0, 1, 2]);
  });

  it('republishes a batch after a crash between publishing and committing (at least once)', async () => {
    await emit(2, 'user-3');
    const sink = recordingSink();
    const crashing = createOutboxRelay({
      db: database.db,
      sinks: [sink],
      logger,
      afterPublish: () => Promise.reject(new Error('killed')),
    });
    await expect(crashing.relayOnce()).rejects.toThrow('killed');
    expect(await unpublished()).toBe(2);
    await createOutboxRelay({ db: database.db, sinks: [sink], logger }).drain();
    expect(sink.seen).toHaveLength(4);
    expect(new Set(sink.seen.map((e) => e.id)).size).toBe(2);
  });

  it('delivers to in-process subscribers by type', async () => {
    const inProcess = createInProcessSink();
    const got: string[] = [];
    inProcess.subscribe('test.happened', (e) => void got.push(String(e.payload.i)));
    await emit(2, 'user-4');
    await createOutboxRelay({ db: database.db, sinks: [inProcess.sink], logger }).drain();
    expect(got).toEqual(['0', '1']);
  });

  it('maps events to Kafka messages keyed by user, and validates the Kafka config', () => {
    const msg = toKafkaMessage({
      id: 'e1',
      seq: 1n,
      topic: 't',
      type: 'nft.claim_success',
      key: 'u1',
      payload: { a: 1 },
      createdAt: new Date(0),
    });
    expect(msg.key).toBe('u1');
    expect(msg.headers['event-id']).toBe('e1');
    expect(JSON.parse(msg.value)).toMatchObject({ id: 'e1', type: 'nft.claim_success', payload: { a: 1 } });
    expect(kafkaSinkConfigSchema.safeParse({ brokers: ['kafka-1:9092'], clientId: 'insignia' }).success).toBe(
      true,
    );
    expect(kafkaSinkConfigSchema.safeParse({ brokers: ['http://kafka'], clientId: 'insignia' }).success).toBe(
      false,
    );
    expect(kafkaSinkConfigSchema.safeParse({ brokers: [], clientId: 'insignia' }).success).toBe(false);
  });
});

describeWithRedis(`outbox to Redis Streams (${testDatabaseKind()})`, (redisUrl) => {
  let database: Database;
  let redis: Redis;
  const prefix = `insignia:test:${Date.now()}:${Math.random().toString(36).slice(2)}:`;
  beforeAll(async () => {
    database = await createTestDatabase();
    redis = new Redis(redisUrl);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
    await database.close();
  });

  it('appends each event exactly once even when the relay is killed midway', async () => {
    await database.db.transaction(async (tx) => {
      for (let i = 0; i < 4; i++)
        await writeOutboxEvent(tx, {
          topic: 'insignia.nft',
          type: 'nft.claim_success',
          key: `u${i}`,
          payload: { i },
        });
    });
    const sink = createRedisStreamSink({ redis, prefix });
    let killed = false;
    const crashing = createOutboxRelay({
      db: database.db,
      sinks: [sink],
      logger,
      batchSize: 3,
      afterPublish: () => {
        killed = true;
        return Promise.reject(new Error('kill -9'));
      },
    });
    await expect(crashing.relayOnce()).rejects.toThrow();
    expect(killed).toBe(true);
    expect(await redis.xlen(`${prefix}insignia.nft`)).toBe(3);

    await createOutboxRelay({ db: database.db, sinks: [sink], logger, batchSize: 3 }).drain();
    const entries = await redis.xrange(`${prefix}insignia.nft`, '-', '+');
    const payloads = entries.map(([, fields]) => JSON.parse(fields[fields.indexOf('payload') + 1]!).i);
    expect(payloads).toEqual([0, 1, 2, 3]);
  });
});
