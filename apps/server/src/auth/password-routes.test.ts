import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';

describe(`changing your own password (${testDatabaseKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const change = (token: string, payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  const me = (token: string) =>
    t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });

  it('refuses a wrong current password with a stable code that does not sign the person out', async () => {
    const u = await t.newUser();
    const res = await change(u.token, { currentPassword: 'not my password', newPassword: 'a new password' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('AUTH__CURRENT_PASSWORD_WRONG');
    expect((await me(u.token)).statusCode).toBe(200);
    expect((await login(u.user.email, u.password)).statusCode).toBe(200);
  });

  it('refuses a new password registration would refuse, or the current one again, naming the field', async () => {
    const u = await t.newUser();
    for (const newPassword of ['short', 'x'.repeat(257), u.password]) {
      const res = await change(u.token, { currentPassword: u.password, newPassword });
      expect(res.statusCode, newPassword.slice(0, 10)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION__INVALID_BODY');
      expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'newPassword' })]);
    }
    expect((await login(u.user.email, u.password)).statusCode).toBe(200);
  });

  it('asks for a session before anything else', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: 'x', newPassword: 'long enough' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('an admin changes theirs: old password refused, new accepted, other sessions ended, this one kept', async () => {
    const admin = await t.newAdmin();
    const email = admin.user.email;
    const other = await login(email, 'admin password 1');
    expect(other.statusCode).toBe(200);
    const otherToken: string = other.json().token;

    const res = await change(admin.token, {
      currentPassword: 'admin password 1',
      newPassword: 'a brand new admin password',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ endedOtherSessions: 1 });

    expect((await me(admin.token)).statusCode).toBe(200);
    const ended = await me(otherToken);
    expect(ended.statusCode).toBe(401);
    expect(ended.json().error.code).toBe('AUTH__TOKEN_INVALID');

    const old = await login(email, 'admin password 1');
    expect(old.statusCode).toBe(401);
    expect(old.json().error.code).toBe('AUTH__INVALID_CREDENTIALS');
    const fresh = await login(email, 'a brand new admin password');
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().user.role).toBe('admin');

    // The platform's audit log says who changed it, and nothing of the password.
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/admin/audit?actor=${encodeURIComponent(email)}`,
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(audit.statusCode).toBe(200);
    const summaries = (audit.json().items as { summary: string }[]).map((i) => i.summary);
    expect(summaries).toContain(`${email} changed their password`);
    expect(audit.body).not.toContain('a brand new admin password');
  });

  it('a trader can change theirs too', async () => {
    const u = await t.newUser();
    const res = await change(u.token, { currentPassword: u.password, newPassword: 'trader new password' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ endedOtherSessions: 0 });
    expect((await login(u.user.email, u.password)).statusCode).toBe(401);
    expect((await login(u.user.email, 'trader new password')).statusCode).toBe(200);
  });
});
