import { CopyButton } from '../../layout/copy-button.tsx';

/** A full address that wraps on a phone, with a Copy button that says when it worked. */
export function CopyAddress({ address, label }: { address: string; label: string }) {
  return (
    <span className="dash-copy">
      <code className="dash-copy__text address">{address}</code>
      <CopyButton text={address} label={`the ${label} address`} />
    </span>
  );
}
