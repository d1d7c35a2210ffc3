import type { AuditCategory } from '@insignia/contract';

/** One row of the audit sources (audit-sources.ts) with the names joined to it. */
export type AuditRow = {
  id: string;
  at_text: string;
  action: string;
  category: AuditCategory;
  actor_id: string | null;
  actor_email: string | null;
  actor_role: string | null;
  user_id: string | null;
  person_email: string | null;
  badge_id: string | null;
  badge_name: string | null;
  level: number | null;
  level_name: string | null;
  issuance_id: string | null;
  claim_id: string | null;
  request_id: string | null;
  tx: string | null;
  outcome: 'ok' | 'error' | 'pending';
  error: string | null;
  details: unknown;
};

export type Json = Record<string, unknown>;

export const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
export const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;

/** `3xYzab…9Qk` for a signature or address: enough to recognise, short enough to read. */
export const shortId = (value: string) =>
  value.length > 14 ? `${value.slice(0, 6)}…${value.slice(-4)}` : value;

/** ` (tx 3xYzab…9Qk)` when the row has a transaction. */
export const txNote = (row: AuditRow) => (row.tx ? ` (tx ${shortId(row.tx)})` : '');

/** `$12,000` from a decimal string. */
export function usd(value: unknown): string {
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isFinite(n)) return str(value) ?? '?';
  return `$${n.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
}

/** Who did it: their email, "The system", or a placeholder for a removed account. */
export function actorName(row: AuditRow): string {
  if (!row.actor_id) return 'The system';
  return row.actor_email ?? 'A removed account';
}

/** The person it was done to. */
export function personName(row: AuditRow): string {
  if (!row.user_id) return 'someone';
  return row.person_email ?? 'a removed account';
}

/** `bob@x's` or `their` when the actor acted on themselves. */
export function personsOwn(row: AuditRow): string {
  return row.user_id && row.user_id === row.actor_id ? 'their' : `${personName(row)}'s`;
}

/** `Level 3 Gold`, from the level's current name or the name the entry recorded. */
export function levelName(row: AuditRow, recorded?: unknown): string {
  if (row.level === null) return 'a level';
  const name = row.level_name ?? str(recorded);
  return name ? `Level ${row.level} ${name}` : `Level ${row.level}`;
}

/** `'Early trader'`, from the badge's current name or the name the entry recorded. */
export function badgeName(row: AuditRow, recorded?: unknown): string {
  const name = row.badge_name ?? str(recorded);
  return name ? `'${name}'` : 'a removed badge';
}

/** `some_reason` → `some reason`. */
export const words = (value: string) => value.replaceAll(/[._]/g, ' ');
