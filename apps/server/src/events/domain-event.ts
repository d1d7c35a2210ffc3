import type { Db } from '../db/database.ts';

/** A domain event as the relay hands it to sinks: the outbox row, decoded. */
export interface DomainEvent {
  /** Unique per event; consumers dedupe by it (delivery is at-least-once). */
  id: string;
  /**
   * Assigned at insert, not at commit: a lower `seq` can commit (and be relayed) after a higher
   * one. The relay publishes each batch in `seq` order; sinks must not treat it as gapless or
   * as the order of arrival.
   */
  seq: bigint;
  /** Kafka topic / stream name by domain, e.g. `insignia.nft`. */
  topic: string;
  /** e.g. `nft.claim_success`, `badge.issued`. */
  type: string;
  /** Partition key, the user id where there is one: ordering holds per key. */
  key: string | null;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/**
 * Where the relay sends events. `publish` must be idempotent by `event.id` or tolerate
 * repeats. It runs inside the relay's transaction, `tx`: a sink that writes to the database
 * must use it (on PGlite a second statement outside it would wait for it forever).
 */
export interface EventSink {
  name: string;
  publish(events: DomainEvent[], tx: Pick<Db, 'insert' | 'select'>): Promise<void>;

  close?(): Promise<void>;
}
