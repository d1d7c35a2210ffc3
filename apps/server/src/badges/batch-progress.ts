import type { IssuanceCounts } from '@insignia/contract';
import type { IssuanceStatus, IssuanceTransactionStatus } from './issuance-machine.ts';

export type BatchStatus = 'draft' | 'uploading' | 'awaiting_signature' | 'minting' | 'completed' | 'failed';

/** Counts of a batch's issuances by status, in the API's shape. */
export function toIssuanceCounts(byStatus: ReadonlyMap<IssuanceStatus, number>): IssuanceCounts {
  const n = (s: IssuanceStatus) => byStatus.get(s) ?? 0;
  const total = [...byStatus.values()].reduce((a, b) => a + b, 0);
  const done = n('issued') + n('in_vault') + n('claim_requested') + n('claimed') + n('failed');
  return {
    total,
    pending: n('pending'),
    uploaded: n('uploaded'),
    minting: n('minting'),
    issued: n('issued'),
    inVault: n('in_vault'),
    claimRequested: n('claim_requested'),
    claimed: n('claimed'),
    failed: n('failed'),
    done,
  };
}

/**
 * Where a batch stands, from its issuances and transactions: uploading payloads, waiting for
 * the admin wallet, minting, or done (`failed` only when every issuance failed).
 */
export function batchStatusFor(
  counts: IssuanceCounts,
  signingMode: 'server' | 'admin_wallet',
  transactions: ReadonlyMap<IssuanceTransactionStatus, number>,
): BatchStatus {
  if (counts.pending > 0) return 'uploading';
  if (counts.uploaded + counts.minting > 0) {
    const unsigned = (transactions.get('awaiting_signature') ?? 0) > 0;
    return signingMode === 'admin_wallet' && (counts.uploaded > 0 || unsigned)
      ? 'awaiting_signature'
      : 'minting';
  }
  if (counts.total > 0 && counts.failed === counts.total) return 'failed';
  return 'completed';
}
