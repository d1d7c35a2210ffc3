import { resolve } from 'node:path';
import type { EnvConfig } from './env-config.ts';
import type { DataSecrets } from './data-secrets.ts';

/** The effective configuration: environment settings plus secrets resolved from the data dir. */
export interface AppConfig extends EnvConfig {
  dataDir: string;
  publicUrl: string;
  jwtSecret: string;
  ingestApiKey: string;
  mintKeySecret: string;
  recipientHashSalt: string;
  webhookSecret: string;
  /** The bearer token `/metrics` asks for. */
  metricsToken: string;
}

/** Environment values win over generated ones; the generated ones fill the gaps. */
export function resolveAppConfig(env: EnvConfig, secrets: DataSecrets): AppConfig {
  return {
    ...env,
    dataDir: resolve(env.DATA_DIR),
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    jwtSecret: env.JWT_SECRET ?? secrets.jwtSecret,
    ingestApiKey: env.INGEST_API_KEY ?? secrets.ingestApiKey,
    mintKeySecret: env.MINT_KEY_SECRET ?? secrets.mintKeySecret,
    recipientHashSalt: secrets.recipientHashSalt,
    webhookSecret: env.WEBHOOK_SECRET ?? secrets.webhookSecret,
    metricsToken: env.METRICS_TOKEN ?? secrets.metricsToken,
  };
}
