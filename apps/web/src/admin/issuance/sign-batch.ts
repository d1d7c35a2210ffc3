import type { AdminApi } from '../api/admin-api.ts';
import { signAllTransactions } from '../wallet/signing-wallet.ts';
import type { SigningWalletState } from '../wallet/use-signing-wallet.ts';

export type SignBatchStep = 'preparing' | 'signing' | 'sending';

const PREPARE_POLL_MS = 1_000;
const PREPARE_WAIT_MS = 120_000;

/**
 * The batch's transactions waiting for the wallet. They are packed from issuances whose
 * metadata is on IPFS, which the worker uploads first: while some are still uploading or
 * waiting to be packed, wait.
 */
async function preparedTransactions(api: AdminApi, batchId: string) {
  const deadline = Date.now() + PREPARE_WAIT_MS;
  for (;;) {
    const prepared = await api.badges.batchTransactions(batchId);
    if (prepared.transactions.length > 0) return prepared;
    const { batch } = await api.badges.batch(batchId, { limit: 1, offset: 0 });
    // Uploaded but not yet packed into a transaction counts as still coming.
    const coming = batch.counts.pending + batch.counts.uploaded;
    if (coming === 0 || Date.now() > deadline) return prepared;
    await new Promise((resolve) => setTimeout(resolve, PREPARE_POLL_MS));
  }
}

/**
 * admin_wallet mode: fetches the batch's prepared mint transactions (already co-signed by the
 * authority), has the admin's wallet sign them all in one request, and hands them back to be
 * sent. Resolves to how many the server accepted.
 */
export async function signBatchWithWallet(
  api: AdminApi,
  batchId: string,
  wallet: SigningWalletState,
  onStep: (step: SignBatchStep) => void,
): Promise<number> {
  if (wallet.status !== 'connected') throw new Error('Connect your wallet first.');
  onStep('preparing');
  const prepared = await preparedTransactions(api, batchId);
  if (prepared.transactions.length === 0) return 0;
  if (prepared.adminWallet !== wallet.account.address) {
    throw new Error(
      `This batch must be signed by ${prepared.adminWallet}, but the connected wallet is ${wallet.account.address}.`,
    );
  }
  onStep('signing');
  const signed = await signAllTransactions(
    wallet.wallet,
    wallet.account,
    prepared.transactions.map((t) => t.transaction),
  );
  onStep('sending');
  const result = await api.badges.submitSignedBatch(batchId, signed);
  return result.results.filter((r) => r.status === 'sent' || r.status === 'confirmed').length;
}

export const signBatchStepText: Record<SignBatchStep, string> = {
  preparing: 'Preparing the transactions (the metadata goes to IPFS first)…',
  signing: 'Approve the transactions in your wallet…',
  sending: 'Sending the signed transactions…',
};
