import type { NftStatus } from '@insignia/contract';
import { LoadingNotice } from '../../layout/loading-notice.tsx';
import { formatSol } from '../format.ts';
import { describeBlockReason } from './block-reason.ts';
import { COMPENSATION_NOTICE, isAwaitingSignature, isInFlight, type NftKind } from './nft-flow.ts';

interface NftIdleActionsProps {
  status: NftStatus;
  onStart: (kind: NftKind) => void;
}

/** Before anything starts: Unlock or Upgrade, a request to continue, or why neither is possible. */
export function NftIdleActions({ status, onStart }: NftIdleActionsProps) {
  const open = status.openRequest;
  const next = status.nextLevel;

  if (open && isAwaitingSignature(open.status)) {
    return (
      <div className="notice notice--info">
        <p>
          Your {open.kind} to Level {open.toLevel} is prepared and waiting for your signature.
        </p>
        <button type="button" className="button button--primary" onClick={() => onStart(open.kind)}>
          Continue {open.kind}
        </button>
      </div>
    );
  }
  if (open && isInFlight(open.status)) {
    return <LoadingNotice label={`Your ${open.kind} is on its way; checking where it stands…`} />;
  }
  if (open) {
    return (
      <div className="notice notice--info" role="status" data-testid="nft-open-request">
        {open.status === 'needs_compensation' ? (
          <>
            <p className="notice__title">{COMPENSATION_NOTICE.title}</p>
            <p>{COMPENSATION_NOTICE.message}</p>
          </>
        ) : (
          <p>
            Your {open.kind} is being handled (status: {open.status.replaceAll('_', ' ')}). This page updates
            when it is done.
          </p>
        )}
      </div>
    );
  }
  if ((status.canUnlock || status.canUpgrade) && next) {
    const kind: NftKind = status.canUnlock ? 'unlock' : 'upgrade';
    const cost = status.unlockCostLamports;
    return (
      <>
        <button type="button" className="button button--primary button--large" onClick={() => onStart(kind)}>
          {kind === 'unlock' ? `Unlock Level ${next.level} NFT` : `Upgrade to Level ${next.level}`}
        </button>
        <p className="muted hint" data-testid="action-cost">
          {kind === 'unlock'
            ? `${cost ? `Unlocking costs about ${formatSol(cost)} from your wallet` : 'Your wallet pays a small amount of SOL'}: the network fee and the deposit that keeps the NFT on Solana. You see the exact figure before your wallet signs.`
            : `Your Level ${status.currentNft?.level ?? ''} NFT is burned and Level ${next.level} takes its place. Your wallet pays a small network fee in SOL; you see it before signing.`}
        </p>
      </>
    );
  }
  const reason = describeBlockReason(status);
  return (
    reason && (
      <p className="reason" data-testid="nft-reason">
        {reason}
        {status.reason === 'NFT__WALLET_NOT_LINKED' && (
          <>
            {' '}
            <a href="#link-wallet-title">Link a wallet</a>
          </>
        )}
      </p>
    )
  );
}
