import type { Level, NftRequestView } from '@insignia/contract';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { explorerUrl, nftVerifyPath } from '../links/explorer-url.ts';
import { LevelImage, levelArt } from './level-image.tsx';
import type { NftKind } from './nft-flow.ts';

interface NftSuccessProps {
  kind: NftKind;
  request: NftRequestView;
  levels: readonly Level[];
  /** Public config's network name: decides whether an explorer link exists. */
  network: string | undefined;
  onClose: () => void;
}

/** The moment a level is won: its artwork large, what it unlocks, and where to see it. */
export function NftSuccess({ kind, request, levels, network, onClose }: NftSuccessProps) {
  const level = levels.find((l) => l.level === request.toLevel);
  const heading = useRef<HTMLHeadingElement>(null);
  // Screen readers and keyboards land on the news, not on a button that has gone.
  useEffect(() => heading.current?.focus(), []);
  const explorer = explorerUrl(network, 'address', request.mintAddress);
  const tx = request.mintSignature && explorerUrl(network, 'tx', request.mintSignature);
  return (
    <div className="success" role="status" data-testid="nft-success">
      <div className="success__art">
        <LevelImage level={request.toLevel} name={level?.name} imageUri={levelArt(level)} size={200} />
      </div>
      <div className="success__body">
        <p className="eyebrow success__eyebrow">{kind === 'unlock' ? 'Unlocked' : 'Upgraded'}</p>
        <h2 className="success__title" ref={heading} tabIndex={-1}>
          {kind === 'unlock' ? `Level ${request.toLevel} unlocked!` : `Upgraded to Level ${request.toLevel}!`}
        </h2>
        <p className="success__name">
          {level?.name ?? `Level ${request.toLevel}`} is now in your wallet, as an NFT only you hold.
        </p>
        {level && level.benefits.length > 0 && (
          <>
            <h3 className="success__subhead">What it unlocks</h3>
            <ul className="benefits" aria-label={`Benefits of Level ${request.toLevel}`}>
              {level.benefits.map((benefit) => (
                <li key={benefit}>{benefit}</li>
              ))}
            </ul>
          </>
        )}
        <div className="actions">
          <Link className="button button--primary" to={nftVerifyPath(request.mintAddress)}>
            See its public proof
          </Link>
          {explorer && (
            <a className="button" href={explorer} target="_blank" rel="noreferrer">
              View on Solana Explorer
            </a>
          )}
          {tx && (
            <a className="button button--ghost" href={tx} target="_blank" rel="noreferrer">
              The transaction
            </a>
          )}
          <button type="button" className="button button--ghost" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </div>
  );
}
