import { and, eq, inArray } from 'drizzle-orm';
import {
  badgeCategories,
  badgeIssuances,
  badges,
  badgeIssuanceTransactions,
} from '../badges/badges-schema.ts';
import type { Db } from '../db/database.ts';
import { heldBadgeStatuses } from '../nft/level-queries.ts';
import { nftLevels, userNfts } from '../nft/nft-schema.ts';

/**
 * An issuance the recipient holds (issued, in the vault, being claimed or claimed), with its
 * badge: only public columns are selected, never the user, the issuer or the recipient hash.
 */
export async function findHeldIssuance(db: Db, issuanceId: string) {
  const [row] = await db
    .select({
      id: badgeIssuances.id,
      status: badgeIssuances.status,
      destination: badgeIssuances.destination,
      walletAddress: badgeIssuances.walletAddress,
      metadataUri: badgeIssuances.metadataUri,
      metadataCid: badgeIssuances.metadataCid,
      issuedAt: badgeIssuances.issuedAt,
      validUntil: badgeIssuances.validUntil,
      revokedAt: badgeIssuances.revokedAt,
      mintSignature: badgeIssuances.mintSignature,
      transactionSignature: badgeIssuanceTransactions.signature,
      badgeName: badges.name,
      badgeDescription: badges.description,
      badgeType: badges.badgeType,
      badgeMint: badges.mintAddress,
      imageCid: badges.imageCid,
      imageUri: badges.imageUri,
      category: badgeCategories.name,
    })
    .from(badgeIssuances)
    .innerJoin(badges, eq(badges.id, badgeIssuances.badgeId))
    .leftJoin(badgeCategories, eq(badgeCategories.id, badges.categoryId))
    .leftJoin(badgeIssuanceTransactions, eq(badgeIssuanceTransactions.id, badgeIssuances.transactionId))
    .where(and(eq(badgeIssuances.id, issuanceId), inArray(badgeIssuances.status, [...heldBadgeStatuses])))
    .limit(1);
  return row;
}

/** A level NFT this platform minted, by its mint address, with its level's name. */
export async function findLevelNft(db: Db, mintAddress: string) {
  const [row] = await db
    .select({
      mintAddress: userNfts.mintAddress,
      level: userNfts.level,
      levelName: nftLevels.name,
      ownerWallet: userNfts.ownerWallet,
      status: userNfts.status,
      mintSignature: userNfts.mintSignature,
      metadataUri: userNfts.metadataUri,
      mintedAt: userNfts.mintedAt,
    })
    .from(userNfts)
    .innerJoin(nftLevels, eq(nftLevels.level, userNfts.level))
    .where(eq(userNfts.mintAddress, mintAddress as never))
    .limit(1);
  return row;
}
