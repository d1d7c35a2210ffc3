import type { PGlite } from '@electric-sql/pglite';
import { wrapPglite, type Database } from '../db/database.ts';
import { openMigratedPglite } from './pglite-snapshot.ts';

/**
 * Migrated in-memory databases for one test process. A closed one is emptied (about 50 ms) and
 * handed to the next caller instead of being thrown away: opening a PGlite costs seconds.
 * Emptied means: every table truncated, identities restarted, the rows the migrations insert
 * (the default levels) put back, sequences where the migrations left them, session settings
 * and advisory locks dropped. A database whose schema a test changed (a table, trigger or
 * function of its own) is closed instead, so the next caller never inherits it.
 */
interface Pristine {
  /** Digest of every object outside the system schemas. */
  schema: string;
  tables: string[];
  /** The migrations' own rows, per table, as JSON. */
  seeds: { table: string; rows: string }[];
  sequences: { name: string; lastValue: string | null }[];
}

const idle: PGlite[] = [];
let pristine: Promise<Pristine> | undefined;

/** A migrated, empty database of its own; its `close` returns it here. */
export async function takePgliteDatabase(): Promise<Database> {
  const client = idle.pop() ?? (await openFresh());
  let closed = false;
  // Queries from something still running after close must fail, not reach the next test.
  const guarded = new Proxy(client, {
    get(target, property) {
      if (closed) throw new Error('this test database is closed');
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  let released: Promise<void> | undefined;
  return {
    ...wrapPglite(guarded),
    close: () => {
      closed = true;
      return (released ??= release(client));
    },
  };
}

async function openFresh(): Promise<PGlite> {
  const client = await openMigratedPglite();
  pristine ??= describePristine(client);
  await pristine;
  return client;
}

async function release(client: PGlite): Promise<void> {
  try {
    if (await reset(client, await pristine!)) {
      idle.push(client);
      return;
    }
  } catch {
    // A database that cannot be emptied is not reused.
  }
  await client.close();
}

/** Empties `client` back to its state after the migrations; false when its schema changed. */
async function reset(client: PGlite, state: Pristine): Promise<boolean> {
  await client.exec('reset all; select pg_advisory_unlock_all();');
  if ((await schemaDigest(client)) !== state.schema) return false;
  await client.transaction(async (tx) => {
    await tx.exec(`truncate table ${state.tables.join(', ')} restart identity cascade`);
    for (const seed of state.seeds)
      await tx.query(
        `insert into ${seed.table} select * from json_populate_recordset(null::${seed.table}, $1)`,
        [seed.rows],
      );
    for (const sequence of state.sequences) {
      if (sequence.lastValue === null) await tx.exec(`alter sequence ${sequence.name} restart`);
      else await tx.query(`select setval($1, $2::bigint, true)`, [sequence.name, sequence.lastValue]);
    }
  });
  return true;
}

async function describePristine(client: PGlite): Promise<Pristine> {
  const { rows: tables } = await client.query<{ name: string }>(
    `select format('%I.%I', schemaname, tablename) as name from pg_tables
     where schemaname not in ('pg_catalog', 'information_schema') and schemaname <> 'drizzle'`,
  );
  const seeds: Pristine['seeds'] = [];
  for (const { name } of tables) {
    const { rows } = await client.query<{ rows: string | null }>(
      `select json_agg(t)::text as rows from ${name} t`,
    );
    if (rows[0]?.rows) seeds.push({ table: name, rows: rows[0].rows });
  }
  const { rows: sequences } = await client.query<{ name: string; lastValue: string | null }>(
    `select format('%I.%I', schemaname, sequencename) as name, last_value::text as "lastValue"
     from pg_sequences where schemaname <> 'drizzle'`,
  );
  return { schema: await schemaDigest(client), tables: tables.map((t) => t.name), seeds, sequences };
}

/** Relations, columns, constraints, triggers, functions, types and schemas outside the system. */
async function schemaDigest(client: PGlite): Promise<string> {
  const { rows } = await client.query<{ digest: string }>(`
    with user_ns as (
      select oid, nspname from pg_namespace
      where nspname not in ('pg_catalog', 'information_schema') and nspname not like 'pg_toast%'
    )
    select md5(coalesce(string_agg(item, E'\\n' order by item), '')) as digest from (
      select 'schema ' || nspname as item from user_ns
      union all
      select format('relation %s.%s %s', n.nspname, c.relname, c.relkind)
      from pg_class c join user_ns n on n.oid = c.relnamespace
      union all
      select format('column %s %s %s %s %s', a.attrelid::regclass, a.attname, a.atttypid::regtype,
        a.attnotnull, pg_get_expr(d.adbin, d.adrelid))
      from pg_attribute a join pg_class c on c.oid = a.attrelid join user_ns n on n.oid = c.relnamespace
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attnum > 0 and not a.attisdropped
      union all
      select format('constraint %s %s %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid))
      from pg_constraint c join user_ns n on n.oid = c.connamespace
      union all
      select format('trigger %s %s', t.tgrelid::regclass, t.tgname) from pg_trigger t where not t.tgisinternal
      union all
      select format('function %s.%s(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
      from pg_proc p join user_ns n on n.oid = p.pronamespace
      union all
      select format('type %s.%s', n.nspname, t.typname) from pg_type t join user_ns n on n.oid = t.typnamespace
    ) objects`);
  return rows[0]!.digest;
}
