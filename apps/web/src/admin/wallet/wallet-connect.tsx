import { ErrorNotice } from '../../layout/error-notice.tsx';
import type { SigningWalletHandle } from './use-signing-wallet.ts';

/** Pick and connect the admin's browser wallet; shows which account will sign. */
export function WalletConnect({ handle, purpose }: { handle: SigningWalletHandle; purpose: string }) {
  const { wallets, state, connect, disconnect } = handle;

  if (state.status === 'connected') {
    return (
      <div className="notice notice--success wallet-connected" role="status">
        <p>
          <strong>{state.wallet.name}</strong> connected:{' '}
          <code className="address">{state.account.address}</code>
        </p>
        <button className="button button--small" type="button" onClick={disconnect}>
          Use another wallet
        </button>
      </div>
    );
  }
  if (wallets.length === 0) {
    return (
      <div className="notice notice--info">
        <p className="notice__title">No wallet that can sign transactions was found in this browser</p>
        <p>
          Install a Solana wallet that supports the Wallet Standard (Phantom, Solflare, Backpack…) and reload,
          or choose the server key instead.
        </p>
      </div>
    );
  }
  return (
    <div>
      {state.status === 'failed' && (
        <ErrorNotice title="The wallet did not connect" message={state.message} />
      )}
      <p className="wallet-list__label">Connect the wallet that will {purpose}:</p>
      <ul className="wallet-list">
        {wallets.map((wallet) => (
          <li key={wallet.name}>
            <button
              className="wallet-button"
              type="button"
              disabled={state.status === 'connecting'}
              onClick={() => void connect(wallet)}
              aria-label={`Connect ${wallet.name}`}
            >
              <img src={wallet.icon} alt="" width={28} height={28} />
              <span className="wallet-button__name">{wallet.name}</span>
              <span className="wallet-button__action" aria-hidden="true">
                {state.status === 'connecting' && state.wallet === wallet ? 'Connecting…' : 'Connect'}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
