import { Link } from 'react-router-dom';
import { useDocumentTitle } from './use-document-title.ts';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  return (
    <main className="page page--narrow">
      <section className="card">
        <h1>Page not found</h1>
        <p className="muted">There is no page at this address.</p>
        <Link className="button" to="/">
          Go to the start page
        </Link>
      </section>
    </main>
  );
}
