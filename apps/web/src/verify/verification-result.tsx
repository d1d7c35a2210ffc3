import type { OnChainHolder } from '@insignia/contract';
import { formatDateTime } from '../app-center/format.ts';

interface ResultProps {
  tone: 'ok' | 'info' | 'warn' | 'bad';
  title: string;
  children?: React.ReactNode;
  testId?: string;
}

/** The verdict line under the title, with an icon that matches its tone. */
export function VerificationResult({ tone, title, children, testId }: ResultProps) {
  return (
    <div className={`verify-result verify-result--${tone}`} role="status" data-testid={testId}>
      <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" className="verify-result__icon">
        {tone === 'ok' ? (
          <path d="M12 2l8 3v6c0 5-3.4 9.4-8 11-4.6-1.6-8-6-8-11V5zm-1.2 13.6l6-6-1.4-1.4-4.6 4.6-2.2-2.2-1.4 1.4z" />
        ) : tone === 'bad' ? (
          <path d="M12 2a10 10 0 110 20 10 10 0 010-20zm-3.5 5.1L7.1 8.5 10.6 12l-3.5 3.5 1.4 1.4 3.5-3.5 3.5 3.5 1.4-1.4-3.5-3.5 3.5-3.5-1.4-1.4-3.5 3.5z" />
        ) : (
          <path d="M12 2a10 10 0 110 20 10 10 0 010-20zm-1 5v7h2V7zm0 9v2h2v-2z" />
        )}
      </svg>
      <div>
        <p className="verify-result__title">{title}</p>
        {children && <p className="verify-result__detail">{children}</p>}
      </div>
    </div>
  );
}

/** What the chain said about where the token is now, in a sentence. */
export function describeHolder(holder: OnChainHolder, issuer: string, what: string): string {
  const when = `Checked ${formatDateTime(holder.checkedAt)}.`;
  switch (holder.state) {
    case 'held':
      return holder.kind === 'vault'
        ? `Held in ${issuer}’s vault until its owner claims it to a wallet. ${when}`
        : `Held by the wallet it was issued to. ${when}`;
    case 'moved':
      return `It has left the wallet it was issued to. ${when}`;
    case 'burned':
    case 'absent':
      return `This ${what} is no longer on chain. ${when}`;
    default:
      return `The chain could not be reached just now, so where it is now was not checked. Reload to try again.`;
  }
}
