import { useEffect } from 'react';

/** How often a visible page re-reads what has no live event (e.g. volume from new trades). */
const EVERY_MS = 60_000;

/**
 * Calls `refresh` when the person comes back to the tab, and every minute while it is visible:
 * trades arrive from the platform without a live event, so progress is re-read now and then.
 */
export function useRefreshOnReturn(refresh: () => void): void {
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, EVERY_MS);
    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      clearInterval(timer);
    };
  }, [refresh]);
}
