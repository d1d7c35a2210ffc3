import type { OnChainHolder, VerificationNetwork } from '@insignia/contract';
import { explorerUrl } from '../app-center/links/explorer-url.ts';
import { networkLabel } from './network-label.ts';
import { ProofValue } from './proof-value.tsx';

interface OnChainProofProps {
  network: VerificationNetwork;
  mintAddress: string;
  transactionSignature: string | null;
  holder: OnChainHolder;
  /** The platform's name, for the vault ("Acme's vault"). */
  issuer: string;
}

/** Mint, transaction and current holder, each copyable and linked to the explorer where there is one. */
export function OnChainProof({
  network,
  mintAddress,
  transactionSignature,
  holder,
  issuer,
}: OnChainProofProps) {
  return (
    <section className="card proof" aria-labelledby="proof-chain-title">
      <h2 id="proof-chain-title">On-chain proof</h2>
      <dl className="proof__list">
        <div>
          <dt>Network</dt>
          <dd>{networkLabel[network]}</dd>
        </div>
        <div>
          <dt>Mint address (token id)</dt>
          <dd>
            <ProofValue
              value={mintAddress}
              label="mint address"
              href={explorerUrl(network, 'address', mintAddress)}
            />
          </dd>
        </div>
        {transactionSignature && (
          <div>
            <dt>Mint transaction</dt>
            <dd>
              <ProofValue
                value={transactionSignature}
                label="transaction signature"
                href={explorerUrl(network, 'tx', transactionSignature)}
              />
            </dd>
          </div>
        )}
        <div>
          <dt>Current holder</dt>
          <dd>
            {holder.address ? (
              <>
                <ProofValue
                  value={holder.address}
                  label="holder address"
                  href={explorerUrl(network, 'address', holder.address)}
                />
                <p className="proof__note">
                  {holder.kind === 'vault'
                    ? `${issuer}’s vault, until its owner claims it`
                    : 'The wallet it was issued to'}
                </p>
              </>
            ) : (
              <span className="muted">
                {holder.state === 'unreachable'
                  ? 'Not checked (the chain did not answer)'
                  : 'Not in the wallet it was issued to'}
              </span>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
