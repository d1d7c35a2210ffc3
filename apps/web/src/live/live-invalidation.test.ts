import type { LiveMessage } from '@insignia/contract';
import { QueryClient, type QueryKey } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryKeys } from '../api/query-keys.ts';
import { createLiveInvalidation } from './live-invalidation.ts';

const progress = (batchId: string, id: string): LiveMessage => ({
  event: 'issuance:progress',
  id,
  data: { batchId, status: 'running' },
});

describe('live events invalidate queries', () => {
  let client: QueryClient;
  /** Seeds the cache with fresh data under each key, then says which ones went stale. */
  const staleAfter = (keys: QueryKey[], messages: LiveMessage[]) => {
    keys.forEach((key) => client.setQueryData(key, { seeded: true }));
    const live = createLiveInvalidation((queryKey, options) => {
      void client.invalidateQueries({ queryKey }, options);
    });
    messages.forEach((m) => live.handle(m));
    live.stop();
    return keys.filter((key) => client.getQueryState(key)?.isInvalidated);
  };

  beforeEach(() => {
    client = new QueryClient();
  });
  afterEach(() => client.clear());

  const nftStatus = queryKeys.nftStatus;
  const myBadges = queryKeys.myBadges;
  const claimsPage = queryKeys.admin.claims.list({ status: 'pending', limit: 20, offset: 0 });
  const batchOne = queryKeys.admin.issuance.batch('b1', { limit: 50, offset: 0 });
  const batchTwo = queryKeys.admin.issuance.batch('b2', { limit: 50, offset: 0 });
  const dashboard = queryKeys.admin.dashboard;
  const levels = queryKeys.admin.levels;
  const all = [nftStatus, myBadges, claimsPage, batchOne, batchTwo, dashboard, levels];

  it('an NFT event refreshes the Personal Center status, nothing else', () => {
    const message: LiveMessage = { event: 'nft:claim_success', id: 'e', data: { requestId: 'r' } };
    expect(staleAfter(all, [message])).toEqual([nftStatus]);
  });

  it('a new badge refreshes the badges and the status (a level may need it)', () => {
    const message: LiveMessage = { event: 'badge:issued', id: 'e', data: { issuanceId: 'i', badgeId: 'b' } };
    expect(staleAfter(all, [message])).toEqual([nftStatus, myBadges]);
  });

  it('a claim request refreshes every page of the admin claim queue and the counts', () => {
    const message: LiveMessage = { event: 'claim:requested', id: 'e', data: { claimId: 'c' } };
    expect(staleAfter(all, [message])).toEqual([claimsPage, dashboard]);
  });

  it('issuance progress refreshes that batch only, and the counts', () => {
    expect(staleAfter(all, [progress('b1', 'e')])).toEqual([batchOne, dashboard]);
  });

  it('a (re)connect refreshes everything live events keep current, not the rest', () => {
    const ready: LiveMessage = { event: 'ready', data: { userId: 'u' } };
    expect(staleAfter(all, [ready])).toEqual(all.filter((key) => key !== levels));
  });
});

describe('the dashboard counts during a burst of events', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('refresh at once, then at most once per window, the last event always counted', () => {
    const dashboardRefreshes: number[] = [];
    const live = createLiveInvalidation((key) => {
      if (JSON.stringify(key) === JSON.stringify(queryKeys.admin.dashboard))
        dashboardRefreshes.push(Date.now());
    }, 3_000);
    const start = Date.now();
    for (let i = 0; i < 50; i++) {
      live.handle(progress('b1', `e${i}`)); // a big batch: fifty events in half a second
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(10_000);
    expect(dashboardRefreshes.map((t) => t - start)).toEqual([0, 3_000]);
    live.stop();
  });
});
