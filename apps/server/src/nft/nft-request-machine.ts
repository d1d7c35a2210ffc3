import type { ErrorCode } from '@insignia/contract';
import type { nftRequestStatuses } from './nft-schema.ts';
import { AppError } from '../errors/app-error.ts';

export type NftRequestStatus = (typeof nftRequestStatuses)[number];
export type NftRequestMode = 'user_signed' | 'atomic' | 'two_step';

/** The fields of a request row the machine reads and writes. */
export interface NftRequestState {
  mode: NftRequestMode;
  status: NftRequestStatus;
  attempts: number;
  burnSignature: string | null;
  mintSignature: string | null;
  errorCode: ErrorCode | null;
  lastError: string | null;
}

/**
 * What can happen to a request. `submitted` is the user's signed transaction arriving (for
 * two-step upgrades, the burn); `mint_*` events are the server's own mint after a burn.
 */
export type NftRequestEvent =
  | { type: 'submitted'; signature: string }
  | { type: 'confirmed' }
  | { type: 'expired' }
  | { type: 'failed'; code: ErrorCode; message: string }
  /** The user's transaction never landed (no SOL, refused by the node): they may sign again. */
  | { type: 'rejected'; code: ErrorCode; message: string }
  | { type: 'mint_sent'; signature: string }
  | { type: 'mint_confirmed' }
  | { type: 'mint_failed'; code: ErrorCode; message: string }
  /** The chain still shows the old NFT after its burn was counted: a person must look, nothing is minted. */
  | { type: 'burn_not_seen'; code: ErrorCode; message: string }
  /**
   * The chain shows the user's transaction landed although the request never recorded it (the
   * write failed, or it was sent from the wallet): read before a request is expired or re-prepared.
   */
  | { type: 'landed_found'; signature: string | null }
  | { type: 'admin_retry' }
  | { type: 'admin_compensated' }
  | { type: 'abandoned' };

/** Automatic mint retries after a confirmed burn before a person has to look at it. */
export const MAX_MINT_ATTEMPTS = 5;

/** The status a fresh request starts in. */
export function initialStatus(kind: 'unlock' | 'upgrade', mode: NftRequestMode): NftRequestStatus {
  if (kind === 'upgrade' && mode === 'two_step') return 'awaiting_burn_signature';
  return 'awaiting_signature';
}

/**
 * The whole state machine of SPEC §3, as one pure function. An expired transaction sends the
 * request back to waiting for the user (who signs a fresh one for the same mint address);
 * a mint failing after a confirmed burn is retried, then parked for compensation. Nothing
 * here does I/O: the worker loads a row, applies an event, and persists the result.
 */
export function transition(state: NftRequestState, event: NftRequestEvent): NftRequestState {
  const next = (patch: Partial<NftRequestState>): NftRequestState => ({ ...state, ...patch });
  // The user's transaction did not land: forget its signature and wait for a fresh one.
  const backToUser = (errorCode: ErrorCode, lastError: string): NftRequestState =>
    state.mode === 'two_step'
      ? next({ status: 'awaiting_burn_signature', burnSignature: null, errorCode, lastError })
      : next({ status: 'awaiting_signature', mintSignature: null, errorCode, lastError });
  const s = state.status;
  switch (event.type) {
    case 'submitted':
      if (s === 'awaiting_signature')
        return next({
          status: 'submitted',
          mintSignature: event.signature,
          errorCode: null,
          lastError: null,
        });
      if (s === 'awaiting_burn_signature')
        return next({
          status: 'burn_submitted',
          burnSignature: event.signature,
          errorCode: null,
          lastError: null,
        });
      break;
    case 'confirmed':
      if (s === 'submitted') return next({ status: 'completed' });
      if (s === 'burn_submitted') return next({ status: 'burn_confirmed', attempts: 0 });
      break;
    case 'expired':
      if (s === 'submitted' || s === 'burn_submitted')
        return backToUser('CHAIN__EXPIRED', 'The transaction expired before it landed.');
      // A mint the server sent expired: it may be re-signed with a fresh blockhash.
      if (s === 'mint_submitted') return next({ status: 'burn_confirmed', mintSignature: null });
      break;
    case 'rejected':
      if (s === 'submitted' || s === 'burn_submitted') return backToUser(event.code, event.message);
      break;
    case 'failed':
      if (
        s === 'submitted' ||
        s === 'burn_submitted' ||
        s === 'awaiting_signature' ||
        s === 'awaiting_burn_signature'
      ) {
        return next({ status: 'failed', errorCode: event.code, lastError: event.message });
      }
      break;
    case 'mint_sent':
      if (s === 'burn_confirmed')
        return next({
          status: 'mint_submitted',
          mintSignature: event.signature,
          attempts: state.attempts + 1,
        });
      break;
    case 'mint_confirmed':
      if (s === 'mint_submitted' || s === 'burn_confirmed')
        return next({ status: 'completed', errorCode: null, lastError: null });
      break;
    case 'mint_failed':
      if (s === 'mint_submitted' || s === 'burn_confirmed') {
        const attempts = s === 'burn_confirmed' ? state.attempts + 1 : state.attempts;
        return next({
          status: attempts >= MAX_MINT_ATTEMPTS ? 'needs_compensation' : 'burn_confirmed',
          attempts,
          mintSignature: null,
          errorCode: event.code,
          lastError: event.message,
        });
      }
      break;
    case 'burn_not_seen':
      if (s === 'burn_confirmed')
        return next({ status: 'needs_compensation', errorCode: event.code, lastError: event.message });
      break;
    case 'admin_retry':
      if (s === 'needs_compensation') return next({ status: 'burn_confirmed', attempts: 0 });
      break;
    case 'admin_compensated':
      if (s === 'needs_compensation') return next({ status: 'compensated' });
      break;
    case 'landed_found':
      if (s === 'awaiting_signature')
        return next({
          status: 'completed',
          mintSignature: event.signature ?? state.mintSignature,
          errorCode: null,
          lastError: null,
        });
      if (s === 'awaiting_burn_signature')
        return next({
          status: 'burn_confirmed',
          burnSignature: event.signature ?? state.burnSignature,
          attempts: 0,
          errorCode: null,
          lastError: null,
        });
      break;
    case 'abandoned':
      if (s === 'awaiting_signature' || s === 'awaiting_burn_signature') return next({ status: 'expired' });
      break;
  }
  throw new AppError('STATE__INVALID_TRANSITION', { entity: 'nft_request', from: s, event: event.type });
}
