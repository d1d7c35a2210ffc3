import type { ErrorCode } from '@insignia/contract';
import type { Signature } from '@solana/kit';
import type { badgeIssuanceStatuses, issuanceTransactionStatuses } from './badges-schema.ts';
import { AppError } from '../errors/app-error.ts';

export type IssuanceStatus = (typeof badgeIssuanceStatuses)[number];
export type IssuanceTransactionStatus = (typeof issuanceTransactionStatuses)[number];
export type IssuanceDestination = 'wallet' | 'vault' | 'none';
/** Destinations that go through a mint transaction. */
export type OnChainDestination = 'wallet' | 'vault';

/** Every state counts the failed uploads or mints of its current retry budget. */
interface Counted {
  attempts: number;
}

/**
 * An issuance, one shape per status (as thirdweb Engine's transaction states): each status
 * carries exactly the fields that are true of it.
 */
export type IssuanceState =
  /** Payload not on IPFS yet; `lastError` is the last failed upload, if any. */
  | (Counted & { status: 'pending'; destination: IssuanceDestination; lastError: string | null })
  /** Payload on IPFS, waiting to be packed; `lastError` is the last failed mint, if any. */
  | (Counted & { status: 'uploaded'; destination: OnChainDestination; lastError: string | null })
  /** In a packed transaction that is on its way. */
  | (Counted & { status: 'minting'; destination: OnChainDestination; lastError: string | null })
  /** Minted to the wallet by our transaction. */
  | (Counted & { status: 'issued'; destination: 'wallet'; mintSignature: Signature })
  /** The wallet already held the badge: marked issued, nothing minted. */
  | (Counted & { status: 'issued'; destination: 'wallet'; mintSignature: null })
  /** Database-only: issued as soon as its payload is on IPFS, never on chain. */
  | (Counted & { status: 'issued'; destination: 'none'; mintSignature: null })
  /** Minted to the vault, then claimed (or being claimed) by the person. */
  | (Counted & {
      status: 'in_vault' | 'claim_requested' | 'claimed';
      destination: 'vault';
      mintSignature: Signature;
    })
  /** Out of attempts; an admin retry starts it over (from `uploaded` if the payload is there). */
  | (Counted & {
      status: 'failed';
      destination: IssuanceDestination;
      hasPayload: boolean;
      lastError: string;
    });

/**
 * What happens to an issuance: its payload reaching IPFS, its mint transaction being packed,
 * landing, failing or expiring, a wallet found already holding the badge, an admin retry.
 */
export type IssuanceEvent =
  | { type: 'uploaded' }
  | { type: 'upload_failed'; message: string }
  | { type: 'packed' }
  | { type: 'minted'; signature: Signature }
  | { type: 'already_held' }
  | { type: 'mint_failed'; message: string }
  | { type: 'mint_expired' }
  | { type: 'retry' }
  /** The person asked for their vaulted badge; the claim flow now owns it until it settles. */
  | { type: 'claim_requested' }
  /** The claim's transfer landed: the badge is in the person's wallet. */
  | { type: 'claim_completed' }
  /** The claim was rejected or failed for good: the badge waits in the vault again. */
  | { type: 'claim_returned' };

/** Failed uploads or mints (not expiries, not network trouble) before an issuance is `failed`. */
export const MAX_ISSUANCE_ATTEMPTS = 3;

/** Statuses an issuance never leaves by itself: issued, in the vault (and the claim states), failed. */
export const terminalIssuanceStatuses: readonly IssuanceStatus[] = [
  'issued',
  'in_vault',
  'claim_requested',
  'claimed',
  'failed',
];

const invalid = (from: string, event: string): AppError<'STATE__INVALID_TRANSITION'> =>
  new AppError('STATE__INVALID_TRANSITION', { entity: 'issuance', from, event });

/**
 * The issuance lifecycle as one pure function:
 * `pending` (payload not on IPFS yet) → `uploaded` → `minting` (in a packed transaction) →
 * `issued` (wallet) or `in_vault`; database-only badges go from `pending` to `issued` at once,
 * with no mint signature. A failed upload or mint is retried up to {@link MAX_ISSUANCE_ATTEMPTS},
 * then `failed`; an admin retry starts a failed issuance over with a fresh budget. An expired
 * transaction never landed, so its issuances are packed again without using an attempt.
 */
