import { sql } from 'drizzle-orm';

/** How a column travels: as a typed array, JSON as text (cast back when selected). */
type ArrayType = 'text' | 'uuid' | 'jsonb';
export type UnnestColumns<R> = readonly (readonly [keyof R, ArrayType])[];

/**
 * Rows as one array per column, for `insert into table (names) select values from source`: a
 * statement of a fixed size however many rows, where a VALUES list costs a parameter, and
 * building it a good deal of CPU, per cell. `source` is `unnest(…) as v(c0, c1, …)`; `value(i)`
 * selects column `i` from it, `values` all of them in order; `names` are `table`'s columns.
 */
export function unnestRows<R, K extends keyof R>(
  table: Record<K, { readonly name: string }>,
  columns: readonly (readonly [K, ArrayType])[],
  rows: readonly R[],
) {
  const arrays = columns.map(([key, type]) => {
    const values = rows.map((row) => {
      const value = row[key];
      if (value === undefined || value === null) return null;
      return type === 'jsonb' ? JSON.stringify(value) : (value as string);
    });
    return sql`${sql.param(values)}::${sql.raw(type === 'jsonb' ? 'text' : type)}[]`;
  });
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const value = (i: number) => (columns[i]?.[1] === 'jsonb' ? `v.c${i}::jsonb` : `v.c${i}`);
  return {
    source: sql`unnest(${sql.join(arrays, sql`, `)}) as v(${sql.raw(aliases)})`,
    value,
    values: sql.raw(columns.map((_, i) => value(i)).join(', ')),
    names: sql.raw(columns.map(([key]) => `"${table[key].name}"`).join(', ')),
  };
}
