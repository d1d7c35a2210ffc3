import { useParams } from 'react-router-dom';
import { formatDateTime } from '../app-center/format.ts';
import { describeBadgeStanding, validityFact } from './badge-standing-verdict.ts';
import { Certificate } from './certificate.tsx';
import { CredentialPanel } from './credential-panel.tsx';
import { MetadataProof } from './metadata-proof.tsx';
import { OnChainProof } from './on-chain-proof.tsx';
import { useBadgeVerification } from './use-verification.ts';
import { describeHolder, VerificationResult } from './verification-result.tsx';
import { VerifyFrame } from './verify-frame.tsx';

/** `/verify/badge/:issuanceId`: the public proof of one badge issuance, no login needed. */
export function VerifyBadgePage() {
  const { issuanceId = '' } = useParams();
  const query = useBadgeVerification(issuanceId);
  const badge = query.data;
  const proof = badge?.proof;
  const standing = badge ? describeBadgeStanding(badge, badge.issuer) : null;
  return (
    <VerifyFrame title={badge ? `${badge.badge.name} badge` : 'Badge'} query={query} what="badge">
      {badge && proof && standing && (
        <>
          <Certificate
            kind={badge.badge.category ? `Badge · ${badge.badge.category}` : 'Badge'}
            title={badge.badge.name}
            description={badge.badge.description}
            imageUrl={badge.badge.imageUrl}
            imageAlt={`${badge.badge.name} badge`}
            standing={standing.state}
            result={
              standing.state !== 'valid' ? (
                <VerificationResult tone={standing.tone} title={standing.title} testId="badge-standing">
                  {standing.detail}
                </VerificationResult>
              ) : proof.kind === 'database' ? (
                <VerificationResult tone="info" title={`Recorded by ${badge.issuer}`}>
                  This badge is kept in {badge.issuer}’s own records; it is not a token on a blockchain.
                </VerificationResult>
              ) : proof.holder.state === 'held' ? (
                <VerificationResult tone="ok" title="Verified on Solana">
                  {describeHolder(proof.holder, badge.issuer, 'badge')}
                </VerificationResult>
              ) : (
                <VerificationResult
                  tone={proof.holder.state === 'unreachable' ? 'warn' : 'info'}
                  title={`Issued on Solana by ${badge.issuer}`}
                >
                  {describeHolder(proof.holder, badge.issuer, 'badge')}
                </VerificationResult>
              )
            }
            facts={[
              { label: 'Issued by', value: badge.issuer },
              {
                label: 'Issued',
                value: badge.issuedAt ? formatDateTime(badge.issuedAt) : 'Date not recorded',
              },
              { label: 'Valid until', value: validityFact(badge) },
              { label: 'Kept', value: proof.kind === 'database' ? 'In the issuer’s records' : 'On Solana' },
            ]}
          />
          <CredentialPanel issuanceId={badge.issuanceId} />
          {proof.kind === 'on_chain' && <OnChainProof {...proof} issuer={badge.issuer} />}
          <MetadataProof metadata={badge.metadata} />
        </>
      )}
    </VerifyFrame>
  );
}
