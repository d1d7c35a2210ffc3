import { useEffect, useState } from 'react';

interface CopyButtonProps {
  /** What goes to the clipboard. */
  text: string;
  /** What it is, for the button's label and the announcement ("mint address"). */
  label: string;
  className?: string;
}

/** A Copy button that says, on screen and to screen readers, whether the copy worked. */
export function CopyButton({ text, label, className = 'button button--small' }: CopyButtonProps) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  }

  return (
    <>
      <button type="button" className={className} onClick={() => void copy()} aria-label={`Copy ${label}`}>
        {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Copy failed' : 'Copy'}
      </button>
      <span className="visually-hidden" role="status">
        {copied === 'yes' ? `${label} copied` : ''}
      </span>
    </>
  );
}
