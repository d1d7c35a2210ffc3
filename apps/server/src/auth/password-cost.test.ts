import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnvConfig } from '../config/load-config.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { users } from './auth-schema.ts';
import { createPasswordHasher } from './password.ts';

describe(`password cost on login (${testDatabaseKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    // The server's cost is 2^13 here; accounts below are stored at 2^12, as an older release did.
    t = await createTestApp({ PASSWORD_HASH_LOG2_N: '13' });
  });
  afterAll(async () => t.close());

  const storedHash = async (email: string) =>
    (await t.ctx.database.db.select().from(users).where(eq(users.email, email)))[0]?.passwordHash;

  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

  it('stores new accounts at the configured cost', async () => {
    const { user } = await t.newUser({ password: 'new account password' });
    expect((await storedHash(user.email))?.split('$')[1]).toBe(String(2 ** 13));
  });

  it('lets an account hashed at an older cost log in and rewrites its hash at today’s', async () => {
    const email = 'older-release@example.com';
    const oldHash = await createPasswordHasher({ log2N: 12, r: 8, p: 1 }).hash('kept password 1');
    await t.ctx.database.db.insert(users).values({ email, passwordHash: oldHash, role: 'user' });

    expect((await login(email, 'wrong password 1')).statusCode).toBe(401);
    expect(await storedHash(email)).toBe(oldHash);

    expect((await login(email, 'kept password 1')).statusCode).toBe(200);
    const rewritten = await storedHash(email);
    expect(rewritten).not.toBe(oldHash);
    expect(rewritten?.split('$')[1]).toBe(String(2 ** 13));
    // And the rewritten hash is the same password.
    expect((await login(email, 'kept password 1')).statusCode).toBe(200);
  });

  it('refuses to start in production below N=2^17', () => {
    const production = { NODE_ENV: 'production', INGEST_API_KEY: 'k'.repeat(16) };
    expect(() => loadEnvConfig({ ...production, PASSWORD_HASH_LOG2_N: '16' })).toThrow(
      /PASSWORD_HASH_LOG2_N/,
    );
    expect(loadEnvConfig(production).PASSWORD_HASH_LOG2_N).toBe(17);
  });
});
