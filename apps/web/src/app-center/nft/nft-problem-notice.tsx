import { FaucetButton } from '../faucet-button.tsx';
import { formatSol } from '../format.ts';
import type { NftProblem } from './nft-flow.ts';

interface NftProblemNoticeProps {
  problem: NftProblem;
  walletAddress: string | null;
  /** Embedded mode: offer the faucet when SOL is missing. */
  faucet: boolean;
  onRetry: () => void;
  onDismiss: () => void;
}

/** Why the unlock or upgrade stopped, and what the person can do about it. */
export function NftProblemNotice({
  problem,
  walletAddress,
  faucet,
  onRetry,
  onDismiss,
}: NftProblemNoticeProps) {
  return (
    <div className="notice notice--error" role="alert" data-testid="nft-problem">
      <p className="notice__title">{problem.title}</p>
      <p>{problem.message}</p>
      {problem.addSol && (
        <p data-testid="add-sol">
          {problem.addSol.lamports ? (
            <>
              Add at least <strong>{formatSol(problem.addSol.lamports)}</strong> to your wallet
            </>
          ) : (
            <>Add SOL to your wallet</>
          )}
          {walletAddress ? (
            <>
              {' '}
              <code className="address">{walletAddress}</code>
            </>
          ) : null}
          , then try again.
        </p>
      )}
      {problem.addSol && faucet && (
        <div className="notice__faucet">
          <p className="muted">This installation runs on the local test validator: get free test SOL here.</p>
          <FaucetButton />
        </div>
      )}
      <div className="actions">
        {problem.retry && (
          <button type="button" className="button button--primary button--small" onClick={onRetry}>
            Try again
          </button>
        )}
        <button type="button" className="button button--small" onClick={onDismiss}>
          {problem.retry ? 'Not now' : 'Close'}
        </button>
      </div>
    </div>
  );
}
