import type { AccountSnapshot } from './account-snapshot.ts';
import { readTokenAccountCore, tokenAccountKind } from './token-layout.ts';
import { uiTokenAmount, type UiTokenAmount } from './token-amount.ts';

/** One entry of `preTokenBalances` / `postTokenBalances`. */
export interface TokenBalance {
  readonly accountIndex: number;
  readonly mint: string;
  readonly owner: string;
  readonly programId: string;
  readonly uiTokenAmount: UiTokenAmount;
}

/**
 * The token balances of the token accounts among a transaction's accounts (`accounts[i]` is the
 * state of account key `i`). Accounts whose mint cannot be found are skipped, as a validator does.
 */
export function collectTokenBalances(
  accounts: readonly (AccountSnapshot | null)[],
  decimalsOf: (mint: string) => number | undefined,
): TokenBalance[] {
  const balances: TokenBalance[] = [];
  accounts.forEach((account, accountIndex) => {
    if (account === null || tokenAccountKind(account.owner, account.data) !== 'account') return;
    const core = readTokenAccountCore(account.data);
    const decimals = core === null ? undefined : decimalsOf(core.mint);
    if (core === null || decimals === undefined) return;
    balances.push({
      accountIndex,
      mint: core.mint,
      owner: core.owner,
      programId: account.owner,
      uiTokenAmount: uiTokenAmount(core.amount, decimals),
    });
  });
  return balances;
}
