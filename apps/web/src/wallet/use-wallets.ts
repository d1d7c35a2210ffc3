import { getWallets } from '@wallet-standard/app';
import type { Wallet } from '@wallet-standard/base';
import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  const wallets = getWallets();
  const offRegister = wallets.on('register', onChange);
  const offUnregister = wallets.on('unregister', onChange);
  return () => {
    offRegister();
    offUnregister();
  };
}

// getWallets().get() returns the same array until a wallet registers or leaves.
const snapshot = (): readonly Wallet[] => getWallets().get();

/** Every Wallet Standard wallet in this browser, updated as wallets register. */
export function useWallets(): readonly Wallet[] {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
