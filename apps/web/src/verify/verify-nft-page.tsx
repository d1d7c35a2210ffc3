import { useParams } from 'react-router-dom';
import { formatDateTime } from '../app-center/format.ts';
import { Certificate } from './certificate.tsx';
import { MetadataProof } from './metadata-proof.tsx';
import { OnChainProof } from './on-chain-proof.tsx';
import { useNftVerification } from './use-verification.ts';
import { describeHolder, VerificationResult } from './verification-result.tsx';
import { VerifyFrame } from './verify-frame.tsx';

const statusLabel = {
  active: 'Current level',
  replaced: 'Replaced by an upgrade to a higher level',
  missing: 'No longer in the wallet it was issued to',
} as const;

/** `/verify/nft/:mintAddress`: the public proof of one level NFT, no login needed. */
export function VerifyNftPage() {
  const { mintAddress = '' } = useParams();
  const query = useNftVerification(mintAddress);
  const nft = query.data;
  return (
    <VerifyFrame
      title={nft ? `Level ${nft.level.level} ${nft.level.name} NFT` : 'Level NFT'}
      query={query}
      what="level NFT"
    >
      {nft && (
        <>
          <Certificate
            kind={`Level NFT · Level ${nft.level.level}`}
            title={nft.level.name}
            description={`A loyalty level NFT issued by ${nft.issuer} for reaching level ${nft.level.level}.`}
            imageUrl={nft.level.imageUrl}
            imageAlt={`Level ${nft.level.level} ${nft.level.name} artwork`}
            result={
              nft.proof.holder.state === 'held' ? (
                <VerificationResult tone="ok" title="Verified on Solana">
                  {describeHolder(nft.proof.holder, nft.issuer, 'level NFT')}
                </VerificationResult>
              ) : (
                <VerificationResult
                  tone={nft.proof.holder.state === 'unreachable' ? 'warn' : 'info'}
                  title={`Minted on Solana by ${nft.issuer}`}
                >
                  {nft.status === 'replaced'
                    ? 'Its holder has since upgraded to a higher level, which replaced this NFT.'
                    : describeHolder(nft.proof.holder, nft.issuer, 'level NFT')}
                </VerificationResult>
              )
            }
            facts={[
              { label: 'Issued by', value: nft.issuer },
              { label: 'Minted', value: formatDateTime(nft.mintedAt) },
              { label: 'Status', value: statusLabel[nft.status] },
            ]}
          />
          <OnChainProof {...nft.proof} issuer={nft.issuer} />
          <MetadataProof metadata={nft.metadata} />
        </>
      )}
    </VerifyFrame>
  );
}
