import type { Address, Instruction, TransactionSigner } from '@solana/kit';
import { getBurnCheckedInstruction, getCloseAccountInstruction } from '@solana-program/token-2022';
import {
  createBaseMessage,
  resolveLifetime,
  type BuildContext,
  type BuiltMessage,
} from './create-base-message.ts';
import { findTokenAccount } from './find-token-account.ts';
import { asSigner, sameSigner } from './as-signer.ts';
import { assertMessageFits } from './prepare-transaction.ts';

export type BurnLevelNftInput = Readonly<{
  /** The NFT holder; a bare address becomes a no-op signer left for the wallet. */
  owner: Address | TransactionSigner;
  mint: Address;
  /** Default: the owner. */
  feePayer?: TransactionSigner;
  /**
   * Also close the emptied mint in the same transaction (server co-signs as close authority).
   * Its rent goes to `destination`, default the owner (who paid for it in the user-paid flow).
   */
  closeMint?: Readonly<{ closeAuthority: TransactionSigner; destination?: Address }>;
}>;

export type BurnLevelNftBuild = Readonly<{
  message: BuiltMessage;
  tokenAccount: Address;
  lastValidBlockHeight: bigint;
  size: number;
}>;

/** Burn the single token and close the owner's token account; its rent goes back to the owner. */
export function getBurnLevelNftInstructions(
  owner: TransactionSigner,
  mint: Address,
  tokenAccount: Address,
): Instruction[] {
  return [
    getBurnCheckedInstruction({ account: tokenAccount, mint, authority: owner, amount: 1n, decimals: 0 }),
    getCloseAccountInstruction({ account: tokenAccount, destination: owner.address, owner }),
  ];
}

/** Close a mint whose supply is 0 (MintCloseAuthority); its rent goes to `destination`. */
export function getCloseMintInstruction(
  mint: Address,
  closeAuthority: TransactionSigner,
  destination?: Address,
): Instruction {
  return getCloseAccountInstruction({
    account: mint,
    destination: destination ?? closeAuthority.address,
    owner: closeAuthority,
  });
}

/** Builds burn + close of the user's token account (user signs), optionally closing the mint too. */
export async function buildBurnLevelNft(
  ctx: BuildContext,
  input: BurnLevelNftInput,
): Promise<BurnLevelNftBuild> {
  const owner = asSigner(input.owner);
  const feePayer = sameSigner(input.feePayer, owner);
  const [lifetime, tokenAccount] = await Promise.all([
    resolveLifetime(ctx),
    findTokenAccount(owner.address, input.mint),
  ]);
  const instructions = getBurnLevelNftInstructions(owner, input.mint, tokenAccount);
  if (input.closeMint) {
    const authority = sameSigner(input.closeMint.closeAuthority, feePayer);
    instructions.push(
      getCloseMintInstruction(input.mint, authority, input.closeMint.destination ?? owner.address),
    );
  }
  const message = createBaseMessage(feePayer, lifetime, instructions, ctx.computeBudget);
  return {
    message,
    tokenAccount,
    lastValidBlockHeight: lifetime.lastValidBlockHeight,
    size: assertMessageFits(message),
  };
}

export type CloseMintInput = Readonly<{
  mint: Address;
  closeAuthority: TransactionSigner;
  /** Default: the close authority. */
  destination?: Address;
  /** Default: the close authority. */
  feePayer?: TransactionSigner;
}>;

/** Builds the server-signed transaction closing an emptied mint to reclaim its rent. */
export async function buildCloseMint(ctx: BuildContext, input: CloseMintInput) {
  const feePayer = sameSigner(input.feePayer, input.closeAuthority);
  const lifetime = await resolveLifetime(ctx);
  const message = createBaseMessage(
    feePayer,
    lifetime,
    [getCloseMintInstruction(input.mint, sameSigner(input.closeAuthority, feePayer), input.destination)],
    ctx.computeBudget,
  );
  return { message, lastValidBlockHeight: lifetime.lastValidBlockHeight, size: assertMessageFits(message) };
}
