import type { Logger } from 'pino';
import type { Chain } from '../app/create-chain.ts';
import type { Cache } from '../cache/cache.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import type { IpfsStore } from '../ipfs/ipfs-store.ts';
import { createLevelArtworkStore } from './level-artwork/level-artwork.ts';
import { createLevelMetadataUploader } from './level-metadata.ts';
import { listLevels } from './level-queries.ts';
import { createLevelService } from './level-service.ts';
import { createNftAdminService } from './nft-admin-service.ts';
import { workerStatuses } from './nft-request-store.ts';
import { createNftRequestAdvancer } from './nft-request-advancer.ts';
import { createNftRequestService } from './nft-request-service.ts';
import { createNftRequestWorker } from './nft-request-worker.ts';
import { createNftStatusService } from './nft-status-service.ts';

/**
 * Level NFTs, wired once by the composition root: levels and their metadata, the cached status
 * a person sees, unlock and upgrade requests with their advancer and worker, and the admin's
 * compensation queue.
 */
export function createNftFeature(deps: {
  db: Db;
  cache: Cache;
  chain: Chain;
  ipfs: IpfsStore;
  logger: Logger;
  atomicUpgrade: boolean;
  nonTransferable: boolean;
  wake: Readonly<{ nftRequests: () => void; outbox: () => void }>;
}) {
  const { db, chain, logger, wake } = deps;
  const status = createNftStatusService({ db, cache: deps.cache });
  const artwork = createLevelArtworkStore(deps.ipfs);
  const levels = createLevelService({
    db,
    onLevelsChanged: async () => {
      await status.invalidateLevels();
      // A renamed or added level has new default artwork: stored now, so the gateway serves it.
      await artwork.storeAll(await listLevels(db));
    },
  });
  const levelMetadataUri = createLevelMetadataUploader(deps.ipfs);
  const levelFor = async (n: number) => {
    const level = (await status.levels()).find((l) => l.level === n);
    if (!level) throw new AppError('NFT__LEVEL_NOT_FOUND');
    return { level, metadataUri: await levelMetadataUri(level) };
  };
  const advancer = createNftRequestAdvancer({
    db,
    chain,
    logger,
    levelFor,
    nonTransferable: deps.nonTransferable,
    onChanged: async (row) => {
      await status.invalidate([row.userId]);
      // A step on the way (sent, burned) is relayed with the next poll, usually together with
      // the outcome; an outcome or a turn for the user is relayed at once.
      if (!(workerStatuses as readonly string[]).includes(row.status)) wake.outbox();
    },
  });
  const requests = createNftRequestService({
    db,
    chain,
    status,
    advancer,
    levelFor,
    atomicUpgrade: deps.atomicUpgrade,
    nonTransferable: deps.nonTransferable,
    nudgeWorker: wake.nftRequests,
  });
  return {
    status,
    levels,
    requests,
    advancer,
    worker: createNftRequestWorker({ db, advancer, logger }),
    admin: createNftAdminService({ db, advancer, wakeWorker: wake.nftRequests }),
  };
}
