import { queriesSent } from '../db/query-count.ts';

/** Statements sent to PostgreSQL while `step` runs (the embedded database counts none). */
export async function roundTrips(step: () => Promise<unknown>): Promise<number> {
  const before = queriesSent();
  await step();
  return queriesSent() - before;
}
