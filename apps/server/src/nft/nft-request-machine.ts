import type { ErrorCode } from '@insignia/contract';
import type { Signature } from '@solana/kit';
import { AppError } from '../errors/app-error.ts';
import type { NftRequestMode, NftRequestState, NftRequestStatus } from './nft-request-state.ts';

export type { NftRequestMode, NftRequestState, NftRequestStatus } from './nft-request-state.ts';

/**
 * What can happen to a request. `submitted` is the user's signed transaction arriving (for
 * two-step upgrades, the burn); `mint_*` events are the server's own mint after a burn.
 */
export type NftRequestEvent =
  | { type: 'submitted'; signature: Signature }
  | { type: 'confirmed' }
  | { type: 'expired' }
  | { type: 'failed'; code: ErrorCode; message: string }
  /** The user's transaction never landed (no SOL, refused by the node): they may sign again. */
  | { type: 'rejected'; code: ErrorCode; message: string }
  | { type: 'mint_sent'; signature: Signature }
  | { type: 'mint_confirmed' }
  | { type: 'mint_failed'; code: ErrorCode; message: string }
  /** The chain still shows the old NFT after its burn was counted: a person must look, nothing is minted. */
  | { type: 'burn_not_seen'; code: ErrorCode; message: string }
  /**
   * The chain shows the user's transaction landed although the request never recorded it (the
   * write failed, or it was sent from the wallet): read before a request is expired or re-prepared.
   */
  | { type: 'landed_found'; signature: Signature | null }
  /** An atomic upgrade too large for one transaction becomes a burn, then a server mint. */
  | { type: 'fallback_to_two_step' }
  | { type: 'admin_retry' }
  | { type: 'admin_compensated' }
  | { type: 'abandoned' };

/** Automatic mint sends after a confirmed burn before a person has to look at it. */
export const MAX_MINT_ATTEMPTS = 5;

/** The status a fresh request starts in. */
export function initialStatus(kind: 'unlock' | 'upgrade', mode: NftRequestMode): NftRequestStatus {
  if (kind === 'upgrade' && mode === 'two_step') return 'awaiting_burn_signature';
  return 'awaiting_signature';
}

const EXPIRED_MESSAGE = 'The transaction expired before it landed.';

/**
 * The whole state machine of SPEC §3, as one pure function. An expired transaction sends the
 * request back to waiting for the user (who signs a fresh one for the same mint address);
 * a mint failing after a confirmed burn is retried, then parked for compensation. Nothing
 * here does I/O: the worker loads a row, applies an event, and persists the result.
 */
export function transition(state: NftRequestState, event: NftRequestEvent): NftRequestState {
  switch (event.type) {
    case 'submitted':
      if (state.status === 'awaiting_signature')
        return {
          ...state,
          status: 'submitted',
          mintSignature: event.signature,
          errorCode: null,
          lastError: null,
        };
      if (state.status === 'awaiting_burn_signature')
        return {
          ...state,
          status: 'burn_submitted',
          burnSignature: event.signature,
          errorCode: null,
          lastError: null,
        };
      break;
    case 'confirmed':
      if (state.status === 'submitted') return { ...state, status: 'completed' };
      if (state.status === 'burn_submitted') return { ...state, status: 'burn_confirmed', attempts: 0 };
      break;
    case 'expired':
    case 'rejected': {
      // The user's transaction did not land: forget its signature and wait for a fresh one.
      const [errorCode, lastError] =
        event.type === 'expired' ? ['CHAIN__EXPIRED' as const, EXPIRED_MESSAGE] : [event.code, event.message];
      if (state.status === 'submitted')
        return { ...state, status: 'awaiting_signature', mintSignature: null, errorCode, lastError };
      if (state.status === 'burn_submitted')
        return { ...state, status: 'awaiting_burn_signature', burnSignature: null, errorCode, lastError };
      // A mint the server sent expired: it may be re-signed with a fresh blockhash, while the
      // attempts allow (each send counts, so an endlessly expiring mint reaches a person).
      if (event.type === 'expired' && state.status === 'mint_submitted') {
        if (state.attempts >= MAX_MINT_ATTEMPTS)
          return {
            ...state,
            status: 'needs_compensation',
            mintSignature: null,
            errorCode: 'CHAIN__EXPIRED',
            lastError: EXPIRED_MESSAGE,
          };
        return { ...state, status: 'burn_confirmed', mintSignature: null };
      }
      break;
    }
    case 'failed':
      if (
        state.status === 'submitted' ||
        state.status === 'burn_submitted' ||
        state.status === 'awaiting_signature' ||
        state.status === 'awaiting_burn_signature'
      ) {
        return { ...state, status: 'failed', errorCode: event.code, lastError: event.message };
      }
      break;
    case 'mint_sent':
      if (state.status === 'burn_confirmed')
        return {
          ...state,
          status: 'mint_submitted',
          mintSignature: event.signature,
          attempts: state.attempts + 1,
        };
      break;
    case 'mint_confirmed':
      if (state.status === 'mint_submitted' || state.status === 'burn_confirmed')
        return { ...state, status: 'completed', errorCode: null, lastError: null };
      break;
    case 'mint_failed':
      if (state.status === 'mint_submitted' || state.status === 'burn_confirmed') {
        const attempts = state.status === 'burn_confirmed' ? state.attempts + 1 : state.attempts;
        const failed = {
          ...state,
          attempts,
          mintSignature: null,
          errorCode: event.code,
          lastError: event.message,
        };
        if (attempts >= MAX_MINT_ATTEMPTS) return { ...failed, status: 'needs_compensation' };
        return { ...failed, status: 'burn_confirmed' };
      }
      break;
    case 'burn_not_seen':
      if (state.status === 'burn_confirmed')
        return { ...state, status: 'needs_compensation', errorCode: event.code, lastError: event.message };
      break;
    case 'admin_retry':
      if (state.status === 'needs_compensation') return { ...state, status: 'burn_confirmed', attempts: 0 };
      break;
    case 'admin_compensated':
      if (state.status === 'needs_compensation') return { ...state, status: 'compensated' };
      break;
    case 'landed_found':
      if (state.status === 'awaiting_signature')
        return {
          ...state,
          status: 'completed',
          mintSignature: event.signature ?? state.mintSignature,
          errorCode: null,
          lastError: null,
        };
      if (state.status === 'awaiting_burn_signature')
        return {
          ...state,
          status: 'burn_confirmed',
          burnSignature: event.signature ?? state.burnSignature,
          attempts: 0,
          errorCode: null,
          lastError: null,
        };
      break;
    case 'fallback_to_two_step':
      if (state.status === 'awaiting_signature' && state.mode === 'atomic')
        return { ...state, status: 'awaiting_burn_signature', mode: 'two_step' };
      break;
    case 'abandoned':
      if (state.status === 'awaiting_signature' || state.status === 'awaiting_burn_signature')
        return { ...state, status: 'expired' };
      break;
  }
  throw new AppError('STATE__INVALID_TRANSITION', {
    entity: 'nft_request',
    from: state.status,
    event: event.type,
  });
}
