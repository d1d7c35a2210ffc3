import type { IssuanceRow, IssuanceTransactionRow } from './issuance-store.ts';
import type { IssuanceState, IssuanceTransactionState } from './issuance-machine.ts';
import { AppError } from '../errors/app-error.ts';

/** A row that no state of the machine describes: a bug or a hand edit, never acted upon. */
const inconsistent = (what: string, id: string, why: string) =>
  new AppError('INTERNAL', undefined, { message: `${what} ${id} is inconsistent: ${why}.` });

/**
 * The issuance state a row holds. Refuses a row whose fields contradict its status (a vaulted
 * badge without its mint signature, a payload missing where one must be, …).
 */
export function toIssuanceState(
  r: Pick<
    IssuanceRow,
    'id' | 'status' | 'destination' | 'metadataCid' | 'mintSignature' | 'attempts' | 'lastError'
  >,
): IssuanceState {
  const { attempts, destination, lastError, mintSignature } = r;
  const fail = (why: string) => inconsistent('issuance', r.id, why);
  const hasPayload = r.metadataCid !== null;
  switch (r.status) {
    case 'pending':
      if (hasPayload || mintSignature !== null) throw fail('pending with a payload or a mint');
      return { status: 'pending', destination, attempts, lastError };
    case 'uploaded':
    case 'minting':
      if (destination === 'none' || !hasPayload || mintSignature !== null)
        throw fail(`${r.status} needs an on-chain destination, a payload and no mint`);
      return { status: r.status, destination, attempts, lastError };
    case 'issued':
      if (destination === 'wallet') return { status: 'issued', destination, attempts, mintSignature };
      if (destination === 'none' && mintSignature === null)
        return { status: 'issued', destination, attempts, mintSignature };
      throw fail('issued to the vault, or database-only with a mint');
    case 'in_vault':
    case 'claim_requested':
    case 'claimed':
      if (destination !== 'vault' || mintSignature === null)
        throw fail(`${r.status} needs the vault and its mint signature`);
      return { status: r.status, destination, attempts, mintSignature };
    case 'failed':
      if (lastError === null) throw fail('failed without an error');
      return { status: 'failed', destination, hasPayload, attempts, lastError };
  }
}

/** The columns an issuance state owns, as written back to its row. */
export function issuanceColumns(state: IssuanceState) {
  return {
    status: state.status,
    attempts: state.attempts,
    mintSignature: 'mintSignature' in state ? state.mintSignature : null,
    lastError: 'lastError' in state ? state.lastError : null,
  };
}

/** The state of a packed transaction's row; refuses a row whose fields contradict its status. */
export function toIssuanceTransactionState(
  r: Pick<
    IssuanceTransactionRow,
    'id' | 'status' | 'signingMode' | 'confirmedAt' | 'errorCode' | 'lastError'
  >,
): IssuanceTransactionState {
  const fail = (why: string) => inconsistent('issuance transaction', r.id, why);
  const { signingMode } = r;
  switch (r.status) {
    case 'awaiting_signature':
      if (signingMode !== 'admin_wallet') throw fail('a server-signed transaction awaiting a signature');
      return { status: 'awaiting_signature', signingMode };
    case 'sent':
      return { status: 'sent', signingMode };
    case 'confirmed':
      if (r.confirmedAt === null) throw fail('confirmed without a time');
      return { status: 'confirmed', signingMode, confirmedAt: r.confirmedAt };
    case 'failed':
      if (r.errorCode === null || r.lastError === null) throw fail('failed without an error');
      return { status: 'failed', signingMode, errorCode: r.errorCode, lastError: r.lastError };
    case 'expired':
      if (r.errorCode !== 'CHAIN__EXPIRED') throw fail('expired without CHAIN__EXPIRED');
      return { status: 'expired', signingMode, errorCode: r.errorCode };
  }
}

/** The columns a transaction state owns, as written back to its row. */
export function issuanceTransactionColumns(state: IssuanceTransactionState) {
  return {
    status: state.status,
    confirmedAt: state.status === 'confirmed' ? state.confirmedAt : null,
    errorCode: 'errorCode' in state ? state.errorCode : null,
    lastError: 'lastError' in state ? state.lastError : null,
  };
}
