import type { PreparedNftTransaction } from '@insignia/contract';
import { NoWalletNotice } from '../../wallet/no-wallet-notice.tsx';
import { shortAddress } from '../../wallet/short-address.ts';
import type { SigningWallet } from '../../wallet/signing-wallet.ts';
import { CopyableAddress } from '../copyable-address.tsx';
import { formatSol, formatTime } from '../format.ts';
import { describeAction } from './nft-flow.ts';

const costWhat: Record<PreparedNftTransaction['action'], string> = {
  mint: 'the network fee and the deposit that keeps the new NFT on Solana',
  burn_and_mint: 'the network fee and the deposit that keeps the new NFT on Solana',
  burn: 'network fees only; Insignia pays for minting your new level',
};

interface NftReviewProps {
  prepared: PreparedNftTransaction;
  wallets: readonly SigningWallet[];
  onSign: (wallet: SigningWallet) => void;
  onCancel: () => void;
}

/** What the person is about to sign, before their wallet asks them to approve it. */
export function NftReview({ prepared, wallets, onSign, onCancel }: NftReviewProps) {
  const { request } = prepared;
  return (
    <div className="review" role="region" aria-labelledby="review-title" data-testid="nft-review">
      <h3 id="review-title">Review before you sign</h3>
      <dl className="details">
        <div>
          <dt>What you sign</dt>
          <dd data-testid="review-action">{describeAction(prepared)}</dd>
        </div>
        <div>
          <dt>New NFT address</dt>
          <dd>
            <CopyableAddress address={prepared.mintAddress} label="new NFT address" />
          </dd>
        </div>
        <div>
          <dt>Signed and paid by</dt>
          <dd>
            <code title={request.walletAddress}>{shortAddress(request.walletAddress)}</code> (
            {request.kind === 'unlock' ? 'your linked wallet' : 'the wallet that holds your NFT'})
          </dd>
        </div>
        {prepared.costLamports && prepared.costLamports !== '0' && (
          <div>
            <dt>Estimated cost</dt>
            <dd data-testid="review-cost">
              About {formatSol(prepared.costLamports)}: {costWhat[prepared.action]}
            </dd>
          </div>
        )}
        <div>
          <dt>Sign before</dt>
          <dd>{formatTime(prepared.expiresAt)} (after that, it is prepared again with the same address)</dd>
        </div>
      </dl>
      <p className="muted">
        Insignia has already signed its part. Your wallet shows the transaction again and asks you to approve
        it.
      </p>
      {wallets.length === 0 ? (
        <NoWalletNotice unsupportedNames={[]} />
      ) : (
        <div className="actions">
          {wallets.map((wallet) => (
            <button
              key={wallet.name}
              type="button"
              className="button button--primary"
              onClick={() => onSign(wallet)}
            >
              Sign with {wallet.name}
            </button>
          ))}
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}
