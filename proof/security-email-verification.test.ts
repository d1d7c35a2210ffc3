import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../apps/server/src/auth/auth-schema.ts';
import { emailVerificationCodes } from '../apps/server/src/auth/email-verification-schema.ts';
import { callerFor, createBadge, type Caller } from '../apps/server/src/badges/badge-test-fixtures.ts';
import { badgeIssuances } from '../apps/server/src/badges/badges-schema.ts';
import { emailLogs } from '../apps/server/src/mail/mail-schema.ts';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { readEmailedCode } from '../apps/server/src/test-support/verify-email.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';

const SUITE = 'security: email verification';
afterAll(() => printCaseCounts(SUITE));

const hostSecret = 'host-platform-shared-secret-0123456789abcdef';
const hostToken = (sub: string, email: string) =>
  new SignJWT({ email })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setIssuer('exchange')
    .setAudience('insignia')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(hostSecret));

describe('nothing keyed by email attaches to an unverified account', () => {
  let t: TestApp;
  let admin: Caller;
  beforeAll(async () => {
    t = await createTestApp({
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      HOST_JWT_SECRET: hostSecret,
      HOST_JWT_ISSUER: 'exchange',
      HOST_JWT_AUDIENCE: 'insignia',
    });
    admin = callerFor(t, (await t.newAdmin()).token);
  });
  afterAll(async () => maybeUnset(t)?.close());

  const ingest = (email: string, volumeUsd: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/trades',
      headers: { 'x-api-key': t.ctx.config.ingestApiKey },
      payload: {
        trades: [{ id: `t-${randomUUID()}`, email, volumeUsd, executedAt: new Date().toISOString() }],
      },
    });
  const volumeOf = async (token: string) =>
    (
      await t.app.inject({
        method: 'GET',
        url: '/api/nft/status',
        headers: { authorization: `Bearer ${token}` },
      })
    ).json().volumeUsd as string;

  it('trades sent by email wait, visibly, until the address is verified, then count', async () => {
    countCase(SUITE, 3);
    const person = await t.newUser();
    expect(person.user.emailVerified).toBe(false);
    const res = await ingest(person.user.email, '150000');
    expect(res.json()).toMatchObject({ inserted: 0, pending: 1, rejected: [] });
    expect(await volumeOf(person.token)).toBe('0');
    const waiting = await admin('GET', '/api/admin/awaiting-verification');
    expect(waiting.json().trades).toContainEqual(
      expect.objectContaining({ email: person.user.email, trades: 1, volumeUsd: '150000.00000000' }),
    );

    await t.verifyEmail(person);
    expect(Number(await volumeOf(person.token))).toBe(150000);
    const after = await admin('GET', '/api/admin/awaiting-verification');
    expect(after.json().trades.map((r: { email: string }) => r.email)).not.toContain(person.user.email);
    // Resending the same trade later counts nothing twice.
    expect((await ingest(person.user.email, '1')).json()).toMatchObject({ inserted: 1 });
  });

  it("an account squatting a victim's email (password or host token) never gets the victim's trades", async () => {
    countCase(SUITE, 2);
    const victimEmail = `victim-${randomUUID()}@example.com`;
    const squatter = await t.newUser({ email: victimEmail });
    const hostSquatter = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${await hostToken(`ext-${randomUUID()}`, victimEmail)}` },
    });
    expect(hostSquatter.json().user.emailVerified).toBe(false);
    expect((await ingest(victimEmail, '999999')).json()).toMatchObject({ inserted: 0, pending: 1 });
    expect(await volumeOf(squatter.token)).toBe('0');
    // Once one account proves the address, no other can: registration is refused too.
    await t.verifyEmail(squatter);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: victimEmail, password: 'another password' },
    });
    expect(again.json().error.code).toBe('AUTH__EMAIL_TAKEN');
  });

  it('a host account cannot verify an address another account already proved', async () => {
    countCase(SUITE);
    const owner = await t.newUser({ verified: true });
    const hostJwt = await hostToken(`ext-${randomUUID()}`, owner.user.email);
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${hostJwt}` },
    });
    const host = { token: hostJwt, user: me.json().user };
    expect(host.user.id).not.toBe(owner.user.id);
    await expect(t.verifyEmail(host)).rejects.toThrow(/AUTH__EMAIL_TAKEN/);
  });

  it('roster rows for an unverified address are held, shown to the admin, and issued on verification', async () => {
    countCase(SUITE, 3);
    const badge = await createBadge(admin, { type: 'database' });
    const person = await t.newUser();
    const created = await admin('POST', '/api/admin/issuances', {
      badgeIds: [badge.id],
      recipients: { emails: [person.user.email] },
      signingMode: 'server',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().summary).toMatchObject({ held: 1, accepted: 0, issuances: 0 });
    expect(created.json().rows[0]).toMatchObject({ status: 'held', user: null });
    const issuedTo = () =>
      t.ctx.database.db.select().from(badgeIssuances).where(eq(badgeIssuances.userId, person.user.id));
    expect(await issuedTo()).toHaveLength(0);
    const waiting = await admin('GET', '/api/admin/awaiting-verification');
    expect(waiting.json().grants).toContainEqual(
      expect.objectContaining({ email: person.user.email, badgeId: badge.id }),
    );

    await t.verifyEmail(person);
    expect((await issuedTo()).map((i) => i.badgeId)).toEqual([badge.id]);
    const after = await admin('GET', '/api/admin/awaiting-verification');
    expect(after.json().grants.map((g: { email: string }) => g.email)).not.toContain(person.user.email);
  });
});

