import { AppError } from '../errors/app-error.ts';
import { checkSettingPairs, configSchema, secretSettings, type EnvConfig } from './env-config.ts';

/** Parses the environment; a bad value throws `CONFIG__INVALID` naming the variable. */
export function loadEnvConfig(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const parsed = configSchema.superRefine(checkSettingPairs).safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new AppError(
      'CONFIG__INVALID',
      { problems },
      { message: `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}` },
    );
  }
  return parsed.data;
}

/**
 * A copy fit for logging: secrets replaced, and every URL-valued setting (RPC endpoints with
 * api keys, IPFS with user:password, webhooks with secret paths, Kafka brokers, the JWKS URL)
 * cut down to scheme and host, since any other part of a URL may carry a credential.
 */
export function redactConfig(config: EnvConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Values as unknown: a setting given as undefined is left out like an absent one.
  const entries: [string, unknown][] = Object.entries(config);
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    if (secretSettings.has(key as keyof EnvConfig)) out[key] = redactSecret(value);
    else if (key === 'KAFKA_BROKERS') out[key] = (value as string[]).map(redactBroker);
    else if (Array.isArray(value))
      out[key] = value.map((v: unknown) => (typeof v === 'string' ? redactEndpoint(v) : v));
    else out[key] = typeof value === 'string' ? redactEndpoint(value) : value;
  }
  return out;
}

const looksLikeUrl = (value: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(value);

/** Where a URL points, and nothing else: `https://rpc.example:8899`. Other strings pass through. */
export function redactEndpoint(value: string): string {
  if (!looksLikeUrl(value)) return value;
  try {
    const u = new URL(value);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '[redacted]';
  }
}

/** A broker is `host:port`, or a URL; anything before an `@` is a credential. */
function redactBroker(broker: string): string {
  if (looksLikeUrl(broker)) return redactEndpoint(broker);
  const [hostPort = ''] = broker.slice(broker.lastIndexOf('@') + 1).split('/');
  return hostPort;
}

/** A secret setting: only a database/Redis/SMTP URL keeps its scheme and host, for diagnosis. */
function redactSecret(value: unknown): string {
  return typeof value === 'string' && looksLikeUrl(value) ? redactEndpoint(value) : '[redacted]';
}
