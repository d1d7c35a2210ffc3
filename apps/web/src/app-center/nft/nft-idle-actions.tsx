import type { NftStatus } from '@insignia/contract';
import { LoadingNotice } from '../../layout/loading-notice.tsx';
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
    return (
      <>
        <button type="button" className="button button--primary button--large" onClick={() => onStart(kind)}>
          {kind === 'unlock' ? `Unlock Level ${next.level} NFT` : `Upgrade to Level ${next.level}`}
        </button>
        <p className="muted hint">
          {kind === 'unlock'
            ? 'You review the transaction before your wallet signs it. Your wallet pays a small amount of SOL.'
            : `You review the transaction before your wallet signs it. Your current NFT is burned and the Level ${next.level} NFT takes its place.`}
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
