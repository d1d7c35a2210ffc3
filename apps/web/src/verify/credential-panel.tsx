import { Link } from 'react-router-dom';
import { ErrorNotice } from '../layout/error-notice.tsx';
import { SkeletonLines } from '../layout/loading-notice.tsx';
import { CredentialResult } from './credential-result.tsx';
import { credentialPath, useCredentialVerification } from './use-verification.ts';

/**
 * The badge as an Open Badges 3.0 verifiable credential: the server's check of the signed file,
 * the file itself, and how anyone can check it without trusting this page.
 */
export function CredentialPanel({ issuanceId }: { issuanceId: string }) {
  const query = useCredentialVerification(issuanceId);
  return (
    <section className="card proof" aria-labelledby="proof-credential-title" data-testid="credential-panel">
      <h2 id="proof-credential-title">Verifiable credential</h2>
      <p className="muted">
        This badge is also a signed Open Badges 3.0 credential: a file its holder can show anywhere, which
        anyone can check without asking us.
      </p>
      {query.data ? (
        <CredentialResult verification={query.data} />
      ) : query.isPending ? (
        <SkeletonLines lines={3} label="Checking the credential…" />
      ) : query.missing ? (
        <p className="muted">There is no credential for this badge.</p>
      ) : (
        <ErrorNotice
          title="The credential could not be checked just now"
          message="The server did not answer. Try again in a moment."
          onRetry={() => void query.refetch()}
        />
      )}
      {!query.missing && (
        <div className="credential-panel__file">
          <a className="button button--small" href={`${credentialPath(issuanceId)}?download=1`} download>
            Download credential (JSON)
          </a>
          <p className="proof__note">
            Any Open Badges 3.0 verifier accepts this file; or run{' '}
            <code>npm run verify-credential -- file.json</code>.
          </p>
        </div>
      )}
      <p className="proof__note">
        Someone gave you a credential file? <Link to="/verify/credential">Check a credential file</Link>.
      </p>
    </section>
  );
}
