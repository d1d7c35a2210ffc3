import type { Logger } from 'pino';
import type { Chain } from '../app/create-chain.ts';
import { createBadgeNotificationsService } from '../badges/badge-notifications-service.ts';
import { createUserBadgesService } from '../badges/user-badges-service.ts';
import type { Cache } from '../cache/cache.ts';
import type { Db } from '../db/database.ts';
import type { EventRelay } from '../events/create-event-relay.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { WebhookSender } from '../webhooks/webhook-sender.ts';
import { createClaimAdminService } from './claim-admin-service.ts';
import { createClaimAdminWalletService } from './claim-admin-wallet-service.ts';
import { createClaimEffects } from './claim-effects.ts';
import { createClaimService } from './claim-service.ts';
import { createClaimTransferAdvancer } from './claim-transfer-advancer.ts';
import { createClaimTransferWorker } from './claim-transfer-worker.ts';

/**
 * The user's side of badges and the claim flow, wired together: profile badges, notifications,
 * claim submission, the admin queue, and the transfer worker.
 */
export function createClaimsFeature(deps: {
  db: Db;
  chain: Chain;
  cache: Cache;
  mailer: Pick<Mailer, 'enqueue'>;
  webhooks: Pick<WebhookSender, 'enqueue'>;
  events: Pick<EventRelay, 'subscribe'>;
  adminWebhookUrl: string | undefined;
  logger: Logger;
  /** Read at call time: the worker role replaces these with its loops' nudges. */
  wake: { outbox(): void; mail(): void; webhooks(): void; claims(): void };
}) {
  const { db, wake } = deps;
  const userBadges = createUserBadgesService({ db, cache: deps.cache });
  const notifications = createBadgeNotificationsService({ db });
  // A badge issued anywhere (the issuance service) reaches the profile without waiting for the TTL.
  deps.events.subscribe('badge.issued', async (event) => {
    if (event.key) await userBadges.invalidate([event.key]);
  });
  const advancer = createClaimTransferAdvancer({
    db,
    chain: deps.chain,
    effects: createClaimEffects({ mailer: deps.mailer }),
    onChanged: async (row) => {
      await userBadges.invalidate([row.userId]);
      wake.outbox();
      if (row.status === 'completed') wake.mail();
    },
  });
  const service = createClaimService({
    db,
    webhooks: deps.webhooks,
    adminWebhookUrl: deps.adminWebhookUrl,
    onSubmitted: async (userId) => {
      await userBadges.invalidate([userId]);
      wake.outbox();
      wake.webhooks();
    },
  });
  const adminDeps = { db, chain: deps.chain, advancer, wakeWorker: () => wake.claims() };
  const admin = createClaimAdminService(adminDeps);
  const adminWallet = createClaimAdminWalletService(adminDeps);
  const worker = createClaimTransferWorker({ db, advancer, logger: deps.logger });
  return { userBadges, notifications, service, admin, adminWallet, advancer, worker };
}

export type ClaimsFeature = ReturnType<typeof createClaimsFeature>;
