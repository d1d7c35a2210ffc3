import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../apps/server/src/auth/auth-schema.ts';
import { loadEnvConfig } from '../apps/server/src/config/load-config.ts';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';

const SUITE = 'security: host-platform identities';
afterAll(() => printCaseCounts(SUITE));

const hostSecret = 'host-platform-shared-secret-0123456789abcdef';
const ISSUER = 'https://exchange.example';
const AUDIENCE = 'insignia';

/** A host-platform token as the exchange would mint it; each claim can be left out or changed. */
function hostToken(
  claims: { sub?: string; email?: string; role?: string },
  options: { exp?: number | null; iat?: number | null; iss?: string; aud?: string } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ ...claims }).setProtectedHeader({ alg: 'HS256' });
  if (claims.sub !== undefined) jwt.setSubject(claims.sub);
  jwt.setIssuer(options.iss ?? ISSUER).setAudience(options.aud ?? AUDIENCE);
  if (options.iat !== null) jwt.setIssuedAt(options.iat ?? now);
  if (options.exp !== null) jwt.setExpirationTime(options.exp ?? now + 600);
  return jwt.sign(new TextEncoder().encode(hostSecret));
}

describe('host-platform JWTs bind by the host id only, never by email', () => {
  let t: TestApp;
  const me = (token: string) =>
    t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
  beforeAll(async () => {
    t = await createTestApp({
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      HOST_JWT_SECRET: hostSecret,
      HOST_JWT_ISSUER: ISSUER,
      HOST_JWT_AUDIENCE: AUDIENCE,
    });
  });
  afterAll(async () => maybeUnset(t)?.close());

  it("a host token carrying the admin's email gets a fresh user account, not the admin's", async () => {
    countCase(SUITE);
    const admin = await t.newAdmin();
    const token = await hostToken({ sub: `ext-${randomUUID()}`, email: admin.user.email, role: 'admin' });
    const res = await me(token);
    expect(res.statusCode).toBe(200);
    expect(res.json().user.id).not.toBe(admin.user.id);
    expect(res.json().user.role).toBe('user');
    expect(res.json().user.emailVerified).toBe(false);
    const [adminRow] = await t.ctx.database.db.select().from(users).where(eq(users.id, admin.user.id));
    expect(adminRow!.externalId).toBeNull();
    const dashboard = await t.app.inject({
      method: 'GET',
      url: '/api/admin/dashboard',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(dashboard.statusCode).toBe(403);
  });

  it('a password account registered first with a victim’s email does not capture the victim’s host identity', async () => {
    countCase(SUITE);
    const victimEmail = `victim-${randomUUID()}@example.com`;
    const squatter = await t.newUser({ email: victimEmail });
    const victimSub = `ext-${randomUUID()}`;
    const res = await me(await hostToken({ sub: victimSub, email: victimEmail }));
    expect(res.statusCode).toBe(200);
    expect(res.json().user.id).not.toBe(squatter.user.id);
    const [squatterRow] = await t.ctx.database.db.select().from(users).where(eq(users.id, squatter.user.id));
    expect(squatterRow!.externalId).toBeNull();
    // The victim's trades by host id go to the victim's own account.
    const trade = await t.app.inject({
      method: 'POST',
      url: '/api/trades',
      headers: { 'x-api-key': t.ctx.config.ingestApiKey },
      payload: {
        trades: [
          {
            id: `t-${randomUUID()}`,
            userId: victimSub,
            volumeUsd: '500',
            executedAt: new Date().toISOString(),
          },
        ],
      },
    });
    expect(trade.json().inserted).toBe(1);
    const status = await t.app.inject({
      method: 'GET',
      url: '/api/nft/status',
      headers: { authorization: `Bearer ${squatter.token}` },
    });
    expect(status.json().volumeUsd).toBe('0');
  });

  it('the same host id keeps its one account, whatever email later tokens claim', async () => {
    countCase(SUITE);
    const sub = `ext-${randomUUID()}`;
    const first = await me(await hostToken({ sub, email: `a-${randomUUID()}@example.com` }));
    const second = await me(await hostToken({ sub, email: `b-${randomUUID()}@example.com` }));
    expect(second.json().user.id).toBe(first.json().user.id);
    expect(second.json().user.email).toBe(first.json().user.email);
  });

  const now = () => Math.floor(Date.now() / 1000);
  const refused: Array<[string, () => Promise<string>]> = [
    ['no exp', () => hostToken({ sub: `ext-${randomUUID()}`, email: 'x@example.com' }, { exp: null })],
    ['no sub', () => hostToken({ email: 'x@example.com' })],
    ['no iat', () => hostToken({ sub: `ext-${randomUUID()}`, email: 'x@example.com' }, { iat: null })],
    [
      'issued longer ago than the maximum age',
      () =>
        hostToken(
          { sub: `ext-${randomUUID()}`, email: 'x@example.com' },
          { iat: now() - 7200, exp: now() + 3600 },
        ),
    ],
    [
      'another audience',
      () => hostToken({ sub: `ext-${randomUUID()}`, email: 'x@example.com' }, { aud: 'other' }),
    ],
    [
      'another issuer',
      () => hostToken({ sub: `ext-${randomUUID()}`, email: 'x@example.com' }, { iss: 'other' }),
    ],
    ['expired', () => hostToken({ sub: `ext-${randomUUID()}` }, { iat: now() - 120, exp: now() - 60 })],
  ];
  it.each(refused)('a host token with %s is refused', async (_name, make) => {
    countCase(SUITE);
    const res = await me(await make());
    expect(res.statusCode, res.body).toBe(401);
    expect(res.json().error.code).toBe('AUTH__TOKEN_INVALID');
  });
});

describe('linking a host identity to an existing account needs proof of both sides', () => {
  let t: TestApp;
  const link = (token: string, payload: object) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/host-link',
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
  beforeAll(async () => {
    t = await createTestApp({
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      HOST_JWT_SECRET: hostSecret,
      HOST_JWT_ISSUER: ISSUER,
      HOST_JWT_AUDIENCE: AUDIENCE,
    });
  });
  afterAll(async () => maybeUnset(t)?.close());

  it('a logged-in user with their password and a valid host token links; the host token then opens that account', async () => {
    countCase(SUITE);
    const person = await t.newUser();
    const sub = `ext-${randomUUID()}`;
    const hostJwt = await hostToken({ sub, email: person.user.email });
    const res = await link(person.token, { hostToken: hostJwt, password: person.password });
    expect(res.statusCode, res.body).toBe(200);
    const viaHost = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${hostJwt}` },
    });
    expect(viaHost.json().user.id).toBe(person.user.id);
  });

  it('refuses a wrong password, a forged host token, an identity already bound, and any admin', async () => {
    const person = await t.newUser();
    const sub = `ext-${randomUUID()}`;
    const hostJwt = await hostToken({ sub });
    countCase(SUITE, 5);
    expect(
      (await link(person.token, { hostToken: hostJwt, password: 'wrong password!' })).json().error.code,
    ).toBe('AUTH__INVALID_CREDENTIALS');
    const forged = `${hostJwt.slice(0, -4)}AAAA`;
    expect(
      (await link(person.token, { hostToken: forged, password: person.password })).json().error.code,
    ).toBe('AUTH__TOKEN_INVALID');
    // The host id already has its own account (first sign-in created it).
    const other = `ext-${randomUUID()}`;
    await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${await hostToken({ sub: other, email: 'other@example.com' })}` },
    });
    const taken = await link(person.token, {
      hostToken: await hostToken({ sub: other }),
      password: person.password,
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('AUTH__HOST_IDENTITY_TAKEN');

    const admin = await t.newAdmin();
    const asAdmin = await link(admin.token, {
      hostToken: await hostToken({ sub: `ext-${randomUUID()}` }),
      password: 'admin password 1',
    });
    expect(asAdmin.statusCode).toBe(403);
    expect(asAdmin.json().error.code).toBe('AUTH__HOST_LINK_FORBIDDEN');
    expect((await link(person.token, { hostToken: 'x' })).statusCode).toBe(400);
  });

  it('guessing the password through host-link meets the same per-account backoff as login, from any address', async () => {
    countCase(SUITE);
    const person = await t.newUser();
    const hostJwt = await hostToken({ sub: `ext-${randomUUID()}` });
    const from = (i: number, password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/host-link',
        remoteAddress: `198.51.100.${i}`,
        headers: { authorization: `Bearer ${person.token}` },
        payload: { hostToken: hostJwt, password },
      });
    for (let i = 1; i <= 5; i++) expect((await from(i, `wrong guess ${i}`)).statusCode).toBe(401);
    const sixth = await from(6, 'wrong guess 6');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('RATE_LIMITED');
    // The lock holds for the right password too, until it lifts.
    expect((await from(7, person.password)).statusCode).toBe(429);
  });

  it('an admin row that somehow carries a host id is never opened by a host token', async () => {
    countCase(SUITE);
    const admin = await t.newAdmin();
    const sub = `ext-${randomUUID()}`;
    await t.ctx.database.db.update(users).set({ externalId: sub }).where(eq(users.id, admin.user.id));
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${await hostToken({ sub })}` },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('host JWT settings are checked at start', () => {
  const base = { HOST_JWT_SECRET: hostSecret, HOST_JWT_ISSUER: ISSUER, HOST_JWT_AUDIENCE: AUDIENCE };
  const invalid: Array<[string, Record<string, string>]> = [
    ['a secret without an issuer', { HOST_JWT_SECRET: hostSecret, HOST_JWT_AUDIENCE: AUDIENCE }],
    ['a secret without an audience', { HOST_JWT_SECRET: hostSecret, HOST_JWT_ISSUER: ISSUER }],
    ['a JWKS URL without issuer or audience', { HOST_JWKS_URL: 'https://exchange.example/jwks.json' }],
    [
      'a JWKS URL over plain http',
      {
        HOST_JWKS_URL: 'http://exchange.example/jwks.json',
        HOST_JWT_ISSUER: ISSUER,
        HOST_JWT_AUDIENCE: AUDIENCE,
      },
    ],
    ['the host secret equal to our own JWT secret', { ...base, JWT_SECRET: hostSecret }],
  ];
  it.each(invalid)('%s is a configuration error', (_name, env) => {
    countCase(SUITE);
    expect(() => loadEnvConfig(env)).toThrow(/HOST_|JWT_SECRET/);
  });

  it('a complete host JWT configuration loads, with a default maximum token age', () => {
    countCase(SUITE);
    expect(loadEnvConfig(base).HOST_JWT_MAX_AGE_SECONDS).toBe(3600);
  });
});
