import { LRUCache } from 'lru-cache';
import { relockAfterFailure, takeAttempt, type GateState } from './backoff-gate.ts';
import type { RateLimitStore } from './rate-limit-store.ts';

type Entry =
  | { kind: 'count'; count: number; expiresAtMs: number }
  | { kind: 'gate'; state: GateState; expiresAtMs: number }
  | { kind: 'mark'; expiresAtMs: number };

/**
 * The in-process store: the only one without Redis, and the fallback while Redis is down.
 * Bounded in size so a flood of distinct keys cannot exhaust memory; under such a flood the
 * least recently used keys go first. Every operation is synchronous, hence atomic.
 */
export function createMemoryRateLimitStore(options: { maxKeys?: number; now?: () => number } = {}) {
  const entries = new LRUCache<string, Entry>({ max: options.maxKeys ?? 100_000 });
  const now = options.now ?? Date.now;
  const live = (key: string, atMs = now()): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAtMs <= atMs) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };

  // Synchronous work behind the async interface the Redis store needs.
  const store: RateLimitStore = {
    hit(key, windowMs) {
      const entry = live(key);
      const t = now();
      const next =
        entry?.kind === 'count'
          ? { ...entry, count: entry.count + 1 }
          : { kind: 'count' as const, count: 1, expiresAtMs: t + windowMs };
      entries.set(key, next);
      return Promise.resolve({ count: next.count, ttlMs: next.expiresAtMs - t });
    },
    takeAttempt(key, policy, nowMs) {
      const entry = live(key, nowMs);
      const taken = takeAttempt(entry?.kind === 'gate' ? entry.state : undefined, nowMs, policy);
      if (taken.next && taken.decision.allowed) {
        entries.set(key, { kind: 'gate', state: taken.next, expiresAtMs: nowMs + taken.ttlMs });
      }
      return Promise.resolve(taken.decision);
    },
    relock(key, policy, nowMs) {
      const entry = live(key, nowMs);
      const relocked = relockAfterFailure(entry?.kind === 'gate' ? entry.state : undefined, nowMs, policy);
      if (relocked)
        entries.set(key, { kind: 'gate', state: relocked.next, expiresAtMs: nowMs + relocked.ttlMs });
      return Promise.resolve();
    },
    reset(key) {
      entries.delete(key);
      return Promise.resolve();
    },
    remember(key, ttlMs) {
      entries.set(key, { kind: 'mark', expiresAtMs: now() + ttlMs });
      return Promise.resolve();
    },
    isRemembered(key) {
      return Promise.resolve(live(key)?.kind === 'mark');
    },
  };
  return store;
}
