import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AuthResponse } from '@insignia/contract';
import type { AppContext } from '../../apps/server/src/app/app-context.ts';
import { createAppContext } from '../../apps/server/src/app/create-app-context.ts';
import { createLogger } from '../../apps/server/src/app/logger.ts';
import { startWorkers } from '../../apps/server/src/app/start-workers.ts';
import { resolveAppConfig } from '../../apps/server/src/config/app-config.ts';
import { generateDataSecrets } from '../../apps/server/src/config/data-secrets.ts';
import { loadEnvConfig } from '../../apps/server/src/config/load-config.ts';
import { openDatabase } from '../../apps/server/src/db/database.ts';
import { buildApp } from '../../apps/server/src/http/build-app.ts';
import { createScratchDatabase } from '../../apps/server/src/test-support/scratch-database.ts';
import type { TestApp } from '../../apps/server/src/test-support/test-app.ts';
import { verifyEmailThroughApi } from '../../apps/server/src/test-support/verify-email.ts';

export interface Instance extends TestApp {
  ctx: AppContext & { close(): Promise<void> };
  /** Starts this instance's background loops (the worker role), as `main.ts` does. */
  startWorkers(): void;
}

/**
 * Two complete server instances, as two processes of one deployment would be: one PostgreSQL
 * database, one Redis, the same secrets and keys, one chain (A runs the local validator, B
 * reaches it over JSON-RPC). Each has its own connection pool, cache client and workers.
 */
export async function createInstancePair(options: {
  adminDatabaseUrl: string;
  redisUrl: string;
  env?: Record<string, string>;
}): Promise<{ a: Instance; b: Instance; close(): Promise<void> }> {
  const scratch = await createScratchDatabase(options.adminDatabaseUrl, 'insignia_pair');
  const dataDir = await mkdtemp(join(tmpdir(), 'insignia-pair-'));
  const secrets = generateDataSecrets();

  const instances: Instance[] = [];
  const workers: Array<{ stop(): Promise<void> }> = [];
  for (let i = 0; i < 2; i++) {
    const env = {
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      PASSWORD_HASH_LOG2_N: '12',
      REDIS_URL: options.redisUrl,
      ...options.env,
      // B reaches the chain A runs; A's keys (generated into the shared data dir) are B's too.
      ...(instances[0] ? { SOLANA_RPC_URLS: instances[0].ctx.chain.localValidator!.url } : {}),
    };
    const config = resolveAppConfig(loadEnvConfig(env), secrets);
    const database = await openDatabase({ databaseUrl: scratch.url, dataDir: null, poolSize: 10 });
    await database.migrate();
    const ctx = await createAppContext(config, createLogger({ level: 'silent' }), {
      database,
      chainOptions: { localValidatorPort: 0, persistChain: false },
    });
    const app: FastifyInstance = await buildApp(ctx, { webRoot: null });
    instances.push({
      app,
      ctx,
      startWorkers: () => void workers.push(startWorkers(ctx)),
      async newUser() {
        const email = `pair-${randomUUID()}@example.com`;
        const password = 'correct horse battery';
        const res = await app.inject({
          method: 'POST',
          url: '/api/auth/register',
          payload: { email, password },
        });
        if (res.statusCode !== 201) throw new Error(`register: ${res.statusCode} ${res.body}`);
        return { ...(res.json() as AuthResponse), password };
      },
      newAdmin: () => Promise.reject(new Error('not needed here')),
      verifyEmail: (user) => verifyEmailThroughApi(app, ctx, user),
      close: async () => undefined,
    });
  }
  return {
    a: instances[0]!,
    b: instances[1]!,
    async close() {
      await Promise.all(workers.map((w) => w.stop()));
      for (const i of [...instances].reverse()) {
        await i.app.close();
        await i.ctx.close();
      }
      await scratch.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
