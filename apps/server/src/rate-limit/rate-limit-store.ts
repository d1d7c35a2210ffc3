import type { BackoffPolicy, GateDecision } from './backoff-gate.ts';

/** Counters behind every rate limit; one Redis-backed store is shared by all instances. */
export interface RateLimitStore {
  /** Counts one hit in `key`'s fixed window; returns the count so far and the ms left. */
  hit: (key: string, windowMs: number) => Promise<{ count: number; ttlMs: number }>;
  /** One attempt through a backoff gate (see backoff-gate.ts). */
  takeAttempt: (key: string, policy: BackoffPolicy, nowMs: number) => Promise<GateDecision>;
  /** After a failed attempt through the gate: its lock runs from now (see relockAfterFailure). */
  relock: (key: string, policy: BackoffPolicy, nowMs: number) => Promise<void>;
  /** Forgets a key (a gate after a success). */
  reset: (key: string) => Promise<void>;
  /** Marks a key as seen for `ttlMs` (e.g. an address an account logged in from). */
  remember: (key: string, ttlMs: number) => Promise<void>;
  isRemembered: (key: string) => Promise<boolean>;
}
