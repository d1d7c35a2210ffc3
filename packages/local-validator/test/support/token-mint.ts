import { some, type Address, type Instruction, type TransactionSigner } from '@solana/kit';
import { getCreateAccountInstruction } from '@solana-program/system';
import {
  extension,
  findAssociatedTokenPda,
  getCreateAssociatedTokenIdempotentInstruction,
  getInitializeMint2Instruction,
  getMintSize,
  getMintToInstruction,
  getPostInitializeInstructionsForMintExtensions,
  getPreInitializeInstructionsForMintExtensions,
  TOKEN_2022_PROGRAM_ADDRESS,
} from '@solana-program/token-2022';

/** Inputs of {@link levelMintInstructions}. */
export interface LevelMintInput {
  readonly payer: TransactionSigner;
  readonly mint: TransactionSigner;
  readonly owner: Address;
  readonly name: string;
  readonly symbol: string;
  readonly uri: string;
  /** Rent-exempt minimum for a data length (getMinimumBalanceForRentExemption or LiteSVM's). */
  readonly rentFor: (space: number) => Promise<bigint> | bigint;
}

/**
 * One transaction's instructions for an Insignia-style level NFT: a Token-2022 mint with decimals 0,
 * MetadataPointer (to itself) + TokenMetadata, then the owner's ATA and mintTo 1.
 */
export async function levelMintInstructions(
  input: LevelMintInput,
): Promise<{ instructions: Instruction[]; ata: Address }> {
  const { payer, mint } = input;
  const pointer = extension('MetadataPointer', {
    authority: some(payer.address),
    metadataAddress: some(mint.address),
  });
  const metadata = extension('TokenMetadata', {
    updateAuthority: some(payer.address),
    mint: mint.address,
    name: input.name,
    symbol: input.symbol,
    uri: input.uri,
    additionalMetadata: new Map(),
  });
  // The account is created at the size of the fixed extensions; TokenMetadata reallocs, so pay rent for both.
  const space = getMintSize([pointer]);
  const lamports = await input.rentFor(getMintSize([pointer, metadata]));
  const [ata] = await findAssociatedTokenPda({
    owner: input.owner,
    mint: mint.address,
    tokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
  });
  const instructions: Instruction[] = [
    getCreateAccountInstruction({
      payer,
      newAccount: mint,
      lamports,
      space,
      programAddress: TOKEN_2022_PROGRAM_ADDRESS,
    }),
    ...getPreInitializeInstructionsForMintExtensions(mint.address, [pointer]),
    getInitializeMint2Instruction({
      mint: mint.address,
      decimals: 0,
      mintAuthority: payer.address,
      freezeAuthority: null,
    }),
    ...getPostInitializeInstructionsForMintExtensions(mint.address, payer, [metadata]),
    getCreateAssociatedTokenIdempotentInstruction({
      payer,
      ata,
      owner: input.owner,
      mint: mint.address,
      tokenProgram: TOKEN_2022_PROGRAM_ADDRESS,
    }),
    getMintToInstruction({ mint: mint.address, token: ata, mintAuthority: payer, amount: 1n }),
  ];
  return { instructions, ata };
}
