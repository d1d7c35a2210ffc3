interface ErrorNoticeProps {
  title?: string;
  message: string;
  onRetry?: () => void;
}

/** An error the person should read, with an optional "Try again". */
export function ErrorNotice({ title, message, onRetry }: ErrorNoticeProps) {
  return (
    <div className="notice notice--error" role="alert">
      {title && <p className="notice__title">{title}</p>}
      <p>{message}</p>
      {onRetry && (
        <button className="button button--small" type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
