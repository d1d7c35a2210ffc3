import type { badgeIssuanceStatuses, issuanceTransactionStatuses } from './badges-schema.ts';
import { AppError } from '../errors/app-error.ts';

export type IssuanceStatus = (typeof badgeIssuanceStatuses)[number];
export type IssuanceTransactionStatus = (typeof issuanceTransactionStatuses)[number];

/** The fields of an issuance row the machine reads and writes. */
export interface IssuanceState {
  status: IssuanceStatus;
  destination: 'wallet' | 'vault' | 'none';
  /** Whether the payload is on IPFS already (a retry then skips the upload). */
  hasPayload: boolean;
  attempts: number;
  mintSignature: string | null;
  lastError: string | null;
}

/**
 * What happens to an issuance: its payload reaching IPFS, its mint transaction being packed,
 * landing, failing or expiring, a wallet found already holding the badge, an admin retry.
 */
export type IssuanceEvent =
  | { type: 'uploaded' }
  | { type: 'upload_failed'; message: string }
  | { type: 'packed' }
  | { type: 'minted'; signature: string }
  | { type: 'already_held' }
  | { type: 'mint_failed'; message: string }
  | { type: 'mint_expired' }
  | { type: 'retry' };

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

/**
 * The issuance lifecycle as one pure function:
 * `pending` (payload not on IPFS yet) → `uploaded` → `minting` (in a packed transaction) →
 * `issued` (wallet) or `in_vault`; database-only badges go from `pending` to `issued` at once.
 * A failed upload or mint is retried up to {@link MAX_ISSUANCE_ATTEMPTS}, then `failed`; an
 * admin retry starts a failed issuance over with a fresh budget. An expired transaction never
 * landed, so its issuances are packed again without using an attempt.
 */
export function transitionIssuance(state: IssuanceState, event: IssuanceEvent): IssuanceState {
  const next = (patch: Partial<IssuanceState>): IssuanceState => ({ ...state, ...patch });
  const failOr = (retryStatus: IssuanceStatus, message: string) => {
    const attempts = state.attempts + 1;
    return next({
      status: attempts >= MAX_ISSUANCE_ATTEMPTS ? 'failed' : retryStatus,
      attempts,
      lastError: message,
    });
  };
  const s = state.status;
  switch (event.type) {
    case 'uploaded':
      if (s === 'pending')
        return next({
          status: state.destination === 'none' ? 'issued' : 'uploaded',
          hasPayload: true,
          lastError: null,
        });
      break;
    case 'upload_failed':
      if (s === 'pending') return failOr('pending', event.message);
      break;
    case 'packed':
      if (s === 'uploaded' && state.destination !== 'none') return next({ status: 'minting' });
      break;
    case 'minted':
      if (s === 'minting')
        return next({
          status: state.destination === 'wallet' ? 'issued' : 'in_vault',
          mintSignature: event.signature,
          lastError: null,
        });
      break;
    case 'already_held':
      if (s === 'uploaded' && state.destination === 'wallet')
        return next({ status: 'issued', lastError: null });
      break;
    case 'mint_failed':
      if (s === 'minting') return failOr('uploaded', event.message);
      break;
    case 'mint_expired':
      if (s === 'minting') return next({ status: 'uploaded' });
      break;
    case 'retry':
      if (s === 'failed')
        return next({ status: state.hasPayload ? 'uploaded' : 'pending', attempts: 0, lastError: null });
      break;
  }
  throw new AppError('STATE__INVALID_TRANSITION', { entity: 'issuance', from: s, event: event.type });
}

export type IssuanceTransactionEvent = 'signed' | 'confirmed' | 'failed' | 'expired';

/**
 * A packed mint transaction: `awaiting_signature` (admin wallet mode) → `sent` → `confirmed`,
 * `failed` or `expired`. An unsigned one can also be found `confirmed` (the wallet sent it
 * itself) or `expired`. The last three are final.
 */
export function transitionIssuanceTransaction(
  status: IssuanceTransactionStatus,
  event: IssuanceTransactionEvent,
): IssuanceTransactionStatus {
  if (status === 'awaiting_signature' && event === 'signed') return 'sent';
  if ((status === 'awaiting_signature' || status === 'sent') && event !== 'signed') return event;
  throw new AppError('STATE__INVALID_TRANSITION', { entity: 'issuance_transaction', from: status, event });
}
