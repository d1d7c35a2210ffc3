import { fetchEncodedAccounts, type Address, type GetMultipleAccountsApi, type Rpc } from '@solana/kit';
import { getTokenDecoder } from '@solana-program/token-2022';
import { cachedTokenAccount } from './cached-token-account.ts';

const PER_CALL = 100;

/**
 * The amount of `mint` each owner's associated token account holds (0 when it has none), in
 * one getMultipleAccounts call per hundred owners. Keyed `owner:mint`.
 */
export async function readTokenBalances(
  rpc: Rpc<GetMultipleAccountsApi>,
  pairs: readonly { owner: Address; mint: Address }[],
): Promise<Map<string, bigint>> {
  const unique = [...new Map(pairs.map((p) => [`${p.owner}:${p.mint}`, p])).values()];
  const withAccounts = await Promise.all(
    unique.map(async (p) => ({ ...p, account: await cachedTokenAccount(p.owner, p.mint) })),
  );
  const out = new Map<string, bigint>();
  // One decoder for all: fetchAllMaybeToken builds one per account, found or not (about a
  // millisecond each, most of a mint pass's chain reading).
  const decoder = getTokenDecoder();
  for (let i = 0; i < withAccounts.length; i += PER_CALL) {
    const part = withAccounts.slice(i, i + PER_CALL);
    const found = await fetchEncodedAccounts(
      rpc,
      part.map((p) => p.account),
    );
    // One entry per address, in order.
    part.forEach((p, j) => {
      const account = found[j];
      out.set(`${p.owner}:${p.mint}`, account?.exists ? decoder.decode(account.data).amount : 0n);
    });
  }
  return out;
}

/** Which of `accounts` exist on chain (one call per hundred). */
export async function findExistingAccounts(
  rpc: Rpc<GetMultipleAccountsApi>,
  accounts: readonly Address[],
): Promise<Set<Address>> {
  const existing = new Set<Address>();
  for (let i = 0; i < accounts.length; i += PER_CALL) {
    const part = accounts.slice(i, i + PER_CALL);
    const { value } = await rpc.getMultipleAccounts(part, { encoding: 'base64' }).send();
    part.forEach((address, j) => {
      if (value[j]) existing.add(address);
    });
  }
  return existing;
}
