import type { SubmitNftRequest } from '@insignia/contract';
import { getBase58Decoder, getBase64Decoder, getBase64Encoder } from '@solana/kit';
import type { IdentifierString, WalletAccount } from '@wallet-standard/base';
import { WalletActionError } from './link-wallet.ts';
import type { SigningWallet } from './signing-wallet.ts';
import { shortAddress } from './short-address.ts';

export interface SignWithWalletInput {
  wallet: SigningWallet;
  /** The linked wallet address: the account that must sign. */
  address: string;
  /** Base64 wire transaction from the server, partially signed. */
  transaction: string;
  /** Wallet Standard chain, e.g. `solana:localnet`; omitted when unknown. */
  chain?: IdentifierString;
}

/** "<what happened>: <wallet's reason>." — the wallet's own words, when it gave any. */
function withReason(what: string, error: unknown): string {
  const reason = error instanceof Error ? error.message.trim().replace(/\.$/, '') : '';
  return reason ? `${what}: ${reason}.` : `${what}.`;
}

async function accountFor(wallet: SigningWallet, address: string): Promise<WalletAccount> {
  const connected = wallet.accounts.find((a) => a.address === address);
  if (connected) return connected;
  let accounts: readonly WalletAccount[];
  try {
    ({ accounts } = await wallet.features['standard:connect'].connect());
  } catch (error) {
    throw new WalletActionError(
      `${withReason(`${wallet.name} did not connect`, error)} Unlock it and try again.`,
    );
  }
  const account = accounts.find((a) => a.address === address);
  if (!account) {
    const shared = accounts[0] ? ` It offered ${shortAddress(accounts[0].address)} instead.` : '';
    throw new WalletActionError(
      `${wallet.name} is not using ${shortAddress(address)}, the wallet that must sign this.${shared} Sign with the wallet that holds ${shortAddress(address)}, or switch to that account in ${wallet.name}, then try again.`,
    );
  }
  return account;
}

/**
 * Has the person's wallet sign a transaction the server prepared. Resolves to the body for
 * `POST /api/nft/requests/:id/submit`: the signed transaction, or — for a wallet that can only
 * sign and send — the signature of what it sent. Rejects with a {@link WalletActionError}.
 */
export async function signWithWallet(input: SignWithWalletInput): Promise<SubmitNftRequest> {
  const { wallet } = input;
  const account = await accountFor(wallet, input.address);
  const transaction = new Uint8Array(getBase64Encoder().encode(input.transaction));
  const chain = input.chain ? { chain: input.chain } : {};

  const signFeature = wallet.features['solana:signTransaction'];
  if (signFeature && account.features.includes('solana:signTransaction')) {
    let signed;
    try {
      [signed] = await signFeature.signTransaction({ account, transaction, ...chain });
    } catch (error) {
      throw new WalletActionError(
        `${withReason(`${wallet.name} did not sign the transaction`, error)} Nothing was sent; you can try again.`,
      );
    }
    if (!signed) throw new WalletActionError(`${wallet.name} returned no transaction. Please try again.`);
    return { signedTransaction: getBase64Decoder().decode(signed.signedTransaction) };
  }

  const sendFeature = wallet.features['solana:signAndSendTransaction'];
  if (!sendFeature || !input.chain) {
    throw new WalletActionError(`${wallet.name} cannot sign transactions. Use another wallet.`);
  }
  let sent;
  try {
    [sent] = await sendFeature.signAndSendTransaction({ account, transaction, chain: input.chain });
  } catch (error) {
    throw new WalletActionError(
      `${withReason(`${wallet.name} did not sign and send the transaction`, error)} You can try again.`,
    );
  }
  if (!sent) throw new WalletActionError(`${wallet.name} returned no signature. Please try again.`);
  return { signature: getBase58Decoder().decode(sent.signature) };
}
