import { none, some, type Address, type Instruction, type TransactionSigner } from '@solana/kit';
import { getCreateAccountInstruction } from '@solana-program/system';
import {
  TOKEN_2022_PROGRAM_ADDRESS,
  extension,
  getInitializeMetadataPointerInstruction,
  getInitializeMint2Instruction,
  getInitializeMintCloseAuthorityInstruction,
  getInitializeNonTransferableMintInstruction,
  getInitializePermanentDelegateInstruction,
  getInitializeTokenMetadataInstruction,
  getMintSize,
  getUpdateTokenMetadataFieldInstruction,
  tokenMetadataField,
  type ExtensionArgs,
} from '@solana-program/token-2022';

/** On-chain TokenMetadata of a mint (stored in the mint account itself). */
export type TokenMetadataInput = Readonly<{
  name: string;
  symbol: string;
  uri: string;
  /** Extra key/value fields, e.g. `{ level: '2' }`. */
  additional?: Readonly<Record<string, string>>;
}>;

/** A decimals-0 Token-2022 mint whose metadata lives in the mint (MetadataPointer → itself). */
export type TokenMintSpec = Readonly<{
  mint: Address;
  /** Mint authority and metadata update authority; must sign (metadata init checks the mint authority). */
  authority: TransactionSigner;
  metadata: TokenMetadataInput;
  /** Adds MintCloseAuthority so the rent can be reclaimed once supply is 0. */
  closeAuthority?: Address;
  nonTransferable?: boolean;
  /** Adds PermanentDelegate: this address may burn (or move) the token from any holder's account. */
  permanentDelegate?: Address;
}>;

function fixedExtensions(spec: TokenMintSpec): ExtensionArgs[] {
  const out: ExtensionArgs[] = [
    extension('MetadataPointer', {
      authority: some(spec.authority.address),
      metadataAddress: some(spec.mint),
    }),
  ];
  if (spec.closeAuthority) out.push(extension('MintCloseAuthority', { closeAuthority: spec.closeAuthority }));
  if (spec.nonTransferable) out.push(extension('NonTransferable', {}));
  if (spec.permanentDelegate) out.push(extension('PermanentDelegate', { delegate: spec.permanentDelegate }));
  return out;
}

/**
 * Sizes of the mint account: `space` is what createAccount allocates (fixed-size extensions only —
 * InitializeMint refuses an account with unused trailing bytes), `fullSize` is the size once the
 * variable-length TokenMetadata is written (Token-2022 reallocs on its own; the lamports for it
 * must already be in the account, so rent is funded for `fullSize`).
 */
export function getTokenMintSizes(spec: TokenMintSpec): { space: number; fullSize: number } {
  // Encoding the extensions to measure them was ~8 % of an unlock's CPU, and the sizes depend
  // only on which extensions there are and on the metadata's text (addresses are all 32 bytes).
  const key = JSON.stringify([
    Boolean(spec.closeAuthority),
    Boolean(spec.nonTransferable),
    Boolean(spec.permanentDelegate),
    spec.metadata.name,
    spec.metadata.symbol,
    spec.metadata.uri,
    Object.entries(spec.metadata.additional ?? {}),
  ]);
  let sizes = mintSizes.get(key);
  if (!sizes) {
    sizes = measureTokenMint(spec);
    if (mintSizes.size >= MINT_SIZES_KEPT) mintSizes.clear();
    mintSizes.set(key, sizes);
  }
  return sizes;
}

const MINT_SIZES_KEPT = 1_000;
const mintSizes = new Map<string, { space: number; fullSize: number }>();

function measureTokenMint(spec: TokenMintSpec): { space: number; fullSize: number } {
  const fixed = fixedExtensions(spec);
  const metadata = extension('TokenMetadata', {
    updateAuthority: some(spec.authority.address),
    mint: spec.mint,
    name: spec.metadata.name,
    symbol: spec.metadata.symbol,
    uri: spec.metadata.uri,
    additionalMetadata: new Map(Object.entries(spec.metadata.additional ?? {})),
  });
  return { space: getMintSize(fixed), fullSize: getMintSize([...fixed, metadata]) };
}

/**
 * Instructions creating the mint, in the order Token-2022 requires: createAccount → fixed
 * extensions (MetadataPointer, MintCloseAuthority, NonTransferable, PermanentDelegate) → InitializeMint2 →
 * InitializeTokenMetadata → UpdateTokenMetadataField for each additional field.
 */
export function getCreateTokenMintInstructions(
  spec: TokenMintSpec & { payer: TransactionSigner; newMint: TransactionSigner; lamports: bigint },
): Instruction[] {
  if (spec.newMint.address !== spec.mint)
    throw new RangeError('newMint signer does not match the mint address');
  const { space } = getTokenMintSizes(spec);
  const { mint, authority, metadata } = spec;
  const instructions: Instruction[] = [
    getCreateAccountInstruction({
      payer: spec.payer,
      newAccount: spec.newMint,
      lamports: spec.lamports,
      space,
      programAddress: TOKEN_2022_PROGRAM_ADDRESS,
    }),
    getInitializeMetadataPointerInstruction({
      mint,
      authority: some(authority.address),
      metadataAddress: some(mint),
    }),
  ];
  if (spec.closeAuthority) {
    instructions.push(
      getInitializeMintCloseAuthorityInstruction({ mint, closeAuthority: some(spec.closeAuthority) }),
    );
  }
  if (spec.nonTransferable) instructions.push(getInitializeNonTransferableMintInstruction({ mint }));
  if (spec.permanentDelegate)
    instructions.push(getInitializePermanentDelegateInstruction({ mint, delegate: spec.permanentDelegate }));
  instructions.push(
    getInitializeMint2Instruction({
      mint,
      decimals: 0,
      mintAuthority: authority.address,
      freezeAuthority: none(),
    }),
    getInitializeTokenMetadataInstruction({
      metadata: mint,
      updateAuthority: authority.address,
      mint,
      mintAuthority: authority,
      name: metadata.name,
      symbol: metadata.symbol,
      uri: metadata.uri,
    }),
  );
  for (const [key, value] of Object.entries(metadata.additional ?? {})) {
    instructions.push(
      getUpdateTokenMetadataFieldInstruction({
        metadata: mint,
        updateAuthority: authority,
        field: tokenMetadataField('Key', [key]),
        value,
      }),
    );
  }
  return instructions;
}
