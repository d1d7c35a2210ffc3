import {
  badgeNotificationsSchema,
  claimsSchema,
  readBadgeNotificationsResultSchema,
  unclaimedBadgesSchema,
  userBadgesSchema,
  type ReadBadgeNotifications,
} from '@insignia/contract';
import type { ApiClient } from '../../api/client.ts';

/** The Personal Center's badge calls, built on the typed client. */
export function badgesApi(api: ApiClient) {
  return {
    list: (signal?: AbortSignal) => api.send('GET', '/api/badges', userBadgesSchema, { signal }),
    unclaimed: (signal?: AbortSignal) =>
      api.send('GET', '/api/badges/unclaimed', unclaimedBadgesSchema, { signal }),
    notifications: (signal?: AbortSignal) =>
      api.send('GET', '/api/badges/notifications?limit=50', badgeNotificationsSchema, { signal }),
    markRead: (body: ReadBadgeNotifications) =>
      api.send('POST', '/api/badges/notifications/read', readBadgeNotificationsResultSchema, { body }),
    claim: (issuanceIds: string[]) =>
      api.send('POST', '/api/badges/claims', claimsSchema, { body: { issuanceIds } }),
  };
}
