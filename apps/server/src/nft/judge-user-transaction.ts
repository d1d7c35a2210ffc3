import { TOKEN_2022_PROGRAM_ADDRESS } from '@solana-program/token-2022';

/** One token balance of a landed transaction (`preTokenBalances` / `postTokenBalances`). */
export interface LandedTokenBalance {
  accountIndex: number;
  mint: string;
  owner?: string | undefined;
  /** Raw amount, a decimal string. */
  amount: string;
}

/** A transaction as the chain recorded it, reduced to what the judgement needs. */
export interface LandedTransaction {
  /** The transaction error, or null when it succeeded. */
  err: unknown;
  /** Every account key in order: static keys, then loaded writable, then loaded readonly. */
  accountKeys: readonly string[];
  /** Top-level instructions. */
  instructions: readonly { programIdIndex: number; accounts: readonly number[]; data: Uint8Array }[];
  preTokenBalances: readonly LandedTokenBalance[];
  postTokenBalances: readonly LandedTokenBalance[];
}

/** A level NFT moving in or out of the owner's associated token account. */
export interface NftMove {
  mint: string;
  tokenAccount: string;
}

/** What the prepared transaction of a request does for `owner`. */
export interface ExpectedEffects {
  owner: string;
  burns?: NftMove | undefined;
  mints?: NftMove | undefined;
}

/**
 * - `does_it`: it succeeded and moved the NFTs exactly as the request's transaction would;
 * - `attempted_it`: it names the request's mints but did not do that (failed, or did something else);
 * - `unrelated`: it does not even name them: some other transaction of the wallet.
 */
export type UserTransactionVerdict = 'does_it' | 'attempted_it' | 'unrelated';

// Token-2022 instruction tags (same as SPL Token) and the accounts they take.
const BURN = 8; // [account, mint, authority]
const BURN_CHECKED = 15;
const MINT_TO = 7; // [mint, account, authority]
const MINT_TO_CHECKED = 14;

function amountOf(data: Uint8Array): bigint | undefined {
  if (data.length < 9) return undefined;
  return new DataView(data.buffer, data.byteOffset, data.byteLength).getBigUint64(1, true);
}

function balance(list: readonly LandedTokenBalance[], move: NftMove, owner: string, keys: readonly string[]) {
  let total = 0n;
  for (const b of list) {
    if (b.mint === move.mint && (b.owner ?? owner) === owner && keys[b.accountIndex] === move.tokenAccount)
      total += BigInt(b.amount);
  }
  return total;
}

/** A successful top-level Token-2022 instruction with one of `tags` moving one unit between these accounts. */
function hasInstruction(
  tx: LandedTransaction,
  tags: readonly number[],
  accounts: readonly [string, string],
): boolean {
  return tx.instructions.some((ix) => {
    const key = (i: number) => tx.accountKeys[ix.accounts[i] ?? -1];
    return (
      tx.accountKeys[ix.programIdIndex] === TOKEN_2022_PROGRAM_ADDRESS &&
      tags.includes(ix.data[0] ?? -1) &&
      amountOf(ix.data) === 1n &&
      key(0) === accounts[0] &&
      key(1) === accounts[1]
    );
  });
}

function burned(tx: LandedTransaction, move: NftMove, owner: string): boolean {
  const keys = tx.accountKeys;
  // Balances first; a validator that drops the balance of a mint closed in the same
  // transaction still shows the burn instruction itself.
  const byBalance =
    balance(tx.preTokenBalances, move, owner, keys) === 1n &&
    balance(tx.postTokenBalances, move, owner, keys) === 0n;
  return byBalance || hasInstruction(tx, [BURN, BURN_CHECKED], [move.tokenAccount, move.mint]);
}

function minted(tx: LandedTransaction, move: NftMove, owner: string): boolean {
  const keys = tx.accountKeys;
  const byBalance =
    balance(tx.preTokenBalances, move, owner, keys) === 0n &&
    balance(tx.postTokenBalances, move, owner, keys) === 1n;
  return byBalance || hasInstruction(tx, [MINT_TO, MINT_TO_CHECKED], [move.mint, move.tokenAccount]);
}

/**
 * Pure: whether a transaction a client names is the one the request prepared, judged by what
 * it did on chain (never by what the client says). The caller still reads the chain's current
 * state: a burn seen here must also leave the old mint empty or closed.
 */
export function judgeUserTransaction(
  tx: LandedTransaction,
  expected: ExpectedEffects,
): UserTransactionVerdict {
  const mints = [expected.burns?.mint, expected.mints?.mint].filter((m): m is string => !!m);
  if (mints.length === 0 || !mints.every((m) => tx.accountKeys.includes(m))) return 'unrelated';
  if (tx.err !== null && tx.err !== undefined) return 'attempted_it';
  if (expected.burns && !burned(tx, expected.burns, expected.owner)) return 'attempted_it';
  if (expected.mints && !minted(tx, expected.mints, expected.owner)) return 'attempted_it';
  return 'does_it';
}
