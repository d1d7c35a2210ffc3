import { ErrorNotice } from '../../layout/error-notice.tsx';
import { LoadingNotice } from '../../layout/loading-notice.tsx';
import { BadgeList } from './badge-list.tsx';
import { BadgeNotifications } from './badge-notifications.tsx';
import { UnclaimedPrompt } from './unclaimed-prompt.tsx';
import type { Badges } from './use-badges.ts';

/** The badges half of the Personal Center: new ones, ones to claim, and all of them. */
export function BadgesSection({ badges }: { badges: Badges }) {
  const { state } = badges;
  return (
    <section className="card" aria-labelledby="badges-title" data-testid="badges">
      <h2 id="badges-title">Badges</h2>
      {state.status === 'loading' && <LoadingNotice label="Loading your badges…" />}
      {state.status === 'error' && (
        <ErrorNotice title="Could not load your badges" message={state.message} onRetry={badges.retry} />
      )}
      {state.status === 'ready' && (
        <>
          <BadgeNotifications badges={badges} items={state.data.notifications.items} />
          <UnclaimedPrompt badges={badges} unclaimed={state.data.unclaimed} />
          <BadgeList badges={state.data.badges} />
        </>
      )}
    </section>
  );
}
