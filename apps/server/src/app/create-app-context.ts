import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { createAuthService } from '../auth/auth-service.ts';
import { createPasswordHasher } from '../auth/password.ts';
import { createEmailVerification } from '../auth/email-verification-service.ts';
import { createSiwsService } from '../auth/siws-service.ts';
import { createSessionService, SESSIONS_CHANNEL, type SessionsEnded } from '../auth/session-service.ts';
import { createTokenService } from '../auth/token-service.ts';
import { findUserById } from '../auth/user-queries.ts';
import { createInvalidationBus } from '../cache/invalidation-bus.ts';
import type { AppConfig } from '../config/app-config.ts';
import type { Database } from '../db/database.ts';
import { openCore } from './open-core.ts';
import { createIpfsStore } from '../ipfs/ipfs-store.ts';
import { createKuboProvider } from '../ipfs/kubo-provider.ts';
import { createReconciliation } from '../reconciliation/reconciliation-service.ts';
import { createRateLimits } from '../rate-limit/create-rate-limits.ts';

import { createMailer } from '../mail/mailer.ts';
import { createClaimsFeature } from '../claims/create-claims-feature.ts';
import { createBadgeFeature } from '../badges/create-badge-feature.ts';
import { mailTransportConfig } from '../mail/mail-transport.ts';
import { createWebhookSender } from '../webhooks/webhook-sender.ts';
import { createChain } from './create-chain.ts';
import { createNftFeature } from '../nft/create-nft-feature.ts';
import { createTradeIngestion } from '../trades/trade-ingestion.ts';
import { createEventRelay } from '../events/create-event-relay.ts';
import { createWebhookEventSink } from '../events/webhook-event-sink.ts';

import { createLiveEventSink } from '../live/live-event-sink.ts';
import { createLiveHub } from '../live/live-hub.ts';
import { createWakeSignal } from '../jobs/wake-signal.ts';
import type { AppContext, WorkerSignals } from './app-context.ts';

