import { ErrorNotice } from '../../layout/error-notice.tsx';
import { SkeletonLines } from '../../layout/loading-notice.tsx';
import { BadgeList } from './badge-list.tsx';
import { BadgeNotifications } from './badge-notifications.tsx';
import { RevocationNotices } from './revocation-notices.tsx';
import { UnclaimedPrompt } from './unclaimed-prompt.tsx';
import type { Badges } from './use-badges.ts';

/**
 * The badges half of the Personal Center: new ones, ones to claim (unless the next-step panel
 * on top already offers the claim: `claimOnTop`), and all of them.
 */
export function BadgesSection({ badges, claimOnTop = false }: { badges: Badges; claimOnTop?: boolean }) {
  const { state } = badges;
  return (
    <section className="card" aria-labelledby="badges-title" data-testid="badges">
      <h2 id="badges-title">Badges</h2>
      {state.status === 'loading' && <SkeletonLines lines={2} label="Loading your badges…" />}
      {state.status === 'error' && (
        <ErrorNotice title="Could not load your badges" message={state.message} onRetry={badges.retry} />
      )}
      {state.status === 'ready' && (
        <>
          <RevocationNotices badges={badges} items={state.data.notifications.items} />
          <BadgeNotifications
            badges={badges}
            items={state.data.notifications.items.filter((n) => n.kind !== 'revoked')}
          />
          {!claimOnTop && <UnclaimedPrompt badges={badges} unclaimed={state.data.unclaimed} />}
          <BadgeList badges={state.data.badges} />
        </>
      )}
    </section>
  );
}
