import type { Level } from '@insignia/contract';
import { buildAtomicUpgrade } from '../chain/build-atomic-upgrade.ts';
import { buildBurnLevelNft } from '../chain/build-burn-level-nft.ts';
import { buildLevelNftMint } from '../chain/build-level-nft-mint.ts';
import type { BlockhashLifetime, BuiltMessage } from '../chain/create-base-message.ts';
import { deriveMintSigner } from '../chain/derive-mint-signer.ts';
import type { Chain } from '../app/create-chain.ts';
import { LEVEL_NFT_SYMBOL, levelNftName } from './level-metadata.ts';
import type { NftRequestRow } from './nft-request-store.ts';
import { upgradedMint } from './verify-user-transaction.ts';

export const LEVEL_NFT_PURPOSE = 'level-nft';

export interface BuiltRequestTransaction {
  message: BuiltMessage;
  /** What the fee payer needs in lamports, when the builder knows (mint rent and fees). */
  costLamports: bigint | undefined;
}

/**
 * The transaction a request needs next, built against a fresh blockhash. The mint key is
 * derived from the request id, so every rebuild targets the same mint address.
 *
 * - unlock: the user pays and signs a mint of the target level;
 * - atomic upgrade: the user signs one transaction burning the old NFT and minting the new one;
 * - two-step upgrade, user step: the user signs the burn (the server co-signs closing the mint);
 * - two-step upgrade, server step (`serverMint`): the server pays for and signs the new mint.
 */
export async function buildRequestTransaction(
  chain: Chain,
  row: NftRequestRow,
  level: Level,
  metadataUri: string,
  options: {
    nonTransferable: boolean;
    serverMint?: boolean;
    /** A blockhash the caller already asked for (with its other reads, in one request). */
    lifetime?: BlockhashLifetime;
  },
): Promise<BuiltRequestTransaction> {
  const mint = await deriveMintSigner(chain.mintKeySecret, LEVEL_NFT_PURPOSE, row.id);
  const owner = row.walletAddress;
  const nft = {
    mint,
    authority: chain.authority,
    name: levelNftName(level),
    symbol: LEVEL_NFT_SYMBOL,
    uri: metadataUri,
    level: level.level,
    nonTransferable: options.nonTransferable,
  };
  const ctx = {
    rpc: chain.rpc.rpc,
    computeBudget: chain.rpc.computeBudget,
    ...(options.lifetime ? { lifetime: options.lifetime } : {}),
  };

  if (row.kind === 'unlock' || options.serverMint) {
    const built = await buildLevelNftMint(ctx, {
      ...nft,
      owner,
      ...(options.serverMint ? { feePayer: chain.authority } : {}),
    });
    return { message: built.message, costLamports: built.costLamports };
  }
  if (row.mode === 'atomic') {
    const built = await buildAtomicUpgrade(ctx, { ...nft, owner, oldMint: upgradedMint(row) });
    return { message: built.message, costLamports: built.costLamports };
  }
  const built = await buildBurnLevelNft(ctx, {
    owner,
    mint: upgradedMint(row),
    closeMint: { closeAuthority: chain.authority, destination: owner },
  });
  return { message: built.message, costLamports: undefined };
}
