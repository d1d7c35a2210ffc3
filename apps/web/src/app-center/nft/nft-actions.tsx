import type { NftStatus } from '@insignia/contract';
import { LoadingNotice } from '../../layout/loading-notice.tsx';
import { isSigningWallet } from '../../wallet/signing-wallet.ts';
import { useWallets } from '../../wallet/use-wallets.ts';
import { describeProgress, flowSteps, type NftFlowState } from './nft-flow.ts';
import { NftIdleActions } from './nft-idle-actions.tsx';
import { NftProblemNotice } from './nft-problem-notice.tsx';
import { NftReview } from './nft-review.tsx';
import { NftSuccess } from './nft-success.tsx';
import type { NftFlow } from './use-nft-flow.ts';

interface NftActionsProps {
  status: NftStatus;
  flow: NftFlow;
  /** Embedded mode: the faucet can fund the wallet. */
  faucet: boolean;
  /** Public config's network name (explorer links). */
  network: string | undefined;
}

function FlowSteps({ state }: { state: NftFlowState }) {
  const twoStep =
    state.step === 'following' || state.step === 'done'
      ? state.request.mode === 'two_step'
      : 'prepared' in state
        ? state.prepared.action === 'burn'
        : false;
  return (
    <ol className="steps" aria-label="Progress">
      {flowSteps(state, twoStep).map((step) => (
        <li
          key={step.label}
          className={`steps__item steps__item--${step.state}`}
          aria-current={step.state === 'current' ? 'step' : undefined}
        >
          {step.label}
        </li>
      ))}
    </ol>
  );
}

/** Unlock / Upgrade, or why not; then each step of the flow until it succeeds or fails. */
export function NftActions({ status, flow, faucet, network }: NftActionsProps) {
  const wallets = useWallets().filter(isSigningWallet);
  const { state } = flow;

  let body;
  switch (state.step) {
    case 'idle':
      body = <NftIdleActions status={status} onStart={flow.start} />;
      break;
    case 'preparing':
      body = <LoadingNotice label={`Preparing your ${state.kind} transaction…`} />;
      break;
    case 'review':
      body = (
        <NftReview prepared={state.prepared} wallets={wallets} onSign={flow.sign} onCancel={flow.reset} />
      );
      break;
    case 'signing':
      body = <LoadingNotice label={`Approve the transaction in ${state.walletName}…`} />;
      break;
    case 'submitting':
      body = <LoadingNotice label="Sending your signed transaction and waiting for Solana to confirm it…" />;
      break;
    case 'following':
      body = <LoadingNotice label={describeProgress(state.request)} />;
      break;
    case 'done':
      body = (
        <NftSuccess
          kind={state.kind}
          request={state.request}
          levels={status.levels}
          network={network}
          onClose={flow.reset}
        />
      );
      break;
    case 'failed':
      body = (
        <NftProblemNotice
          problem={state.problem}
          walletAddress={status.walletAddress}
          faucet={faucet}
          retryLabel={state.kind === 'unlock' ? 'Unlock now' : 'Upgrade now'}
          onRetry={() => flow.start(state.kind)}
          onDismiss={flow.reset}
        />
      );
      break;
  }

  const showSteps = !['idle', 'failed', 'preparing', 'done'].includes(state.step);
  return (
    <div className="nft-actions" aria-live="polite" data-testid="nft-actions">
      {showSteps && <FlowSteps state={state} />}
      {body}
    </div>
  );
}
