interface ProgressBarProps {
  label: string;
  value: number;
  max: number;
  /** What the bar says in words, e.g. "12 of 40 issued". */
  text: string;
  tone?: 'normal' | 'bad' | 'good';
}

/** A labelled progress bar that screen readers announce as it moves. */
export function ProgressBar({ label, value, max, text, tone = 'normal' }: ProgressBarProps) {
  const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div className="meter">
      <div
        className={`meter__track meter__track--${tone}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={value}
        aria-valuetext={text}
      >
        <div className="meter__fill" style={{ width: `${percent}%` }} />
      </div>
      <p className="meter__text" aria-live="polite">
        {text} <span className="muted">({percent}%)</span>
      </p>
    </div>
  );
}
