import type { Logger } from 'pino';
import type { Chain } from '../app/create-chain.ts';
import type { Cache } from '../cache/cache.ts';
import type { Db } from '../db/database.ts';
import type { EventRelay } from '../events/create-event-relay.ts';
import type { IpfsStore } from '../ipfs/ipfs-store.ts';
import type { Mailer } from '../mail/mailer.ts';
import { createBadgeAuditQueries } from './badge-audit-queries.ts';
import { createBadgeCatalogueService } from './badge-catalogue-service.ts';
import { createBadgeCategoryService } from './badge-category-service.ts';
import { createBadgeMintCreator } from './badge-mint-creator.ts';
import { createBadgeNotificationsService } from './badge-notifications-service.ts';
import { createHeldGrantRelease } from './held-badge-grants.ts';
import { createIssuanceMinter } from './issuance-minter.ts';
import { createIssuanceService } from './issuance-service.ts';
import { createIssuanceUploader } from './issuance-uploader.ts';
import { createIssuanceWalletSigning } from './issuance-wallet-signing.ts';
import { createIssuanceWorker } from './issuance-worker.ts';
import { createUserBadgesService } from './user-badges-service.ts';

/**
 * Badges, wired once by the composition root: the admin side (catalogue, issuance, wallet
 * signing, audit views, the worker, grants held for unverified addresses) and the person's
 * side (their badges and notifications). `wake` wakes the background loops after a change.
 */
export function createBadgeFeature(deps: {
  db: Db;
  chain: Chain;
  ipfs: IpfsStore;
  cache: Cache;
  events: Pick<EventRelay, 'subscribe'>;
  mailer: Mailer;
  logger: Logger;
  recipientHashSalt: string;
  wake: Readonly<{ badges: () => void; outbox: () => void; mail: () => void }>;
}) {
  const { db, chain, logger } = deps;
  const wakeWorker = deps.wake.badges;
  const onChanged = () => {
    deps.wake.outbox();
    deps.wake.mail();
  };
  const mintCreator = createBadgeMintCreator({ db, chain, logger });
  const minter = createIssuanceMinter({ db, chain, mailer: deps.mailer, logger, onSettled: onChanged });
  const uploader = createIssuanceUploader({ db, ipfs: deps.ipfs, mailer: deps.mailer, logger, onChanged });
  const walletSigning = createIssuanceWalletSigning({ db, chain, minter });
  const issuances = createIssuanceService({
    db,
    chain,
    recipientHashSalt: deps.recipientHashSalt,
    wakeWorker,
    // Roster rows for addresses verified meanwhile are issued at once (called after both exist).
    onGrantsHeld: (emails) => heldGrants.releaseVerified(emails),
  });
  const heldGrants = createHeldGrantRelease({ db, issue: issuances.create, logger });
  const userBadges = createUserBadgesService({ db, cache: deps.cache });
  // A badge issued anywhere reaches the profile without waiting for the cache TTL.
  deps.events.subscribe('badge.issued', async (event) => {
    if (event.key) await userBadges.invalidate([event.key]);
  });
  return {
    categories: createBadgeCategoryService({ db }),
    catalogue: createBadgeCatalogueService({ db, chain, ipfs: deps.ipfs, mintCreator, wakeWorker }),
    issuances,
    heldGrants,
    userBadges,
    notifications: createBadgeNotificationsService({ db }),
    walletSigning,
    audit: createBadgeAuditQueries({ db }),
    worker: createIssuanceWorker({ mintCreator, uploader, minter, walletSigning, logger }),
    /** The worker's steps one by one (tests and the bench drive them separately). */
    mintCreator,
    uploader,
    minter,
  };
}

export type BadgeFeature = ReturnType<typeof createBadgeFeature>;
