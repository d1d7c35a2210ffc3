import type { Level } from '@insignia/contract';
import { createPromiseMemo } from '../cache/promise-memo.ts';
import type { IpfsStore } from '../ipfs/ipfs-store.ts';

export const LEVEL_NFT_SYMBOL = 'INSIG';

/**
 * Uploads a level's off-chain metadata (the JSON wallets and explorers read from the token's
 * `uri`) and gives its `ipfs://` URI, once per distinct metadata: each unlock and upgrade
 * needs the URI, and hashing and recording the same JSON every time was ~3 % of their CPU.
 * Content-addressed, so a level edit changes the JSON and it is uploaded again, and the mint
 * always reflects the level's current benefits; a failed upload is tried again next time.
 */
export function createLevelMetadataUploader(ipfs: Pick<IpfsStore, 'addJson'>) {
  const uris = createPromiseMemo<string, string>(LEVEL_METADATA_KEPT);
  return (level: Level): Promise<string> => {
    const metadata = levelMetadata(level);
    return uris(JSON.stringify(metadata), async () => (await ipfs.addJson(metadata)).uri);
  };
}

/** Five levels, each edited now and then: old versions need not stay. */
const LEVEL_METADATA_KEPT = 64;

function levelMetadata(level: Level) {
  return {
    name: levelNftName(level),
    symbol: LEVEL_NFT_SYMBOL,
    description: `Insignia loyalty level ${level.level}: ${level.name}.`,
    ...(level.imageUri ? { image: level.imageUri } : {}),
    attributes: [
      { trait_type: 'level', value: level.level },
      { trait_type: 'tier', value: level.name },
      { trait_type: 'min_volume_usd', value: level.minVolumeUsd },
    ],
    properties: { benefits: level.benefits },
  };
}

/** On-chain name; Token-2022 metadata keeps it short. */
export function levelNftName(level: Level): string {
  return `Insignia L${level.level} ${level.name}`.slice(0, 32);
}
