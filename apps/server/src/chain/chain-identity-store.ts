import type { Db } from '../db/database.ts';
import { chainIdentity } from './chain-identity-schema.ts';

/** Records each value not recorded yet (the first writer wins), then returns every recorded one. */
export async function recordChainIdentity(
  db: Db,
  found: Readonly<Record<string, string>>,
): Promise<Record<string, string>> {
  await db
    .insert(chainIdentity)
    .values(Object.entries(found).map(([name, value]) => ({ name, value })))
    .onConflictDoNothing();
  const rows = await db.select().from(chainIdentity);
  return Object.fromEntries(rows.map((r) => [r.name, r.value]));
}
