import type {
  SolanaSignAndSendTransactionFeature,
  SolanaSignTransactionFeature,
} from '@solana/wallet-standard-features';
import type { Wallet, WalletWithFeatures } from '@wallet-standard/base';
import type { StandardConnectFeature } from '@wallet-standard/features';

/**
 * A Wallet Standard wallet that can sign a transaction the server prepared: with
 * `solana:signTransaction` (preferred: the server sends it), or `solana:signAndSendTransaction`
 * (the wallet sends it and the app reports the signature).
 */
export type SigningWallet = WalletWithFeatures<
  StandardConnectFeature & Partial<SolanaSignTransactionFeature & SolanaSignAndSendTransactionFeature>
>;

export function isSigningWallet(wallet: Wallet): wallet is SigningWallet {
  return (
    'standard:connect' in wallet.features &&
    ('solana:signTransaction' in wallet.features || 'solana:signAndSendTransaction' in wallet.features)
  );
}
