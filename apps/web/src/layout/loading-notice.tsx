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
