import type { ErrorCode } from '@insignia/contract';
import type { claimSigningModes, claimStatuses } from './claims-schema.ts';
import { AppError } from '../errors/app-error.ts';

export type ClaimStatus = (typeof claimStatuses)[number];
export type ClaimSigningMode = (typeof claimSigningModes)[number];

/** The fields of a claim row the machine reads and writes. */
export interface ClaimState {
  status: ClaimStatus;
  signingMode: ClaimSigningMode | null;
  transferSignature: string | null;
  attempts: number;
  errorCode: ErrorCode | null;
  lastError: string | null;
  rejectReason: string | null;
}

/**
 * What can happen to a claim. `sent` is a signed transfer recorded just before it goes to the
 * chain; `expired` means it can no longer land (its blockhash passed) and did not; `deferred`
 * is a transfer that did not land for a reason that may pass (fees, a node refusing it).
 */
export type ClaimEvent =
  | { type: 'approved'; signingMode: ClaimSigningMode }
  | { type: 'rejected'; reason: string }
  | { type: 'sent'; signature: string }
  | { type: 'confirmed' }
  | { type: 'expired' }
  | { type: 'deferred'; code: ErrorCode; message: string }
  | { type: 'failed'; code: ErrorCode; message: string };

/** The issuance status that goes with a claim status (the badge's side of the same fact). */
export function issuanceStatusFor(status: ClaimStatus): 'claim_requested' | 'claimed' | 'in_vault' {
  if (status === 'completed') return 'claimed';
  if (status === 'rejected' || status === 'failed') return 'in_vault';
  return 'claim_requested';
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
  const next = (patch: Partial<ClaimState>): ClaimState => ({ ...state, ...patch });
  const s = state.status;
  switch (event.type) {
    case 'approved':
      if (s === 'pending') return next({ status: 'approved', signingMode: event.signingMode });
      break;
    case 'rejected':
      if (s === 'pending' || s === 'approved')
        return next({ status: 'rejected', rejectReason: event.reason });
      break;
    case 'sent':
      if (s === 'approved')
        return next({
          status: 'transferring',
          transferSignature: event.signature,
          attempts: state.attempts + 1,
        });
      break;
    case 'confirmed':
      // From `approved` too: the chain shows an earlier transfer of this claim arrived.
      if (s === 'transferring' || s === 'approved')
        return next({ status: 'completed', errorCode: null, lastError: null });
      break;
    case 'expired':
      if (s === 'transferring')
        return next({
          status: 'approved',
          errorCode: 'CLAIM__TRANSFER_EXPIRED',
          lastError: 'The transfer expired before it landed; a fresh one is needed.',
        });
      break;
    case 'deferred':
      if (s === 'transferring' || s === 'approved')
        return next({ status: 'approved', errorCode: event.code, lastError: event.message });
      break;
    case 'failed':
      if (s === 'transferring' || s === 'approved')
        return next({ status: 'failed', errorCode: event.code, lastError: event.message });
      break;
  }
  throw new AppError('STATE__INVALID_TRANSITION', { entity: 'claim', from: s, event: event.type });
}
