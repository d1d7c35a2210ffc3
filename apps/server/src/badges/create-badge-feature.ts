import type { Logger } from 'pino';
import type { Chain } from '../app/create-chain.ts';
import type { Db } from '../db/database.ts';
import type { IpfsStore } from '../ipfs/ipfs-store.ts';
import type { Mailer } from '../mail/mailer.ts';
import { createBadgeAuditQueries } from './badge-audit-queries.ts';
import { createBadgeCatalogueService } from './badge-catalogue-service.ts';
import { createBadgeCategoryService } from './badge-category-service.ts';
import { createBadgeMintCreator } from './badge-mint-creator.ts';
import { createIssuanceMinter } from './issuance-minter.ts';
import { createIssuanceService } from './issuance-service.ts';
import { createIssuanceUploader } from './issuance-uploader.ts';
import { createIssuanceWalletSigning } from './issuance-wallet-signing.ts';
import { createIssuanceWorker } from './issuance-worker.ts';

/**
 * The admin side of badges, wired once by the composition root: catalogue, issuance, wallet
 * signing, audit views and the worker. `wake` is read at call time, so the worker role can
 * plug its nudges in after this is built.
 */
export function createBadgeFeature(deps: {
  db: Db;
  chain: Chain;
  ipfs: IpfsStore;
  mailer: Mailer;
  logger: Logger;
  recipientHashSalt: string;
  wake: { badges: () => void; outbox: () => void; mail: () => void };
  /** Read at call time: the held-grant release is built after this feature. */
  hooks?: { onGrantsHeld?: (emails: readonly string[]) => Promise<void> };
}) {
  const { db, chain, logger } = deps;
  const wakeWorker = () => deps.wake.badges();
  const onChanged = () => {
    deps.wake.outbox();
    deps.wake.mail();
  };
  const mintCreator = createBadgeMintCreator({ db, chain, logger });
  const minter = createIssuanceMinter({ db, chain, mailer: deps.mailer, logger, onSettled: onChanged });
  const uploader = createIssuanceUploader({ db, ipfs: deps.ipfs, mailer: deps.mailer, logger, onChanged });
  const walletSigning = createIssuanceWalletSigning({ db, chain, minter });
  return {
    categories: createBadgeCategoryService({ db }),
    catalogue: createBadgeCatalogueService({ db, chain, ipfs: deps.ipfs, mintCreator, wakeWorker }),
    issuances: createIssuanceService({
      db,
      chain,
      recipientHashSalt: deps.recipientHashSalt,
      wakeWorker,
      onGrantsHeld: async (emails) => deps.hooks?.onGrantsHeld?.(emails),
    }),
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
