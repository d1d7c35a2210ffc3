import { z } from 'zod';

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
  ROLES: commaList.pipe(z.array(z.enum(['api', 'worker'])).min(1)).default(['api', 'worker']),

  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: optionalUrl(['redis:', 'rediss:']),
  KAFKA_BROKERS: commaList.optional(),
  KAFKA_CLIENT_ID: z.string().trim().min(1).default('insignia'),
  /** When set (with KAFKA_BROKERS), trades are also consumed from this topic. */
  KAFKA_TRADES_TOPIC: optionalString,

  SOLANA_RPC_URLS: commaList.pipe(z.array(url(['http:', 'https:']))).optional(),
  SOLANA_LOCAL_PORT: z.coerce.number().int().min(0).max(65535).default(8899),
  /** How long a blockhash of the bundled validator stays valid (150 slots ≈ 60 s, as on mainnet). */
  SOLANA_LOCAL_BLOCKHASH_SLOTS: z.coerce.number().int().min(60).max(300).default(150),
  SOLANA_COMMITMENT: z.enum(['processed', 'confirmed', 'finalized']).default('confirmed'),
  SOLANA_CU_PRICE_MICROLAMPORTS: z.coerce.number().int().min(0).optional(),
  SOLANA_CU_LIMIT: z.coerce.number().int().min(1).max(1_400_000).optional(),
  AUTHORITY_KEYPAIR: optionalString,
  VAULT_KEYPAIR: optionalString,
  AUTHORITY_LOW_BALANCE_SOL: z.coerce.number().min(0).default(0.5),
  NFT_ATOMIC_UPGRADE: bool(true),
  NFT_NON_TRANSFERABLE: bool(true),

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
  HOST_JWKS_URL: optionalUrl(['http:', 'https:']),
  HOST_JWT_ISSUER: optionalString,
  HOST_JWT_AUDIENCE: optionalString,
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(10),

  ADMIN_WEBHOOK_URL: optionalUrl(['http:', 'https:']),
  /** Every domain event is also POSTed (signed) to each of these URLs. */
  EVENTS_WEBHOOK_URLS: commaList.pipe(z.array(url(['http:', 'https:']))).optional(),

  WEBHOOK_SECRET: z.string().min(16).optional(),
});

export type EnvConfig = z.infer<typeof configSchema>;

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
]);
