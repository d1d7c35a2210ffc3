import type { badgeTypes } from './badges-schema.ts';
import { AppError } from '../errors/app-error.ts';

export type BadgeType = (typeof badgeTypes)[number];

/** Failed mint creations (not network trouble) before the badge is marked `failed`. */
export const MAX_BADGE_MINT_ATTEMPTS = 5;

/**
 * A badge's place in its lifecycle, one shape per status. Only a blockchain badge is ever
 * `creating` (its mint on its way) or `failed` (out of attempts, with the last error).
 */
export type BadgeMintState =
  | { status: 'active'; badgeType: BadgeType; attempts: number }
  | { status: 'creating'; badgeType: 'blockchain'; attempts: number; lastError: string | null }
  | { status: 'failed'; badgeType: 'blockchain'; attempts: number; lastError: string }
  | { status: 'archived'; badgeType: BadgeType; attempts: number; archivedAt: Date };

/**
 * What happens to a badge: its mint found on chain (just created, or there since a crash), a
 * creation attempt failing, an admin retry, archiving and unarchiving. Unarchiving a blockchain
 * badge says whether its mint exists: if not, it is created again.
 */
export type BadgeMintEvent =
  | { type: 'mint_found' }
  | { type: 'mint_failed'; message: string }
  | { type: 'retry' }
  | { type: 'archived'; at: Date }
  | { type: 'unarchived'; mintExists: boolean };

/** The state a new badge starts in: a blockchain badge's mint is created first. */
export function initialBadgeMintState(badgeType: BadgeType): BadgeMintState {
  return badgeType === 'blockchain'
    ? { status: 'creating', badgeType, attempts: 0, lastError: null }
    : { status: 'active', badgeType, attempts: 0 };
}

/**
 * The badge lifecycle as one pure function: `creating` → `active` once the mint is on chain; a
 * failed creation is retried up to {@link MAX_BADGE_MINT_ATTEMPTS}, then `failed` until an admin
 * retries it with a fresh budget. Any badge can be archived; unarchiving makes it `active`, or
 * `creating` (fresh budget) for a blockchain badge whose mint is not on chain.
 */
export function transitionBadgeMint(state: BadgeMintState, event: BadgeMintEvent): BadgeMintState {
  const { attempts } = state;
  switch (event.type) {
    case 'mint_found':
      if (state.status !== 'creating') break;
      return { status: 'active', badgeType: state.badgeType, attempts };
    case 'mint_failed':
      if (state.status !== 'creating') break;
      return attempts + 1 >= MAX_BADGE_MINT_ATTEMPTS
        ? { status: 'failed', badgeType: state.badgeType, attempts: attempts + 1, lastError: event.message }
        : { ...state, attempts: attempts + 1, lastError: event.message };
    case 'retry':
      if (state.status !== 'failed') break;
      return { status: 'creating', badgeType: state.badgeType, attempts: 0, lastError: null };
    case 'archived':
      if (state.status === 'archived') break;
      return { status: 'archived', badgeType: state.badgeType, attempts, archivedAt: event.at };
    case 'unarchived':
      if (state.status !== 'archived') break;
      if (state.badgeType === 'database' || event.mintExists)
        return { status: 'active', badgeType: state.badgeType, attempts };
      return { status: 'creating', badgeType: state.badgeType, attempts: 0, lastError: null };
    default:
      return event satisfies never;
  }
  throw new AppError('STATE__INVALID_TRANSITION', { entity: 'badge', from: state.status, event: event.type });
}
