import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_BADGE_MINT_ATTEMPTS,
  initialBadgeMintState,
  transitionBadgeMint,
  type BadgeMintEvent,
  type BadgeMintState,
  type BadgeType,
} from './badge-mint-machine.ts';
import { toBadgeMintState } from './badge-mint-store.ts';
import { isAppError } from '../errors/app-error.ts';

const invalidTransition = expect.objectContaining({ code: 'STATE__INVALID_TRANSITION' });
const AT = new Date('2026-01-01T00:00:00Z');

const allEvents = (message: string, mintExists: boolean): BadgeMintEvent[] => [
  { type: 'mint_found' },
  { type: 'mint_failed', message },
  { type: 'retry' },
  { type: 'archived', at: AT },
  { type: 'unarchived', mintExists },
];

/** Every state a badge passes on a walk where `picks` choose among the events it accepts. */
function walk(badgeType: BadgeType, picks: readonly number[], message: string, mintExists: boolean) {
  let state = initialBadgeMintState(badgeType);
  const seen = [state];
  for (const pick of picks) {
    const next: BadgeMintState[] = [];
    for (const event of allEvents(message, mintExists)) {
      try {
        next.push(transitionBadgeMint(state, event));
      } catch (e) {
        if (!isAppError(e, 'STATE__INVALID_TRANSITION')) throw e;
      }
    }
    const picked = next[pick % next.length];
    if (picked === undefined) break;
    state = picked;
    seen.push(state);
  }
  return seen;
}

const reachable = fc
  .tuple(
    fc.constantFrom<BadgeType>('database', 'blockchain'),
    fc.array(fc.nat(), { minLength: 5, maxLength: 40, size: 'max' }),
    fc.string({ minLength: 1 }),
    fc.boolean(),
  )
  .map(([type, picks, message, exists]) => walk(type, picks, message, exists));
const RUNS = { numRuns: 300 };

/** A badge row holding `state`, as the store writes it. */
const rowOf = (s: BadgeMintState) => ({
  id: 'b1',
  status: s.status,
  badgeType: s.badgeType,
  attempts: s.attempts,
  lastError: 'lastError' in s ? s.lastError : null,
  archivedAt: s.status === 'archived' ? s.archivedAt : null,
});

describe('badge mint machine', () => {
  it('creates a blockchain badge’s mint, failing up to the bound; an admin retry starts over', () => {
    let s = initialBadgeMintState('blockchain');
    expect(s.status).toBe('creating');
    for (let i = 1; i <= MAX_BADGE_MINT_ATTEMPTS; i++)
      s = transitionBadgeMint(s, { type: 'mint_failed', message: 'no SOL' });
    expect(s).toEqual({
      status: 'failed',
      badgeType: 'blockchain',
      attempts: MAX_BADGE_MINT_ATTEMPTS,
      lastError: 'no SOL',
    });
    s = transitionBadgeMint(s, { type: 'retry' });
    expect(s).toEqual({ status: 'creating', badgeType: 'blockchain', attempts: 0, lastError: null });
    expect(transitionBadgeMint(s, { type: 'mint_found' })).toEqual({
      status: 'active',
      badgeType: 'blockchain',
      attempts: 0,
    });
  });

  it('a database badge is active at once and never creates a mint', () => {
    const s = initialBadgeMintState('database');
    expect(s.status).toBe('active');
    expect(() => transitionBadgeMint(s, { type: 'mint_found' })).toThrow(invalidTransition);
    expect(() => transitionBadgeMint(s, { type: 'retry' })).toThrow(invalidTransition);
  });

  it('unarchives to active, or to creating (fresh budget) when the mint is not on chain', () => {
    const archived = transitionBadgeMint(initialBadgeMintState('blockchain'), { type: 'archived', at: AT });
    expect(archived).toMatchObject({ status: 'archived', archivedAt: AT });
    expect(() => transitionBadgeMint(archived, { type: 'archived', at: AT })).toThrow(invalidTransition);
    expect(transitionBadgeMint(archived, { type: 'unarchived', mintExists: true }).status).toBe('active');
    expect(transitionBadgeMint(archived, { type: 'unarchived', mintExists: false })).toEqual({
      status: 'creating',
      badgeType: 'blockchain',
      attempts: 0,
      lastError: null,
    });
  });

  it('property: active and failed badges refuse the worker’s events; only an admin moves them', () => {
    fc.assert(
      fc.property(reachable, (states) => {
        for (const s of states.filter(
          (x) => x.status === 'active' || x.status === 'failed' || x.status === 'archived',
        ))
          for (const event of allEvents('boom', true).filter(
            (e) => e.type === 'mint_found' || e.type === 'mint_failed',
          ))
            expect(() => transitionBadgeMint(s, event)).toThrow(invalidTransition);
      }),
      RUNS,
    );
  });

  it('property: attempts never pass the bound; each status carries its fields', () => {
    fc.assert(
      fc.property(reachable, (states) => {
        for (const s of states) {
          expect(s.attempts).toBeGreaterThanOrEqual(0);
          expect(s.attempts).toBeLessThanOrEqual(MAX_BADGE_MINT_ATTEMPTS);
          if (s.status === 'creating') expect(s.attempts).toBeLessThan(MAX_BADGE_MINT_ATTEMPTS);
          if (s.status === 'creating' || s.status === 'failed') expect(s.badgeType).toBe('blockchain');
          if (s.status === 'failed') {
            expect(s.attempts).toBe(MAX_BADGE_MINT_ATTEMPTS);
            expect(s.lastError.length).toBeGreaterThan(0);
          }
          expect(toBadgeMintState(rowOf(s))).toEqual(s);
        }
      }),
      RUNS,
    );
  });

  it('refuses a row whose fields contradict its status', () => {
    const row = rowOf(initialBadgeMintState('database'));
    expect(() => toBadgeMintState({ ...row, status: 'creating' })).toThrow(/inconsistent/);
    expect(() => toBadgeMintState({ ...row, status: 'archived' })).toThrow(/inconsistent/);
  });
});
