import { pgTable, text, varchar } from 'drizzle-orm/pg-core';
import { createdAt } from '../db/columns.ts';

/**
 * What this deployment's chain state belongs to, recorded at its first start: the authority and
 * vault public keys and the cluster's genesis hash. Every start compares (check-chain-identity.ts),
 * so a lost key file or a lost or different chain stops the server instead of going unnoticed.
 */
export const chainIdentity = pgTable('chain_identity', {
  /** `authority_public_key`, `vault_public_key` or `genesis_hash`. */
  name: varchar('name', { length: 40 }).primaryKey(),
  /** Public values only (base58); never a secret. */
  value: text('value').notNull(),
  createdAt: createdAt(),
});
