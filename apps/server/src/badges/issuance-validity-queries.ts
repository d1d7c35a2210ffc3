import { sql, type SQL } from 'drizzle-orm';

/**
 * `valid_until` for an issuance becoming issued at `issuedAt`: that time plus its badge's
 * `validity_days` as the badge says now (null: it never expires). Written in the statement
 * that sets `issued_at`, so a later change of the period affects only later issuances.
 */
export function validUntilSql(issuedAt: Date): SQL<Date | null> {
  return sql<Date | null>`(select ${issuedAt.toISOString()}::timestamptz + make_interval(days => b.validity_days)
    from badges b where b.id = "badge_issuances"."badge_id")`;
}
