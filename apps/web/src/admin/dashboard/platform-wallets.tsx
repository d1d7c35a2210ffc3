import type { AdminDashboard } from '@insignia/contract';
import { formatSol } from '../common/format.ts';
import { CopyAddress } from './copy-address.tsx';

function Balance({ lamports }: { lamports: string | null }) {
  return <>{lamports === null ? 'Balance unknown' : formatSol(lamports)}</>;
}

/**
 * The two platform keys side by side: the authority, which pays every fee and rent, and the
 * vault, which holds badges until people claim them.
 */
export function PlatformWallets({ d }: { d: AdminDashboard }) {
  const { authority, vault } = d;
  const authorityNote =
    authority.low === null
      ? 'The network did not answer just now.'
      : authority.low
        ? `Low: below ${formatSol(authority.lowThresholdLamports)}. Add SOL before the next mints.`
        : `Enough for now (warns below ${formatSol(authority.lowThresholdLamports)}).`;
  return (
    <ul className="dash-wallets" aria-label="Platform wallets">
      <li className={`dash-wallet${authority.low ? ' dash-wallet--low' : ''}`} data-testid="wallet-authority">
        <p className="dash-wallet__role">Authority</p>
        <p className="dash-wallet__balance">
          <Balance lamports={authority.balanceLamports} />
        </p>
        <p className="dash-wallet__what">Pays the fees and rent of every mint, issuance and claim.</p>
        <CopyAddress address={authority.address} label="authority" />
        <p className={`dash-wallet__note${authority.low !== false ? ' dash-wallet__note--bad' : ''}`}>
          {authorityNote}
        </p>
      </li>
      <li className="dash-wallet" data-testid="wallet-vault">
        <p className="dash-wallet__role">Vault</p>
        <p className="dash-wallet__balance">
          <Balance lamports={vault.balanceLamports} />
        </p>
        <p className="dash-wallet__what">
          Holds {d.badges.inVault.toLocaleString()} badge{d.badges.inVault === 1 ? '' : 's'} for people
          without a wallet until they claim; the authority pays its fees, so it needs no SOL.
        </p>
        <CopyAddress address={vault.address} label="vault" />
      </li>
    </ul>
  );
}
