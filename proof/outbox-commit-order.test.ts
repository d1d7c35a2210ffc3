import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../apps/server/src/db/database.ts';
import { queryRows } from '../apps/server/src/db/query-rows.ts';
import { outbox } from '../apps/server/src/events/events-schema.ts';
import { createOutboxRelay } from '../apps/server/src/events/outbox-relay.ts';
import { createRedisStreamSink } from '../apps/server/src/events/redis-stream-sink.ts';
import { writeOutboxEvent } from '../apps/server/src/events/outbox-store.ts';
import { createTestDatabase, testDatabaseKind } from '../apps/server/src/test-support/test-database.ts';
import { describeWithRedis } from '../apps/server/src/test-support/test-services.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';

const SUITE = 'outbox commit order';
const logger = pino({ level: 'silent' });
afterAll(() => printCaseCounts(SUITE));

const event = (label: string) => ({
  topic: 'insignia.proof',
  type: 'proof.happened',
  key: 'user-1',
  payload: { label },
});

/**
 * An outbox insert whose transaction stays open until `commit()`. On PostgreSQL it is a real
 * open transaction (its `seq` is taken at insert, before the later one commits). PGlite runs one
 * transaction at a time, so there the `seq` is taken now and the row inserted with it on commit:
 * the database ends in the same state, a lower `seq` committed after a higher one.
 */
async function holdOutboxInsert(database: Database, label: string): Promise<{ commit(): Promise<void> }> {
  if (testDatabaseKind() === 'postgres') {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let inserted!: () => void;
    const insertedNow = new Promise<void>((r) => (inserted = r));
    const done = database.db.transaction(async (tx) => {
      await writeOutboxEvent(tx, event(label));
      inserted();
      await released;
    });
    await Promise.race([insertedNow, done]);
    return {
      async commit() {
        release();
        await done;
      },
    };
  }
  const [reserved] = await queryRows<{ seq: string }>(
    database.db,
    sql`select nextval(pg_get_serial_sequence('outbox', 'seq')) as seq`,
  );
  return {
    async commit() {
      await database.db.insert(outbox).values({ ...event(label), seq: BigInt(reserved!.seq) });
    },
  };
}

describeWithRedis(
  `outbox to Redis Streams whatever order transactions commit in (${testDatabaseKind()})`,
  (redisUrl) => {
    let database: Database;
    let redis: Redis;
    const prefix = `insignia:proof:${Date.now()}:${Math.random().toString(36).slice(2)}:`;
    const stream = `${prefix}insignia.proof`;
    beforeAll(async () => {
      database = await createTestDatabase();
      redis = new Redis(redisUrl);
    });
    afterAll(async () => {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
      await maybeUnset(database)?.close();
    });

    const labelsInStream = async () =>
      (await redis.xrange(stream, '-', '+')).map(([, f]) => JSON.parse(f[f.indexOf('payload') + 1]!).label);
    const idsInStream = async () =>
      (await redis.xrange(stream, '-', '+')).map(([, f]) => f[f.indexOf('id') + 1]);

    it('an event whose transaction commits after a later one was relayed still reaches the stream, once', async () => {
      countCase(SUITE);
      const sink = createRedisStreamSink({ redis, prefix });
      const relay = createOutboxRelay({ db: database.db, sinks: [sink], logger });

      const first = await holdOutboxInsert(database, 'first (committed late)');
      await database.db.transaction((tx) => writeOutboxEvent(tx, event('second (committed early)')));
      expect(await relay.drain()).toBe(1);
      await first.commit();
      expect(await relay.drain()).toBe(1);
      expect(await relay.drain()).toBe(0);

      expect(await labelsInStream()).toEqual(['second (committed early)', 'first (committed late)']);
      const ids = await idsInStream();
      expect(new Set(ids).size).toBe(2);
    });

    it('a relay killed between appending and marking published appends nothing twice on retry', async () => {
      countCase(SUITE);
      await redis.del(stream);
      const sink = createRedisStreamSink({ redis, prefix });
      const late = await holdOutboxInsert(database, 'late');
      await database.db.transaction(async (tx) => {
        for (const label of ['a', 'b', 'c']) await writeOutboxEvent(tx, event(label));
      });
      const crashing = createOutboxRelay({
        db: database.db,
        sinks: [sink],
        logger,
        afterPublish: () => Promise.reject(new Error('kill -9')),
      });
      await expect(crashing.relayOnce()).rejects.toThrow('kill -9');
      await late.commit();
      // The retried batch holds a, b, c again, now after `late` (its seq is lower).
      await expect(crashing.relayOnce()).rejects.toThrow('kill -9');
      const relay = createOutboxRelay({ db: database.db, sinks: [sink], logger });
      expect(await relay.drain()).toBe(4);

      expect(await labelsInStream()).toEqual(['a', 'b', 'c', 'late']);
      const [unpublished] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from outbox where published_at is null`,
      );
      expect(unpublished!.n).toBe(0);
    });
  },
);
