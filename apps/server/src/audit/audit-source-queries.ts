import { sql, type SQL } from 'drizzle-orm';

/**
 * Every audit source as rows of one shape, newest history included. New actions without a log of
 * their own write audit_events; badge, issuance and claim actions already write badge_logs;
 * unlocks, upgrades and compensation leave nft_request_events (read here rather than written
 * twice: the unlock path stays one round trip); reconciliation runs and flags are their own record.
 * Only outcomes are kept from request events: the steps in between are the request's history page.
 */
const branches = [
  // actions with no log of their own
  sql`
  select 'a:' || e.id::text as id, e.created_at as at, e.action::text as action,
    case when e.action like 'level.%' then 'level'
         when e.action = 'admin.signed_in' then 'sign_in' else 'account' end as category,
    e.actor_id, e.user_id, e.badge_id, e.level::int as level,
    null::uuid as issuance_id, null::uuid as claim_id, null::uuid as request_id,
    e.tx_signature::text as tx, case when e.error is null then 'ok' else 'error' end as outcome,
    e.error, e.details
  from audit_events e
  `,
  // badge, issuance and claim actions
  sql`
  select 'b:' || l.id::text, l.created_at, l.action_type::text,
    case when l.entity_type = 'claim' then 'claim'
         when l.entity_type in ('issuance', 'batch', 'grant') or l.action_type like 'email.%' then 'issuance'
         else 'badge' end,
    l.performed_by, l.user_id, l.badge_id, null::int, l.issuance_id, l.claim_id, null::uuid,
    l.blockchain_tx_signature::text,
    case l.status when 'ok' then 'ok' when 'retrying' then 'pending' else 'error' end,
    l.error_message,
    jsonb_strip_nulls(jsonb_build_object('before', l.old_value, 'after', l.new_value,
      'wallet', l.wallet_address, 'categoryId', l.category_id))
  from badge_logs l
  where l.action_type not in ('notification.read', 'issuance.progress')
  `,
  // unlock, upgrade and compensation outcomes
  sql`
  select 'n:' || ev.id::text, ev.created_at,
    case when ev.detail->>'event' = 'admin_retry' then 'compensation.retried'
         when ev.to_status in ('needs_compensation', 'compensated') then 'compensation.' || ev.to_status
         else r.kind || '.' || ev.to_status end,
    case when ev.to_status in ('needs_compensation', 'compensated') or ev.detail->>'event' = 'admin_retry'
         then 'compensation' else r.kind end,
    -- The person unlocking or upgrading did it when it completed; an admin when one acted.
    coalesce(ev.actor_id, case when ev.to_status = 'completed' then r.user_id end),
    r.user_id, null::uuid, r.to_level::int, null::uuid, null::uuid, r.id,
    coalesce(ev.signature, case when ev.to_status = 'completed' then r.mint_signature end)::text,
    case when ev.to_status in ('failed', 'expired', 'needs_compensation') then 'error' else 'ok' end,
    case when ev.to_status in ('failed', 'expired', 'needs_compensation')
         then coalesce(ev.detail->>'message', r.last_error) end,
    jsonb_strip_nulls(jsonb_build_object('kind', r.kind, 'mode', r.mode, 'fromLevel', r.from_level,
      'toLevel', r.to_level, 'fromStatus', ev.from_status, 'toStatus', ev.to_status,
      'wallet', r.wallet_address, 'note', ev.detail->>'note', 'event', ev.detail))
  from nft_request_events ev
  join nft_requests r on r.id = ev.request_id
  where ev.to_status in ('completed', 'failed', 'expired', 'needs_compensation', 'compensated')
     or ev.detail->>'event' = 'admin_retry'
  `,
  // reconciliation runs
  sql`
  select 'r:' || run.id::text, run.created_at,
    case when run.trigger = 'manual' then 'reconciliation.run' else 'reconciliation.scheduled_run' end,
    'reconciliation', run.started_by, null::uuid, null::uuid, null::int, null::uuid, null::uuid, null::uuid,
    null::text, case run.status when 'completed' then 'ok' when 'running' then 'pending' else 'error' end,
    run.error,
    jsonb_strip_nulls(jsonb_build_object('status', run.status, 'trigger', run.trigger, 'total', run.total,
      'checked', run.checked, 'corrected', run.corrected, 'flagged', run.flagged,
      'finishedAt', run.finished_at))
  from reconciliation_runs run
  `,
  // reconciliation flags: raised, and resolved
  sql`
  select p.prefix || f.id::text, case when p.prefix = 'f:' then f.created_at else f.resolved_at end,
    case when p.prefix = 'fr:' then 'reconciliation.flag_resolved'
         when f.auto_corrected then 'reconciliation.corrected' else 'reconciliation.flagged' end,
    'reconciliation', case when p.prefix = 'fr:' then f.resolved_by end,
    coalesce(un.user_id, bi.user_id),
    case when f.entity_type = 'badge_vault' then f.entity_id else bi.badge_id end,
    un.level::int, bi.id, null::uuid, null::uuid, null::text,
    case when p.prefix = 'f:' and not f.auto_corrected then 'error' else 'ok' end, null::text,
    jsonb_strip_nulls(jsonb_build_object('kind', f.kind, 'entityType', f.entity_type,
      'entityId', f.entity_id, 'database', f.database_value, 'chain', f.chain_value,
      'note', case when p.prefix = 'fr:' then f.resolution_note end, 'runId', f.run_id))
  from reconciliation_flags f
  cross join (values ('f:'), ('fr:')) as p(prefix)
  left join user_nfts un on f.entity_type = 'user_nft' and un.id = f.entity_id
  left join badge_issuances bi on f.entity_type = 'badge_issuance' and bi.id = f.entity_id
  where p.prefix = 'f:' or f.resolved_at is not null
  `,
];

/** The columns every branch yields, in order. */
const columns = sql.raw(
  'id, at, action, category, actor_id, user_id, badge_id, level, issuance_id, claim_id, request_id, tx, outcome, error, details',
);

/**
 * Every source; or, for a page that filters on nothing but its cursor, only each source's newest
 * `limit` rows before `before`: the page is among them, so the database sorts a few rows per
 * source instead of the whole history (the dashboard, and the log as it first opens).
 */
export function auditSources(bound?: { limit: number; before?: { at: string; id: string } }): SQL {
  if (!bound) return sql.join(branches, sql` union all `);
  const before = bound.before
    ? sql`where (x.at, x.id) < (${bound.before.at}::timestamptz, ${bound.before.id})`
    : sql``;
  return sql.join(
    branches.map(
      (branch) =>
        sql`(select * from (${branch}) as x(${columns}) ${before} order by x.at desc, x.id desc limit ${bound.limit})`,
    ),
    sql` union all `,
  );
}
