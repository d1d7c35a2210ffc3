import { isAppError } from '../errors/app-error.ts';
import { startPeriodicTask } from '../jobs/periodic-task.ts';
import { startQueueWorker } from '../jobs/start-queue-worker.ts';

import { startMailWorker } from '../mail/start-mail-worker.ts';
import { startRevocationWorker } from '../revocation/start-revocation-worker.ts';
import { startKafkaTradesConsumer } from '../trades/kafka-trades-consumer.ts';

import { startWebhookWorker } from '../webhooks/start-webhook-worker.ts';
import type { AppContext } from './app-context.ts';

/**
 * The background loops of the `worker` role. Each is safe to run on several instances: rows
 * are leased with SKIP LOCKED and the outbox relay holds an advisory lock.
 */
export function startWorkers(ctx: AppContext) {
  const { logger, signals } = ctx;
  // The worker objects are read at each pass, not captured: the concurrency proof wraps them.
  const outbox = startQueueWorker({
    name: 'outbox-relay',
    intervalMs: 250,
    processDue: () => ctx.events.relay.drain(),
    wake: signals.outbox,
    logger,
  });
  const nftRequests = startQueueWorker({
    name: 'nft-requests',
    intervalMs: 2_000,
    processDue: () => ctx.nftWorker.processDue(),
    wake: signals.nftRequests,
    logger,
  });
  const mail = startMailWorker({ mailer: ctx.mailer, intervalMs: 2_000, wake: signals.mail, logger });
  const webhooks = startWebhookWorker({
    sender: ctx.webhooks,
    intervalMs: 2_000,
    wake: signals.webhooks,
    logger,
  });
  const claims = startQueueWorker({
    name: 'claim-transfers',
    intervalMs: 2_000,
    processDue: () => ctx.claims.worker.processDue(),
    wake: signals.claims,
    logger,
  });
  // Mints, uploads, packed mint transactions: a busy batch runs pass after pass until done.
  const badges = startQueueWorker({
    name: 'badge-issuance',
    intervalMs: 1_000,
    processDue: () => ctx.badges.worker.processDue(),
    again: (worked) => worked > 0,
    wake: signals.badges,
    logger,
  });
  // Reconciliation reads every NFT and badge from the chain: every ten minutes is plenty, but
  // the first run comes 30 s after start, so chain state lost while stopped shows at once.
  const reconciliation = startPeriodicTask({
    name: 'reconciliation',
    intervalMs: 10 * 60_000,
    firstRunMs: 30_000,
    task: () =>
      ctx.reconciliation.run('schedule').catch((e: unknown) => {
        if (!isAppError(e, 'RECONCILIATION__ALREADY_RUNNING')) throw e;
      }),
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
  const revocations = startRevocationWorker(ctx);
  const tasks = [
    outbox,
    nftRequests,
    mail,
    webhooks,
    claims,
    badges,
    revocations,
    reconciliation,
    ipfsRepin,
    siwsPurge,
  ];
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
