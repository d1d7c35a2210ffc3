import { pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { createdAt } from '../db/columns.ts';

/**
 * The deployment's secrets when several instances share one PostgreSQL (see shared-secrets.ts),
 * one row per setting name. `value` is kept only for a secret Insignia generated; one an
 * operator set is recorded by its fingerprint alone, so a host started with another value refuses.
 */
export const platformSecrets = pgTable('platform_secrets', {
  name: varchar('name', { length: 40 }).primaryKey(),
  /** Null when the secret comes from a setting on every host (it never enters the database). */
  value: text('value'),
  /** `scrypt$<salt>$<hash>` of the value: checks a host's setting without revealing it. */
  fingerprint: text('fingerprint').notNull(),
  createdAt: createdAt(),
});
