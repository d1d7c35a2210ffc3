import type { NftStatus } from '@insignia/contract';
import { SkeletonLines } from '../../layout/loading-notice.tsx';
import { BadgeImage } from '../badges/badge-image.tsx';
import { UnclaimedPrompt } from '../badges/unclaimed-prompt.tsx';
import { LevelImage, levelArt } from '../nft/level-image.tsx';
import { NftActions } from '../nft/nft-actions.tsx';
import { ClaimPending, DeclinedClaims } from './claim-steps.tsx';
import type { NextStepPanelProps } from './next-step-panel.tsx';
import { QualifyStep } from './qualify-step.tsx';

const levelTitle = (level: { level: number; name: string }) => `Level ${level.level} · ${level.name}`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** What the panel shows for a step: the picture, the words, and the one thing to do. */
export function nextStepContent(props: NextStepPanelProps, status: NftStatus) {
  const { step, badges, flow, faucet, network } = props;
  const nftActions = <NftActions status={status} flow={flow} faucet={faucet} network={network} />;
  const next = status.nextLevel;
  const nextArt = next && (
    <LevelImage
      level={next.level}
      name={next.name}
      imageUri={levelArt(status.levels.find((l) => l.level === next.level))}
      size={120}
    />
  );
  const badgeData = badges.state.status === 'ready' ? badges.state.data : undefined;
  const firstVault = badgeData?.unclaimed.items[0];
  switch (step.kind) {
    case 'loading':
      return { art: null, eyebrow: 'Next step', title: null, body: <SkeletonLines lines={3} /> };
    case 'flow': {
      const s = flow.state;
      const kind = 'kind' in s ? s.kind : 'unlock';
      return {
        art: s.step === 'done' ? null : nextArt,
        eyebrow: kind === 'unlock' ? 'Unlocking' : 'Upgrading',
        title: s.step === 'done' ? null : next ? levelTitle(next) : null,
        body: nftActions,
      };
    }
    case 'open-request':
      return {
        art: nextArt,
        eyebrow: 'Next step',
        title: `Finish your ${step.request.kind} to Level ${step.request.toLevel}`,
        body: nftActions,
      };
    case 'unlock':
      return {
        art: nextArt,
        eyebrow: 'You qualify',
        title: `Unlock ${levelTitle(step.level)}`,
        body: nftActions,
      };
    case 'upgrade':
      return {
        art: nextArt,
        eyebrow: 'You qualify',
        title: `Upgrade to ${levelTitle(step.level)}`,
        body: nftActions,
      };
    case 'link-wallet':
      return {
        art:
          step.reason !== 'badges' ? (
            nextArt
          ) : firstVault ? (
            <BadgeImage name={firstVault.name} imageUrl={firstVault.imageUrl} size={96} />
          ) : null,
        eyebrow: 'Next step',
        title:
          step.reason === 'badges'
            ? `You have ${plural(step.badges, 'unclaimed badge', 'unclaimed badges')}`
            : `Link a wallet to receive ${step.level ? levelTitle(step.level) : 'your NFT'}`,
        body: (
          <>
            <p className="next-step__text">
              {step.reason === 'badges'
                ? `${step.badges === 1 ? 'It is' : 'They are'} held safely in the Insignia vault. Link a Solana wallet (Phantom, Solflare, Backpack…) below to claim ${step.badges === 1 ? 'it' : 'them'}: your wallet asks you to sign a short message, which is free.`
                : `You qualify to ${step.reason} ${step.level ? `Level ${step.level.level}` : 'your next level'}. The NFT is minted to a Solana wallet of yours: link one below (Phantom, Solflare, Backpack…). Your wallet asks you to sign a short message, which is free.`}
            </p>
          </>
        ),
      };
    case 'claim':
      return {
        art: step.claimable[0] ? (
          <BadgeImage name={step.claimable[0].name} imageUrl={step.claimable[0].imageUrl} size={96} />
        ) : null,
        eyebrow: 'Next step',
        title: `Claim ${plural(step.claimable.length, 'badge', 'badges')} to your wallet`,
        body: (
          <>
            <DeclinedClaims declined={step.declined} />
            {badgeData && <UnclaimedPrompt badges={badges} unclaimed={badgeData.unclaimed} />}
          </>
        ),
      };
    case 'claim-pending':
      return {
        art: step.pending[0] ? (
          <BadgeImage name={step.pending[0].name} imageUrl={step.pending[0].imageUrl} size={96} />
        ) : null,
        eyebrow: 'Claim sent',
        title: `Claim sent for ${plural(step.pending.length, 'badge', 'badges')}`,
        body: <ClaimPending pending={step.pending} />,
      };
    case 'qualify':
      return {
        art: nextArt && (
          <span className="next-step__locked">
            {nextArt}
            <span className="next-step__lock">Locked</span>
          </span>
        ),
        eyebrow: 'Next step',
        title: `Reach ${levelTitle(step.level)}`,
        body: <QualifyStep status={status} walletLinked={step.walletLinked} />,
      };
    case 'all-done':
      return {
        art: status.currentNft && (
          <LevelImage
            level={status.currentNft.level}
            name={status.currentNft.name}
            imageUri={status.currentNft.imageUri}
            size={120}
          />
        ),
        eyebrow: 'Top of the ladder',
        title: 'You hold the highest level',
        body: <p className="next-step__text">There is nothing more to unlock. Enjoy its benefits.</p>,
      };
  }
}
