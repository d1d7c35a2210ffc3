import type { Level } from '@insignia/contract';
import type { IpfsStore } from '../ipfs/ipfs-store.ts';

export const LEVEL_NFT_SYMBOL = 'INSIG';

/**
 * Uploads a level's off-chain metadata (the JSON wallets and explorers read from the token's
 * `uri`) and returns its `ipfs://` URI. Content-addressed: the same level gives the same CID,
 * so uploading on every mint is harmless and always reflects the level's current benefits.
 */
export async function uploadLevelMetadata(ipfs: Pick<IpfsStore, 'addJson'>, level: Level): Promise<string> {
  return (await ipfs.addJson(levelMetadata(level))).uri;
}

/**
 * {@link uploadLevelMetadata}, once per distinct metadata: each unlock and upgrade needs the URI,
 * and hashing and recording the same JSON every time was ~3 % of their CPU. A level edit
 * changes the JSON, so it is uploaded again; a failed upload is tried again next time.
 */
export function createLevelMetadataUploader(ipfs: Pick<IpfsStore, 'addJson'>) {
  const uris = new Map<string, Promise<string>>();
  return (level: Level): Promise<string> => {
    const metadata = levelMetadata(level);
    const key = JSON.stringify(metadata);
    let uri = uris.get(key);
    if (!uri) {
      uri = ipfs.addJson(metadata).then((added) => added.uri);
      uris.set(key, uri);
      uri.catch(() => uris.delete(key));
    }
    return uri;
  };
}

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