/** The composition root: every component is built here from the config, nowhere else. */
export async function createAppContext(
  config: AppConfig,
  logger: Logger,
  overrides: { database?: Database; chainOptions?: Parameters<typeof createChain>[3] } = {},
): Promise<AppContext & { close(): Promise<void> }> {
  const core = await openCore(config, logger, overrides);
  const { database, redis, metrics, cache } = core;

  const tokens = createTokenService({
    secret: config.jwtSecret,
    ttlSeconds: config.JWT_TTL_SECONDS,
    host: {
      secret: config.HOST_JWT_SECRET,
      jwksUrl: config.HOST_JWKS_URL,
      issuer: config.HOST_JWT_ISSUER,
      audience: config.HOST_JWT_AUDIENCE,
      maxAgeSeconds: config.HOST_JWT_MAX_AGE_SECONDS,
    },
  });
  const sessionBus = createInvalidationBus<SessionsEnded>({ redis, channel: SESSIONS_CHANNEL, logger });
  const sessions = createSessionService({
    db: database.db,
    tokens,
    bus: sessionBus,
    ttlSeconds: config.JWT_TTL_SECONDS,
  });
  const passwords = createPasswordHasher({ log2N: config.PASSWORD_HASH_LOG2_N, r: 8, p: 1 });
  const auth = createAuthService({ db: database.db, tokens, sessions, passwords });

  const live = createLiveHub({
    redis,
    logger,
    metrics,
    limits: { perUser: config.WS_MAX_CONNECTIONS_PER_USER, total: config.WS_MAX_CONNECTIONS },
    currentRole: async (userId) => (await findUserById(database.db, userId))?.role,
  });
  // Sockets close with their session, on whichever instance holds them.
  sessions.onEnded((ended) => live.closeEnded(ended));
  sessions.onResync(() => void live.closeUnlessLive(sessions.isLive));
  const webhooks = createWebhookSender({ db: database.db, masterSecret: config.webhookSecret, logger });
  const signals: WorkerSignals = {
    nftRequests: createWakeSignal(),
    outbox: createWakeSignal(),
    mail: createWakeSignal(),
    webhooks: createWakeSignal(),
    claims: createWakeSignal(),
    badges: createWakeSignal(),
  };
  const events = createEventRelay({
    db: database.db,
    wake: signals.outbox,
    logger,
    redis,
    kafka: config.KAFKA_BROKERS
      ? { brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID }
      : undefined,
    extraSinks: [
      createLiveEventSink(live),
      ...(config.EVENTS_WEBHOOK_URLS?.length
        ? [createWebhookEventSink({ urls: config.EVENTS_WEBHOOK_URLS, webhooks })]
        : []),
    ],
  });

  const chain = await createChain(config, logger, metrics, overrides.chainOptions);
  const ipfs = createIpfsStore({
    dataDir: config.dataDir,
    providers: [config.IPFS_API_URL, ...(config.IPFS_BACKUP_API_URLS ?? [])]
      .filter((url): url is string => Boolean(url))
      .map((apiUrl) => createKuboProvider({ apiUrl })),
    gatewayBaseUrl: config.IPFS_GATEWAY_URL ?? config.publicUrl,
    logger,
  });
  const nft = createNftFeature({
    db: database.db,
    cache,
    chain,
    ipfs,
    logger,
    atomicUpgrade: config.NFT_ATOMIC_UPGRADE,
    nonTransferable: config.NFT_NON_TRANSFERABLE,
    wake: { nftRequests: signals.nftRequests.wake, outbox: signals.outbox.wake },
  });
  const nftStatus = nft.status;
  const rateLimits = createRateLimits({
    redis,
    logger,
    lockoutMaxSeconds: config.LOGIN_LOCKOUT_MAX_SECONDS,
  });
  const siws = createSiwsService({
    db: database.db,
    rateLimits,
    publicUrl: config.publicUrl,
    chainId: chain.bundledValidator ? 'solana:localnet' : 'solana:mainnet',
    onWalletLinked: (userId) => nftStatus.invalidate([userId]),
  });
  const trades = createTradeIngestion({
    db: database.db,
    onVolumeChanged: async (userIds) => {
      await nftStatus.invalidate(userIds);
      // A hint for open Personal Centers to refresh; best effort, not a durable domain event
      // (the status itself is always read fresh from the database or cache).
      await live
        .publishMany(
          userIds.map((userId) => ({
            audience: { userId },
            event: 'nft:status_changed' as const,
            data: {},
            id: randomUUID(),
          })),
        )
        .catch((err: unknown) => logger.warn({ err }, 'live status hint not delivered'));
    },
  });

  const mailer = createMailer({
    db: database.db,
    transport: mailTransportConfig(config.SMTP_URL, config.dataDir),
    from: config.MAIL_FROM,
    platformName: config.PLATFORM_NAME,
    logger,
  });
  const badges = createBadgeFeature({
    db: database.db,
    chain,
    ipfs,
    cache,
    events,
    mailer,
    logger,
    recipientHashSalt: config.recipientHashSalt,
    wake: { badges: signals.badges.wake, outbox: signals.outbox.wake, mail: signals.mail.wake },
  });
  const claims = createClaimsFeature({
    db: database.db,
    chain,
    userBadges: badges.userBadges,
    mailer,
    webhooks,
    adminWebhookUrl: config.ADMIN_WEBHOOK_URL,
    logger,
    wake: {
      outbox: signals.outbox.wake,
      mail: signals.mail.wake,
      webhooks: signals.webhooks.wake,
      claims: signals.claims.wake,
    },
  });
  const { heldGrants } = badges;
  const emailVerification = createEmailVerification({
    db: database.db,
    mailer,
    secret: config.jwtSecret,
    onVerified: async (tx, user) => {
      await trades.attachPending(tx, user.id, user.email);
    },
    afterVerified: async (user) => {
      await trades.volumeChanged([user.id]);
      await heldGrants.release(user);
    },
    wakeMailer: signals.mail.wake,
  });
  const reconciliation = createReconciliation({
    db: database.db,
    chain,
    logger,
    onNftsChanged: nftStatus.invalidate,
  });

  return {
    config,
    logger,
    database,
    redis,
    metrics,
    cache,
    events,
    live,
    sessions,
    tokens,
    passwords,
    auth,
    siws,
    rateLimits,
    trades,
    nftStatus,
    levels: nft.levels,
    chain,
    ipfs,
    nftRequests: nft.requests,
    nftAdvancer: nft.advancer,
    nftWorker: nft.worker,
    nftAdmin: nft.admin,
    reconciliation,
    mailer,
    webhooks,
    claims,
    badges,
    emailVerification,
    heldGrants,
    signals,
    async close() {
      await chain.close();
      mailer.close();
      await events.close();
      await live.close();
      sessionBus.close();
      await core.close();
    },
  };
}
