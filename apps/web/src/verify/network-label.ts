import type { VerificationNetwork } from '@insignia/contract';

/** How each network is named on a verification page. */
export const networkLabel: Record<VerificationNetwork, string> = {
  mainnet: 'Solana mainnet',
  devnet: 'Solana devnet',
  testnet: 'Solana testnet',
  local: 'Local test network (no public explorer)',
  other: 'Private Solana network (no public explorer)',
};
