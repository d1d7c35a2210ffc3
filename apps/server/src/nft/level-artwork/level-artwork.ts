import { createPromiseMemo } from '../../cache/promise-memo.ts';
import { computeCid } from '../../ipfs/import-unixfs.ts';
import type { IpfsStore } from '../../ipfs/ipfs-store.ts';
import { renderLevelArtwork } from './render-level-artwork.ts';

export const LEVEL_ARTWORK_CONTENT_TYPE = 'image/svg+xml';

/** Levels are few and rarely renamed: a small memo holds every artwork ever asked for. */
const KEPT = 256;
const cids = createPromiseMemo<string, string>(KEPT);

/** The artwork's bytes for a level number and tier name. */
export function levelArtworkBytes(level: number, name: string): Uint8Array {
  return Buffer.from(renderLevelArtwork(level, name), 'utf8');
}

/**
 * The `ipfs://CID` of a level's default artwork, derived at read time from its number and name
 * (content-addressed: nothing is stored in the database). {@link storeLevelArtwork} puts the
 * bytes behind it into the IPFS store.
 */
export function defaultLevelArtworkUri(level: number, name: string): Promise<string> {
  const bytes = levelArtworkBytes(level, name);
  return cids(`${level}\n${name}`, async () => `ipfs://${(await computeCid(bytes)).toString()}`);
}

/**
 * Adds the default artwork of these levels to the IPFS store (and its providers), once per
 * artwork in this process: at start-up, after a level edit and before a level's metadata is
 * uploaded, so the gateway, wallets and explorers can load every image the app names.
 */
export function createLevelArtworkStore(ipfs: Pick<IpfsStore, 'addBytes'>) {
  const stored = createPromiseMemo<string, string>(KEPT);
  const store = (level: number, name: string): Promise<string> =>
    stored(`${level}\n${name}`, async () => {
      const added = await ipfs.addBytes(levelArtworkBytes(level, name), {
        name: `level-${level}.svg`,
        contentType: LEVEL_ARTWORK_CONTENT_TYPE,
      });
      return added.uri;
    });
  return {
    /** Stores one level's artwork; resolves with its `ipfs://` URI. */
    store,
    /** Stores the artwork of every level given (the ones without an image of their own). */
    async storeAll(levels: ReadonlyArray<{ level: number; name: string; imageUri: string | null }>) {
      await Promise.all(levels.filter((l) => !l.imageUri).map((l) => store(l.level, l.name)));
    },
  };
}
