import { type Address, type TransactionSigner } from '@solana/kit';
import {
  createBaseMessage,
  resolveLifetime,
  type BuildContext,
  type BuiltMessage,
} from './create-base-message.ts';
import {
  LEVEL_NFT_KEYED_INPUT,
  fetchLevelNftRent,
  getLevelNftMintInstructions,
  levelNftTemplates,
  type LevelNftMintInput,
} from './build-level-nft-mint.ts';
import { getBurnLevelNftInstructions, getCloseMintInstruction } from './build-burn-level-nft.ts';
import { findTokenAccount } from './find-token-account.ts';
import { asSigner, sameSigner } from './as-signer.ts';
import { assertMessageFits } from './prepare-transaction.ts';
import { hasOnlyKeys, levelNftTemplateKey } from './level-nft-template-key.ts';

export type AtomicUpgradeInput = Omit<LevelNftMintInput, 'owner'> &
  Readonly<{
    /** The user; a bare address becomes a no-op signer left for the wallet (default fee payer). */
    owner: Address | TransactionSigner;
    /** The NFT being burned. */
    oldMint: Address;
    /** Close the old mint in the same transaction (default true; the authority must be its close authority). */
    closeOldMint?: boolean;
    /** Where the old mint's rent goes; default the owner, who paid for it. */
    oldMintRentDestination?: Address;
  }>;

export type AtomicUpgradeBuild = Readonly<{
  message: BuiltMessage;
  mint: Address;
  tokenAccount: Address;
  oldTokenAccount: Address;
  lastValidBlockHeight: bigint;
  costLamports: bigint;
  size: number;
}>;

/** Every input field: a field added to the type must be added here (and to the key) too. */
const KEYED_INPUT: Record<keyof AtomicUpgradeInput, true> = {
  ...LEVEL_NFT_KEYED_INPUT,
  oldMint: true,
  closeOldMint: true,
  oldMintRentDestination: true,
};

/**
 * Burn the old level NFT (and close its token account and mint) and mint the new one in a single
 * transaction, so "burned but not minted" cannot happen. Throws CHAIN__TRANSACTION_TOO_LARGE if
 * the metadata makes it exceed 1232 bytes; the two-step upgrade remains available then.
 */
export async function buildAtomicUpgrade(
  ctx: BuildContext,
  input: AtomicUpgradeInput,
): Promise<AtomicUpgradeBuild> {
  const owner = asSigner(input.owner);
  const feePayer = sameSigner(input.feePayer, owner);
  const authority = sameSigner(input.authority, feePayer);
  const mintInput = { ...input, owner: owner.address, authority, feePayer };
  const [lifetime, rent, tokenAccount, oldTokenAccount] = await Promise.all([
    resolveLifetime(ctx),
    fetchLevelNftRent(ctx, mintInput),
    findTokenAccount(owner.address, input.mint.address),
    findTokenAccount(owner.address, input.oldMint),
  ]);
  const buildWithKit = () => {
    const instructions = [
      ...getBurnLevelNftInstructions(owner, input.oldMint, oldTokenAccount),
      ...(input.closeOldMint === false
        ? []
        : [getCloseMintInstruction(input.oldMint, authority, input.oldMintRentDestination ?? owner.address)]),
      ...getLevelNftMintInstructions({ ...mintInput, mintLamports: rent.mintLamports, tokenAccount }),
    ];
    return createBaseMessage(feePayer, lifetime, instructions, ctx.computeBudget);
  };
  const destination = input.oldMintRentDestination;
  const message = hasOnlyKeys(input, KEYED_INPUT)
    ? levelNftTemplates.build(
        {
          key: levelNftTemplateKey('atomic-upgrade', ctx, input, rent.mintLamports, [
            input.closeOldMint !== false,
            Boolean(input.feePayer),
            destination !== undefined,
          ]),
          constants: [
            authority.address,
            ...(input.feePayer ? [feePayer.address] : []),
            ...(destination === undefined ? [] : [destination]),
          ],
          variables: [owner.address, input.mint.address, tokenAccount, input.oldMint, oldTokenAccount],
          signers: [owner, feePayer, input.mint, authority],
          feePayer,
          lifetime,
        },
        buildWithKit,
      )
    : buildWithKit();
  return {
    message,
    mint: input.mint.address,
    tokenAccount,
    oldTokenAccount,
    lastValidBlockHeight: lifetime.lastValidBlockHeight,
    costLamports: rent.mintLamports + rent.tokenAccountLamports + 3n * 5000n,
    size: assertMessageFits(message),
  };
}
