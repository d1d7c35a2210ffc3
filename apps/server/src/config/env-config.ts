import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { isTrustedProxyEntry } from './trusted-proxy.ts';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const commaList = z
  .string()
  .trim()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      `must be a URL (${protocols.join(' or ')})`,
    );

const optionalUrl = (protocols: string[]) =>
  z.preprocess((v) => (v === '' ? undefined : v), url(protocols).optional());

const bool = (fallback: boolean) => z.stringbool().default(fallback);

/** One trusted reverse proxy: an address or a CIDR range of a sane size (see trusted-proxy.ts). */
const trustedProxy = z
  .string()
  .refine(isTrustedProxyEntry, 'must be an IP address or a CIDR range no wider than /8 (IPv4) or /7 (IPv6)');

/**
 * Every setting Insignia reads, parsed once from the environment. Unset means "use the
 * embedded default" (SPEC §2). The inferred type is the only Config type there is.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: optionalUrl(['http:', 'https:']),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** auto: readable lines on a terminal, JSON lines (for log collectors) otherwise. */
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  /** A request slower than this is logged at warn; the others only at debug. */
  LOG_SLOW_REQUEST_MS: z.coerce.number().int().min(1).max(600_000).default(1_000),
  ROLES: commaList.pipe(z.array(z.enum(['api', 'worker'])).min(1)).default(['api', 'worker']),
  /** Server processes on this host; unset = one per core with PostgreSQL and Redis, else 1 (see processCount). */
  PROCESSES: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int().min(1).max(1_024).optional(),
  ),

  /**
   * V8's young-generation semi-space of each server process the primary forks (PROCESSES > 1),
   * in MB; 0 keeps V8's own (16). With hundreds of requests in flight, a small young generation
   * fills before their short-lived objects die: each scavenge copies them and promotes many to
   * the old generation, whose collection then costs the most. One process started by hand takes
   * node's own flag instead (`NODE_OPTIONS=--max-semi-space-size=32`).
   */
  SERVER_SEMI_SPACE_MB: z.coerce.number().int().min(0).max(1_024).default(32),

  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Opening a PostgreSQL connection, or waiting for a free one in the pool; then 503. */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** PostgreSQL cancels a longer statement (10,000 trades take < 2 s); the client stops waiting 1 s later; 0 = off. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  /** A statement waiting this long for a row lock fails; 0 = off. */
  DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(3_000),
  /** PostgreSQL ends a session idle this long inside a transaction (its locks go); 0 = off. */
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  REDIS_URL: optionalUrl(['redis:', 'rediss:']),
  KAFKA_BROKERS: commaList.optional(),
  KAFKA_CLIENT_ID: z.string().trim().min(1).default('insignia'),
  /** When set (with KAFKA_BROKERS), trades are also consumed from this topic. */
  KAFKA_TRADES_TOPIC: optionalString,

  SOLANA_RPC_URLS: commaList.pipe(z.array(url(['http:', 'https:']))).optional(),
  SOLANA_LOCAL_PORT: z.coerce.number().int().min(0).max(65535).default(8899),
  /**
   * Set by the primary of a multi-process start for its server processes: the bundled
   * validator it hosts (they use it as theirs, faucet included, instead of starting one).
   */
  SOLANA_BUNDLED_VALIDATOR_URL: optionalUrl(['http:']),
  /** How long a blockhash of the bundled validator stays valid (150 slots ≈ 60 s, as on mainnet). */
  SOLANA_LOCAL_BLOCKHASH_SLOTS: z.coerce.number().int().min(60).max(300).default(150),
  /** Tests only: the bundled validator serves `/__faults` (fault injection, slot advance). */
  SOLANA_LOCAL_FAULT_CONTROL: bool(false),
  SOLANA_COMMITMENT: z.enum(['processed', 'confirmed', 'finalized']).default('confirmed'),
  SOLANA_CU_PRICE_MICROLAMPORTS: z.coerce.number().int().min(0).optional(),
  SOLANA_CU_LIMIT: z.coerce.number().int().min(1).max(1_400_000).optional(),
  AUTHORITY_KEYPAIR: optionalString,
  VAULT_KEYPAIR: optionalString,
  AUTHORITY_LOW_BALANCE_SOL: z.coerce.number().min(0).default(0.5),
  NFT_ATOMIC_UPGRADE: bool(true),
  NFT_NON_TRANSFERABLE: bool(true),
  /**
   * Unlock and upgrade prepares one process runs at once; more wait in line, and past
   * NFT_PREPARE_QUEUE waiting (or 10 s) get 503 SERVICE__BUSY. Each prepare is the start of the
   * most expensive work the server does (build, sign, then the submit and its confirmation), so
   * under overload that work takes its share of the CPU, not all of it: reads and trades keep
   * flowing. Submits are not queued: they hold no CPU while their transaction confirms.
   */
  NFT_PREPARE_CONCURRENCY: z.coerce.number().int().min(1).max(10_000).default(4),
  NFT_PREPARE_QUEUE: z.coerce.number().int().min(0).max(100_000).default(512),

  IPFS_API_URL: optionalUrl(['http:', 'https:']),
  IPFS_BACKUP_API_URLS: commaList.pipe(z.array(url(['http:', 'https:']))).optional(),
  IPFS_GATEWAY_URL: optionalUrl(['http:', 'https:']),

  SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
  /** How emails name the platform ("log in to <name>"); a name, never a URL: emails carry no links. */
  PLATFORM_NAME: z.string().trim().min(1).max(60).default('Insignia'),
  MAIL_FROM: z.string().trim().min(3).default('Insignia <no-reply@insignia.local>'),

  INGEST_API_KEY: z.string().trim().min(16, 'must be at least 16 characters').optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(2_592_000).default(43_200),
  MINT_KEY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ADMIN_EMAIL: optionalString.pipe(z.email().optional()),
  ADMIN_PASSWORD: optionalString.pipe(z.string().min(8).optional()),
  HOST_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** https only: the keys fetched from it decide who may sign in. */
  HOST_JWKS_URL: optionalUrl(['https:']),
  /** Required (with the audience) whenever host JWTs are accepted: see the check below. */
  HOST_JWT_ISSUER: optionalString,
  HOST_JWT_AUDIENCE: optionalString,
  /** A host token older than this (by its `iat`) is refused, whatever its `exp` says. */
  HOST_JWT_MAX_AGE_SECONDS: z.coerce.number().int().min(30).max(86_400).default(3_600),
  /** Bearer token for `/metrics` (Prometheus `authorization.credentials`); generated into the secrets file if unset. */
  METRICS_TOKEN: z.string().trim().min(16, 'must be at least 16 characters').optional(),
  /** scrypt cost N = 2^this (r=8, p=1) for new password hashes; 17 is OWASP's minimum (see auth/password.ts). */
  PASSWORD_HASH_LOG2_N: z.coerce.number().int().min(12).max(20).default(17),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),
  /** Longest lock one account gets after failed logins (bounded, so nobody is locked out for good). */
  LOGIN_LOCKOUT_MAX_SECONDS: z.coerce.number().int().min(1).max(3_600).default(300),
  /** Reverse proxies whose X-Forwarded-For names the client (addresses/CIDRs); none by default. */
  TRUST_PROXY: commaList.pipe(z.array(trustedProxy)).default([]),
  /** Live sockets one account may hold on one instance (a few tabs and devices). */
  WS_MAX_CONNECTIONS_PER_USER: z.coerce.number().int().min(1).max(1_000).default(10),
  /** Live sockets one instance holds in all; past it new ones are refused (close 1013). */
  WS_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(10_000),

  /** On SIGTERM/SIGINT, how long running work may finish before it is abandoned (it resumes at the next start). */
  SHUTDOWN_DRAIN_SECONDS: z.coerce.number().int().min(0).max(3_600).default(25),

  ADMIN_WEBHOOK_URL: optionalUrl(['http:', 'https:']),
  /** Every domain event is also POSTed (signed) to each of these URLs. */
  EVENTS_WEBHOOK_URLS: commaList.pipe(z.array(url(['http:', 'https:']))).optional(),

  WEBHOOK_SECRET: z.string().min(16).optional(),
});

