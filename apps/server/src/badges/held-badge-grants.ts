import type { Address } from '@solana/kit';
import type { Logger } from 'pino';
import type { CreateIssuance } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { isAppError } from '../errors/app-error.ts';
import { writeBadgeLogs } from './badge-log-store.ts';
import {
  deleteHeldGrants,
  findHeldGrantsByEmail,
  findVerifiedOwners,
  insertHeldGrants,
  listHeldGrants,
  recordHeldGrantError,
  type HeldGrantRow,
} from './held-badge-grants-store.ts';

type Handle = Pick<Db, 'insert' | 'execute'>;

/** Records roster rows that wait for an address to be verified (a repeat is a no-op). */
export async function holdBadgeGrants(
  tx: Handle,
  input: {
    emails: readonly string[];
    badgeIds: readonly string[];
    actorId: string;
    signingMode: CreateIssuance['signingMode'];
    adminWallet: Address | null;
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
    const inserted = await insertHeldGrants(tx, rows.slice(i, i + 1_000));
    await writeBadgeLogs(
      tx,
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
    const grants = await findHeldGrantsByEmail(db, user.email);
    const groups = new Map<string, HeldGrantRow[]>();
    for (const g of grants) {
      const key = `${g.requestedBy}:${g.signingMode}:${g.adminWallet ?? ''}`;
      groups.set(key, [...(groups.get(key) ?? []), g]);
    }
    for (const group of groups.values()) {
      const [first] = group;
      if (!first) continue;
      const ids = group.map((g) => g.id);
      try {
        await deps.issue(first.requestedBy, {
          badgeIds: group.map((g) => g.badgeId),
          recipients: { userIds: [user.id] },
          signingMode: first.signingMode,
          ...(first.adminWallet ? { adminWallet: first.adminWallet } : {}),
        });
        await deleteHeldGrants(db, ids);
      } catch (err) {
        if (isAppError(err, 'BADGE__NOTHING_TO_ISSUE')) {
          await deleteHeldGrants(db, ids);
          continue;
        }
        const message = err instanceof Error ? err.message : String(err);
        deps.logger.warn({ userId: user.id, grants: ids, err: message }, 'held badge grants not issued yet');
        await recordHeldGrantError(db, ids, message.slice(0, 2_000));
      }
    }
  }

  /** Releases what is held for any of `emails` that an account has verified by now. */
  async function releaseVerified(emails: readonly string[]): Promise<void> {
    for (let i = 0; i < emails.length; i += 1_000) {
      const owners = await findVerifiedOwners(db, emails.slice(i, i + 1_000));
      for (const owner of owners) await release(owner);
    }
  }

  /** What waits for verification, for the admin console. */
  async function list(limit = 500) {
    return listHeldGrants(db, limit);
  }

  return { release, releaseVerified, list };
}

export type HeldGrantRelease = ReturnType<typeof createHeldGrantRelease>;
