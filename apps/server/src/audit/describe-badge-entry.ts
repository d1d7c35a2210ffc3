import {
  actorName,
  badgeName,
  obj,
  personName,
  personsOwn,
  shortId,
  str,
  txNote,
  words,
  type AuditRow,
} from './describe-helpers.ts';

/** Where an issuance landed: the vault, or a wallet. */
function destination(after: Record<string, unknown>, wallet: unknown): string {
  if (after.destination === 'vault') return ', held in the vault';
  const address = str(wallet);
  return address ? ` in wallet ${shortId(address)}` : '';
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys({ ...before, ...after })
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((k) => words(k.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)));
}

function describeCatalogue(row: AuditRow, before: Record<string, unknown>, after: Record<string, unknown>) {
  const who = actorName(row);
  const badge = badgeName(row, after.name ?? before.name);
  const category = `category '${str(after.name) ?? str(before.name) ?? '?'}'`;
  switch (row.action) {
    case 'badge.created':
      return `${who} created badge ${badge}`;
    case 'badge.updated': {
      const fields = changedFields(before, after);
      return `${who} edited badge ${badge}${fields.length > 0 ? `: ${fields.join(', ')}` : ''}`;
    }
    case 'badge.deleted':
      return `${who} deleted badge ${badge}`;
    case 'badge.archived':
      return `${who} archived badge ${badge}`;
    case 'badge.unarchived':
      return `${who} brought back badge ${badge}`;
    case 'badge.mint_created':
      return `Badge ${badge} got its on-chain mint${txNote(row)}`;
    case 'badge.mint_retried':
      return `${who} retried creating the on-chain mint of badge ${badge}`;
    case 'badge.mint_failed':
      return `Creating the on-chain mint of badge ${badge} failed${row.error ? `: ${row.error}` : ''}`;
    case 'badge.mint_attempt_failed':
      return `An attempt to create the on-chain mint of badge ${badge} failed; it will be retried`;
    case 'category.created':
      return `${who} created ${category}`;
    case 'category.updated':
      return `${who} edited ${category}: ${changedFields(before, after).join(', ') || 'no changes'}`;
    case 'category.deleted':
      return `${who} deleted ${category}`;
    default:
      return undefined;
  }
}

function describeIssuance(row: AuditRow, after: Record<string, unknown>, wallet: unknown) {
  const who = actorName(row);
  const badge = badgeName(row);
  const person = personName(row);
  const failure = row.error ? `: ${row.error}` : '';
  switch (row.action) {
    case 'batch.created': {
      const accepted = Number(obj(after.summary).accepted ?? 0);
      const ids = Array.isArray(after.badgeIds) ? after.badgeIds.length : 1;
      return `${who} started issuing ${ids === 1 ? 'a badge' : `${ids} badges`} to ${accepted} ${accepted === 1 ? 'person' : 'people'}`;
    }
    case 'issuance.created':
      return `${who} queued badge ${badge} for ${person}`;
    case 'issuance.uploaded':
      return `Badge ${badge} for ${person}: metadata stored on IPFS`;
    case 'issuance.issued':
    case 'issuance.minted':
      return `Badge ${badge} issued to ${person}${destination(after, wallet)}${txNote(row)}`;
    case 'issuance.already_held':
      return `Badge ${badge} was already in ${personsOwn(row)} wallet`;
    case 'issuance.mint_sent':
      return `Badge ${badge} for ${person}: mint transaction sent${txNote(row)}`;
    case 'issuance.prepared_for_wallet':
      return `${who} prepared badge ${badge} for ${person} to sign in the admin wallet`;
    case 'issuance.retried':
      return `${who} retried issuing badge ${badge} to ${person}`;
    case 'issuance.mint_expired':
      return `Issuing badge ${badge} to ${person}: the transaction expired; it will be retried`;
    case 'issuance.mint_failed':
    case 'issuance.upload_failed':
    case 'issuance.failed':
      return `Issuing badge ${badge} to ${person} failed${failure}`;
    case 'issuance.revoked':
      return `${who} revoked badge ${badge} of ${person}: ${str(after.reason) ?? 'no reason'}`;
    case 'issuance.revocation_burned':
      return after.note
        ? `Revoked badge ${badge} of ${person}: ${str(after.note)}`
        : `Revoked badge ${badge} of ${person} burned on chain${txNote(row)}`;
    case 'issuance.revocation_failed':
      return `Burning revoked badge ${badge} of ${person} failed${failure}`;
    case 'grant.held':
      return `Badge ${badge} for ${person} is held until they verify their email`;
    case 'email.enqueued':
      return `Email to ${person} about badge ${badge} queued`;
    default:
      return undefined;
  }
}

function describeClaim(row: AuditRow, after: Record<string, unknown>, wallet: unknown) {
  const who = actorName(row);
  const badge = badgeName(row);
  const address = str(wallet);
  const failure = row.error ? `: ${row.error}` : '';
  switch (row.action) {
    case 'claim.requested':
      return `${personName(row)} asked to claim badge ${badge}${address ? ` to wallet ${shortId(address)}` : ''}`;
    case 'claim.approved':
      return `${who} approved ${personsOwn(row)} claim of badge ${badge}`;
    case 'claim.rejected':
      return `${who} declined ${personsOwn(row)} claim of badge ${badge}${str(after.reason) ? `: ${str(after.reason)}` : ''}`;
    case 'claim.transfer_prepared':
      return `${who} prepared the transfer of badge ${badge} to ${personName(row)} for the admin wallet`;
    case 'claim.transfer_sent':
      return `Badge ${badge}: transfer to ${personName(row)} sent${txNote(row)}`;
    case 'claim.completed':
      return `${personName(row)} received badge ${badge}${address ? ` in wallet ${shortId(address)}` : ''}${txNote(row)}`;
    case 'claim.transfer_expired':
      return `Badge ${badge}: transfer to ${personName(row)} expired${failure}`;
    case 'claim.transfer_deferred':
      return `Badge ${badge}: transfer to ${personName(row)} put off${failure}`;
    case 'claim.failed':
      return `${personsOwn(row)} claim of badge ${badge} failed${failure}`;
    default:
      return undefined;
  }
}

/** Sentences for badge_logs rows: catalogue edits, issuances, claims. */
export function describeBadgeEntry(row: AuditRow): string {
  const d = obj(row.details);
  const before = obj(d.before);
  const after = obj(d.after);
  const sentence =
    row.category === 'claim'
      ? describeClaim(row, after, d.wallet)
      : row.category === 'issuance'
        ? describeIssuance(row, after, d.wallet)
        : describeCatalogue(row, before, after);
  if (sentence) return sentence;
  const about = [row.badge_id ? `badge ${badgeName(row)}` : '', row.user_id ? personName(row) : '']
    .filter(Boolean)
    .join(', ');
  return `${actorName(row)}: ${words(row.action)}${about ? ` (${about})` : ''}`;
}
