import type { Level } from '@insignia/contract';
import { createPromiseMemo } from '../cache/promise-memo.ts';
import type { IpfsStore } from '../ipfs/ipfs-store.ts';
import { createLevelArtworkStore, LEVEL_ARTWORK_CONTENT_TYPE } from './level-artwork/level-artwork.ts';

export const LEVEL_NFT_SYMBOL = 'INSIG';

/**
 * Uploads a level's off-chain metadata (the JSON wallets and explorers read from the token's
 * `uri`) and gives its `ipfs://` URI, once per distinct metadata: each unlock and upgrade
 * needs the URI, and hashing and recording the same JSON every time was ~3 % of their CPU.
 * Content-addressed, so a level edit changes the JSON and it is uploaded again, and the mint
 * always reflects the level's current benefits; a failed upload is tried again next time.
 */
export function createLevelMetadataUploader(ipfs: Pick<IpfsStore, 'addJson' | 'addBytes'>) {
  const uris = createPromiseMemo<string, string>(LEVEL_METADATA_KEPT);
  const artwork = createLevelArtworkStore(ipfs);
  return async (level: Level): Promise<string> => {
    // Without an image of the operator's, the level's default artwork, stored before the JSON
    // that names it so a wallet never meets an image the store does not hold.
    const image = level.imageUri
      ? { uri: level.imageUri }
      : { uri: await artwork.store(level.level, level.name), type: LEVEL_ARTWORK_CONTENT_TYPE };
    const metadata = levelMetadata(level, image);
    return uris(JSON.stringify(metadata), async () => (await ipfs.addJson(metadata)).uri);
  };
}

/** Five levels, each edited now and then: old versions need not stay. */
const LEVEL_METADATA_KEPT = 64;

/** Metaplex-style JSON: `image` plus `properties.files` with its type, which wallets read. */
function levelMetadata(level: Level, image: { uri: string; type?: string }) {
  return {
    name: levelNftName(level),
    symbol: LEVEL_NFT_SYMBOL,
    description: `Insignia loyalty level ${level.level}: ${level.name}.`,
    image: image.uri,
    attributes: [
      { trait_type: 'level', value: level.level },
      { trait_type: 'tier', value: level.name },
      { trait_type: 'min_volume_usd', value: level.minVolumeUsd },
    ],
    properties: { benefits: level.benefits, category: 'image', files: [image] },
  };
}

/** On-chain name; Token-2022 metadata keeps it short. */
export function levelNftName(level: Level): string {
  return `Insignia L${level.level} ${level.name}`.slice(0, 32);
}
