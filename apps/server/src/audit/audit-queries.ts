import { sql, type SQL } from 'drizzle-orm';
import {
  encodeAuditCursor,
  isUuid,
  type AuditEntry,
  type AuditPage,
  type AuditQuery,
} from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { queryRows } from '../db/query-rows.ts';
import { auditSources } from './audit-source-queries.ts';
import { describeAuditEntry, type AuditRow } from './describe-audit-entry.ts';

export type AuditFilters = Omit<AuditQuery, 'limit' | 'cursor'>;

/** `%text%` for ilike, with the pattern characters in `text` taken literally. */
const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A person filter: their id, or part of their email. */
function personMatch(idColumn: SQL, emailColumn: SQL, value: string): SQL {
  return isUuid(value) ? sql`${idColumn} = ${value}::uuid` : sql`${emailColumn} ilike ${contains(value)}`;
}

function conditions(f: AuditFilters, cursor: AuditQuery['cursor']): SQL {
  const where: SQL[] = [sql`true`];
  if (f.category)
    where.push(
      sql`s.category in (${sql.join(
        f.category.map((c) => sql`${c}`),
        sql`, `,
      )})`,
    );
  if (f.actor) where.push(personMatch(sql`s.actor_id`, sql`actor.email`, f.actor));
  if (f.person) where.push(personMatch(sql`s.user_id`, sql`person.email`, f.person));
  if (f.badge)
    where.push(isUuid(f.badge) ? sql`s.badge_id = ${f.badge}::uuid` : sql`b.name ilike ${contains(f.badge)}`);
  if (f.level !== undefined) where.push(sql`s.level = ${f.level}`);
  // Normalised by JS, which has read them: the database never meets a 30 February.
  if (f.from) where.push(sql`s.at >= ${new Date(f.from).toISOString()}::timestamptz`);
  if (f.to) where.push(sql`s.at <= ${new Date(f.to).toISOString()}::timestamptz`);
  if (f.q) {
    const q = contains(f.q);
    where.push(sql`(s.action ilike ${q} or actor.email ilike ${q} or person.email ilike ${q}
      or b.name ilike ${q} or lv.name ilike ${q} or s.error ilike ${q} or s.details::text ilike ${q})`);
  }
  // Newest first; the cursor is the (time, id) of the last row shown, at full precision.
  if (cursor) where.push(sql`(s.at, s.id) < (${cursor.at}::timestamptz, ${cursor.id})`);
  return sql.join(where, sql` and `);
}

/** The platform audit log: every source, filtered, newest first, in pages of `limit`. */
export async function listAuditEntries(db: Db, query: AuditQuery): Promise<AuditPage> {
  const { limit, cursor, ...filters } = query;
  const unfiltered = Object.values(filters).every((v) => v === undefined);
  const sources = auditSources(unfiltered ? { limit: limit + 1, before: cursor } : undefined);
  const rows = await queryRows<AuditRow>(
    db,
    sql`select s.*, to_char(s.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at_text,
        actor.email as actor_email, actor.role as actor_role, person.email as person_email,
        b.name as badge_name, lv.name as level_name
      from (${sources}) s
      left join users actor on actor.id = s.actor_id
      left join users person on person.id = s.user_id
      left join badges b on b.id = s.badge_id
      left join nft_levels lv on lv.level = s.level
      where ${conditions(query, query.cursor)}
      order by s.at desc, s.id desc
      limit ${query.limit + 1}`,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toAuditEntry),
    nextCursor:
      rows.length > query.limit && last ? encodeAuditCursor({ at: last.at_text, id: last.id }) : null,
  };
}

/** Every matching entry, a page at a time, for the CSV export. */
export async function* streamAuditEntries(
  db: Db,
  filters: AuditFilters,
  pageSize = 500,
): AsyncGenerator<AuditEntry> {
  let cursor: AuditQuery['cursor'];
  for (;;) {
    const page = await listAuditEntries(db, { ...filters, cursor, limit: pageSize });
    yield* page.items;
    if (!page.nextCursor) return;
    const last = page.items.at(-1);
    if (!last) return;
    cursor = { at: last.at, id: last.id };
  }
}

function toAuditEntry(row: AuditRow): AuditEntry {
  const actorKind = !row.actor_id ? 'system' : row.actor_role === 'admin' ? 'admin' : 'user';
  return {
    id: row.id,
    at: row.at_text,
    category: row.category,
    action: row.action,
    summary: describeAuditEntry(row),
    actor: { kind: actorKind, id: row.actor_id, email: row.actor_email },
    person: row.user_id ? { id: row.user_id, email: row.person_email } : null,
    badge: row.badge_id ? { id: row.badge_id, name: row.badge_name } : null,
    level: row.level !== null ? { level: row.level, name: row.level_name } : null,
    issuanceId: row.issuance_id,
    claimId: row.claim_id,
    requestId: row.request_id,
    outcome: row.outcome,
    txSignature: row.tx,
    error: row.error,
    details: row.details,
  };
}
