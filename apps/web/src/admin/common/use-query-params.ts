import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * Filter and paging state kept in the URL, so reload, back and shared links keep it. Setting a
 * filter resets `offset` unless the update sets it too.
 */
export function useQueryParams<K extends string>(keys: readonly K[]) {
  const [search, setSearch] = useSearchParams();
  const values = useMemo(() => {
    const out = {} as Record<K, string>;
    for (const key of keys) out[key] = search.get(key) ?? '';
    return out;
    // keys is a constant list per page
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);
  const offset = Math.max(0, Number(search.get('offset')) || 0);

  const update = useCallback(
    (changes: Partial<Record<K | 'offset', string | number | null>>) => {
      setSearch(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (!('offset' in changes)) next.delete('offset');
          for (const [key, value] of Object.entries(changes)) {
            if (value === null || value === undefined || value === '' || value === 0) next.delete(key);
            else next.set(key, String(value));
          }
          return next;
        },
        { replace: true },
      );
    },
    [setSearch],
  );
  return { values, offset, update };
}
