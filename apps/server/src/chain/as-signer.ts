import { createNoopSigner, type Address, type TransactionSigner } from '@solana/kit';

/**
 * A signer for an address we do not hold the key of (a user's wallet) becomes a no-op signer:
 * its signature slot stays empty until the wallet signs.
 */
export function asSigner(value: Address | TransactionSigner): TransactionSigner {
  return typeof value === 'string' ? createNoopSigner(value) : value;
}

/** Use `signer` for `fallback`'s role when both are the same address (kit rejects two signers per address). */
export function sameSigner(
  preferred: TransactionSigner | undefined,
  fallback: TransactionSigner,
): TransactionSigner {
  return preferred === undefined || preferred.address === fallback.address ? fallback : preferred;
}
