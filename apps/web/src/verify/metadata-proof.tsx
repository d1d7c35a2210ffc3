import { ProofValue } from './proof-value.tsx';

interface MetadataProofProps {
  metadata: { uri: string; cid: string | null; gatewayUrl: string | null } | null;
}

/** The IPFS metadata the token points at: its CID, and a link to read the JSON. */
export function MetadataProof({ metadata }: MetadataProofProps) {
  if (!metadata) return null;
  return (
    <section className="card proof" aria-labelledby="proof-ipfs-title">
      <h2 id="proof-ipfs-title">Metadata on IPFS</h2>
      <p className="muted">
        The record wallets and explorers read. Its address (CID) is a fingerprint of its content, so it cannot
        be changed without the address changing too.
      </p>
      <dl className="proof__list">
        <div>
          <dt>{metadata.cid ? 'CID' : 'Metadata URI'}</dt>
          <dd>
            <ProofValue
              value={metadata.cid ?? metadata.uri}
              label="metadata CID"
              href={metadata.gatewayUrl}
              linkLabel="Open the metadata"
            />
          </dd>
        </div>
      </dl>
    </section>
  );
}
