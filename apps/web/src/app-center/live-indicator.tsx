import { useLiveStatus } from '../live/live-context.tsx';

/** A quiet note of whether live updates are flowing; says so plainly when they are not. */
export function LiveIndicator() {
  const status = useLiveStatus();
  const label =
    status === 'open'
      ? 'Live updates on'
      : status === 'connecting'
        ? 'Connecting live updates…'
        : 'Live updates paused; reconnecting…';
  return (
    <span className={`live live--${status}`} role="status" data-testid="live-status">
      <span className="live__dot" aria-hidden="true" />
      {label}
    </span>
  );
}
