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
import { resolveAppConfig, type AppConfig } from '../config/app-config.ts';
import { generateDataSecrets } from '../config/data-secrets.ts';
import { loadEnvConfig } from '../config/load-config.ts';
import { buildApp } from '../http/build-app.ts';
import { createTestDatabase } from './test-database.ts';
import { verifyEmailThroughApi } from './verify-email.ts';

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  /**
   * Registers a user through the API and returns its token and user; `verified` also proves
   * the address the real way (emailed code), as email-keyed trades and rosters need.
   */
  newUser(options?: {
    email?: string;
    password?: string;
    verified?: boolean;
  }): Promise<AuthResponse & { password: string }>;
  /** Verifies a user's address through the API and the mail outbox. */
  verifyEmail(user: AuthResponse): Promise<void>;
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
  const envConfig = loadEnvConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    // Cheap hashes keep hundreds of test accounts fast; tests of hashing set their own cost.
    PASSWORD_HASH_LOG2_N: '12',
    ...env,
  });
  const config: AppConfig = resolveAppConfig(envConfig, generateDataSecrets());
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
      const registered = res.json<AuthResponse>();
      if (!options.verified) return { ...registered, password };
      await verifyEmailThroughApi(app, ctx, registered, randomClientAddress());
      return { ...registered, user: { ...registered.user, emailVerified: true }, password };
    },
    verifyEmail: (user) => verifyEmailThroughApi(app, ctx, user, randomClientAddress()),
    async newAdmin() {
      const email = `admin-${randomUUID()}@example.com`;
      const passwordHash = await ctx.passwords.hash('admin password 1');
      // As ensureAdmin makes them: the operator's address counts as proven.
      await ctx.database.db
        .insert(users)
        .values({ email, passwordHash, role: 'admin', emailVerifiedAt: new Date() });
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: randomClientAddress(),
        payload: { email, password: 'admin password 1' },
      });
      if (res.statusCode !== 200) throw new Error(`admin login failed: ${res.statusCode} ${res.body}`);
      return res.json<AuthResponse>();
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
