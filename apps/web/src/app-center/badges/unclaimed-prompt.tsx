import type { UnclaimedBadges } from '@insignia/contract';
import { useState, type SubmitEvent } from 'react';
import { describeError } from '../../api/api-error.ts';
import { ErrorNotice } from '../../layout/error-notice.tsx';
import { shortAddress } from '../../wallet/short-address.ts';
import { BadgeImage } from './badge-image.tsx';
import type { Badges } from './use-badges.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** No wallet on file: say there are badges waiting, and how to get them. */
function LinkWalletFirst({ count }: { count: number }) {
  return (
    <div
      className="notice notice--warning"
      role="region"
      aria-labelledby="unclaimed-title"
      data-testid="unclaimed-prompt"
    >
      <p className="notice__title" id="unclaimed-title">
        You have {plural(count, 'unclaimed badge', 'unclaimed badges')}
      </p>
      <p>
        {count === 1 ? 'It is' : 'They are'} held safely in the Insignia vault. To move{' '}
        {count === 1 ? 'it' : 'them'} into a wallet of your own, link a Solana wallet to your profile, then
        come back here to claim.
      </p>
      <ol>
        <li>
          No wallet yet? Install a Solana wallet app or browser extension (Phantom, Solflare or Backpack) and
          create a wallet.
        </li>
        <li>
          <a href="#link-wallet-title">Link the wallet</a>: you sign a short message, which costs nothing.
        </li>
        <li>Select your badges here and claim them.</li>
      </ol>
    </div>
  );
}

/** Vault badges and a wallet on file: pick some and claim them to that wallet. */
export function UnclaimedPrompt({ badges, unclaimed }: { badges: Badges; unclaimed: UnclaimedBadges }) {
  const claimable = unclaimed.items.filter((b) => b.claimable);
  // A single badge is chosen already: one click claims it.
  const [selected, setSelected] = useState<ReadonlySet<string>>(
    () => new Set(claimable.length === 1 ? claimable.map((b) => b.issuanceId) : []),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (unclaimed.items.length === 0) return null;
  if (!unclaimed.walletOnFile) return <LinkWalletFirst count={unclaimed.items.length} />;

  const chosen = claimable.filter((b) => selected.has(b.issuanceId)).map((b) => b.issuanceId);
  const choose = (ids: Iterable<string>) => {
    setSelected(new Set(ids));
    setError(null);
  };
  const toggle = (id: string) => {
    setError(null);
    setSelected((previous) => {
      const next = new Set(previous);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (chosen.length === 0) {
      setError('Select at least one badge to claim.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      // The badges then read "claim requested": the page says so from that status, so the
      // confirmation stays true (and gives way to "declined" or "claimed" when that happens).
      await badges.calls.claim(chosen);
      setSelected(new Set());
      badges.reload();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  const wallet = unclaimed.walletAddress ? shortAddress(unclaimed.walletAddress) : 'your wallet';
  return (
    <div className="claim" role="region" aria-labelledby="claim-title" data-testid="claim-form">
      {claimable.length > 0 && (
        <form onSubmit={(e) => void submit(e)} aria-busy={busy}>
          <fieldset className="claim__fieldset">
            <legend id="claim-title">
              {plural(claimable.length, 'badge is', 'badges are')} waiting in the vault: choose what to claim
              to {wallet}
            </legend>
            {claimable.length > 1 && (
              <label className="claim__option claim__option--all">
                <input
                  type="checkbox"
                  checked={chosen.length === claimable.length}
                  onChange={(e) => choose(e.target.checked ? claimable.map((b) => b.issuanceId) : [])}
                />
                Select all
              </label>
            )}
            {claimable.map((badge) => (
              <label key={badge.issuanceId} className="claim__option">
                <input
                  type="checkbox"
                  checked={selected.has(badge.issuanceId)}
                  onChange={() => toggle(badge.issuanceId)}
                />
                <BadgeImage name={badge.name} imageUrl={badge.imageUrl} size={32} />
                <span>{badge.name}</span>
              </label>
            ))}
          </fieldset>
          {error && <ErrorNotice title="The claim was not sent" message={error} />}
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy
              ? 'Sending claim…'
              : chosen.length > 0
                ? `Claim ${plural(chosen.length, 'badge', 'badges')}`
                : 'Claim selected badges'}
          </button>
          <p className="muted hint">
            Claims go to the wallet on your profile. An administrator approves each claim; there is nothing to
            pay.
          </p>
        </form>
      )}
    </div>
  );
}
