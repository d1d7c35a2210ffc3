import type { GetGenesisHashApi, Rpc } from '@solana/kit';
import type { VerificationNetwork } from '@insignia/contract';

/** Genesis hashes of the public clusters, which is how explorers tell them apart too. */
const publicClusters: Readonly<Record<string, VerificationNetwork>> = {
  '5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuqDc9ZhvAq': 'mainnet',
  EtWTRABZaYq6iMfeYKouRu166VL2xqa1wcmE6CdMcpuM: 'devnet',
  '4uhcVJyU9pJkvQyS88uRDiswHXSCkY3zQawwpjk2NsNY': 'testnet',
};

/**
 * Which cluster the platform's tokens live on, asked once per process: the bundled validator
 * is `local` (no explorer knows it); otherwise the genesis hash names the public cluster, or
 * `other` (a private cluster). A failed RPC call is asked again next time.
 */
export function createNetworkDetector(deps: {
  rpc: Rpc<GetGenesisHashApi>;
  bundledValidator: boolean;
}): () => Promise<VerificationNetwork> {
  let known: Promise<VerificationNetwork> | undefined;
  return () => {
    if (deps.bundledValidator) return Promise.resolve('local');
    known ??= deps.rpc
      .getGenesisHash()
      .send()
      .then((hash) => publicClusters[hash] ?? 'other')
      .catch(() => {
        known = undefined;
        return 'other' as const;
      });
    return known;
  };
}
