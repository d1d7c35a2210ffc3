import type { PublicUser } from '@insignia/contract';
import { getBase58Decoder } from '@solana/kit';
import type { ApiClient } from '../api/client.ts';
import type { LinkableWallet } from './linkable-wallet.ts';

export type LinkStep = 'connecting' | 'signing' | 'linking';

/** A failure inside the wallet (locked, rejected, no account), worded for the person. */
export class WalletActionError extends Error {
  override readonly name = 'WalletActionError';
}

interface LinkWalletInput {
  api: Pick<ApiClient, 'getSiwsChallenge' | 'linkWallet'>;
  wallet: LinkableWallet;
  onStep: (step: LinkStep) => void;
}

/** "<what happened>: <wallet's reason>." — the wallet's own words, when it gave any. */
function withReason(what: string, error: unknown): string {
  const reason = error instanceof Error ? error.message.trim().replace(/\.$/, '') : '';
  return reason ? `${what}: ${reason}.` : `${what}.`;
}

/**
 * Proves the person owns a wallet and links it (Sign-In-With-Solana): connect, fetch the
 * server's challenge for the address, have the wallet sign it, send the signature back.
 * Resolves to the updated user; rejects with a WalletActionError or an ApiError.
 */
export async function linkWallet({ api, wallet, onStep }: LinkWalletInput): Promise<PublicUser> {
  onStep('connecting');
  let accounts;
  try {
    ({ accounts } = await wallet.features['standard:connect'].connect());
  } catch (error) {
    throw new WalletActionError(
      `${withReason(`${wallet.name} did not connect`, error)} Unlock it and try again.`,
    );
  }
  const account = accounts.find((a) => a.features.includes('solana:signMessage')) ?? accounts[0];
  if (!account) {
    throw new WalletActionError(
      `${wallet.name} did not share an account. Open it, select an account and try again.`,
    );
  }

  const challenge = await api.getSiwsChallenge(account.address);

  onStep('signing');
  let signed;
  try {
    [signed] = await wallet.features['solana:signMessage'].signMessage({
      account,
      message: new TextEncoder().encode(challenge.message),
    });
  } catch (error) {
    throw new WalletActionError(
      `${withReason(`${wallet.name} did not sign the message`, error)} You can try again.`,
    );
  }
  if (!signed) throw new WalletActionError(`${wallet.name} returned no signature. Please try again.`);

  onStep('linking');
  const { user } = await api.linkWallet({
    address: account.address,
    // What the wallet actually signed: the server checks it is its challenge.
    message: new TextDecoder().decode(signed.signedMessage),
    signature: getBase58Decoder().decode(signed.signature),
  });
  return user;
}
