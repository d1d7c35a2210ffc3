import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AuthResponse } from '@insignia/contract';
import type { AppContext } from '../app/app-context.ts';
import { createAppContext } from '../app/create-app-context.ts';
import { createLogger } from '../app/logger.ts';
import type { Database } from '../db/database.ts';
import { users } from '../auth/auth-schema.ts';
import { hashPassword } from '../auth/password.ts';
import { resolveAppConfig, type AppConfig } from '../config/app-config.ts';
import { loadEnvConfig } from '../config/load-config.ts';
import { buildApp } from '../http/build-app.ts';
import { createTestDatabase } from './test-database.ts';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  /** Registers a user through the API and returns its token and user. */
  newUser(options?: { email?: string; password?: string }): Promise<AuthResponse & { password: string }>;
  /** An admin (created directly in the database) with a valid token. */
  newAdmin(): Promise<AuthResponse>;
  close(): Promise<void>;
}

/**
 * The whole HTTP app on a fresh database, driven through `app.inject` like a real client.
 * `options.database` puts it on a database the caller made (e.g. a private PostgreSQL server).
 */
export async function createTestApp(
  env: Record<string, string> = {},
  options: { database?: Database } = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(join(tmpdir(), 'insignia-test-'));
  const envConfig = loadEnvConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env });
  const secret = () => randomBytes(32).toString('base64url');
  const config: AppConfig = resolveAppConfig(envConfig, {
    jwtSecret: secret(),
    ingestApiKey: `ik_${secret()}`,
    mintKeySecret: secret(),
    recipientHashSalt: secret(),
    webhookSecret: secret(),
  });
  const ctx = await createAppContext(config, createLogger({ level: config.LOG_LEVEL }), {
    database: options.database ?? (await createTestDatabase()),
    // A private in-memory validator on a free port per test app.
    chainOptions: { localValidatorPort: 0, persistChain: false },
  });
  const app = await buildApp(ctx, { webRoot: null });

  return {
    app,
    ctx,
    async newUser(options = {}) {
      const email = options.email ?? `user-${randomUUID()}@example.com`;
      const password = options.password ?? 'correct horse battery';
      // Each fixture user arrives from its own address, as real users do, so the
      // per-client rate limit on auth routes does not throttle test setup.
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/register',
        remoteAddress: randomClientAddress(),
        payload: { email, password },
      });
      if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
      return { ...(res.json() as AuthResponse), password };
    },
    async newAdmin() {
      const email = `admin-${randomUUID()}@example.com`;
      const passwordHash = await hashPassword('admin password 1');
      await ctx.database.db.insert(users).values({ email, passwordHash, role: 'admin' });
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: randomClientAddress(),
        payload: { email, password: 'admin password 1' },
      });
      if (res.statusCode !== 200) throw new Error(`admin login failed: ${res.statusCode} ${res.body}`);
      return res.json() as AuthResponse;
    },
    async close() {
      await app.close();
      await ctx.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

function randomClientAddress(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}
