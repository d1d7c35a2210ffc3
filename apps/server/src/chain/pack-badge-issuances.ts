import {
  getTransactionMessageSize,
  getTransactionMessageSizeLimit,
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
}>;

/**
 * Greedily packs issuances into as few transactions as the size limit allows, measuring each
 * candidate with kit's compiled-size function so no batch is ever over the limit. Per item:
 * createAssociatedTokenIdempotent (once per owner+mint in a batch) + mintTo 1 + memo.
 * Future work: an address lookup table holding the shared accounts (programs, mints, authority)
 * would shrink each item by ~31 bytes per shared account and fit more recipients per transaction.
 */
export async function packBadgeIssuances<T extends BadgeIssuanceItem>(
  packInput: PackBadgeIssuancesInput<T>,
): Promise<IssuanceBatch<T>[]> {
  const input = { ...packInput, mintAuthority: sameSigner(packInput.mintAuthority, packInput.feePayer) };
  const withAccounts = await Promise.all(
    input.items.map(async (item) => ({ item, tokenAccount: await findTokenAccount(item.owner, item.mint) })),
  );
  const build = (instructions: Instruction[]) =>
    createBaseMessage(input.feePayer, input.lifetime, instructions, input.computeBudget);
  const batches: IssuanceBatch<T>[] = [];
  let current = {
    instructions: [] as Instruction[],
    items: [] as T[],
    created: new Set<Address>(),
    message: null as BuiltMessage | null,
    size: 0,
  };

  const flush = () => {
    if (current.message) batches.push({ message: current.message, items: current.items, size: current.size });
    current = { instructions: [], items: [], created: new Set(), message: null, size: 0 };
  };

  for (const { item, tokenAccount } of withAccounts) {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const added = issuanceInstructions(input, item, tokenAccount, !current.created.has(tokenAccount));
      const message = build([...current.instructions, ...added]);
      const size = getTransactionMessageSize(message);
      const limit = input.sizeLimit ?? getTransactionMessageSizeLimit(message);
      if (size <= limit) {
        current.instructions.push(...added);
        current.items.push(item);
        current.created.add(tokenAccount);
        current.message = message;
        current.size = size;
        break;
      }
      if (current.items.length === 0) throw new AppError('CHAIN__TRANSACTION_TOO_LARGE', { size, limit });
      flush();
    }
  }
  flush();
  return batches;
}

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
