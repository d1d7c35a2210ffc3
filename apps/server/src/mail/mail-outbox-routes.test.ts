import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';

describe('embedded mail outbox in the console', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = (await t.newAdmin()).token;
  });
  afterAll(async () => t.close());

  it('lists the emails written instead of sent, readable, to admins only', async () => {
    const u = await t.newUser();
    await t.ctx.mailer.enqueue({
      type: 'claim_confirmed',
      to: u.user.email,
      userId: u.user.id,
      dedupeKey: 'outbox-test-1',
      data: {
        badgeName: 'Early trader',
        walletAddress: '11111111111111111111111111111111',
        transferSignature: '5'.repeat(87) + 'A',
      },
    });
    await t.ctx.mailer.processDue();
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/admin/mail/outbox',
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().enabled).toBe(true);
    const [mail] = res.json().items;
    expect(mail).toMatchObject({ to: u.user.email });
    expect(mail.subject).toContain('Early trader');
    expect(mail.text).toContain('Early trader');
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/admin/mail/outbox',
          headers: { authorization: `Bearer ${u.token}` },
        })
      ).statusCode,
    ).toBe(403);
  });
});
