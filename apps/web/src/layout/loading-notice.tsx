import './loading-notice.css';

interface LoadingNoticeProps {
  label: string;
  /** Render as the page's main content (centred) instead of inline. */
  fullPage?: boolean;
}

/** A polite "working on it" line with a spinner, announced to screen readers. */
export function LoadingNotice({ label, fullPage = false }: LoadingNoticeProps) {
  const notice = (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
  return fullPage ? <main className="page page--narrow page--center">{notice}</main> : notice;
}

/** Grey placeholder lines where text is about to appear; the label is for screen readers. */
export function SkeletonLines({ lines = 3, label = 'Loading…' }: { lines?: number; label?: string }) {
  return (
    <div className="skeleton-lines" role="status" aria-label={label}>
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} className="skeleton skeleton--line" aria-hidden="true" />
      ))}
    </div>
  );
}

/**
 * The shape of a page while it loads (a heading, a large panel, two cards), so the page does
 * not flash from blank to full; screen readers hear `label`.
 */
export function PageSkeleton({ label }: { label: string }) {
  return (
    <main className="page" aria-busy="true" data-testid="page-skeleton">
      <p className="visually-hidden" role="status">
        {label}
      </p>
      <span className="skeleton skeleton--heading" aria-hidden="true" />
      <span className="skeleton skeleton--panel" aria-hidden="true" />
      <span className="skeleton-row" aria-hidden="true">
        <span className="skeleton skeleton--card" />
        <span className="skeleton skeleton--card" />
      </span>
    </main>
  );
}
