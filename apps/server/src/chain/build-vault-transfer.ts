import type { Address, TransactionSigner } from '@solana/kit';
import { getAdminApprovalInstruction, getMemoInstruction } from './get-memo-instruction.ts';
import {
  TOKEN_2022_PROGRAM_ADDRESS,
  getCreateAssociatedTokenIdempotentInstruction,
  getTransferCheckedInstruction,
} from '@solana-program/token-2022';
import {
  createBaseMessage,
  resolveLifetime,
  type BuildContext,
  type BuiltMessage,
} from './create-base-message.ts';
import { findTokenAccount } from './find-token-account.ts';
import { sameSigner } from './as-signer.ts';
import { assertMessageFits } from './prepare-transaction.ts';

export type VaultTransferInput = Readonly<{
  mint: Address;
  /** The vault authority keypair: owner of the vault's token account. */
  vault: TransactionSigner;
  recipient: Address;
  /** Default 1. */
  amount?: bigint;
  /** Default 0 (badges). */
  decimals?: number;
  /** Default: the vault authority. */
  feePayer?: TransactionSigner;
  /** Optional memo, e.g. the claim id. */
  memo?: string;
  /** admin_wallet mode: the admin's wallet, which must also sign (its approval memo). */
  approver?: Address;
}>;

export type VaultTransferBuild = Readonly<{
  message: BuiltMessage;
  source: Address;
  destination: Address;
  lastValidBlockHeight: bigint;
  size: number;
}>;

/** transferChecked from the vault's token account to the recipient's (created idempotently). */
export async function buildVaultTransfer(
  ctx: BuildContext,
  input: VaultTransferInput,
): Promise<VaultTransferBuild> {
  const feePayer = sameSigner(input.feePayer, input.vault);
  const vault = sameSigner(input.vault, feePayer);
  const [lifetime, source, destination] = await Promise.all([
    resolveLifetime(ctx),
    findTokenAccount(vault.address, input.mint),
    findTokenAccount(input.recipient, input.mint),
  ]);
  const instructions = [
    getCreateAssociatedTokenIdempotentInstruction({
      payer: feePayer,
      ata: destination,
      owner: input.recipient,
      mint: input.mint,
      tokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
    }),
    getTransferCheckedInstruction({
      source,
      mint: input.mint,
      destination,
      authority: vault,
      amount: input.amount ?? 1n,
      decimals: input.decimals ?? 0,
    }),
    ...(input.memo === undefined ? [] : [getMemoInstruction(input.memo)]),
    ...(input.approver === undefined ? [] : [getAdminApprovalInstruction(input.approver)]),
  ];
  const message = createBaseMessage(feePayer, lifetime, instructions, ctx.computeBudget);
  return {
    message,
    source,
    destination,
    lastValidBlockHeight: lifetime.lastValidBlockHeight,
    size: assertMessageFits(message),
  };
}