export function transitionIssuance(state: IssuanceState, event: IssuanceEvent): IssuanceState {
  const { attempts } = state;
  switch (event.type) {
    case 'uploaded':
      if (state.status !== 'pending') break;
      return state.destination === 'none'
        ? { status: 'issued', destination: 'none', attempts, mintSignature: null }
        : { status: 'uploaded', destination: state.destination, attempts, lastError: null };
    case 'upload_failed':
      if (state.status !== 'pending') break;
      return attempts + 1 >= MAX_ISSUANCE_ATTEMPTS
        ? {
            status: 'failed',
            destination: state.destination,
            hasPayload: false,
            attempts: attempts + 1,
            lastError: event.message,
          }
        : { ...state, attempts: attempts + 1, lastError: event.message };
    case 'packed':
      if (state.status !== 'uploaded') break;
      return { ...state, status: 'minting' };
    case 'minted':
      if (state.status !== 'minting') break;
      return state.destination === 'wallet'
        ? { status: 'issued', destination: 'wallet', attempts, mintSignature: event.signature }
        : { status: 'in_vault', destination: 'vault', attempts, mintSignature: event.signature };
    case 'already_held':
      if (state.status !== 'uploaded' || state.destination !== 'wallet') break;
      return { status: 'issued', destination: 'wallet', attempts, mintSignature: null };
    case 'mint_failed':
      if (state.status !== 'minting') break;
      return attempts + 1 >= MAX_ISSUANCE_ATTEMPTS
        ? {
            status: 'failed',
            destination: state.destination,
            hasPayload: true,
            attempts: attempts + 1,
            lastError: event.message,
          }
        : { ...state, status: 'uploaded', attempts: attempts + 1, lastError: event.message };
    case 'mint_expired':
      if (state.status !== 'minting') break;
      return { ...state, status: 'uploaded' };
    case 'retry':
      if (state.status !== 'failed') break;
      // A database-only issuance never stops at `uploaded`: its upload is what issues it.
      if (state.hasPayload && state.destination !== 'none')
        return { status: 'uploaded', destination: state.destination, attempts: 0, lastError: null };
      return { status: 'pending', destination: state.destination, attempts: 0, lastError: null };
    case 'claim_requested':
      if (state.status !== 'in_vault') break;
      return { ...state, status: 'claim_requested' };
    case 'claim_completed':
      if (state.status !== 'claim_requested') break;
      return { ...state, status: 'claimed' };
    case 'claim_returned':
      if (state.status !== 'claim_requested') break;
      return { ...state, status: 'in_vault' };
    default:
      return event satisfies never;
  }
  throw invalid(state.status, event.type);
}

/**
 * A packed mint transaction, one shape per status. Only an admin-wallet transaction waits for a
 * signature; a confirmed one knows when; a failed or expired one why.
 */
export type IssuanceTransactionState =
  | { status: 'awaiting_signature'; signingMode: 'admin_wallet' }
  | { status: 'sent'; signingMode: 'server' | 'admin_wallet' }
  | { status: 'confirmed'; signingMode: 'server' | 'admin_wallet'; confirmedAt: Date }
  | { status: 'failed'; signingMode: 'server' | 'admin_wallet'; errorCode: ErrorCode; lastError: string }
  | { status: 'expired'; signingMode: 'server' | 'admin_wallet'; errorCode: 'CHAIN__EXPIRED' };

export type IssuanceTransactionEvent =
  | { type: 'signed' }
  | { type: 'confirmed'; at: Date }
  | { type: 'failed'; code: ErrorCode; message: string }
  | { type: 'expired' };

/** Statuses a packed transaction never leaves. */
export const terminalIssuanceTransactionStatuses: readonly IssuanceTransactionStatus[] = [
  'confirmed',
  'failed',
  'expired',
];

/**
 * A packed mint transaction: `awaiting_signature` (admin wallet mode) → `sent` → `confirmed`,
 * `failed` or `expired`. An unsigned one can also be found `confirmed` (the wallet sent it
 * itself) or `expired`. The last three are final.
 */
export function transitionIssuanceTransaction(
  state: IssuanceTransactionState,
  event: IssuanceTransactionEvent,
): IssuanceTransactionState {
  const open = state.status === 'awaiting_signature' || state.status === 'sent';
  const { signingMode } = state;
  switch (event.type) {
    case 'signed':
      if (state.status === 'awaiting_signature') return { status: 'sent', signingMode };
      break;
    case 'confirmed':
      if (open) return { status: 'confirmed', signingMode, confirmedAt: event.at };
      break;
    case 'failed':
      if (open) return { status: 'failed', signingMode, errorCode: event.code, lastError: event.message };
      break;
    case 'expired':
      if (open) return { status: 'expired', signingMode, errorCode: 'CHAIN__EXPIRED' };
      break;
    default:
      return event satisfies never;
  }
  throw new AppError('STATE__INVALID_TRANSITION', {
    entity: 'issuance_transaction',
    from: state.status,
    event: event.type,
  });
}
