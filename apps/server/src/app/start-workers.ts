import { isAppError } from '../errors/app-error.ts';
import { startPeriodicTask } from '../jobs/periodic-task.ts';

import { startMailWorker } from '../mail/start-mail-worker.ts';
import { startKafkaTradesConsumer } from '../trades/kafka-trades-consumer.ts';

import { startWebhookWorker } from '../webhooks/start-webhook-worker.ts';
import type { AppContext } from './app-context.ts';

/**
 * The background loops of the `worker` role. Each is safe to run on several instances: rows
 * are leased with SKIP LOCKED and the outbox relay holds an advisory lock.
 */
export function startWorkers(ctx: AppContext) {
  const { logger } = ctx;
  const outbox = startPeriodicTask({
    name: 'outbox-relay',
    intervalMs: 250,
    task: () => ctx.events.relay.drain(),
    logger,
  });
  const nftRequests = startPeriodicTask({
    name: 'nft-requests',
    intervalMs: 2_000,
    task: () => ctx.nftWorker.processDue(),
    logger,
  });
  const mail = startMailWorker({ mailer: ctx.mailer, intervalMs: 2_000, logger });
  const webhooks = startWebhookWorker({ sender: ctx.webhooks, intervalMs: 2_000, logger });
  ctx.wake.outbox = outbox.nudge;
  ctx.wake.nftRequests = nftRequests.nudge;
  ctx.wake.mail = mail.nudge;
  ctx.wake.webhooks = webhooks.nudge;
  const claims = startPeriodicTask({
    name: 'claim-transfers',
    intervalMs: 2_000,
    task: () => ctx.claims.worker.processDue(),
    logger,
  });
  ctx.wake.claims = claims.nudge;
  // Mints, uploads, packed mint transactions: a busy batch runs pass after pass until done.
  const badges = startPeriodicTask({
    name: 'badge-issuance',
    intervalMs: 1_000,
    task: async () => {
      while ((await ctx.badges.worker.processDue()) > 0) {
        // More may be due right away.
      }
    },
    logger,
  });
  ctx.wake.badges = badges.nudge;
  // Reconciliation reads every NFT and badge from the chain: every ten minutes is plenty, but
  // the first run comes 30 s after start, so chain state lost while stopped shows at once.
  const reconciliation = startPeriodicTask({
    name: 'reconciliation',
    intervalMs: 10 * 60_000,
    firstRunMs: 30_000,
    task: () =>
      ctx.reconciliation
        .run('schedule')
        .catch((e: unknown) =>
          isAppError(e, 'RECONCILIATION__ALREADY_RUNNING') ? undefined : Promise.reject(e),
        ),
    logger,
  });
  // Payloads added while every IPFS provider was down live only in the local blockstore until
  // a provider pins them; without this they would never reach public gateways.
  const ipfsRepin = startPeriodicTask({
    name: 'ipfs-repin',
    intervalMs: 5 * 60_000,
    task: () => ctx.ipfs.repinPending(),
    logger,
  });
  // Expired wallet sign-in challenges can never be used; each user's are also dropped when they
  // ask for a new one, this catches the users who never come back.
  const siwsPurge = startPeriodicTask({
    name: 'siws-challenge-purge',
    intervalMs: 10 * 60_000,
    task: () => ctx.siws.purgeExpired(),
    logger,
  });
  const tasks = [outbox, nftRequests, mail, webhooks, claims, badges, reconciliation, ipfsRepin, siwsPurge];
  const { KAFKA_BROKERS, KAFKA_TRADES_TOPIC, KAFKA_CLIENT_ID } = ctx.config;
  const tradesConsumer =
    KAFKA_BROKERS?.length && KAFKA_TRADES_TOPIC
      ? startKafkaTradesConsumer({
          brokers: KAFKA_BROKERS,
          clientId: KAFKA_CLIENT_ID,
          topic: KAFKA_TRADES_TOPIC,
          ingestion: ctx.trades,
          logger,
        }).catch((err: unknown) => {
          logger.error({ err }, 'Kafka trades consumer failed to start');
          return undefined;
        })
      : undefined;
  return {
    async stop(): Promise<void> {
      await Promise.all(tasks.map((t) => t.stop()));
      await (await tradesConsumer)?.stop();
    },
  };
}
