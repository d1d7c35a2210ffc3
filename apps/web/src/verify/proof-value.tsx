import { CopyButton } from '../layout/copy-button.tsx';

interface ProofValueProps {
  /** The full address, signature or CID: shown whole, since it is what people check. */
  value: string;
  /** What it is, for the Copy button's label ("mint address"). */
  label: string;
  /** Where to look it up (an explorer or the IPFS gateway), when there is such a place. */
  href?: string | null;
  linkLabel?: string;
}

/** A proof value in full, with Copy and, where one exists, a link to check it elsewhere. */
export function ProofValue({ value, label, href, linkLabel = 'View in explorer' }: ProofValueProps) {
  return (
    <div className="proof-value">
      <code className="proof-value__text">{value}</code>
      <span className="proof-value__actions">
        <CopyButton text={value} label={label} />
        {href && (
          <a className="button button--small" href={href} target="_blank" rel="noreferrer noopener">
            {linkLabel}
            <span className="visually-hidden"> ({label}, opens in a new tab)</span>
          </a>
        )}
      </span>
    </div>
  );
}
