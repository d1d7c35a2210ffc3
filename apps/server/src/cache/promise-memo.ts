/** Gives `key`'s value, calling `lookUp` only when it is not remembered. */
export type PromiseMemo<K, V> = (key: K, lookUp: () => Promise<V>) => Promise<V>;

/**
 * Remembers each key's pending or settled value in this process, so concurrent and later
 * callers share one lookup. A rejected lookup is forgotten (the next call tries again); past
 * `limit` keys, the oldest is dropped first.
 */
export function createPromiseMemo<K, V>(limit: number): PromiseMemo<K, V> {
  const values = new Map<K, Promise<V>>();
  return (key, lookUp) => {
    const known = values.get(key);
    if (known) return known;
    if (values.size >= limit) values.delete(values.keys().next().value as K);
    const value = lookUp();
    values.set(key, value);
    value.catch(() => {
      if (values.get(key) === value) values.delete(key);
    });
    return value;
  };
}
