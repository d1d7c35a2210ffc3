import type { NftStatus } from '@insignia/contract';
import { describeBlockReason } from '../nft/block-reason.ts';

/** Not there yet: how much volume (or which badges) the next level still needs, said once. */
export function QualifyStep({ status, walletLinked }: { status: NftStatus; walletLinked: boolean }) {
  const next = status.nextLevel;
  if (!next) return null;
  const percent = Math.round(next.progress * 1000) / 10;
  return (
    <>
      <p className="next-step__text" data-testid="nft-reason">
        {describeBlockReason(status)}
      </p>
      <div
        className="progress"
        role="progressbar"
        aria-label={`Trading volume toward Level ${next.level}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%`}
      >
        <div className="progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="next-step__caption">
        {next.missingVolumeUsd === '0' ? 'Volume reached' : `${Math.floor(percent)}% of the way`}
        {next.missingBadges.length > 0 &&
          ` · still needed: ${next.missingBadges.map((b) => b.name).join(', ')}`}
      </p>
      {!walletLinked && (
        <p className="next-step__aside">
          Meanwhile, <a href="#link-wallet-title">link a Solana wallet</a>: your NFT and badges go to it.
        </p>
      )}
    </>
  );
}