/**
 * Checks between settings. A host token accepted without a pinned issuer and audience could
 * be one minted for another service that shares the key: refuse to start rather than accept it.
 */
export function checkSettingPairs(c: z.infer<typeof configSchema>, ctx: z.RefinementCtx): void {
  // A lower cost is for tests and laptops only; production hashes meet current guidance.
  if (c.NODE_ENV === 'production' && c.PASSWORD_HASH_LOG2_N < 17)
    ctx.addIssue({
      code: 'custom',
      path: ['PASSWORD_HASH_LOG2_N'],
      message: 'must be at least 17 in production',
    });
  // Anyone reaching the validator could then stall or fail every transaction.
  if (c.NODE_ENV === 'production' && c.SOLANA_LOCAL_FAULT_CONTROL)
    ctx.addIssue({
      code: 'custom',
      path: ['SOLANA_LOCAL_FAULT_CONTROL'],
      message: 'is for tests; it cannot be on in production',
    });
  // PGlite is one process's; without Redis each process's caches and live sockets would go stale.
  if (c.PROCESSES !== undefined && c.PROCESSES > 1 && (!c.DATABASE_URL || !c.REDIS_URL))
    ctx.addIssue({
      code: 'custom',
      path: ['PROCESSES'],
      message: !c.DATABASE_URL
        ? 'above 1 needs DATABASE_URL (PostgreSQL): the embedded database serves one process; set DATABASE_URL and REDIS_URL, or PROCESSES=1'
        : 'above 1 needs REDIS_URL: without it each process keeps its own caches and live sockets, which go stale across processes; set REDIS_URL, or PROCESSES=1',
    });
  if (!c.HOST_JWT_SECRET && !c.HOST_JWKS_URL) return;
  for (const key of ['HOST_JWT_ISSUER', 'HOST_JWT_AUDIENCE'] as const) {
    if (!c[key]) ctx.addIssue({ code: 'custom', path: [key], message: 'is required when host JWTs are on' });
  }
  if (c.HOST_JWT_SECRET && c.HOST_JWKS_URL)
    ctx.addIssue({
      code: 'custom',
      path: ['HOST_JWKS_URL'],
      message: 'set HOST_JWT_SECRET or HOST_JWKS_URL, not both',
    });
  // With one key, whoever signs host tokens could sign Insignia's own (admin) tokens too.
  if (c.HOST_JWT_SECRET && c.HOST_JWT_SECRET === c.JWT_SECRET)
    ctx.addIssue({ code: 'custom', path: ['HOST_JWT_SECRET'], message: 'must differ from JWT_SECRET' });
}

export type EnvConfig = z.infer<typeof configSchema>;

/**
 * How many server processes to run: PROCESSES if set, else one per core when PostgreSQL and
 * Redis let processes share work and state (the same way separate instances do), else 1.
 */
export function processCount(
  c: Pick<EnvConfig, 'PROCESSES' | 'DATABASE_URL' | 'REDIS_URL'>,
  cores = availableParallelism(),
): number {
  if (c.PROCESSES !== undefined) return c.PROCESSES;
  return c.DATABASE_URL && c.REDIS_URL ? cores : 1;
}

/** Names whose values never reach a log line or an API response. */
export const secretSettings = new Set<keyof EnvConfig>([
  'DATABASE_URL',
  'REDIS_URL',
  'SMTP_URL',
  'AUTHORITY_KEYPAIR',
  'VAULT_KEYPAIR',
  'INGEST_API_KEY',
  'JWT_SECRET',
  'MINT_KEY_SECRET',
  'ADMIN_PASSWORD',
  'HOST_JWT_SECRET',
  'WEBHOOK_SECRET',
  'METRICS_TOKEN',
]);
