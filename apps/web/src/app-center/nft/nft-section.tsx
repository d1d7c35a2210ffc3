import type { IdentifierString } from '@wallet-standard/base';
import { useAuth } from '../../auth/auth-context.tsx';
import { ErrorNotice } from '../../layout/error-notice.tsx';
import { LoadingNotice } from '../../layout/loading-notice.tsx';
import type { useNftStatus } from '../use-nft-status.ts';
import { NftActions } from './nft-actions.tsx';
import { NftCard } from './nft-card.tsx';
import { NftProgress } from './nft-progress.tsx';
import { useNftFlow } from './use-nft-flow.ts';

interface NftSectionProps {
  nft: ReturnType<typeof useNftStatus>;
  chain: IdentifierString | undefined;
  faucet: boolean;
}

/** The level NFT half of the Personal Center: card, progress and the unlock/upgrade flow. */
export function NftSection({ nft, chain, faucet }: NftSectionProps) {
  const { api } = useAuth();
  const data = nft.state.status === 'ready' ? nft.state.data : undefined;
  const flow = useNftFlow({
    api,
    walletAddress: data?.walletAddress ?? null,
    chain,
    openRequest: data?.openRequest,
    onChanged: nft.reload,
  });

  if (nft.state.status === 'loading') {
    return (
      <section className="card" aria-labelledby="nft-title">
        <h2 id="nft-title">Your level NFT</h2>
        <LoadingNotice label="Loading your level and progress…" />
      </section>
    );
  }
  if (nft.state.status === 'error') {
    return (
      <section className="card" aria-labelledby="nft-title">
        <h2 id="nft-title">Your level NFT</h2>
        <ErrorNotice title="Could not load your level" message={nft.state.message} onRetry={nft.retry} />
      </section>
    );
  }
  const status = nft.state.data;
  return (
    <div className="grid grid--nft">
      <NftCard status={status}>
        <NftActions status={status} flow={flow} faucet={faucet} />
      </NftCard>
      <NftProgress status={status} />
    </div>
  );
}
