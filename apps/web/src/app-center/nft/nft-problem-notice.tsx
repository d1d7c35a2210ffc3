import { useState } from 'react';
import { FaucetButton } from '../faucet-button.tsx';
import { formatSol } from '../format.ts';
import type { NftProblem } from './nft-flow.ts';

interface NftProblemNoticeProps {
  problem: NftProblem;
  walletAddress: string | null;
  /** Embedded mode: offer the faucet when SOL is missing. */
  faucet: boolean;
  /** Words of the retry button when it continues the same action ("Unlock now"). */
  retryLabel: string;
  onRetry: () => void;
  onDismiss: () => void;
}

/** What the wallet must receive, in figures when the server gave them. */
function AddSol({
  addSol,
  walletAddress,
}: {
  addSol: NonNullable<NftProblem['addSol']>;
  walletAddress: string | null;
}) {
  return (
    <p data-testid="add-sol">
      {addSol.needLamports && addSol.balanceLamports ? (
        <>
          This costs about <strong>{formatSol(addSol.needLamports)}</strong>; your wallet has{' '}
          <strong>{formatSol(addSol.balanceLamports, 'floor')}</strong>.{' '}
        </>
      ) : null}
      {addSol.lamports && addSol.balanceLamports !== '0' ? (
        <>
          Add at least <strong>{formatSol(addSol.lamports)}</strong> to your wallet
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
      .
    </p>
  );
}

/**
 * Why the unlock or upgrade stopped, and what the person can do about it. Missing SOL on a
 * network with a faucet: the faucet is the one primary button, then the action itself.
 */
export function NftProblemNotice({
  problem,
  walletAddress,
  faucet,
  retryLabel,
  onRetry,
  onDismiss,
}: NftProblemNoticeProps) {
  const [funded, setFunded] = useState(false);
  const faucetFirst = problem.addSol !== undefined && faucet && !funded;
  return (
    <div
      className={`notice ${problem.addSol ? 'notice--warning' : 'notice--error'}`}
      role="alert"
      data-testid="nft-problem"
    >
      <p className="notice__title">{problem.title}</p>
      <p>{problem.message}</p>
      {problem.addSol && <AddSol addSol={problem.addSol} walletAddress={walletAddress} />}
      {faucetFirst && <p className="muted">This installation runs on a test network, where SOL is free.</p>}
      <div className="actions">
        {problem.addSol && faucet && <FaucetButton primary={!funded} onFunded={() => setFunded(true)} />}
        {problem.retry && !faucetFirst && (
          <button type="button" className="button button--primary" onClick={onRetry}>
            {problem.addSol ? retryLabel : 'Try again'}
          </button>
        )}
        <button type="button" className="button button--ghost" onClick={onDismiss}>
          {problem.retry ? 'Not now' : 'Close'}
        </button>
      </div>
    </div>
  );
}
