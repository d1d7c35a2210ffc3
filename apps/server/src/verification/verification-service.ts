import type { Address, GetMultipleAccountsApi, Rpc } from '@solana/kit';
import type { BadgeVerification, NftVerification, VerificationNetwork } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import type { IpfsStore } from '../ipfs/ipfs-store.ts';
import { defaultLevelArtworkUri } from '../nft/level-artwork/level-artwork.ts';
import { readBadgeHolder, readLevelNft } from './read-holder.ts';
import { findHeldIssuance, findLevelNft } from './verification-queries.ts';
import { hasExpired } from '../badges/has-expired.ts';

export interface VerificationDeps {
  db: Db;
  rpc: Rpc<GetMultipleAccountsApi>;
  authority: Address;
  vault: Address;
  network: () => Promise<VerificationNetwork>;
  /** The issuer every page names (`PLATFORM_NAME`). */
  platformName: string;
  ipfs: Pick<IpfsStore, 'get'>;
  /** A public gateway's base URL, or '' for this server's own `/ipfs/:cid`. */
  gatewayBaseUrl: string;
}

const cidOf = (uri: string | null | undefined) =>
  uri?.startsWith('ipfs://') ? uri.slice('ipfs://'.length).replace(/^ipfs\//, '') : null;

/**
 * The public record of a badge issuance or a level NFT: what it is, who issued it, when, its
 * proof on chain (read now) and its IPFS metadata. Built from an explicit list of public
 * columns, so nothing personal can slip in.
 */
export function createVerificationService(deps: VerificationDeps) {
  const gateway = (cid: string) => `${deps.gatewayBaseUrl.replace(/\/+$/, '')}/ipfs/${cid}`;
  /** An image URI a browser can load: `ipfs://` through the gateway, https as it is. */
  const imageUrl = (uri: string | null | undefined) => {
    const cid = cidOf(uri);
    if (cid) return gateway(cid);
    return uri?.startsWith('https://') ? uri : null;
  };
  const metadataOf = (uri: string | null, cid?: string | null) => {
    if (!uri) return null;
    const found = cid ?? cidOf(uri);
    return { uri, cid: found, gatewayUrl: found ? gateway(found) : null };
  };
  /** The `image` of the metadata a token was minted with, when this store can read it quickly. */
  const mintedImage = async (cid: string | null) => {
    if (!cid) return undefined;
    try {
      const bytes = await deps.ipfs.get(cid, { signal: AbortSignal.timeout(2_000) });
      const image = (JSON.parse(Buffer.from(bytes).toString('utf8')) as { image?: unknown }).image;
      return typeof image === 'string' ? image : undefined;
    } catch {
      return undefined;
    }
  };

  return {
    async badge(issuanceId: string): Promise<BadgeVerification> {
      const row = await findHeldIssuance(deps.db, issuanceId);
      if (!row) throw new AppError('VERIFY__BADGE_NOT_FOUND');
      const onChain = row.badgeType === 'blockchain' && row.destination !== 'none' && row.badgeMint;
      let proof: BadgeVerification['proof'] = { kind: 'database' };
      if (onChain) {
        // Unclaimed badges sit in the platform's vault; issued and claimed ones in the wallet.
        const inVault = row.status === 'in_vault' || row.status === 'claim_requested';
        const owner = inVault ? deps.vault : row.walletAddress;
        proof = {
          kind: 'on_chain',
          network: await deps.network(),
          mintAddress: row.badgeMint as string,
          transactionSignature: row.mintSignature ?? row.transactionSignature ?? null,
          holder: owner
            ? await readBadgeHolder(deps.rpc, {
                owner,
                mint: row.badgeMint as Address,
                kind: inVault ? 'vault' : 'wallet',
              })
            : { state: 'absent', address: null, kind: null, checkedAt: new Date().toISOString() },
        };
      }
      return {
        issuanceId: row.id,
        issuer: deps.platformName,
        badge: {
          name: row.badgeName,
          description: row.badgeDescription,
          category: row.category ?? null,
          imageUrl: row.imageCid ? gateway(row.imageCid) : imageUrl(row.imageUri),
        },
        issuedAt: row.issuedAt?.toISOString() ?? null,
        validUntil: row.validUntil?.toISOString() ?? null,
        // Decided per request: nothing is written when a badge expires.
        expired: hasExpired(row.validUntil),
        revokedAt: row.revokedAt?.toISOString() ?? null,
        proof,
        metadata: metadataOf(row.metadataUri, row.metadataCid),
      };
    },

    async nft(mintAddress: string): Promise<NftVerification> {
      const row = await findLevelNft(deps.db, mintAddress);
      if (!row) throw new AppError('VERIFY__NFT_NOT_FOUND');
      const [network, chain] = await Promise.all([
        deps.network(),
        readLevelNft(deps.rpc, { owner: row.ownerWallet, mint: row.mintAddress, authority: deps.authority }),
      ]);
      // The metadata the mint names on chain; the artwork is the image that JSON names.
      const metadata = metadataOf(chain.metadataUri ?? row.metadataUri);
      const image =
        (await mintedImage(metadata?.cid ?? null)) ??
        (await defaultLevelArtworkUri(row.level, row.levelName));
      const holder = chain.holder;
      return {
        mintAddress: row.mintAddress,
        issuer: deps.platformName,
        level: { level: row.level, name: row.levelName, imageUrl: imageUrl(image) },
        mintedAt: row.mintedAt.toISOString(),
        status: row.status === 'burned' ? 'replaced' : row.status,
        proof: {
          kind: 'on_chain',
          network,
          mintAddress: row.mintAddress,
          transactionSignature: row.mintSignature ?? null,
          holder,
        },
        metadata,
      };
    },
  };
}

export type VerificationService = ReturnType<typeof createVerificationService>;
