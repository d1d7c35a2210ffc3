import type { Address, TransactionSigner } from '@solana/kit';
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
import { sameSigner } from './as-signer.ts';
import { assertMessageFits } from './prepare-transaction.ts';

export type BadgeMintInput = Readonly<{
  /** The badge's mint key (derive it with purpose `badge-mint` and the badge id). */
  mint: TransactionSigner;
  /** Mint authority and metadata update authority: the server key, or the admin's wallet (no-op signer). */
  authority: TransactionSigner;
  /** Default: the authority. */
  feePayer?: TransactionSigner;
  name: string;
  symbol: string;
  /** IPFS uri of the badge's metadata JSON. */
  uri: string;
  /** Optional MintCloseAuthority, to retire a badge whose supply went back to 0. */
  closeAuthority?: Address;
  /** Token-2022 PermanentDelegate: the platform authority, so a revoked badge can be burned from a wallet. */
  permanentDelegate?: Address;
}>;

export type BadgeMintBuild = Readonly<{
  message: BuiltMessage;
  mint: Address;
  lastValidBlockHeight: bigint;
  costLamports: bigint;
  size: number;
}>;

/** One Token-2022 mint per badge: decimals 0, MetadataPointer to itself + TokenMetadata (+ PermanentDelegate). */
export async function buildBadgeMint(ctx: BuildContext, input: BadgeMintInput): Promise<BadgeMintBuild> {
  const feePayer = sameSigner(input.feePayer, input.authority);
  const authority = sameSigner(input.authority, feePayer);
  const spec: TokenMintSpec = {
    mint: input.mint.address,
    authority,
    metadata: { name: input.name, symbol: input.symbol, uri: input.uri },
    ...(input.closeAuthority ? { closeAuthority: input.closeAuthority } : {}),
    ...(input.permanentDelegate ? { permanentDelegate: input.permanentDelegate } : {}),
  };
  const [lifetime, lamports] = await Promise.all([
    resolveLifetime(ctx),
    fetchRent(ctx, getTokenMintSizes(spec).fullSize),
  ]);
  const instructions = getCreateTokenMintInstructions({
    ...spec,
    payer: feePayer,
    newMint: input.mint,
    lamports,
  });
  const message = createBaseMessage(feePayer, lifetime, instructions, ctx.computeBudget);
  return {
    message,
    mint: input.mint.address,
    lastValidBlockHeight: lifetime.lastValidBlockHeight,
    costLamports:
      lamports + BigInt(new Set([feePayer.address, authority.address, input.mint.address]).size) * 5000n,
    size: assertMessageFits(message),
  };
}
