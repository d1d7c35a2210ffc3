import { useCurrentUser } from '../auth/auth-context.tsx';
import { useDocumentTitle } from '../layout/use-document-title.ts';
import { LinkWalletSection } from '../wallet/link-wallet-section.tsx';
import { AccountCard } from './account-card.tsx';

/** The signed-in person's home: account and wallet now; level NFT and badges in later issues. */
export function PersonalCenterPage() {
  useDocumentTitle('Personal Center');
  const user = useCurrentUser();
  return (
    <main className="page">
      <h1>Personal Center</h1>
      <div className="grid">
        <AccountCard user={user} />
        <LinkWalletSection />
      </div>
      <section className="card card--quiet" aria-labelledby="upcoming-title">
        <div className="tile__head">
          <h2 id="upcoming-title">Level NFT and badges</h2>
          <span className="tag">Coming soon</span>
        </div>
        <p className="muted">
          Your trading level, the NFT that goes with it, and the badges you have earned will be shown here.
        </p>
      </section>
    </main>
  );
}
