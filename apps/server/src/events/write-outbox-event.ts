import type { Db } from '../db/database.ts';
import { outbox } from './events-schema.ts';

export interface NewOutboxEvent {
  topic: string;
  type: string;
  key?: string | null;
  payload: Record<string, unknown>;
}

/**
 * Records an event in the outbox. Call it with the same transaction as the change the event
 * describes, so the event exists if and only if the change committed.
 */
export async function writeOutboxEvent(tx: Pick<Db, 'insert'>, event: NewOutboxEvent): Promise<string> {
  const [row] = await tx
    .insert(outbox)
    .values({ topic: event.topic, type: event.type, key: event.key ?? null, payload: event.payload })
    .returning({ id: outbox.id });
  return row!.id;
}
