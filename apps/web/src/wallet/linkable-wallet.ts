import type { SolanaSignMessageFeature } from '@solana/wallet-standard-features';
import type { Wallet, WalletWithFeatures } from '@wallet-standard/base';
import type { StandardConnectFeature } from '@wallet-standard/features';

/** A Wallet Standard wallet that can connect and sign messages: enough to prove ownership. */
export type LinkableWallet = WalletWithFeatures<StandardConnectFeature & SolanaSignMessageFeature>;

export function isLinkableWallet(wallet: Wallet): wallet is LinkableWallet {
  return 'standard:connect' in wallet.features && 'solana:signMessage' in wallet.features;
}

/** Solana wallets are the ones declaring at least one `solana:` chain. */
export function isSolanaWallet(wallet: Wallet): boolean {
  return wallet.chains.some((chain) => chain.startsWith('solana:'));
}
