/** The whole data model, gathered from each feature's schema file for Drizzle and migrations. */
export * from '../auth/auth-schema.ts';
export * from '../auth/sessions-schema.ts';
export * from '../auth/email-verification-schema.ts';
export * from '../trades/trades-schema.ts';
export * from '../nft/nft-schema.ts';
export * from '../badges/badges-schema.ts';
export * from '../badges/held-badge-grants-schema.ts';
export * from '../badges/badge-logs-schema.ts';
export * from '../claims/claims-schema.ts';
export * from '../mail/mail-schema.ts';
export * from '../events/events-schema.ts';
export * from '../config/platform-secrets-schema.ts';
export * from '../jobs/instances-schema.ts';
export * from '../chain/chain-identity-schema.ts';
export * from '../audit/audit-events-schema.ts';
export * from '../revocation/revocations-schema.ts';
export * from '../credentials/credentials-schema.ts';
