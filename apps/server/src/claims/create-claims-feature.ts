import type { Logger } from 'pino';
import type { Chain } from '../app/create-chain.ts';
import type { UserBadgesService } from '../badges/user-badges-service.ts';
import type { Db } from '../db/database.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { WebhookSender } from '../webhooks/webhook-sender.ts';
import { createClaimAdminService } from './claim-admin-service.ts';
import { createClaimAdminWalletService } from './claim-admin-wallet-service.ts';
import { createClaimEffects } from './claim-effects.ts';
import { createClaimService } from './claim-service.ts';
import { createClaimTransferAdvancer } from './claim-transfer-advancer.ts';
import { createClaimTransferWorker } from './claim-transfer-worker.ts';

/**
 * The claim flow, wired together: claim submission, the admin queue and the transfer worker.
 * The badges feature owns the person's badge list; claims only refresh it.
 */
export function createClaimsFeature(deps: {
  db: Db;
  chain: Chain;
  mailer: Pick<Mailer, 'enqueue'>;
  webhooks: Pick<WebhookSender, 'enqueue'>;
  userBadges: Pick<UserBadgesService, 'invalidate'>;
  adminWebhookUrl: string | undefined;
  logger: Logger;
  /** Wake the background loops after a change; a no-op where no worker listens. */
  wake: Readonly<{ outbox: () => void; mail: () => void; webhooks: () => void; claims: () => void }>;
}) {
  const { db, wake, userBadges } = deps;
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
  const adminDeps = { db, chain: deps.chain, advancer, wakeWorker: wake.claims };
  const admin = createClaimAdminService(adminDeps);
  const adminWallet = createClaimAdminWalletService(adminDeps);
  const worker = createClaimTransferWorker({ db, advancer, logger: deps.logger });
  return { service, admin, adminWallet, advancer, worker };
}

export type ClaimsFeature = ReturnType<typeof createClaimsFeature>;
