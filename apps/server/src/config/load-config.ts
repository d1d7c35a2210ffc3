import { configSchema, secretSettings, type EnvConfig } from './config-schema.ts';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; a bad value throws a ConfigError naming the variable. */
export function loadEnvConfig(env: NodeJS.ProcessEnv = process.env): EnvConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  return parsed.data;
}

/** A copy fit for logging: secrets replaced, URLs stripped of credentials. */
export function redactConfig(config: EnvConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    out[key] = secretSettings.has(key as keyof EnvConfig) ? redactValue(value) : value;
  }
  return out;
}

function redactValue(value: unknown): string {
  if (typeof value === 'string' && /^[a-z]+:\/\//i.test(value)) {
    try {
      const u = new URL(value);
      return `${u.protocol}//${u.username ? '***@' : ''}${u.host}${u.pathname}`;
    } catch {
      return '[redacted]';
    }
  }
  return '[redacted]';
}
