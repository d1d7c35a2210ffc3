import { createNoopSigner, none, type Address, type Instruction, type TransactionSigner } from '@solana/kit';
import {
  AuthorityType,
  TOKEN_2022_PROGRAM_ADDRESS,
  extension,
  getCreateAssociatedTokenIdempotentInstruction,
  getMintToInstruction,
  getSetAuthorityInstruction,
  getTokenSize,
} from '@solana-program/token-2022';
import {
  createBaseMessage,
  fetchRent,
  resolveLifetime,
  type BuildContext,
  type BuiltMessage,
} from './create-base-message.ts';
import {
  getCreateTokenMintInstructions,
  getTokenMintSizes,
  type TokenMintSpec,
} from './get-create-token-mint-instructions.ts';
import { findTokenAccount } from './find-token-account.ts';
import { assertMessageFits } from './prepare-transaction.ts';
import { createMessageTemplateCache } from './message-template-cache.ts';
import { hasOnlyKeys, levelNftTemplateKey } from './level-nft-template-key.ts';

const LAMPORTS_PER_SIGNATURE = 5000n;

/** A level NFT: Token-2022, decimals 0, supply 1, metadata in the mint with a `level` field. */
export type LevelNftMintInput = Readonly<{
  /** The derived mint key ({@link deriveMintSigner}); signs createAccount. */
  mint: TransactionSigner;
  /** Server authority: transient mint authority, close authority and metadata update authority. */
  authority: TransactionSigner;
  owner: Address;
  /** Default: the owner pays (a no-op signer; the wallet adds its signature). */
  feePayer?: TransactionSigner;
  name: string;
  symbol: string;
  uri: string;
  level: number | string;
  /** Default true: a level cannot be sold. */
  nonTransferable?: boolean;
}>;

export type LevelNftMintBuild = Readonly<{
  message: BuiltMessage;
  mint: Address;
  tokenAccount: Address;
  lastValidBlockHeight: bigint;
  /** Lamports the fee payer needs: mint + token account rent and base fees (priority fee excluded). */
  costLamports: bigint;
  size: number;
}>;

function toMintSpec(input: LevelNftMintInput): TokenMintSpec {
  return {
    mint: input.mint.address,
    authority: input.authority,
    metadata: {
      name: input.name,
      symbol: input.symbol,
      uri: input.uri,
      additional: { level: String(input.level) },
    },
    closeAuthority: input.authority.address,
    nonTransferable: input.nonTransferable ?? true,
  };
}

/** Two possible sizes, each measured (by encoding the extensions) once. */
const tokenAccountSizes = new Map<boolean, number>();
function tokenAccountSize(nonTransferable: boolean): number {
  let size = tokenAccountSizes.get(nonTransferable);
  if (size === undefined) {
    size = getTokenSize([
      extension('ImmutableOwner', {}),
      ...(nonTransferable ? [extension('NonTransferableAccount', {})] : []),
    ]);
    tokenAccountSizes.set(nonTransferable, size);
  }
  return size;
}

/** Rent the level NFT's accounts need: the mint with its metadata, and the owner's token account. */
export async function fetchLevelNftRent(ctx: BuildContext, input: LevelNftMintInput) {
  const spec = toMintSpec(input);
  const [mintLamports, tokenAccountLamports] = await Promise.all([
    fetchRent(ctx, getTokenMintSizes(spec).fullSize),
    fetchRent(ctx, tokenAccountSize(spec.nonTransferable ?? true)),
  ]);
  return { mintLamports, tokenAccountLamports };
}

/**
 * Instructions minting one level NFT to `owner`: create + initialise the mint (extensions, then
 * InitializeMint2, then metadata), create the owner's token account, mint 1, then drop the mint
 * authority so the supply stays 1 forever.
 */
export function getLevelNftMintInstructions(
  input: LevelNftMintInput & { feePayer: TransactionSigner; mintLamports: bigint; tokenAccount: Address },
): Instruction[] {
  const mint = input.mint.address;
  return [
    ...getCreateTokenMintInstructions({
      ...toMintSpec(input),
      payer: input.feePayer,
      newMint: input.mint,
      lamports: input.mintLamports,
    }),
    getCreateAssociatedTokenIdempotentInstruction({
      payer: input.feePayer,
      ata: input.tokenAccount,
      owner: input.owner,
      mint,
      tokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
    }),
    getMintToInstruction({ mint, token: input.tokenAccount, mintAuthority: input.authority, amount: 1n }),
    getSetAuthorityInstruction({
      owned: mint,
      owner: input.authority,
      authorityType: AuthorityType.MintTokens,
      newAuthority: none(),
    }),
  ];
}

/**
 * Level NFT messages differ between requests only in the owner, the derived mint, the token
 * accounts and the blockhash; templates copy kit's compiled bytes instead of running the
 * instruction builders and the compiler for each (see message-template-cache.ts). Shared with
 * the atomic upgrade; levels are few, order classes a handful each.
 */
export const levelNftTemplates = createMessageTemplateCache({ families: 64, classesPerFamily: 32 });

/** Every input field: a field added to the type must be added here (and to the key) too. */
export const LEVEL_NFT_KEYED_INPUT: Record<keyof LevelNftMintInput, true> = {
  mint: true,
  authority: true,
  owner: true,
  feePayer: true,
  name: true,
  symbol: true,
  uri: true,
  level: true,
  nonTransferable: true,
};

/**
 * Builds the level NFT mint transaction. With the default fee payer (the owner) the result, once
 * prepared, is missing only the user's signature; with a server fee payer it is fully signed.
 */
export async function buildLevelNftMint(
  ctx: BuildContext,
  input: LevelNftMintInput,
): Promise<LevelNftMintBuild> {
  const feePayer = input.feePayer ?? createNoopSigner(input.owner);
  const [lifetime, rent, tokenAccount] = await Promise.all([
    resolveLifetime(ctx),
    fetchLevelNftRent(ctx, input),
    findTokenAccount(input.owner, input.mint.address),
  ]);
  const buildWithKit = () => {
    const instructions = getLevelNftMintInstructions({
      ...input,
      feePayer,
      mintLamports: rent.mintLamports,
      tokenAccount,
    });
    return createBaseMessage(feePayer, lifetime, instructions, ctx.computeBudget);
  };
  const message = hasOnlyKeys(input, LEVEL_NFT_KEYED_INPUT)
    ? levelNftTemplates.build(
        {
          key: levelNftTemplateKey('mint', ctx, input, rent.mintLamports, [Boolean(input.feePayer)]),
          constants: [input.authority.address, ...(input.feePayer ? [input.feePayer.address] : [])],
          variables: [input.owner, input.mint.address, tokenAccount],
          signers: [feePayer, input.mint, input.authority],
          feePayer,
          lifetime,
        },
        buildWithKit,
      )
    : buildWithKit();
  const size = assertMessageFits(message);
  const signatures = BigInt(new Set([feePayer.address, input.authority.address, input.mint.address]).size);
  return {
    message,
    mint: input.mint.address,
    tokenAccount,
    lastValidBlockHeight: lifetime.lastValidBlockHeight,
    costLamports: rent.mintLamports + rent.tokenAccountLamports + signatures * LAMPORTS_PER_SIGNATURE,
    size,
  };
}
