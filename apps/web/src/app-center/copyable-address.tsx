import { useEffect, useState } from 'react';
import { shortAddress } from '../wallet/short-address.ts';

interface CopyableAddressProps {
  address: string;
  /** What the address is, for the copy button's label ("mint address"). */
  label: string;
}

/** A shortened address (full one on hover and for screen readers) with a Copy button. */
export function CopyableAddress({ address, label }: CopyableAddressProps) {
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2000);
    return () => clearTimeout(timer);
  }, [copied]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(address);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  }

  return (
    <span className="copyable">
      <code className="copyable__text" title={address} data-address={address}>
        <span aria-hidden="true">{shortAddress(address)}</span>
        <span className="visually-hidden">{address}</span>
      </code>
      <button
        type="button"
        className="button button--small button--ghost"
        onClick={() => void copy()}
        aria-label={`Copy ${label}`}
      >
        {copied === 'yes' ? 'Copied' : copied === 'no' ? 'Copy failed' : 'Copy'}
      </button>
      <span className="visually-hidden" role="status">
        {copied === 'yes' ? `${label} copied` : ''}
      </span>
    </span>
  );
}
