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
