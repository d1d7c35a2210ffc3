import type { Address } from '@solana/kit';
import type { IssuanceDestination, RosterRow, RosterSummary } from '@insignia/contract';
import { findUsersByRef } from '../auth/user-queries.ts';
import type { Db } from '../db/database.ts';
import {
  findIssuedPairs,
  findUnverifiedEmails,
  findVerifiedUsersByEmail,
  type RosterUser,
} from './roster-queries.ts';
import type { RosterEntry } from './parse-roster.ts';

/** An issuance the roster asks for: one (user, badge) pair the user does not hold yet. */
export type PlannedIssuance = Readonly<{
  userId: string;
  email: string;
  badgeId: string;
  destination: IssuanceDestination;
  walletAddress: Address | null;
}>;

export type RosterBadge = Readonly<{ id: string; type: 'database' | 'blockchain' }>;

export type ResolvedRoster = Readonly<{
  rows: RosterRow[];
  summary: RosterSummary;
  plan: PlannedIssuance[];
  /** Addresses only unverified accounts use: their rows wait for an owner to prove them. */
  heldEmails: string[];
}>;

type UserMatch = RosterUser;

const CHUNK = 5_000;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

async function findUsers(db: Db, entries: readonly RosterEntry[]) {
  const emails = [...new Set(entries.filter((e) => e.kind === 'email').map((e) => e.value))];
  const ids = [...new Set(entries.filter((e) => e.kind === 'id').map((e) => e.value))];
  const uuids = ids.filter((id) => uuidPattern.test(id)).map((id) => id.toLowerCase());
  const found: UserMatch[] = [];
  const unverified = new Set<string>();
  // An email names a person only once its owner proved it; otherwise the row is held.
  for (const part of chunks(emails)) {
    found.push(...(await findVerifiedUsersByEmail(db, part)));
    for (const email of await findUnverifiedEmails(db, part)) unverified.add(email);
  }
  // Every id may be a platform id; the well-formed ones may also be Insignia's (fewer or as many).
  for (let i = 0; i < ids.length; i += CHUNK)
    found.push(...(await findUsersByRef(db, uuids.slice(i, i + CHUNK), ids.slice(i, i + CHUNK))));
  const byEmail = new Map(found.map((u) => [u.email, u]));
  const byId = new Map(found.map((u) => [u.id, u]));
  const byExternal = new Map<string, UserMatch>();
  for (const u of found) if (u.externalId) byExternal.set(u.externalId, u);
  const isHeld = (entry: RosterEntry) =>
    entry.kind === 'email' && !byEmail.has(entry.value) && unverified.has(entry.value);
  const userFor = (entry: RosterEntry): UserMatch | undefined => {
    if (entry.kind === 'email') return byEmail.get(entry.value);
    if (entry.kind !== 'id') return undefined;
    // Insignia's own id wins over a platform id that happens to look the same.
    return byId.get(entry.value.toLowerCase()) ?? byExternal.get(entry.value);
  };
  return { userFor, isHeld };
}

async function heldPairs(db: Db, badgeIds: readonly string[], userIds: readonly string[]) {
  const held = new Set<string>();
  for (const part of chunks(userIds)) {
    const rows = await findIssuedPairs(db, badgeIds, part);
    for (const r of rows) held.add(`${r.badgeId}:${r.userId}`);
  }
  return held;
}

/**
 * Checks every roster row against the users table and the issuances already made: invalid
 * or unknown emails or ids, repeated users and badges already held are rejected row by row
 * with one reason each (so the reasons add up to `summary.rejected`); the rest become the issuance plan, each to the profile wallet, the vault, or (for
 * database-only badges) nowhere on chain.
 */
export async function resolveRoster(
  db: Db,
  badges: readonly RosterBadge[],
  entries: readonly RosterEntry[],
): Promise<ResolvedRoster> {
  const { userFor, isHeld } = await findUsers(db, entries);
  const matched = [
    ...new Set(
      entries
        .map(userFor)
        .filter((u) => u !== undefined)
        .map((u) => u.id),
    ),
  ];
  const held = await heldPairs(
    db,
    badges.map((b) => b.id),
    matched,
  );
  const seen = new Set<string>();
  const summary: RosterSummary = {
    rows: entries.length,
    accepted: 0,
    rejected: 0,
    invalid: 0,
    unknownUsers: 0,
    duplicateRows: 0,
    held: 0,
    alreadyIssued: 0,
    issuances: 0,
    toWallet: 0,
    toVault: 0,
    databaseOnly: 0,
  };
  const plan: PlannedIssuance[] = [];
  const heldEmails: string[] = [];
  const rows = entries.map((entry): RosterRow => {
    const base = { line: entry.line, input: entry.input };
    const reject = (reason: 'invalid' | 'unknown_user' | 'duplicate_row') => {
      summary.rejected++;
      if (reason === 'invalid') summary.invalid++;
      if (reason === 'unknown_user') summary.unknownUsers++;
      if (reason === 'duplicate_row') summary.duplicateRows++;
      return { ...base, status: 'rejected' as const, reason, user: null, destination: null, badges: [] };
    };
    if (entry.kind === 'invalid') return reject('invalid');
    if (isHeld(entry)) {
      if (seen.has(`email:${entry.value}`)) return reject('duplicate_row');
      seen.add(`email:${entry.value}`);
      summary.held++;
      heldEmails.push(entry.value);
      return { ...base, status: 'held', reason: null, user: null, destination: null, badges: [] };
    }
    const user = userFor(entry);
    // In a column of emails, a value that is no email and no one's id is a mistyped address.
    if (!user) return reject(entry.emailColumn && entry.kind === 'id' ? 'invalid' : 'unknown_user');
    if (seen.has(user.id)) return reject('duplicate_row');
    seen.add(user.id);

    const chainDestination: IssuanceDestination = user.walletAddress ? 'wallet' : 'vault';
    const perBadge = badges.map((b) => {
      const destination: IssuanceDestination = b.type === 'database' ? 'none' : chainDestination;
      const already = held.has(`${b.id}:${user.id}`);
      return { badgeId: b.id, destination, status: already ? 'already_issued' : 'will_issue' } as const;
    });
    const rowUser = { id: user.id, email: user.email, walletAddress: user.walletAddress };
    const destination = badges.some((b) => b.type === 'blockchain') ? chainDestination : 'none';
    const toIssue = perBadge.filter((b) => b.status === 'will_issue');
    summary.alreadyIssued += perBadge.length - toIssue.length;
    if (toIssue.length === 0) {
      summary.rejected++;
      return {
        ...base,
        status: 'rejected',
        reason: 'already_issued',
        user: rowUser,
        destination,
        badges: perBadge,
      };
    }
    summary.accepted++;
    for (const b of toIssue) {
      summary.issuances++;
      if (b.destination === 'wallet') summary.toWallet++;
      else if (b.destination === 'vault') summary.toVault++;
      else summary.databaseOnly++;
      plan.push({
        userId: user.id,
        email: user.email,
        badgeId: b.badgeId,
        destination: b.destination,
        walletAddress: b.destination === 'wallet' ? user.walletAddress : null,
      });
    }
    return { ...base, status: 'accepted', reason: null, user: rowUser, destination, badges: perBadge };
  });
  return { rows, summary, plan, heldEmails };
}
