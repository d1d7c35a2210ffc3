import { useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../api/client.ts';
import { queryKeys } from '../api/query-keys.ts';
import type { PublicConfig } from '../api/schemas.ts';

/** `GET /api/config/public`, or null until it arrives (or if it cannot be loaded). */
export function usePublicConfig(api: ApiClient): PublicConfig | null {
  const { data } = useQuery({
    queryKey: queryKeys.publicConfig,
    queryFn: ({ signal }) => api.getPublicConfig(signal),
    // The deployment's settings do not change while a page is open.
    staleTime: Infinity,
  });
  return data ?? null;
}
