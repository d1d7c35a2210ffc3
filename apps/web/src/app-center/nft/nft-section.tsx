import { SkeletonLines } from '../../layout/loading-notice.tsx';
import type { useNftStatus } from '../use-nft-status.ts';
import { NftCard } from './nft-card.tsx';
import { NftProgress } from './nft-progress.tsx';

interface NftSectionProps {
  nft: ReturnType<typeof useNftStatus>;
  network: string | undefined;
}

/**
 * The level NFT held and the ladder of levels. The unlock/upgrade flow itself lives in the
 * next-step panel on top; a load error is told there too, once.
 */
export function NftSection({ nft, network }: NftSectionProps) {
  if (nft.state.status === 'error') return null;
  if (nft.state.status === 'loading') {
    return (
      <div className="grid grid--nft">
        <section className="card" aria-label="Your level NFT">
          <SkeletonLines lines={4} label="Loading your level…" />
        </section>
        <section className="card" aria-label="Levels">
          <SkeletonLines lines={4} label="Loading the levels…" />
        </section>
      </div>
    );
  }
  const status = nft.state.data;
  return (
    <div className="grid grid--nft">
      <NftCard status={status} network={network} />
      <NftProgress status={status} />
    </div>
  );
}
