import type { NftStatus } from '@insignia/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { describeError } from '../api/api-error.ts';
import type { ApiClient } from '../api/client.ts';
import { queryKeys } from '../api/query-keys.ts';

export type NftStatusState =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: NftStatus };

/** How often a visible page re-reads what has no live event (e.g. volume from new trades). */
const REFRESH_MS = 60_000;

/**
 * `GET /api/nft/status`, kept current: live `nft:*` and `badge:issued` events invalidate it,
 * coming back to the tab refetches it, and a visible page re-reads it every minute. A
 * background refresh keeps showing the last status, even when it fails.
 */
export function useNftStatus(api: ApiClient) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.nftStatus,
    queryFn: ({ signal }) => api.getNftStatus(signal),
    // Trades arrive from the platform, and a live hint may be missed: re-read on coming back
    // to the tab, and every minute while it is visible.
    refetchOnWindowFocus: true,
    refetchInterval: REFRESH_MS,
  });

  const reload = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: queryKeys.nftStatus }),
    [queryClient],
  );
  // Back to the spinner, then load again.
  const retry = useCallback(
    () => void queryClient.resetQueries({ queryKey: queryKeys.nftStatus }),
    [queryClient],
  );

  const state: NftStatusState =
    query.data !== undefined
      ? { status: 'ready', data: query.data }
      : query.isError && !query.isFetching
        ? { status: 'error', message: describeError(query.error) }
        : { status: 'loading' };
  return { state, reload, retry };
}
