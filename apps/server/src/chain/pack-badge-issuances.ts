import {
  getTransactionMessageSize,
  getTransactionMessageSizeLimit,
  isSignerRole,
  type Address,
  type Instruction,
  type TransactionSigner,
} from '@solana/kit';
import { getMemoInstruction } from './get-memo-instruction.ts';
import {
  TOKEN_2022_PROGRAM_ADDRESS,
  getCreateAssociatedTokenIdempotentInstruction,
  getMintToInstruction,
} from '@solana-program/token-2022';
import {
  createBaseMessage,
  type BlockhashLifetime,
  type BuiltMessage,
  type ComputeBudget,
} from './create-base-message.ts';
import { findTokenAccount } from './find-token-account.ts';
import { AppError } from '../errors/app-error.ts';
import { sameSigner } from './as-signer.ts';

/** One badge unit to mint: to a wallet, or to the vault (owner = the vault authority). */
export type BadgeIssuanceItem = Readonly<{
  /** Caller's id for the issuance, returned with its batch. */
  id: string;
  mint: Address;
  owner: Address;
  /** Memo text written on chain, e.g. the issuance payload's IPFS CID. */
  memo: string;
}>;

export type IssuanceBatch<T extends BadgeIssuanceItem = BadgeIssuanceItem> = Readonly<{
  message: BuiltMessage;
  items: readonly T[];
  size: number;
}>;

export type PackBadgeIssuancesInput<T extends BadgeIssuanceItem> = Readonly<{
  feePayer: TransactionSigner;
  /** The badges' mint authority: server key, or the admin wallet as a no-op signer. */
  mintAuthority: TransactionSigner;
  items: readonly T[];
  lifetime: BlockhashLifetime;
  computeBudget?: ComputeBudget;
  /** Default: kit's limit for the message version (1232 bytes). */
  sizeLimit?: number;
  /** The owner's token account for a mint; default: derived (a hash and curve check per bump tried). */
  tokenAccountOf?: (owner: Address, mint: Address) => Promise<Address>;
}>;

/**
 * Greedily packs issuances into as few transactions as the size limit allows. Per item:
 * createAssociatedTokenIdempotent (once per owner+mint in a batch) + mintTo 1 + memo.
 *
 * Sizes are counted, not compiled (compiling a message costs about 2 ms, and compiling every
 * candidate made packing quadratic in recipients per transaction): an empty message is compiled
 * once, and each instruction adds its own bytes plus 32 per account the message does not hold
 * yet (64 more per new signer); the tests hold the count equal to kit's compiled size.
 * prepareTransaction still measures the compiled message before signing, so a miscount could
 * never send an oversized transaction.
 * Future work: an address lookup table holding the shared accounts (programs, mints, authority)
 * would shrink each item by ~31 bytes per shared account and fit more recipients per transaction.
 */
export async function packBadgeIssuances<T extends BadgeIssuanceItem>(
  packInput: PackBadgeIssuancesInput<T>,
): Promise<IssuanceBatch<T>[]> {
  const input = { ...packInput, mintAuthority: sameSigner(packInput.mintAuthority, packInput.feePayer) };
  const tokenAccountOf = input.tokenAccountOf ?? findTokenAccount;
  const withAccounts = await Promise.all(
    input.items.map(async (item) => ({ item, tokenAccount: await tokenAccountOf(item.owner, item.mint) })),
  );
  const build = (instructions: Instruction[]) =>
    createBaseMessage(input.feePayer, input.lifetime, instructions, input.computeBudget);
  const empty = build([]);
  const limit = input.sizeLimit ?? getTransactionMessageSizeLimit(empty);
  const baseSize = getTransactionMessageSize(empty);
  const baseSigners = new Set([input.feePayer.address]);
  const baseAccounts = new Set<Address>(baseSigners);
  for (const ix of empty.instructions) countInstruction(ix, baseAccounts, baseSigners);

  const batches: IssuanceBatch<T>[] = [];
  const fresh = () => ({
    instructions: [] as Instruction[],
    items: [] as T[],
    created: new Set<Address>(),
    accounts: new Set(baseAccounts),
    signers: new Set(baseSigners),
    instructionBytes: 0,
    size: baseSize,
  });
  let current = fresh();
  const flush = () => {
    if (current.items.length === 0) return;
    batches.push({ message: build(current.instructions), items: current.items, size: current.size });
    current = fresh();
  };

  for (const { item, tokenAccount } of withAccounts) {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const added = issuanceInstructions(input, item, tokenAccount, !current.created.has(tokenAccount));
      const accounts = new Set(current.accounts);
      const signers = new Set(current.signers);
      const instructionBytes =
        current.instructionBytes +
        added.reduce((sum, ix) => sum + countInstruction(ix, accounts, signers), 0);
      const size =
        baseSize +
        instructionBytes +
        32 * (accounts.size - baseAccounts.size) +
        64 * (signers.size - baseSigners.size) +
        shortVecGrowth(baseSigners.size, signers.size) +
        shortVecGrowth(baseAccounts.size, accounts.size) +
        shortVecGrowth(empty.instructions.length, current.instructions.length + added.length);
      if (size <= limit) {
        current.instructions.push(...added);
        current.items.push(item);
        current.created.add(tokenAccount);
        Object.assign(current, { accounts, signers, instructionBytes, size });
        break;
      }
      if (current.items.length === 0) throw new AppError('CHAIN__TRANSACTION_TOO_LARGE', { size, limit });
      flush();
    }
  }
  flush();
  return batches;
}

/**
 * Compiled bytes of one instruction (program index, account indexes, data, their lengths), and
 * its accounts and signers added to the message's sets.
 */
function countInstruction(ix: Instruction, accounts: Set<Address>, signers: Set<Address>): number {
  accounts.add(ix.programAddress);
  const metas = ix.accounts ?? [];
  for (const meta of metas) {
    accounts.add(meta.address);
    if (isSignerRole(meta.role)) signers.add(meta.address);
  }
  const dataLength = ix.data?.length ?? 0;
  return 1 + shortVecLength(metas.length) + metas.length + shortVecLength(dataLength) + dataLength;
}

/** Bytes of a compact-u16 ("short vec") length prefix. */
const shortVecLength = (n: number) => (n < 0x80 ? 1 : n < 0x4000 ? 2 : 3);
const shortVecGrowth = (from: number, to: number) => shortVecLength(to) - shortVecLength(from);

function issuanceInstructions(
  input: PackBadgeIssuancesInput<BadgeIssuanceItem>,
  item: BadgeIssuanceItem,
  tokenAccount: Address,
  createAccount: boolean,
): Instruction[] {
  const out: Instruction[] = [];
  if (createAccount) {
    out.push(
      getCreateAssociatedTokenIdempotentInstruction({
        payer: input.feePayer,
        ata: tokenAccount,
        owner: item.owner,
        mint: item.mint,
        tokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
      }),
    );
  }
  out.push(
    getMintToInstruction({
      mint: item.mint,
      token: tokenAccount,
      mintAuthority: input.mintAuthority,
      amount: 1n,
    }),
    getMemoInstruction(item.memo),
  );
  return out;
}
