import type { Address } from '@solana/kit';
import { extension, getTokenSize } from '@solana-program/token-2022';
import type { IssuancePreflight, IssuanceSigningMode } from '@insignia/contract';
import type { Chain } from '../app/create-chain.ts';
import type { BuiltMessage, ComputeBudget } from '../chain/create-base-message.ts';
import { cachedTokenAccount } from './cached-token-account.ts';
import { packIssuanceTransactions } from './pack-issuance-transactions.ts';
import { findExistingAccounts } from './read-token-balances.ts';

const ESTIMATE_TIME = new Date(0);

const LAMPORTS_PER_SIGNATURE = 5_000n;
/** The runtime's default compute-unit limit per instruction when none is set. */
const DEFAULT_UNITS_PER_INSTRUCTION = 200_000;
const MAX_UNITS = 1_400_000;
const COMPUTE_BUDGET_PROGRAM = 'ComputeBudget111111111111111111111111111111';
/**
 * Packing is exact but costs a few milliseconds per mint (each candidate transaction is
 * compiled to measure it): past this many mints the preview packs this many, in roster order,
 * and scales the count (`transactionsExact: false`). The worker always packs exactly.
 */
const EXACT_PACK_LIMIT = 2_000;
/** Any CIDv1 (raw, sha256) has this length; the memo's size, not its content, matters here. */
const PLACEHOLDER_CID = 'bafkreigaknpexyvxt76zgkitavbwx6ejgfheup5oybpm77f3pxzrvwpfdi';

export type PlannedMint = Readonly<{ mint: Address; owner: Address }>;

/** Priority fee of one transaction: price × the unit limit set (or the runtime default). */
function priorityFee(message: BuiltMessage, budget: ComputeBudget): bigint {
  const price = budget.unitPriceMicroLamports ?? 0n;
  if (price === 0n) return 0n;
  const work = message.instructions.filter((ix) => ix.programAddress !== COMPUTE_BUDGET_PROGRAM).length;
  const units = budget.unitLimit ?? Math.min(MAX_UNITS, DEFAULT_UNITS_PER_INSTRUCTION * work);
  return (price * BigInt(units) + 999_999n) / 1_000_000n;
}

/**
 * The preflight of an issuance: packs the planned mints exactly as the worker will, counts the
 * token accounts that do not exist yet (each pays rent), adds signature and priority fees, and
 * compares the total with the platform authority's balance (it pays in both signing modes).
 */
export async function estimateIssuanceCost(
  chain: Chain,
  input: {
    mints: readonly PlannedMint[];
    signingMode: IssuanceSigningMode;
    adminWallet?: Address | undefined;
  },
): Promise<IssuancePreflight> {
  const rpc = chain.rpc.rpc;
  const budget = chain.rpc.computeBudget;
  const [balance, reserve] = await Promise.all([
    rpc
      .getBalance(chain.authority.address)
      .send()
      .then((r) => r.value),
    // The authority's own account must stay rent-exempt after paying.
    rpc.getMinimumBalanceForRentExemption(0n).send(),
  ]);
  const base = {
    signingMode: input.signingMode,
    feePayer: chain.authority.address,
    adminWallet: input.adminWallet ?? null,
    authorityBalanceLamports: balance.toString(),
  };
  if (input.mints.length === 0) {
    return {
      ...base,
      needsChain: false,
      transactions: 0,
      transactionsExact: true,
      recipientsPerTransaction: { min: 0, max: 0, average: 0 },
      newTokenAccounts: 0,
      rentLamports: '0',
      feeLamports: '0',
      priorityFeeLamports: '0',
      totalLamports: '0',
      totalSol: '0',
      canPay: true,
    };
  }
  const tokenAccounts = [
    ...new Set(await Promise.all(input.mints.map((m) => cachedTokenAccount(m.owner, m.mint)))),
  ];
  const [existing, tokenRent, lifetime] = await Promise.all([
    findExistingAccounts(rpc, tokenAccounts),
    rpc.getMinimumBalanceForRentExemption(BigInt(getTokenSize([extension('ImmutableOwner', {})]))).send(),
    rpc
      .getLatestBlockhash()
      .send()
      .then((r) => r.value),
  ]);
  const sample = input.mints.slice(0, EXACT_PACK_LIMIT);
  const batches = await packIssuanceTransactions({
    authority: chain.authority,
    adminWallet: input.adminWallet,
    // Not yet rows: ids that sort as the roster does stand in for them.
    items: sample.map((m, i) => {
      const id = String(i).padStart(8, '0');
      return { id, ...m, memo: PLACEHOLDER_CID, row: { id, createdAt: ESTIMATE_TIME } };
    }),
    lifetime,
    computeBudget: budget,
  });
  const exact = sample.length === input.mints.length;
  const scale = (v: bigint) =>
    exact ? v : (v * BigInt(input.mints.length) + BigInt(sample.length) - 1n) / BigInt(sample.length);
  const transactions = Number(scale(BigInt(batches.length)));
  const newTokenAccounts = tokenAccounts.length - existing.size;
  const signatures = input.signingMode === 'admin_wallet' ? 2n : 1n;
  const rent = tokenRent * BigInt(newTokenAccounts);
  const fees = LAMPORTS_PER_SIGNATURE * signatures * BigInt(transactions);
  const priority = scale(batches.reduce((sum, b) => sum + priorityFee(b.message, budget), 0n));
  const total = rent + fees + priority;
  const per = batches.map((b) => b.items.length);
  return {
    ...base,
    needsChain: true,
    transactions,
    transactionsExact: exact,
    recipientsPerTransaction: {
      min: Math.min(...per),
      max: Math.max(...per),
      average: Math.round((input.mints.length / transactions) * 100) / 100,
    },
    newTokenAccounts,
    rentLamports: rent.toString(),
    feeLamports: fees.toString(),
    priorityFeeLamports: priority.toString(),
    totalLamports: total.toString(),
    totalSol: formatSol(total),
    canPay: balance >= total + reserve,
  };
}

/** Lamports as a decimal SOL string, exactly (no float). */
export function formatSol(lamports: bigint): string {
  const whole = lamports / 1_000_000_000n;
  const frac = (lamports % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return frac ? `${whole}.${frac}` : whole.toString();
}
