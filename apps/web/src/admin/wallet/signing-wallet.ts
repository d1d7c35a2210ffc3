import type { SolanaSignTransactionFeature } from '@solana/wallet-standard-features';
import type { Wallet, WalletAccount, WalletWithFeatures } from '@wallet-standard/base';
import type { StandardConnectFeature } from '@wallet-standard/features';

/** A Wallet Standard wallet that can connect and sign transactions: what admin signing needs. */
export type SigningWallet = WalletWithFeatures<StandardConnectFeature & SolanaSignTransactionFeature>;

export function isSigningWallet(wallet: Wallet): wallet is SigningWallet {
  return 'standard:connect' in wallet.features && 'solana:signTransaction' in wallet.features;
}

/** A failure inside the wallet (locked, rejected, no account), worded for the person. */
export class WalletSigningError extends Error {
  override readonly name = 'WalletSigningError';
}

function reason(error: unknown): string {
  const text = error instanceof Error ? error.message.trim().replace(/\.$/, '') : '';
  return text ? `: ${text}.` : '.';
}

/** Asks the wallet to connect and returns the account that can sign transactions. */
export async function connectSigningWallet(wallet: SigningWallet): Promise<WalletAccount> {
  let accounts: readonly WalletAccount[];
  try {
    ({ accounts } = await wallet.features['standard:connect'].connect());
  } catch (error) {
    throw new WalletSigningError(`${wallet.name} did not connect${reason(error)} Unlock it and try again.`);
  }
  const account = accounts.find((a) => a.features.includes('solana:signTransaction')) ?? accounts[0];
  if (!account) throw new WalletSigningError(`${wallet.name} did not share an account.`);
  return account;
}

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

/**
 * Has the wallet sign every transaction (base64 wire format) in one request, as
 * `signAllTransactions` does: the wallet shows them together and the person approves once.
 * Resolves to the signed transactions in the same order.
 */
export async function signAllTransactions(
  wallet: SigningWallet,
  account: WalletAccount,
  transactions: readonly string[],
): Promise<string[]> {
  let outputs;
  try {
    outputs = await wallet.features['solana:signTransaction'].signTransaction(
      ...transactions.map((t) => ({ account, transaction: fromBase64(t) })),
    );
  } catch (error) {
    throw new WalletSigningError(
      `${wallet.name} did not sign${reason(error)} Nothing was sent; you can try again.`,
    );
  }
  if (outputs.length !== transactions.length) {
    throw new WalletSigningError(
      `${wallet.name} returned ${outputs.length} of ${transactions.length} signed transactions. Nothing was sent.`,
    );
  }
  return outputs.map((o) => toBase64(o.signedTransaction));
}
