import type { WalletAccount } from '@wallet-standard/base';
import { useCallback, useState } from 'react';
import { describeError } from '../../api/api-error.ts';
import { useWallets } from '../../wallet/use-wallets.ts';
import { connectSigningWallet, isSigningWallet, type SigningWallet } from './signing-wallet.ts';

export type SigningWalletState =
  | { status: 'disconnected' }
  | { status: 'connecting'; wallet: SigningWallet }
  | { status: 'connected'; wallet: SigningWallet; account: WalletAccount }
  | { status: 'failed'; message: string };

/** The browser's wallets that can sign transactions, and the one the admin connected. */
export function useSigningWallet() {
  const wallets = useWallets().filter(isSigningWallet);
  const [state, setState] = useState<SigningWalletState>({ status: 'disconnected' });

  const connect = useCallback(async (wallet: SigningWallet) => {
    setState({ status: 'connecting', wallet });
    try {
      const account = await connectSigningWallet(wallet);
      setState({ status: 'connected', wallet, account });
    } catch (error) {
      setState({ status: 'failed', message: describeError(error) });
    }
  }, []);
  const disconnect = useCallback(() => setState({ status: 'disconnected' }), []);

  return { wallets, state, connect, disconnect };
}

export type SigningWalletHandle = ReturnType<typeof useSigningWallet>;
