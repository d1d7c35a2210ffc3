import { address, createNoopSigner } from '@solana/kit';
import { extension, getTokenSize } from '@solana-program/token-2022';
import { getTokenMintSizes } from '../chain/get-create-token-mint-instructions.ts';

/**
 * What the platform authority pays, estimated from what the database records of each kind of
 * transaction it pays for (no fee is stored per transaction): base fees of 5,000 lamports per
 * signature, plus rent of the accounts the transaction creates, from the accounts' sizes and
 * Solana's default rent (3,480 lamports per byte-year, two years to be exempt, 128 bytes of
 * account overhead). Priority fees and failed attempts are not included.
 */
export const LAMPORTS_PER_SIGNATURE = 5_000n;
const RENT_PER_BYTE = 3_480n * 2n;
const ACCOUNT_OVERHEAD = 128n;

export const rentFor = (bytes: bigint): bigint => (bytes + ACCOUNT_OVERHEAD) * RENT_PER_BYTE;

// Any address: sizes depend on which extensions there are and on the metadata's text only.
const anyAddress = address('11111111111111111111111111111111');
const anySigner = createNoopSigner(anyAddress);

function mintBytesWithoutText(options: {
  level?: number;
  nonTransferable?: boolean;
  permanentDelegate?: boolean;
}): bigint {
  const sizes = getTokenMintSizes({
    mint: anyAddress,
    authority: anySigner,
    metadata: {
      name: '',
      symbol: '',
      uri: '',
      ...(options.level === undefined ? {} : { additional: { level: String(options.level) } }),
    },
    ...(options.level === undefined ? {} : { closeAuthority: anyAddress }),
    ...(options.nonTransferable ? { nonTransferable: true } : {}),
    ...(options.permanentDelegate ? { permanentDelegate: anyAddress } : {}),
  });
  return BigInt(sizes.fullSize);
}

/** A badge holder's (or the vault's) token account: Token-2022 with ImmutableOwner. */
const badgeTokenAccountRent = rentFor(BigInt(getTokenSize([extension('ImmutableOwner', {})])));
/** A level NFT's token account (level NFTs are non-transferable by default). */
const levelTokenAccountRent = rentFor(
  BigInt(getTokenSize([extension('ImmutableOwner', {}), extension('NonTransferableAccount', {})])),
);

/** Counts of one day's authority-paid work, as the chart queries group them. */
export type AuthorityWork = Readonly<{
  /** Badge mints created, and the bytes of their name + symbol + uri together. */
  badgeMints: number;
  badgeMintTextBytes: number;
  /** Confirmed packed issuance transactions, by how many signatures they carry (1 or 2). */
  issuanceSignatures: number;
  /** Token accounts those transactions created: wallets', and the vault's first per badge. */
  issuanceTokenAccounts: number;
  /** Completed claim transfers and their signatures (authority, vault, and any admin wallet). */
  claimTransfers: number;
  claimSignatures: number;
  /** Level NFTs the server minted itself (two-step upgrades), per level, with their uri bytes. */
  levelMints: ReadonlyArray<{ level: number; nameBytes: number; count: number; uriBytes: number }>;
}>;

export type AuthoritySpend = Readonly<{
  badgeMints: bigint;
  issuances: bigint;
  claims: bigint;
  levelMints: bigint;
}>;

/** Lamports the authority paid for one day's work, by kind. */
export function estimateAuthoritySpend(work: AuthorityWork): AuthoritySpend {
  // Badge mints carry PermanentDelegate (revocation burns from wallets).
  const badgeMintBase = mintBytesWithoutText({ permanentDelegate: true });
  // Fee payer (the authority, also the mint authority) and the new mint key sign.
  const badgeMints =
    BigInt(work.badgeMints) * (rentFor(badgeMintBase) + 2n * LAMPORTS_PER_SIGNATURE) +
    BigInt(work.badgeMintTextBytes) * RENT_PER_BYTE;
  const issuances =
    BigInt(work.issuanceSignatures) * LAMPORTS_PER_SIGNATURE +
    BigInt(work.issuanceTokenAccounts) * badgeTokenAccountRent;
  const claims =
    BigInt(work.claimSignatures) * LAMPORTS_PER_SIGNATURE +
    BigInt(work.claimTransfers) * badgeTokenAccountRent;
  let levelMints = 0n;
  for (const m of work.levelMints) {
    const fixed = mintBytesWithoutText({ level: m.level, nonTransferable: true }) + BigInt(m.nameBytes);
    levelMints +=
      BigInt(m.count) * (rentFor(fixed) + levelTokenAccountRent + 2n * LAMPORTS_PER_SIGNATURE) +
      BigInt(m.uriBytes) * RENT_PER_BYTE;
  }
  return { badgeMints, issuances, claims, levelMints };
}