describe('the first admin', () => {
  it('is verified when ensureAdmin creates it; a host-only account with that email is never promoted', async () => {
    countCase(SUITE, 2);
    const t = await createTestApp({
      HOST_JWT_SECRET: hostSecret,
      HOST_JWT_ISSUER: 'exchange',
      HOST_JWT_AUDIENCE: 'insignia',
    });
    try {
      const email = `boss-${randomUUID()}@example.com`;
      const host = await t.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { authorization: `Bearer ${await hostToken(`ext-${randomUUID()}`, email)}` },
      });
      expect(host.statusCode).toBe(200);
      const made = await t.ctx.auth.ensureAdmin({ email, password: 'operator password' });
      expect(made.created).toBe(true);
      const [admin] = await t.ctx.database.db.select().from(users).where(eq(users.role, 'admin'));
      expect(admin).toMatchObject({ email, externalId: null });
      expect(admin!.emailVerifiedAt).not.toBeNull();
      expect(admin!.id).not.toBe(host.json().user.id);
    } finally {
      await t.close();
    }
  });
});

describe('an account promoted to admin', () => {
  it('keeps none of the sessions opened before: whoever registered the address first is signed out', async () => {
    countCase(SUITE);
    const t = await createTestApp();
    try {
      // Someone registers the operator's address before the operator configures ADMIN_EMAIL.
      const squatter = await t.newUser({ email: `ops-${randomUUID()}@example.com` });
      const me = (token: string) =>
        t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
      expect((await me(squatter.token)).statusCode).toBe(200);

      const made = await t.ctx.auth.ensureAdmin({
        email: squatter.user.email,
        password: 'operator password',
      });
      expect(made.created).toBe(true);
      expect((await me(squatter.token)).statusCode).toBe(401);
      // The operator's password, not the squatter's, opens the admin now.
      const login = (password: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: squatter.user.email, password },
        });
      expect((await login(squatter.password)).statusCode).toBe(401);
      const operator = await login('operator password');
      expect(operator.statusCode).toBe(200);
      expect(operator.json().user.role).toBe('admin');
    } finally {
      await t.close();
    }
  });
});

describe('verification codes: hashed, short-lived, few guesses, used once, rate limited', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '10000' });
  });
  afterAll(async () => maybeUnset(t)?.close());

  const as = (token: string) => ({
    send: () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/email/code',
        headers: { authorization: `Bearer ${token}` },
      }),
    verify: (code: unknown) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/email/verify',
        headers: { authorization: `Bearer ${token}` },
        payload: { code },
      }),
  });
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('the code is stored only as a hash and masked in the mail log once sent', async () => {
    countCase(SUITE, 2);
    const person = await t.newUser();
    expect((await as(person.token).send()).statusCode).toBe(202);
    const code = await readEmailedCode(t.ctx, person.user.id);
    const [row] = await t.ctx.database.db
      .select()
      .from(emailVerificationCodes)
      .where(eq(emailVerificationCodes.userId, person.user.id));
    expect(JSON.stringify(row)).not.toContain(code);
    const [log] = await t.ctx.database.db
      .select()
      .from(emailLogs)
      .where(eq(emailLogs.userId, person.user.id));
    expect(JSON.stringify(log)).not.toContain(code);
  });

  it('five wrong guesses kill the code: the right one is refused after', async () => {
    countCase(SUITE);
    const person = await t.newUser();
    const api = as(person.token);
    await api.send();
    const code = await readEmailedCode(t.ctx, person.user.id);
    for (let i = 0; i < 5; i++)
      expect((await api.verify(wrong(code))).json().error.code).toBe('AUTH__EMAIL_CODE_INVALID');
    expect((await api.verify(code)).json().error.code).toBe('AUTH__EMAIL_CODE_INVALID');
  });

  it('an expired code is refused; a used code cannot be used again; another user cannot use it', async () => {
    countCase(SUITE, 3);
    const [a, b] = [await t.newUser(), await t.newUser()];
    await as(a.token).send();
    const code = await readEmailedCode(t.ctx, a.user.id);
    expect((await as(b.token).verify(code)).json().error.code).toBe('AUTH__EMAIL_CODE_INVALID');
    await t.ctx.database.db
      .update(emailVerificationCodes)
      .set({ expiresAt: new Date(Date.now() - 1_000) })
      .where(eq(emailVerificationCodes.userId, a.user.id));
    expect((await as(a.token).verify(code)).json().error.code).toBe('AUTH__EMAIL_CODE_INVALID');

    const c = await t.newUser();
    await as(c.token).send();
    const fresh = await readEmailedCode(t.ctx, c.user.id);
    expect((await as(c.token).verify(fresh)).json().user.emailVerified).toBe(true);
    expect((await as(c.token).verify(fresh)).json().error.code).toBe('AUTH__EMAIL_ALREADY_VERIFIED');
  });

  it('asking again within a minute is refused with when to retry; bad input is a 400', async () => {
    countCase(SUITE, 4);
    const person = await t.newUser();
    const api = as(person.token);
    expect((await api.send()).statusCode).toBe(202);
    const again = await api.send();
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('AUTH__EMAIL_CODE_LIMIT');
    expect(again.json().error.details.resendAfter).toEqual(expect.any(String));
    for (const bad of ['12345', 'abcdef', 123456, '1234567']) {
      expect((await api.verify(bad)).statusCode).toBe(400);
    }
  });
});
