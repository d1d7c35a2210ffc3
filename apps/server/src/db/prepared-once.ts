import type { Query, SQL } from 'drizzle-orm';
import type { PgDialect, PgSession } from 'drizzle-orm/pg-core';
import type { Db } from './database.ts';

const byDb = new WeakMap<Db, Map<string, unknown>>();

/**
 * A statement Drizzle builds once per database and `key`, then only executes: building a query
 * costs more CPU than running a simple one. `key` must name one statement text; the same text
 * gets the same prepared-statement name on every connection. A Drizzle default computed in JS
 * (an `$onUpdate` timestamp) would be frozen into the text: set such columns explicitly.
 */
export function preparedOnce<T>(db: Db, key: string, build: (name: string) => T): T {
  let statements = byDb.get(db);
  if (!statements) byDb.set(db, (statements = new Map<string, unknown>()));
  let statement = statements.get(key) as T | undefined;
  if (statement === undefined) statements.set(key, (statement = build(`prepared_${nameOf(key)}`)));
  return statement;
}

const names = new Map<string, number>();
function nameOf(key: string): number {
  let n = names.get(key);
  if (n === undefined) names.set(key, (n = names.size + 1));
  return n;
}

/** What `.prepare(name)` uses inside Drizzle, reached for a statement written in `sql`. */
interface DrizzleInternals {
  dialect: PgDialect;
  _: { session: PgSession };
}

/** Statement texts by key: one text per key on every database and transaction. */
const texts = new Map<string, Query>();

/**
 * A statement written in `sql` (its values as `sql.placeholder`s), prepared like a builder's
 * `.prepare(name)`: on PostgreSQL a named statement, parsed and planned once per connection.
 * Planning the status read cost PostgreSQL 0.28 ms per call, six times running it. Its text is
 * built once per process, so a transaction handle (which needs a statement of its own: it runs
 * on the transaction's connection) only wraps it.
 */
export function preparedSql<Row>(db: Db, key: string, build: () => SQL) {
  return preparedOnce(db, key, (name) => {
    const { dialect, _ } = db as unknown as DrizzleInternals;
    let text = texts.get(key);
    if (!text) texts.set(key, (text = dialect.sqlToQuery(build())));
    const statement = _.session.prepareQuery(text, undefined, name, false);
    return {
      async rows(values: Record<string, unknown>): Promise<Row[]> {
        return ((await statement.execute(values)) as { rows: Row[] }).rows;
      },
    };
  });
}
