import {
  getSolanaErrorFromTransactionError,
  type GetSignatureStatusesApi,
  type Rpc,
  type Signature,
} from '@solana/kit';
import type { SendResult } from '../chain/send-result.ts';
import { describeSendFailure } from './describe-send-failure.ts';
import type { TransactionOutcome } from './settle-issuance-transaction.ts';

/** A send outcome as a settlement, or undefined while it is still undecided (no RPC answered). */
export function outcomeOf(result: SendResult): TransactionOutcome | undefined {
  if (result.status === 'confirmed') return { kind: 'confirmed' };
  if (result.status === 'network') return undefined;
  if (result.status === 'expired') return { kind: 'expired' };
  return { kind: 'failed', ...describeSendFailure(result) };
}

/**
 * Where a recorded transaction stands on chain, without sending anything: landed (confirmed
 * or failed), or undefined when the chain has not seen it (or only at `processed`).
 */
export async function lookUpTransaction(
  rpc: Rpc<GetSignatureStatusesApi>,
  signature: Signature,
): Promise<TransactionOutcome | undefined> {
  const { value } = await rpc.getSignatureStatuses([signature], { searchTransactionHistory: true }).send();
  const status = value[0];
  if (!status) return undefined;
  if (status.err) {
    const error = getSolanaErrorFromTransactionError(status.err);
    return { kind: 'failed', code: 'CHAIN__TRANSACTION_FAILED', message: error.message };
  }
  return status.confirmationStatus === 'processed' ? undefined : { kind: 'confirmed' };
}
