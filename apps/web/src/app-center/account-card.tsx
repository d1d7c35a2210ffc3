import type { PublicUser } from '@insignia/contract';
import { FaucetButton } from './faucet-button.tsx';

const roleLabel = { user: 'User', admin: 'Administrator' } as const;

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { dateStyle: 'long' });
}

/** The person's account at a glance: email, role, linked wallet; in embedded mode, the faucet. */
export function AccountCard({ user, faucet = false }: { user: PublicUser; faucet?: boolean }) {
  return (
    <section className="card" aria-labelledby="account-title" data-testid="account">
      <h2 id="account-title">Account</h2>
      <dl className="details">
        <div>
          <dt>Email</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>Role</dt>
          <dd>{roleLabel[user.role]}</dd>
        </div>
        <div>
          <dt>Wallet</dt>
          <dd data-testid="linked-wallet">
            {user.walletAddress ? (
              <code className="address">{user.walletAddress}</code>
            ) : (
              <span className="muted">No wallet linked</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Member since</dt>
          <dd>{formatDate(user.createdAt)}</dd>
        </div>
        {faucet && (
          <div>
            <dt>Test SOL</dt>
            <dd>
              <p className="muted">Your wallet pays small fees in SOL. On this test network SOL is free:</p>
              <FaucetButton />
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
