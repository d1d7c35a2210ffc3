import type { CredentialVerification } from '@insignia/contract';
import { CopyButton } from '../layout/copy-button.tsx';
import { checkLabel, describeCredentialVerdict, shortenDid } from './credential-verdict.ts';
import { VerificationResult } from './verification-result.tsx';

/** A credential check's outcome: the verdict, the four checks with what each found, and the issuer. */
export function CredentialResult({ verification }: { verification: CredentialVerification }) {
  const verdict = describeCredentialVerdict(verification);
  const { issuer, credential } = verification;
  return (
    <div className="credential-result" data-testid="credential-result" data-verified={verification.verified}>
      <VerificationResult tone={verdict.tone} title={verdict.title} testId="credential-verdict">
        {verdict.detail}
      </VerificationResult>
      <ul className="credential-checks" aria-label="Checks">
        {verification.checks.map((c) => (
          <li key={c.check} className={`credential-check credential-check--${c.ok ? 'ok' : 'failed'}`}>
            <span className="credential-check__mark" aria-hidden="true">
              {c.ok ? '✓' : '✕'}
            </span>
            <span>
              <strong>{checkLabel(c.check)}</strong>
              <span className="visually-hidden">{c.ok ? ' (passed)' : ' (failed)'}</span>
              <span className="credential-check__message">{c.message}</span>
            </span>
          </li>
        ))}
      </ul>
      <dl className="proof__list credential-result__facts">
        {credential.name && (
          <div>
            <dt>Credential</dt>
            <dd>{credential.name}</dd>
          </div>
        )}
        <div>
          <dt>Issuer</dt>
          <dd>
            {issuer ? (
              <>
                {issuer.name && <p className="credential-result__issuer-name">{issuer.name}</p>}
                <span className="credential-did">
                  <code title={issuer.id}>{shortenDid(issuer.id)}</code>
                  <CopyButton text={issuer.id} label="issuer DID" />
                </span>
              </>
            ) : (
              <span className="muted">Not named in the credential</span>
            )}
          </dd>
        </div>
      </dl>
    </div>
  );
}
