import type { Address, TransactionSigner } from '@solana/kit';
import { getBurnCheckedInstruction } from '@solana-program/token-2022';
import {
  createBaseMessage,
  resolveLifetime,
  type BuildContext,
  type BuiltMessage,
} from '../chain/create-base-message.ts';
import { getMemoInstruction } from '../chain/get-memo-instruction.ts';
import { sameSigner } from '../chain/as-signer.ts';
import { assertMessageFits } from '../chain/prepare-transaction.ts';

export type BadgeBurnInput = Readonly<{
  mint: Address;
  tokenAccount: Address;
  /** The token account's owner (the vault key) or the mint's PermanentDelegate (the authority). */
  burner: TransactionSigner;
  feePayer: TransactionSigner;
  /** Names the revocation on chain, e.g. `revoke:<issuanceId>`. */
  memo: string;
}>;

/** A Token-2022 burnChecked of one badge unit (decimals 0) from one token account. */
export async function buildBadgeBurn(
  ctx: BuildContext,
  input: BadgeBurnInput,
): Promise<{ message: BuiltMessage; lastValidBlockHeight: bigint }> {
  const feePayer = input.feePayer;
  const burner = sameSigner(input.burner, feePayer);
  const lifetime = await resolveLifetime(ctx);
  const instructions = [
    getBurnCheckedInstruction({
      account: input.tokenAccount,
      mint: input.mint,
      authority: burner,
      amount: 1n,
      decimals: 0,
    }),
    getMemoInstruction(input.memo),
  ];
  const message = createBaseMessage(feePayer, lifetime, instructions, ctx.computeBudget);
  assertMessageFits(message);
  return { message, lastValidBlockHeight: lifetime.lastValidBlockHeight };
}
