import { CopyButton } from '../layout/copy-button.tsx';
import { shortAddress } from '../wallet/short-address.ts';

interface CopyableAddressProps {
  address: string;
  /** What the address is, for the copy button's label ("mint address"). */
  label: string;
}

/** A shortened address (full one on hover and for screen readers) with a Copy button. */
export function CopyableAddress({ address, label }: CopyableAddressProps) {
  return (
    <span className="copyable">
      <code className="copyable__text" title={address} data-address={address}>
        <span aria-hidden="true">{shortAddress(address)}</span>
        <span className="visually-hidden">{address}</span>
      </code>
      <CopyButton text={address} label={label} className="button button--small button--ghost" />
    </span>
  );
}
