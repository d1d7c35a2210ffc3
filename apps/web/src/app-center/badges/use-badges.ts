import type { BadgeNotifications, UnclaimedBadges, UserBadge } from '@insignia/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { describeError } from '../../api/api-error.ts';
import type { ApiClient } from '../../api/client.ts';
import { queryKeys } from '../../api/query-keys.ts';
import { badgesApi } from './badges-api.ts';

export interface BadgesData {
  badges: UserBadge[];
  unclaimed: UnclaimedBadges;
  notifications: BadgeNotifications;
}

export type BadgesState =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: BadgesData };

/**
 * The person's badges, vault badges and notifications, loaded together and kept current: a
 * `badge:*` or `claim:*` live event (or a reconnect) invalidates them, and they refresh in the
 * background while the last ones stay on screen.
 */
export function useBadges(api: ApiClient) {
  const calls = useMemo(() => badgesApi(api), [api]);
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.myBadges,
    queryFn: async ({ signal }): Promise<BadgesData> => {
      const [badges, unclaimed, notifications] = await Promise.all([
        calls.list(signal),
        calls.unclaimed(signal),
        calls.notifications(signal),
      ]);
      return { badges: badges.items, unclaimed, notifications };
    },
  });

  const reload = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: queryKeys.myBadges }),
    [queryClient],
  );
  const retry = useCallback(
    () => void queryClient.resetQueries({ queryKey: queryKeys.myBadges }),
    [queryClient],
  );

  const state: BadgesState =
    query.data !== undefined
      ? { status: 'ready', data: query.data }
      : query.isError && !query.isFetching
        ? { status: 'error', message: describeError(query.error) }
        : { status: 'loading' };
  return { state, reload, retry, calls };
}

export type Badges = ReturnType<typeof useBadges>;
