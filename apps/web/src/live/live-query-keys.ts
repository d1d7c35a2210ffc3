import type { LiveMessage } from '@insignia/contract';
import type { QueryKey } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.ts';

/** Everything a live event can change: after a (re)connect, events may have been missed. */
const everythingLive: QueryKey[] = [
  queryKeys.nftStatus,
  queryKeys.myBadges,
  queryKeys.admin.dashboard,
  queryKeys.admin.claims.all,
  queryKeys.admin.issuance.allBatchLists,
  queryKeys.admin.issuance.allBatches,
];

/**
 * The queries a live message makes stale. Invalidating a query nobody shows only marks it
 * stale, so a key here costs nothing on pages that do not use it.
 */
export function queryKeysForLiveMessage(message: LiveMessage): QueryKey[] {
  switch (message.event) {
    case 'ready':
      return everythingLive;
    case 'nft:claim_success':
    case 'nft:upgrade_complete':
    case 'nft:upgrade_failed':
    case 'nft:request_updated':
    case 'nft:status_changed':
      return [queryKeys.nftStatus];
    case 'badge:issued':
      // A new badge may be one a level needs.
      return [queryKeys.myBadges, queryKeys.nftStatus];
    case 'badge:claimed':
    case 'claim:approved':
    case 'claim:rejected':
    case 'claim:failed':
      return [queryKeys.myBadges];
    case 'claim:requested':
      return [queryKeys.admin.dashboard, queryKeys.admin.claims.all];
    case 'issuance:progress':
      return [
        queryKeys.admin.dashboard,
        queryKeys.admin.issuance.batch(message.data.batchId),
        queryKeys.admin.issuance.allBatchLists,
      ];
  }
}
