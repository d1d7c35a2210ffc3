import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { AuthService } from '../auth/auth-service.ts';
import type { PasswordHasher } from '../auth/password.ts';
import type { EmailVerification } from '../auth/email-verification-service.ts';
import type { HeldGrantRelease } from '../badges/held-badge-grants.ts';
import type { SiwsService } from '../auth/siws-service.ts';
import type { SessionService } from '../auth/session-service.ts';
import type { TokenService } from '../auth/token-service.ts';
import type { Cache } from '../cache/cache.ts';
import type { AppConfig } from '../config/app-config.ts';
import type { Database } from '../db/database.ts';
import type { EventRelay } from '../events/create-event-relay.ts';
import type { LiveHub } from '../live/live-hub.ts';
import type { IpfsStore } from '../ipfs/ipfs-store.ts';
import type { Reconciliation } from '../reconciliation/reconciliation-service.ts';
import type { RateLimits } from '../rate-limit/create-rate-limits.ts';
import type { WakeSignal } from '../jobs/wake-signal.ts';

import type { Mailer } from '../mail/mailer.ts';
import type { ClaimsFeature } from '../claims/create-claims-feature.ts';
import type { BadgeFeature } from '../badges/create-badge-feature.ts';
import type { WebhookSender } from '../webhooks/webhook-sender.ts';
import type { LevelService } from '../nft/level-service.ts';
import type { NftAdminService } from '../nft/nft-admin-service.ts';
import type { NftRequestAdvancer } from '../nft/nft-request-advancer.ts';
import type { NftRequestService } from '../nft/nft-request-service.ts';
import type { NftRequestWorker } from '../nft/nft-request-worker.ts';
import type { Chain } from './create-chain.ts';
import type { NftStatusService } from '../nft/nft-status-service.ts';
import type { TradeIngestion } from '../trades/trade-ingestion.ts';

/** One wake signal per background loop: services wake it after enqueueing, the worker role listens. */
export type WorkerSignals = Readonly<{
  nftRequests: WakeSignal;
  outbox: WakeSignal;
  mail: WakeSignal;
  webhooks: WakeSignal;
  claims: WakeSignal;
  badges: WakeSignal;
}>;

/** Everything the HTTP app and workers need, built once by the composition root. */
export interface AppContext {
  config: AppConfig;
  logger: Logger;
  database: Database;
  redis: Redis | undefined;
  metrics: Registry;
  cache: Cache;
  events: EventRelay;
  live: LiveHub;
  tokens: TokenService;
  /** Insignia login sessions: start, check, end (logout), end all (admin). */
  sessions: SessionService;
  /** scrypt at the configured cost; `auth` uses it, and so do fixtures that create accounts. */
  passwords: PasswordHasher;
  auth: AuthService;
  siws: SiwsService;
  /** Emailed codes proving an address; on success, email-keyed trades and held badges attach. */
  emailVerification: EmailVerification;
  /** Roster rows waiting for an address to be verified. */
  heldGrants: HeldGrantRelease;
  /** Rate-limit counters (Redis, or memory while it is down) and the per-account login backoff. */
  rateLimits: RateLimits;
  trades: TradeIngestion;
  nftStatus: NftStatusService;
  levels: LevelService;
  chain: Chain;
  ipfs: IpfsStore;
  nftRequests: NftRequestService;
  nftAdvancer: NftRequestAdvancer;
  nftWorker: NftRequestWorker;
  nftAdmin: NftAdminService;
  reconciliation: Reconciliation;
  mailer: Mailer;
  webhooks: WebhookSender;
  /** The user's badges, notifications, claims and the admin claim queue. */
  claims: ClaimsFeature;
  /** The admin side of badges: catalogue, issuance, wallet signing, audit views, worker. */
  badges: BadgeFeature;
  /** Wake a background loop now instead of at its next tick; the worker role's loops listen. */
  signals: WorkerSignals;
}
