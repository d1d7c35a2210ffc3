import { json, pgTable, uuid } from 'drizzle-orm/pg-core';
import { badgeIssuances } from '../badges/badges-schema.ts';
import { createdAt } from '../db/columns.ts';

/**
 * The signed Open Badges 3.0 credential of an issuance, signed once (on first request) and served
 * as stored: its proof stays valid, and revocation lives in the status list, not in it.
 */
export const badgeCredentials = pgTable('badge_credentials', {
  issuanceId: uuid('issuance_id')
    .primaryKey()
    .references(() => badgeIssuances.id, { onDelete: 'cascade' }),
  // json, not jsonb: kept as written, so the file a person downloads reads in the usual order
  // (`@context` first) rather than jsonb's.
  credential: json('credential').$type<Record<string, unknown>>().notNull(),
  signedAt: createdAt(),
});
