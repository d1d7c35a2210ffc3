import { useState } from 'react';
import { describeError } from '../api/api-error.ts';
import { useAuth, useCurrentUser } from '../auth/auth-context.tsx';
import { ErrorNotice } from '../layout/error-notice.tsx';
import { linkWallet, type LinkStep } from './link-wallet.ts';
import { isLinkableWallet, isSolanaWallet, type LinkableWallet } from './linkable-wallet.ts';
import { NoWalletNotice } from './no-wallet-notice.tsx';
import { shortAddress } from './short-address.ts';
import { useWallets } from './use-wallets.ts';

type LinkState =
  | { status: 'idle' }
  | { status: 'busy'; step: LinkStep; walletName: string }
  | { status: 'linked'; address: string }
  | { status: 'failed'; message: string };

function stepText(step: LinkStep, walletName: string): string {
  switch (step) {
    case 'connecting':
      return `Connecting to ${walletName}… approve the connection in your wallet.`;
    case 'signing':
      return `Sign the message in ${walletName} to prove the wallet is yours.`;
    case 'linking':
      return 'Checking the signature…';
  }
}

/** What pressing a wallet's button does now: shown text, and the button's accessible name. */
function linkAction(wallet: LinkableWallet, linked: string | null): { action: string; label: string } {
  // A wallet already showing the linked account (it connected before) says so.
  if (wallet.accounts.some((a) => a.address === linked))
    return { action: 'Linked', label: `${wallet.name} is linked; link it again` };
  if (linked) return { action: 'Link instead', label: `Link ${wallet.name} instead` };
  return { action: 'Link', label: `Link ${wallet.name}` };
}

/** Lists the browser's Solana wallets and links the chosen one to the account. */
export function LinkWalletSection() {
  const { api, updateUser } = useAuth();
  const user = useCurrentUser();
  const wallets = useWallets();
  const [state, setState] = useState<LinkState>({ status: 'idle' });

  const linkable = wallets.filter(isLinkableWallet);
  const unsupported = wallets.filter((w) => isSolanaWallet(w) && !isLinkableWallet(w));
  const busy = state.status === 'busy';

  async function handleLink(wallet: LinkableWallet) {
    const onStep = (step: LinkStep) => setState({ status: 'busy', step, walletName: wallet.name });
    try {
      const updated = await linkWallet({ api, wallet, onStep });
      updateUser(updated);
      setState({ status: 'linked', address: updated.walletAddress ?? '' });
    } catch (error) {
      setState({ status: 'failed', message: describeError(error) });
    }
  }

  return (
    <section className="card" aria-labelledby="link-wallet-title" aria-busy={busy}>
      <h2 id="link-wallet-title">{user.walletAddress ? 'Change linked wallet' : 'Link a wallet'}</h2>
      <p className="muted">
        Linking proves a Solana wallet is yours: the wallet asks you to sign a short message. Signing is free
        and sends no transaction.
      </p>
      {user.walletAddress && (
        <p className="muted">
          Linked now: <code className="address">{shortAddress(user.walletAddress)}</code>. Choose another
          wallet below to link it instead. A level NFT you already hold stays in the wallet that holds it, and
          that wallet signs its upgrades.
        </p>
      )}

      <div aria-live="polite">
        {state.status === 'busy' && (
          <p className="loading" role="status">
            <span className="spinner" aria-hidden="true" />
            {stepText(state.step, state.walletName)}
          </p>
        )}
        {state.status === 'linked' && (
          <div className="notice notice--success" role="status">
            Wallet linked: <code className="address">{state.address}</code>
          </div>
        )}
      </div>
      {state.status === 'failed' && <ErrorNotice title="The wallet was not linked" message={state.message} />}

      {linkable.length === 0 ? (
        <NoWalletNotice unsupportedNames={unsupported.map((w) => w.name)} />
      ) : (
        <>
          <p className="wallet-list__label" id="wallet-list-label">
            Choose a wallet:
          </p>
          <ul className="wallet-list" aria-labelledby="wallet-list-label">
            {linkable.map((wallet) => {
              const { action, label } = linkAction(wallet, user.walletAddress);
              return (
                <li key={wallet.name}>
                  <button
                    className="wallet-button"
                    type="button"
                    disabled={busy}
                    onClick={() => void handleLink(wallet)}
                    aria-label={label}
                  >
                    <img src={wallet.icon} alt="" width={28} height={28} />
                    <span className="wallet-button__name">{wallet.name}</span>
                    <span className="wallet-button__action" aria-hidden="true">
                      {action}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
