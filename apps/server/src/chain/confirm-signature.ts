import type { GetBlockHeightApi, GetSignatureStatusesApi, Rpc } from '@solana/kit';
import type { SendResult } from './send-result.ts';
import { createSignatureStatusBatcher, type SignatureWaiter } from './signature-status-batcher.ts';

export type ConfirmSignatureInput = SignatureWaiter &
  Readonly<{
    rpc: Rpc<GetSignatureStatusesApi & GetBlockHeightApi>;
    /** Default 400 ms. */
    pollIntervalMs?: number;
  }>;

/**
 * Tracks one signature alone until `commitment` is reached or the block height passes
 * `lastValidBlockHeight`; then searches the history once more (it can land at the last moment)
 * before declaring `expired`. Never re-signs. No endpoint reachable → `network` (call again later
 * with the same signature: the outcome is still decidable). Many signatures at once: share a
 * {@link createSignatureStatusBatcher} (the transaction sender does) instead.
 */
export async function confirmSignature(input: ConfirmSignatureInput): Promise<SendResult> {
  const { rpc, pollIntervalMs, ...waiter } = input;
  const batcher = createSignatureStatusBatcher({
    rpc,
    ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
  });
  try {
    return await batcher.confirm(waiter);
  } finally {
    batcher.close();
  }
}
