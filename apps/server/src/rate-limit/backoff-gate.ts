/**
 * A per-key gate with bounded exponential backoff, used to slow down password guessing for
 * one account. Pure: the stores (memory, Redis) keep the state and apply this rule.
 */
export interface BackoffPolicy {
  /** Attempts allowed before the first lock. */
  freeAttempts: number;
  /** The first lock; each further attempt doubles it ... */
  baseLockMs: number;
  /** ... up to this bound, so an attacker can never lock a key for longer. */
  maxLockMs: number;
  /** How long failures are remembered after the last attempt. */
  memoryMs: number;
}

export interface GateState {
  attempts: number;
  lockedUntilMs: number;
}

export type GateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export function lockDurationMs(attempts: number, policy: BackoffPolicy): number {
  if (attempts < policy.freeAttempts) return 0;
  return Math.min(policy.baseLockMs * 2 ** (attempts - policy.freeAttempts), policy.maxLockMs);
}

/**
 * Takes one attempt. The attempt is counted as a failure up front (a success resets the key),
 * so parallel requests cannot all pass before the first failure is recorded. Attempts refused
 * while locked are not counted: hammering a locked key does not lengthen the lock.
 */
export function takeAttempt(
  state: GateState | undefined,
  nowMs: number,
  policy: BackoffPolicy,
): { decision: GateDecision; next: GateState | undefined; ttlMs: number } {
  if (state && nowMs < state.lockedUntilMs) {
    return { decision: { allowed: false, retryAfterMs: state.lockedUntilMs - nowMs }, next: state, ttlMs: 0 };
  }
  const attempts = (state?.attempts ?? 0) + 1;
  const lockMs = lockDurationMs(attempts, policy);
  return {
    decision: { allowed: true },
    next: { attempts, lockedUntilMs: lockMs ? nowMs + lockMs : 0 },
    ttlMs: policy.memoryMs + lockMs,
  };
}

/**
 * After a failed attempt: the lock its count earned runs from now, not from when the attempt
 * began, so a slow password check does not use up the lock before the answer is sent.
 */
export function relockAfterFailure(
  state: GateState | undefined,
  nowMs: number,
  policy: BackoffPolicy,
): { next: GateState; ttlMs: number } | undefined {
  const lockMs = state ? lockDurationMs(state.attempts, policy) : 0;
  if (!state || !lockMs) return undefined;
  return {
    next: { attempts: state.attempts, lockedUntilMs: Math.max(state.lockedUntilMs, nowMs + lockMs) },
    ttlMs: policy.memoryMs + lockMs,
  };
}
