import type { ErrorCode } from '@insignia/contract';
import type { Signature } from '@solana/kit';
import type { claimSigningModes, claimStatuses } from './claims-schema.ts';
import { AppError } from '../errors/app-error.ts';
import type { MaybeStoredError, NoStoredError, StoredError } from '../errors/stored-error-fields.ts';

export type ClaimStatus = (typeof claimStatuses)[number];
export type ClaimSigningMode = (typeof claimSigningModes)[number];

interface Common {
  /** Transfers sent so far (each `sent` counts one). */
  attempts: number;
}

/**
 * The fields of a claim row the machine reads and writes, one shape per status: an approved
 * claim knows how it is signed, a transferring one its transfer's signature, a rejected one
 * its reason, a failed one its error.
 */
export type ClaimState =
  | (Common &
      NoStoredError & { status: 'pending'; signingMode: null; transferSignature: null; rejectReason: null })
  | (Common &
      MaybeStoredError & {
        status: 'approved';
        signingMode: ClaimSigningMode;
        /** The last transfer sent, which expired or was deferred; null before the first. */
        transferSignature: Signature | null;
        rejectReason: null;
      })
  | (Common &
      MaybeStoredError & {
        status: 'transferring';
        signingMode: ClaimSigningMode;
        transferSignature: Signature;
        rejectReason: null;
      })
  | (Common &
      NoStoredError & {
        status: 'completed';
        signingMode: ClaimSigningMode;
        /** Null when the chain showed the badge arrived before any transfer was recorded. */
        transferSignature: Signature | null;
        rejectReason: null;
      })
  | (Common &
      MaybeStoredError & {
        status: 'rejected';
        /** Null when rejected while still pending. */
        signingMode: ClaimSigningMode | null;
        transferSignature: Signature | null;
        rejectReason: string;
      })
  | (Common &
      StoredError & {
        status: 'failed';
        signingMode: ClaimSigningMode;
        transferSignature: Signature | null;
        rejectReason: null;
      });

/** A claim row's machine fields as the database holds them (flat and nullable). */
export interface ClaimFields {
  status: ClaimStatus;
  signingMode: ClaimSigningMode | null;
  transferSignature: Signature | null;
  attempts: number;
  errorCode: ErrorCode | null;
  lastError: string | null;
  rejectReason: string | null;
}

/**
 * The machine state of a stored claim, or INTERNAL if the row is one no transition can
 * produce (approved without a signing mode, transferring without a signature): a bug or a hand
 * edit to look at, never something the caller did, so it is not reported as a refused step.
 */
export function toClaimState(f: ClaimFields): ClaimState {
  const { attempts, signingMode: mode, transferSignature: sent, errorCode, lastError, rejectReason } = f;
  const maybe = { attempts, errorCode, lastError };
  const none = errorCode === null && lastError === null ? { attempts, errorCode, lastError } : null;
  switch (f.status) {
    case 'pending':
      if (mode === null && sent === null && rejectReason === null && none)
        return { ...none, status: f.status, signingMode: mode, transferSignature: sent, rejectReason };
      break;
    case 'approved':
      if (mode !== null && rejectReason === null)
        return { ...maybe, status: f.status, signingMode: mode, transferSignature: sent, rejectReason };
      break;
    case 'transferring':
      if (mode !== null && sent !== null && rejectReason === null)
        return { ...maybe, status: f.status, signingMode: mode, transferSignature: sent, rejectReason };
      break;
    case 'completed':
      if (mode !== null && rejectReason === null && none)
        return { ...none, status: f.status, signingMode: mode, transferSignature: sent, rejectReason };
      break;
    case 'rejected':
      if (rejectReason !== null)
        return { ...maybe, status: f.status, signingMode: mode, transferSignature: sent, rejectReason };
      break;
    case 'failed':
      if (mode !== null && rejectReason === null && errorCode !== null && lastError !== null)
        return {
          attempts,
          errorCode,
          lastError,
          status: f.status,
          signingMode: mode,
          transferSignature: sent,
          rejectReason,
        };
      break;
  }
  throw new AppError('INTERNAL', undefined, {
    message: `A claim row in status ${f.status} lacks the fields of that status.`,
  });
}

/**
 * What can happen to a claim. `sent` is a signed transfer recorded just before it goes to the
 * chain; `expired` means it can no longer land (its blockhash passed) and did not; `deferred`
 * is a transfer that did not land for a reason that may pass (fees, a node refusing it).
 */
export type ClaimEvent =
  | { type: 'approved'; signingMode: ClaimSigningMode }
  | { type: 'rejected'; reason: string }
  | { type: 'sent'; signature: Signature }
  | { type: 'confirmed' }
  | { type: 'expired' }
  | { type: 'deferred'; code: ErrorCode; message: string }
  | { type: 'failed'; code: ErrorCode; message: string };

/**
 * What a claim reaching `status` means for its issuance (the badge's side of the same fact):
 * a completed claim puts the badge in the wallet, a rejected or failed one returns it to the
 * vault; any other status leaves the issuance `claim_requested`.
 */
export function issuanceEventFor(status: ClaimStatus): 'claim_completed' | 'claim_returned' | null {
  if (status === 'completed') return 'claim_completed';
  if (status === 'rejected' || status === 'failed') return 'claim_returned';
  return null;
}

/**
 * The claim flow as one pure function:
 * `pending → approved → transferring → completed`, with `rejected` (by an admin, before any
 * transfer was sent) and `failed` (the chain refused the transfer for good). An expired or
 * deferred transfer goes back to `approved`, where the server (or the admin's wallet) signs a
 * fresh one after the chain has been re-read. Rejected and failed claims free the badge to be
 * claimed again.
 */
export function transitionClaim(state: ClaimState, event: ClaimEvent): ClaimState {
  switch (event.type) {
    case 'approved':
      if (state.status === 'pending') return { ...state, status: 'approved', signingMode: event.signingMode };
      break;
    case 'rejected':
      if (state.status === 'pending' || state.status === 'approved')
        return { ...state, status: 'rejected', rejectReason: event.reason };
      break;
    case 'sent':
      if (state.status === 'approved')
        return {
          ...state,
          status: 'transferring',
          transferSignature: event.signature,
          attempts: state.attempts + 1,
        };
      break;
    case 'confirmed':
      // From `approved` too: the chain shows an earlier transfer of this claim arrived.
      if (state.status === 'transferring' || state.status === 'approved')
        return { ...state, status: 'completed', errorCode: null, lastError: null };
      break;
    case 'expired':
      if (state.status === 'transferring')
        return {
          ...state,
          status: 'approved',
          errorCode: 'CLAIM__TRANSFER_EXPIRED',
          lastError: 'The transfer expired before it landed; a fresh one is needed.',
        };
      break;
    case 'deferred':
      if (state.status === 'transferring' || state.status === 'approved')
        return { ...state, status: 'approved', errorCode: event.code, lastError: event.message };
      break;
    case 'failed':
      if (state.status === 'transferring' || state.status === 'approved')
        return { ...state, status: 'failed', errorCode: event.code, lastError: event.message };
      break;
  }
  throw new AppError('STATE__INVALID_TRANSITION', { entity: 'claim', from: state.status, event: event.type });
}
