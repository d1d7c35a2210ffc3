interface PagerProps {
  offset: number;
  limit: number;
  /** Items on this page. */
  shown: number;
  /** All matching items, when the server counts them. */
  total?: number | undefined;
  onChange: (offset: number) => void;
  label: string;
}

/** Previous / next for offset paging, with "21–40 of 132". */
export function Pager({ offset, limit, shown, total, onChange, label }: PagerProps) {
  const hasMore = total === undefined ? shown === limit : offset + shown < total;
  if (offset === 0 && !hasMore) return null;
  const range = shown === 0 ? 'none' : `${offset + 1}–${offset + shown}`;
  return (
    <nav className="pager" aria-label={`${label} pages`}>
      <button
        className="button button--small"
        type="button"
        disabled={offset === 0}
        onClick={() => onChange(Math.max(0, offset - limit))}
      >
        ← Previous
      </button>
      <span className="pager__range" aria-live="polite">
        {range}
        {total !== undefined && ` of ${total.toLocaleString()}`}
      </span>
      <button
        className="button button--small"
        type="button"
        disabled={!hasMore}
        onClick={() => onChange(offset + limit)}
      >
        Next →
      </button>
    </nav>
  );
}
