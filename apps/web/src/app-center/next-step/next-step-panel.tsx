import type { NftStatus } from '@insignia/contract';
import type { ReactNode } from 'react';
import { ErrorNotice } from '../../layout/error-notice.tsx';
import { SkeletonLines } from '../../layout/loading-notice.tsx';
import type { Badges } from '../badges/use-badges.ts';
import type { NftFlow } from '../nft/use-nft-flow.ts';
import type { useNftStatus } from '../use-nft-status.ts';
import { journeyProgress, type NextStep } from './choose-next-step.ts';
import { nextStepContent } from './next-step-content.tsx';

export interface NextStepPanelProps {
  step: NextStep;
  nft: ReturnType<typeof useNftStatus>;
  badges: Badges;
  flow: NftFlow;
  faucet: boolean;
  network: string | undefined;
}

const badgeSteps = new Set<NextStep['kind']>(['claim', 'claim-pending']);

/** The journey so far, small: where this step sits between qualifying and upgrading. */
function Journey({ status }: { status: NftStatus }) {
  return (
    <ol className="journey" aria-label="Your journey">
      {journeyProgress(status).map((s) => (
        <li
          key={s.label}
          className={`journey__item journey__item--${s.state}`}
          aria-current={s.state === 'current' ? 'step' : undefined}
        >
          {s.label}
        </li>
      ))}
    </ol>
  );
}

/** The top of the Personal Center: one next step, with one primary action, above the fold. */
export function NextStepPanel(props: NextStepPanelProps) {
  const { nft } = props;
  if (nft.state.status === 'error') {
    return (
      <section className="next-step" aria-label="Next step" data-testid="next-step">
        <ErrorNotice title="Could not load your level" message={nft.state.message} onRetry={nft.retry} />
      </section>
    );
  }
  const status = nft.state.status === 'ready' ? nft.state.data : undefined;
  const view = status
    ? nextStepContent(props, status)
    : { art: null, eyebrow: 'Next step', title: null, body: <SkeletonLines lines={3} /> };
  const done = props.flow.state.step === 'done';
  const isBadgeLink = props.step.kind === 'link-wallet' && props.step.reason === 'badges';
  // The level journey says nothing about badges: not shown while the step is a badge one.
  const onBadges = isBadgeLink || badgeSteps.has(props.step.kind);
  const art: ReactNode = view.art;
  return (
    <section
      className={`next-step${done ? ' next-step--celebrate' : ''}${art ? '' : ' next-step--plain'}`}
      aria-labelledby={view.title ? 'next-step-title' : undefined}
      aria-label={view.title ? undefined : 'Next step'}
      // On a badge step the panel is the claim prompt (found as `unclaimed-prompt`).
      data-testid={onBadges ? 'unclaimed-prompt' : 'next-step'}
      data-step={props.step.kind}
    >
      {art && <div className="next-step__art">{art}</div>}
      {!done && (
        <div className="next-step__head">
          <p className="eyebrow next-step__eyebrow">{view.eyebrow}</p>
          {view.title && (
            <h2 className="next-step__title" id="next-step-title">
              {view.title}
            </h2>
          )}
        </div>
      )}
      <div className="next-step__main">{view.body}</div>
      {status && !done && !onBadges && <Journey status={status} />}
    </section>
  );
}
