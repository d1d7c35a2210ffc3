import type { NftStatus } from '@insignia/contract';
import type { ReactNode } from 'react';
import { CopyableAddress } from '../copyable-address.tsx';
import { formatDateTime, formatUsd } from '../format.ts';
import { LevelImage } from './level-image.tsx';

/** The person's level NFT: image, level and name, mint address, benefits; `children` are the actions. */
export function NftCard({ status, children }: { status: NftStatus; children?: ReactNode }) {
  const nft = status.currentNft;
  const first = status.levels[0];
  return (
    <section className="card nft-card" aria-labelledby="nft-title" data-testid="nft-card">
      <div className="nft-card__top">
        <div className="nft-card__media">
          <LevelImage level={nft?.level ?? null} name={nft?.name} imageUri={nft?.imageUri} />
        </div>
        <div className="nft-card__body">
          <p className="eyebrow">Your level NFT</p>
          {nft ? (
            <>
              <h2 id="nft-title" data-testid="nft-level">
                Level {nft.level} · {nft.name}
              </h2>
              <dl className="details">
                <div>
                  <dt>Mint address</dt>
                  <dd>
                    <CopyableAddress address={nft.mintAddress} label="mint address" />
                  </dd>
                </div>
                <div>
                  <dt>Held since</dt>
                  <dd>{formatDateTime(nft.mintedAt)}</dd>
                </div>
              </dl>
              <h3 className="nft-card__subhead">Benefits</h3>
              {nft.benefits.length > 0 ? (
                <ul className="benefits" aria-label={`Benefits of Level ${nft.level}`}>
                  {nft.benefits.map((benefit) => (
                    <li key={benefit}>{benefit}</li>
                  ))}
                </ul>
              ) : (
                <p className="muted">No benefits are listed for this level.</p>
              )}
            </>
          ) : (
            <>
              <h2 id="nft-title" data-testid="nft-level">
                No level NFT yet
              </h2>
              <p className="muted">
                {first
                  ? `Level 1 (${first.name}) unlocks at ${formatUsd(first.minVolumeUsd)} of trading volume. Your NFT then lives in your own Solana wallet, and each higher level replaces it.`
                  : 'Levels have not been set up yet.'}
              </p>
            </>
          )}
        </div>
      </div>
      {children}
    </section>
  );
}
