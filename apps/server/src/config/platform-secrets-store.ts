import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/database.ts';
import { platformSecrets } from './platform-secrets-schema.ts';

export type PlatformSecretRow = typeof platformSecrets.$inferSelect;

/** The recorded rows of these secrets. */
export async function findPlatformSecrets(db: Db, names: readonly string[]): Promise<PlatformSecretRow[]> {
  return db
    .select()
    .from(platformSecrets)
    .where(inArray(platformSecrets.name, [...names]));
}

/** Records these secrets where no row exists yet; returns the names this call inserted. */
export async function insertMissingPlatformSecrets(
  db: Db,
  rows: readonly (typeof platformSecrets.$inferInsert)[],
): Promise<string[]> {
  const inserted = await db
    .insert(platformSecrets)
    .values([...rows])
    .onConflictDoNothing()
    .returning({ name: platformSecrets.name });
  return inserted.map((r) => r.name);
}

/** Drops the stored value of a secret, keeping its fingerprint. */
export async function forgetPlatformSecretValue(db: Db, name: string): Promise<void> {
  await db.update(platformSecrets).set({ value: null }).where(eq(platformSecrets.name, name));
}
