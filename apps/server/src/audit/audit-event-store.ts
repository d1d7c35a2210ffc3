import type { Db } from '../db/database.ts';
import { auditEvents } from './audit-events-schema.ts';

/**
 * Actions written to audit_events. The rest of the audit log (badges, issuances, claims, unlocks,
 * upgrades, compensation, reconciliation) is read from the rows those features already write.
 */
export type AuditAction =
  | 'level.created'
  | 'level.updated'
  | 'level.deleted'
  | 'admin.signed_in'
  | 'account.password_changed'
  | 'account.password_reset'
  | 'account.sessions_ended'
  | 'settings.changed';

export type AuditEventInput = {
  action: AuditAction;
  /** Who did it; omitted for the system. */
  actorId?: string | null;
  /** The person it was done to, when not the actor themselves. */
  userId?: string | null;
  badgeId?: string | null;
  level?: number | null;
  /** Before and after values and anything else worth keeping, shown as JSON on demand. */
  details?: Record<string, unknown>;
  txSignature?: string | null;
  error?: string | null;
};

/**
 * Appends one audit entry: a single insert. Pass the transaction that makes the change when there
 * is one, so the entry exists exactly when the change does.
 */
export async function recordAuditEvent(db: Pick<Db, 'insert'>, event: AuditEventInput): Promise<void> {
  await db.insert(auditEvents).values({
    action: event.action,
    actorId: event.actorId ?? null,
    userId: event.userId ?? null,
    badgeId: event.badgeId ?? null,
    level: event.level ?? null,
    details: event.details ?? null,
    // A signature column holds kit's brand; callers hand over what the chain returned.
    txSignature: (event.txSignature ?? null) as typeof auditEvents.$inferInsert.txSignature,
    error: event.error ?? null,
  });
}
