import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ErrorNotice } from '../layout/error-notice.tsx';
import { SkeletonLines } from '../layout/loading-notice.tsx';
import { useDocumentTitle } from '../layout/use-document-title.ts';
import './verify.css';

interface VerifyFrameProps {
  title: string;
  query: { isPending: boolean; missing: boolean; error: unknown; refetch: () => unknown };
  /** What was looked for, for the not-found message ("badge", "level NFT"). */
  what: string;
  children: ReactNode;
}

/** The page around a certificate: loading, not found, a failed load, or the certificate. */
export function VerifyFrame({ title, query, what, children }: VerifyFrameProps) {
  useDocumentTitle(query.missing ? 'Nothing to verify' : title);
  let body: ReactNode = children;
  if (query.missing) {
    body = (
      <section className="card verify-missing">
        <h1>We could not find this {what}</h1>
        <p>
          The link may be incomplete or mistyped: check that it was copied whole. A {what} only has a
          verification page once it has been issued.
        </p>
        <p className="muted">If someone shared this link with you, ask them to send it again.</p>
        <Link className="button" to="/">
          Go to the start page
        </Link>
      </section>
    );
  } else if (query.isPending) {
    body = (
      <article className="card certificate" aria-busy="true">
        <div className="certificate__art">
          <span className="skeleton certificate__no-art" aria-hidden="true" />
        </div>
        <div className="certificate__body">
          <SkeletonLines lines={4} label="Checking the record…" />
        </div>
      </article>
    );
  } else if (query.error) {
    body = (
      <ErrorNotice
        title="This record could not be checked just now"
        message="The server did not answer. Try again in a moment."
        onRetry={() => void query.refetch()}
      />
    );
  }
  return (
    <main className="page verify">
      {body}
      <p className="verify__privacy muted">
        Public verification page. It shows what was issued and its proof, and nothing about the person who
        holds it.
      </p>
    </main>
  );
}
