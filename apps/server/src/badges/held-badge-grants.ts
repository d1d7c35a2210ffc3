import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { CreateIssuance } from '@insignia/contract';
import { users } from '../auth/auth-schema.ts';
import type { Db } from '../db/database.ts';
import { isAppError } from '../errors/app-error.ts';
import { badgeLogs } from './badge-logs-schema.ts';
import { badges } from './badges-schema.ts';
import { heldBadgeGrants } from './held-badge-grants-schema.ts';

type Handle = Pick<Db, 'insert'>;

/** Records roster rows that wait for an address to be verified (a repeat is a no-op). */
export async function holdBadgeGrants(
  tx: Handle,
  input: {
    emails: readonly string[];
    badgeIds: readonly string[];
    actorId: string;
    signingMode: CreateIssuance['signingMode'];
    adminWallet: string | null;
  },
): Promise<void> {
  const rows = input.emails.flatMap((email) =>
    input.badgeIds.map((badgeId) => ({
      email,
      badgeId,
      requestedBy: input.actorId,
      signingMode: input.signingMode,
      adminWallet: input.adminWallet,
    })),
  );
  for (let i = 0; i < rows.length; i += 1_000) {
    const inserted = await tx
      .insert(heldBadgeGrants)
      .values(rows.slice(i, i + 1_000))
      .onConflictDoNothing()
      .returning();
    if (inserted.length > 0)
      await tx.insert(badgeLogs).values(
        inserted.map((g) => ({
          actionType: 'grant.held',
          entityType: 'grant',
          badgeId: g.badgeId,
          performedBy: input.actorId,
          // The address itself stays out of the audit trail; the grant row holds it.
          newValue: { grantId: g.id, reason: 'email_unverified' },
        })),
      );
  }
}

/**
 * Issues what was held for the address `user` just verified: one batch per admin and signing
 * mode, through the normal issuance path. A grant that fails (e.g. the authority cannot pay)
 * stays held with its error, for the admin to see.
 */
export function createHeldGrantRelease(deps: {
  db: Db;
  issue: (actorId: string, input: CreateIssuance) => Promise<unknown>;
  logger: Logger;
}) {
  const { db } = deps;

  async function release(user: { id: string; email: string }): Promise<void> {
    const grants = await db
      .select()
      .from(heldBadgeGrants)
      .where(eq(heldBadgeGrants.email, user.email))
      .orderBy(asc(heldBadgeGrants.createdAt));
    const groups = new Map<string, typeof grants>();
    for (const g of grants) {
      const key = `${g.requestedBy}:${g.signingMode}:${g.adminWallet ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), g]);
    }
    for (const group of groups.values()) {
      const first = group[0]!;
      const ids = group.map((g) => g.id);
      try {
        await deps.issue(first.requestedBy, {
          badgeIds: group.map((g) => g.badgeId),
          recipients: { userIds: [user.id] },
          signingMode: first.signingMode,
          ...(first.adminWallet ? { adminWallet: first.adminWallet } : {}),
        });
        await db.delete(heldBadgeGrants).where(inArray(heldBadgeGrants.id, ids));
      } catch (err) {
        if (isAppError(err, 'BADGE__NOTHING_TO_ISSUE')) {
          await db.delete(heldBadgeGrants).where(inArray(heldBadgeGrants.id, ids));
          continue;
        }
        const message = err instanceof Error ? err.message : String(err);
        deps.logger.warn({ userId: user.id, grants: ids, err: message }, 'held badge grants not issued yet');
        await db
          .update(heldBadgeGrants)
          .set({ lastError: message.slice(0, 2_000) })
          .where(inArray(heldBadgeGrants.id, ids));
      }
    }
  }

  /** Releases what is held for any of `emails` that an account has verified by now. */
  async function releaseVerified(emails: readonly string[]): Promise<void> {
    for (let i = 0; i < emails.length; i += 1_000) {
      const owners = await db
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(and(inArray(users.email, emails.slice(i, i + 1_000)), isNotNull(users.emailVerifiedAt)));
      for (const owner of owners) await release(owner);
    }
  }

  /** What waits for verification, for the admin console. */
  async function list(limit = 500) {
    return db
      .select({
        id: heldBadgeGrants.id,
        email: heldBadgeGrants.email,
        badgeId: heldBadgeGrants.badgeId,
        badgeName: badges.name,
        signingMode: heldBadgeGrants.signingMode,
        lastError: heldBadgeGrants.lastError,
        createdAt: heldBadgeGrants.createdAt,
      })
      .from(heldBadgeGrants)
      .innerJoin(badges, and(eq(badges.id, heldBadgeGrants.badgeId)))
      .orderBy(asc(heldBadgeGrants.createdAt))
      .limit(limit);
  }

  return { release, releaseVerified, list };
}

export type HeldGrantRelease = ReturnType<typeof createHeldGrantRelease>;
