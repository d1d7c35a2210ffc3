import type { Logger } from 'pino';
import type { Db } from '../db/database.ts';
import { describeFailure } from '../jobs/describe-failure.ts';
import type { WakeSignal } from '../jobs/wake-signal.ts';
import type { DomainEvent, EventSink } from './domain-event.ts';
import { claimUnpublishedEvents, hasUnpublishedEvents, recordPublishFailure } from './outbox-store.ts';

/** Thrown inside the relay's transaction to roll its claim back when a sink refuses a batch. */
class SinkFailed extends Error {}

/** Any fixed number: every instance must use the same one so only one relays at a time. */
const RELAY_LOCK_ID = 727_101;

export interface OutboxRelayOptions {
  db: Db;
  sinks: EventSink[];
  logger: Logger;
  batchSize?: number;
  /** Test hook: runs after the sinks accepted a batch and before its claim commits. */
  afterPublish?: (events: DomainEvent[]) => Promise<void>;
  /** Woken when a write committed events: the next pass claims without asking first. */
  wake?: WakeSignal;
}

/**
 * Moves committed outbox rows to the sinks, in `seq` order, at least once. A batch is locked and
 * marked published in one statement of a transaction that commits only after every sink took
 * it, so a crash between publishing and committing republishes the batch (sinks dedupe by event
 * id) and never skips an event.
 */
export function createOutboxRelay(options: OutboxRelayOptions) {
  const { db, sinks, logger } = options;
  const batchSize = options.batchSize ?? 200;
  let woken = false;
  options.wake?.listen(() => (woken = true));

  /** Publishes one batch; returns how many events went out (0 when idle or not the leader). */
  async function relayOnce(): Promise<number> {
    // The relay polls every instant it is idle: a pass with nothing to do costs one read. After
    // a wake there is something to do (or another instance just did it): the claim finds out.
    const knownDue = woken;
    woken = false;
    if (!knownDue && !(await hasUnpublishedEvents(db))) return 0;
    let failed: { ids: string[]; reason: string } | undefined;
    try {
      return await db.transaction(async (tx) => {
        const rows = await claimUnpublishedEvents(tx, RELAY_LOCK_ID, batchSize, new Date());
        if (rows.length === 0) return 0;
        const events: DomainEvent[] = rows.map((r) => ({
          id: r.id,
          seq: r.seq,
          topic: r.topic,
          type: r.type,
          key: r.key,
          payload: r.payload as Record<string, unknown>,
          createdAt: r.createdAt,
        }));
        for (const sink of sinks) {
          try {
            await sink.publish(events, tx);
          } catch (err) {
            // Stop here: publishing later events past a failed one would break per-key order.
            logger.warn({ err, sink: sink.name, events: events.length }, 'event sink failed; will retry');
            failed = { ids: events.map((e) => e.id), reason: `${sink.name}: ${describeFailure(err)}` };
            throw new SinkFailed();
          }
        }
        await options.afterPublish?.(events);
        return events.length;
      });
    } catch (e) {
      if (!(e instanceof SinkFailed) || !failed) throw e;
      // The claim rolled back with the transaction: the events wait for the next pass.
      await recordPublishFailure(db, failed.ids, failed.reason);
      return 0;
    }
  }

  /** Relays until the outbox is drained (or a sink fails); returns the number published. */
  async function drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await relayOnce();
      total += n;
      if (n < batchSize) return total;
    }
  }

  return { relayOnce, drain };
}
