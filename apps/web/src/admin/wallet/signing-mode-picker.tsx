import { useId, useState } from 'react';
import type { ClaimSigning } from '../claims/claim-item.tsx';
import { useSigningWallet, type SigningWalletHandle } from './use-signing-wallet.ts';
import { WalletConnect } from './wallet-connect.tsx';

export type SigningMode = 'server' | 'admin_wallet';

/** The chosen signing mode and, for wallet signing, the connected wallet. */
export function useSigningMode() {
  const [mode, setMode] = useState<SigningMode>('server');
  const wallet = useSigningWallet();
  const claimSigning: ClaimSigning = mode === 'server' ? { mode } : { mode, wallet: wallet.state };
  return { mode, setMode, wallet, claimSigning };
}

interface SigningModePickerProps {
  signing: { mode: SigningMode; setMode: (mode: SigningMode) => void; wallet: SigningWalletHandle };
  /** What the wallet does, e.g. "pay the transfer fee and sign it". */
  purpose: string;
}

/** Server key or the admin's browser wallet, with the wallet connection when needed. */
export function SigningModePicker({ signing, purpose }: SigningModePickerProps) {
  const id = useId();
  return (
    <div className="card signing-mode">
      <fieldset className="bare-fieldset">
        <legend className="signing-mode__legend">Who signs</legend>
        <div className="radios">
          <label className="radio">
            <input
              type="radio"
              name={`${id}-mode`}
              checked={signing.mode === 'server'}
              onChange={() => signing.setMode('server')}
            />
            <span>
              <strong>Server key</strong>
              <span className="muted"> — Insignia signs with the platform’s key, no wallet needed.</span>
            </span>
          </label>
          <label className="radio">
            <input
              type="radio"
              name={`${id}-mode`}
              checked={signing.mode === 'admin_wallet'}
              onChange={() => signing.setMode('admin_wallet')}
            />
            <span>
              <strong>My wallet</strong>
              <span className="muted"> — your browser wallet is asked to {purpose}.</span>
            </span>
          </label>
        </div>
      </fieldset>
      {signing.mode === 'admin_wallet' && <WalletConnect handle={signing.wallet} purpose={purpose} />}
    </div>
  );
}
