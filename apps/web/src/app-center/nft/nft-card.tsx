import type { NftStatus } from '@insignia/contract';
import { Link } from 'react-router-dom';
import { CopyableAddress } from '../copyable-address.tsx';
import { formatDateTime } from '../format.ts';
import { explorerUrl, nftVerifyPath } from '../links/explorer-url.ts';
import { LevelImage } from './level-image.tsx';

/** The person's level NFT: artwork, level and name, mint address, benefits, where to check it. */
export function NftCard({ status, network }: { status: NftStatus; network: string | undefined }) {
  const nft = status.currentNft;
  const explorer = nft && explorerUrl(network, 'address', nft.mintAddress);
  return (
    <section className="card nft-card" aria-labelledby="nft-title" data-testid="nft-card">
      <p className="eyebrow">Your level NFT</p>
      <div className="nft-card__top">
        <div className="nft-card__media">
          <LevelImage level={nft?.level ?? null} name={nft?.name} imageUri={nft?.imageUri} size={120} />
        </div>
        <div className="nft-card__body">
          {nft ? (
            <>
              <h2 id="nft-title" data-testid="nft-level">
                Level {nft.level} · {nft.name}
              </h2>
              <dl className="details details--compact">
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
            </>
          ) : (
            <>
              <h2 id="nft-title" data-testid="nft-level">
                No level NFT yet
              </h2>
              <p className="muted">
                Once you unlock a level, its NFT appears here and in your own Solana wallet. Each higher level
                replaces it.
              </p>
            </>
          )}
        </div>
      </div>
      {nft && (
        <>
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
          <p className="nft-card__links">
            <Link to={nftVerifyPath(nft.mintAddress)}>Public proof of this NFT</Link>
            {explorer && (
              <a href={explorer} target="_blank" rel="noreferrer">
                View on Solana Explorer
              </a>
            )}
          </p>
        </>
      )}
    </section>
  );
}
