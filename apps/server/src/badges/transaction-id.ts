import type { Signature } from '@solana/kit';
import type { PreparedTransaction } from '../chain/prepare-transaction.ts';
import { AppError } from '../errors/app-error.ts';

/**
 * The id of a transaction the platform authority pays for: its signature, present as soon as
 * the authority has signed. Its absence is a bug on our side.
 */
export function transactionId(prepared: PreparedTransaction): Signature {
  if (prepared.signature === undefined)
    throw new AppError('INTERNAL', undefined, {
      message: 'A prepared transaction lacks its fee payer signature.',
    });
  return prepared.signature;
}
