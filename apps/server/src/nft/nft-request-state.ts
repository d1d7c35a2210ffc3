import type { ErrorCode } from '@insignia/contract';
import type { Signature } from '@solana/kit';
import type { nftRequestStatuses } from './nft-schema.ts';
import { AppError } from '../errors/app-error.ts';
import type { MaybeStoredError, NoStoredError, StoredError } from '../errors/stored-error-fields.ts';

export type NftRequestStatus = (typeof nftRequestStatuses)[number];
export type NftRequestMode = 'user_signed' | 'atomic' | 'two_step';
/** Modes where the user's one transaction does everything (no server mint after it). */
type OneStepMode = Exclude<NftRequestMode, 'two_step'>;

interface Common {
  attempts: number;
}

/**
 * The fields of a request row the machine reads and writes, one shape per status: a status
 * carries exactly what is known in it (a `submitted` request has its mint signature, a
 * `failed` one its error), so code holding a state never checks for a missing field.
 */
export type NftRequestState =
  | (Common &
      MaybeStoredError & {
        status: 'awaiting_signature';
        mode: OneStepMode;
        burnSignature: null;
        mintSignature: null;
      })
  | (Common &
      MaybeStoredError & {
        status: 'awaiting_burn_signature';
        mode: 'two_step';
        burnSignature: null;
        mintSignature: null;
      })
  | (Common &
      NoStoredError & {
        status: 'submitted';
        mode: OneStepMode;
        burnSignature: null;
        mintSignature: Signature;
      })
  | (Common &
      NoStoredError & {
        status: 'burn_submitted';
        mode: 'two_step';
        burnSignature: Signature;
        mintSignature: null;
      })
  | (Common &
      MaybeStoredError & {
        status: 'burn_confirmed';
        mode: 'two_step';
        /** Null only when the burn was found on chain by a node keeping no history. */
        burnSignature: Signature | null;
        mintSignature: null;
      })
  | (Common &
      MaybeStoredError & {
        status: 'mint_submitted';
        mode: 'two_step';
        burnSignature: Signature | null;
        mintSignature: Signature;
      })
  | (Common &
      NoStoredError & {
        status: 'completed';
        mode: NftRequestMode;
        burnSignature: Signature | null;
        /** Null only when the transaction was found on chain by a node keeping no history. */
        mintSignature: Signature | null;
      })
  | (Common &
      MaybeStoredError & {
        status: 'expired';
        mode: NftRequestMode;
        burnSignature: null;
        mintSignature: null;
      })
  | (Common &
      StoredError & {
        status: 'failed';
        mode: NftRequestMode;
        burnSignature: Signature | null;
        mintSignature: Signature | null;
      })
  | (Common &
      StoredError & {
        status: 'needs_compensation' | 'compensated';
        mode: 'two_step';
        burnSignature: Signature | null;
        mintSignature: null;
      });

/** A request row's machine fields as the database holds them (flat and nullable). */
export interface NftRequestFields {
  mode: NftRequestMode;
  status: NftRequestStatus;
  attempts: number;
  burnSignature: Signature | null;
  mintSignature: Signature | null;
  errorCode: ErrorCode | null;
  lastError: string | null;
}

/**
 * The machine state of a stored row, or INTERNAL if the row is one no transition can produce
 * (a status without its signature or error): a bug or a hand edit to look at, never something
 * the caller did, so it is not reported as a refused transition.
 */
export function toNftRequestState(f: NftRequestFields): NftRequestState {
  const { mode, attempts, burnSignature: burn, mintSignature: mint, errorCode, lastError } = f;
  const maybe = { attempts, errorCode, lastError };
  const none = errorCode === null && lastError === null ? { attempts, errorCode, lastError } : null;
  const withError = errorCode !== null && lastError !== null ? { attempts, errorCode, lastError } : null;
  switch (f.status) {
    case 'awaiting_signature':
      if (mode !== 'two_step' && burn === null && mint === null)
        return { ...maybe, status: f.status, mode, burnSignature: burn, mintSignature: mint };
      break;
    case 'awaiting_burn_signature':
      if (mode === 'two_step' && burn === null && mint === null)
        return { ...maybe, status: f.status, mode, burnSignature: burn, mintSignature: mint };
      break;
    case 'submitted':
      if (mode !== 'two_step' && burn === null && mint !== null && none)
        return { ...none, status: f.status, mode, burnSignature: burn, mintSignature: mint };
      break;
    case 'burn_submitted':
      if (mode === 'two_step' && burn !== null && mint === null && none)
        return { ...none, status: f.status, mode, burnSignature: burn, mintSignature: mint };
      break;
    case 'burn_confirmed':
      if (mode === 'two_step' && mint === null)
        return { ...maybe, status: f.status, mode, burnSignature: burn, mintSignature: mint };
      break;
    case 'mint_submitted':
      if (mode === 'two_step' && mint !== null)
        return { ...maybe, status: f.status, mode, burnSignature: burn, mintSignature: mint };
      break;
    case 'completed':
      if (none) return { ...none, status: f.status, mode, burnSignature: burn, mintSignature: mint };
      break;
    case 'expired':
      if (burn === null && mint === null)
        return { ...maybe, status: f.status, mode, burnSignature: burn, mintSignature: mint };
      break;
    case 'failed':
      if (withError)
        return { ...withError, status: f.status, mode, burnSignature: burn, mintSignature: mint };
      break;
    case 'needs_compensation':
    case 'compensated':
      if (mode === 'two_step' && mint === null && withError)
        return { ...withError, status: f.status, mode, burnSignature: burn, mintSignature: mint };
      break;
  }
  throw new AppError('INTERNAL', undefined, {
    message: `An nft request row in status ${f.status} (${mode}) lacks the fields of that status.`,
  });
}
