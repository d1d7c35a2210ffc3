import { describeBadgeEntry } from './describe-badge-entry.ts';
import {
  actorName,
  badgeName,
  levelName,
  obj,
  personName,
  personsOwn,
  str,
  txNote,
  usd,
  words,
  type AuditRow,
} from './describe-helpers.ts';

export type { AuditRow } from './describe-helpers.ts';

/** Level fields an edit can change, with how each reads. */
const levelFields: Array<[key: string, label: string, show: (v: unknown) => string]> = [
  ['name', 'name', (v) => str(v) ?? '—'],
  ['minVolumeUsd', 'minimum volume', usd],
  ['benefits', 'benefits', (v) => (Array.isArray(v) ? v.join(', ') || 'none' : '—')],
  ['imageUri', 'image', (v) => (v ? 'custom image' : 'default artwork')],
  ['requiredBadgeIds', 'required badges', (v) => (Array.isArray(v) ? `${v.length}` : '0')],
];

function describeLevel(row: AuditRow): string {
  const d = obj(row.details);
  const before = obj(d.before);
  const after = obj(d.after);
  const who = actorName(row);
  if (row.action === 'level.created')
    return `${who} added ${levelName(row, after.name)}: minimum volume ${usd(after.minVolumeUsd)}`;
  if (row.action === 'level.deleted') return `${who} removed ${levelName(row, before.name)}`;
  const changes = levelFields
    .filter(([key]) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null))
    .map(([key, label, show]) => `${label} ${show(before[key])} → ${show(after[key])}`);
  const level = `Level ${row.level} ${str(before.name) ?? row.level_name ?? ''}`.trim();
  return changes.length > 0
    ? `${who} changed ${level}: ${changes.join('; ')}`
    : `${who} saved ${level} without changes`;
}

function describeNftRequest(row: AuditRow): string {
  const d = obj(row.details);
  const level = levelName(row);
  const kind = d.kind === 'upgrade' ? 'upgrade' : 'unlock';
  const from = typeof d.fromLevel === 'number' ? `Level ${d.fromLevel}` : 'their level';
  const failure = row.error ? `: ${row.error}` : '';
  switch (d.toStatus) {
    case 'completed':
      return kind === 'upgrade'
        ? `${personName(row)} upgraded from ${from} to ${level}${txNote(row)}`
        : `${personName(row)} unlocked ${level}${txNote(row)}`;
    case 'expired':
      return `${personsOwn(row)} ${kind} to ${level} expired before it was confirmed`;
    case 'failed':
      return `${personsOwn(row)} ${kind} to ${level} failed${failure}`;
    case 'needs_compensation':
      return `${personsOwn(row)} upgrade to ${level} needs compensation: the old NFT was burned but the new one was not minted${failure}`;
    case 'compensated':
      return `${actorName(row)} marked ${personsOwn(row)} upgrade to ${level} as compensated${str(d.note) ? `: ${str(d.note)}` : ''}`;
    default:
      return row.action === 'compensation.retried'
        ? `${actorName(row)} retried minting ${personsOwn(row)} upgrade to ${level}`
        : `${personsOwn(row)} ${kind} to ${level}: ${words(str(d.toStatus) ?? row.action)}`;
  }
}

function flagSubject(row: AuditRow, d: Record<string, unknown>): string {
  if (d.entityType === 'badge_vault') return `the vault balance of badge ${badgeName(row)}`;
  if (d.entityType === 'badge_issuance') return `${personsOwn(row)} badge ${badgeName(row)}`;
  return `${personsOwn(row)} ${levelName(row)} NFT`;
}

function describeReconciliation(row: AuditRow): string {
  const d = obj(row.details);
  if (row.action === 'reconciliation.run' || row.action === 'reconciliation.scheduled_run') {
    const who =
      row.action === 'reconciliation.run'
        ? `${actorName(row)} ran a reconciliation`
        : 'Scheduled reconciliation';
    const counts = `${Number(d.checked ?? 0)} checked, ${Number(d.corrected ?? 0)} corrected, ${Number(d.flagged ?? 0)} flagged`;
    if (d.status === 'running') return `${who} (still running): ${counts} so far`;
    if (d.status === 'failed') return `${who} that failed${row.error ? `: ${row.error}` : ''}`;
    return `${who}: ${counts}`;
  }
  const kind = words(str(d.kind) ?? 'mismatch');
  if (row.action === 'reconciliation.corrected')
    return `Reconciliation corrected ${flagSubject(row, d)} to match the chain (${kind})`;
  if (row.action === 'reconciliation.flagged')
    return `Reconciliation flagged ${flagSubject(row, d)} for review (${kind})`;
  return `${actorName(row)} resolved the flag on ${flagSubject(row, d)} (${kind})${str(d.note) ? `: ${str(d.note)}` : ''}`;
}

function describeAccount(row: AuditRow): string {
  const who = actorName(row);
  switch (row.action) {
    case 'admin.signed_in':
      return `${who} signed in to the console`;
    case 'account.password_changed':
      return `${who} changed their password`;
    case 'account.password_reset':
      return `${personsOwn(row)} password was reset`;
    case 'account.sessions_ended':
      return `${who} signed ${personName(row)} out everywhere`;
    default: {
      const setting = str(obj(row.details).setting);
      return `${who} changed ${setting ? `the setting ${setting}` : words(row.action)}`;
    }
  }
}

/** The readable sentence of an audit entry: who did what to whom. Pure: tested without I/O. */
export function describeAuditEntry(row: AuditRow): string {
  switch (row.category) {
    case 'level':
      return describeLevel(row);
    case 'unlock':
    case 'upgrade':
    case 'compensation':
      return describeNftRequest(row);
    case 'reconciliation':
      return describeReconciliation(row);
    case 'sign_in':
    case 'account':
      return describeAccount(row);
    default:
      return describeBadgeEntry(row);
  }
}
