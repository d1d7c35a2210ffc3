import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { simpleParser, type ParsedMail } from 'mailparser';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { freePort } from '../test-support/free-port.ts';
import { createTestDatabase, testDatabaseKind } from '../test-support/test-database.ts';
import { emailLogs } from './mail-schema.ts';
import { createMailer, type EnqueueEmail, type MailerOptions } from './mailer.ts';
import { startMailWorker } from './start-mail-worker.ts';

const wallet = '9WzDXwBbmkg8ZTbNMqUxvQRAyrZzDsGYdLVL9zYtAWWM';
const signature = '5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW';

/** Nothing a mail client could turn into a link: schemes, www., mailto, anchors, bare domains. */
const linkPatterns = [
  /https?:/i,
  /\bwww\./i,
  /mailto:/i,
  /<a[\s>]/i,
  /href\s*=/i,
  /\b[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}\b/i,
];

const emails: Record<string, EnqueueEmail> = {
  badge_minted_to_wallet: {
    type: 'badge_minted_to_wallet',
    to: 'alice@example.com',
    dedupeKey: '',
    data: {
      recipientName: 'Alice',
      badgeName: 'Gold Trader',
      badgeDescription: 'Traded $1M',
      walletAddress: wallet,
      mintSignature: signature,
    },
  },
  badge_in_vault: {
    type: 'badge_in_vault',
    to: 'bob@example.com',
    dedupeKey: '',
    data: { badgeName: 'Early Bird', badgeDescription: 'Joined in the first week' },
  },
  claim_confirmed: {
    type: 'claim_confirmed',
    to: 'carol@example.com',
    dedupeKey: '',
    data: { badgeName: 'Early Bird', walletAddress: wallet, transferSignature: signature },
  },
};

describe(`mailer (${testDatabaseKind()})`, () => {
  let database: Database;
  let smtp: SMTPServer;
  let smtpUrl: string;
  let received: ParsedMail[] = [];
  let dataDir: string;
  let seq = 0;
  const key = (name: string) => `${name}:${++seq}`;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'insignia-mail-'));
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream).then(
          (mail) => {
            received.push(mail);
            callback();
          },
          (err: unknown) => {
            callback(err instanceof Error ? err : new Error(String(err)));
          },
        );
      },
    });
    const port = await freePort();
    await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    received = [];
  });

  const mailer = (extra: Partial<MailerOptions> = {}) =>
    createMailer({
      db: database.db,
      transport: { kind: 'smtp', url: smtpUrl },
      from: 'Insignia <no-reply@insignia.test>',
      platformName: 'Acme Exchange',
      logger: pino({ level: 'silent' }),
      ...extra,
    });
  const row = async (id: string) =>
    (await database.db.select().from(emailLogs).where(eq(emailLogs.id, id)))[0]!;

  it.each([
    [
      'badge_minted_to_wallet',
      'Your "Gold Trader" badge is in your wallet',
      ['Gold Trader', 'Traded $1M', wallet, signature],
    ],
    [
      'badge_in_vault',
      'You have earned the "Early Bird" badge',
      [
        'Early Bird',
        'Log in to Acme Exchange',
        'link your Solana wallet',
        'Submit the claim',
        'never ask for your seed phrase or private key',
        'ignore it',
      ],
    ],
    [
      'claim_confirmed',
      'Your "Early Bird" badge has been transferred to your wallet',
      ['Early Bird', wallet, signature],
    ],
  ])(
    '%s arrives over SMTP with its content and no link, and is logged as sent',
    async (type, subject, contains) => {
      const m = mailer();
      const input = { ...emails[type]!, dedupeKey: key(type) };
      const { id } = await m.enqueue(input);
      expect(await m.processDue()).toEqual({ claimed: 1, sent: 1, retrying: 0, failed: 0 });
      expect(received).toHaveLength(1);
      const mail = received[0]!;
      expect(mail.subject).toBe(subject);
      expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(input.to);
      for (const part of contains) {
        expect(mail.text).toContain(part);
        expect(mail.html).toContain(part.replaceAll('"', '&quot;'));
      }
      for (const pattern of linkPatterns) {
        expect(mail.text).not.toMatch(pattern);
        expect(mail.html || '').not.toMatch(pattern);
      }
      const logged = await row(id);
      expect(logged).toMatchObject({ status: 'sent', attempts: 1, lastError: null, subject });
      expect(logged.mailProviderId).toBe(mail.messageId);
      expect(logged.sentAt).toBeInstanceOf(Date);
    },
  );

  it("sends a new email at once when this process's clock runs behind the database's", async () => {
    // The database stamps now() with microseconds and may run on another machine's clock.
    const m = mailer({ now: () => new Date(Date.now() - 2_000) });
    await m.enqueue({ ...emails.badge_in_vault!, dedupeKey: key('clock') });
    expect(await m.processDue()).toMatchObject({ claimed: 1, sent: 1 });
  });

  it('strips links and escapes markup in values that come from admins', async () => {
    const m = mailer();
    await m.enqueue({
      type: 'badge_in_vault',
      to: 'dave@example.com',
      dedupeKey: key('hostile'),
      data: {
        badgeName: 'Pro <b>Trader</b>',
        badgeDescription: 'Claim fast at https://evil.example/claim, www.evil.example or evil-site.io/x now',
      },
    });
    await m.processDue();
    const mail = received[0]!;
    expect(mail.html).toContain('Pro &lt;b&gt;Trader&lt;/b&gt;');
    expect(mail.text).toContain('Claim fast at [link removed] [link removed] or [link removed] now');
    for (const pattern of linkPatterns) {
      expect(mail.text).not.toMatch(pattern);
      expect(mail.html || '').not.toMatch(pattern);
    }
  });

  it('sends once per dedupe key, and not at all when the caller rolls back', async () => {
    const m = mailer();
    const input = { ...emails.badge_in_vault!, dedupeKey: key('dedupe') };
    const first = await m.enqueue(input);
    const second = await m.enqueue(input);
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    await m.processDue();
    await m.enqueue(input);
    await m.processDue();
    expect(received).toHaveLength(1);

    const rolledBack = key('rollback');
    await database.db
      .transaction(async (tx) => {
        await m.enqueue({ ...input, dedupeKey: rolledBack }, { tx });
        throw new Error('the issuance failed');
      })
      .catch(() => undefined);
    expect(await database.db.select().from(emailLogs).where(eq(emailLogs.dedupeKey, rolledBack))).toEqual([]);
  });

  it('queues many emails at once like one by one: same rows, dedupe keys kept, answers in order', async () => {
    const m = mailer();
    const known = { ...emails.badge_in_vault!, dedupeKey: key('many-known') };
    const before = await m.enqueue(known);
    const fresh = { ...emails.badge_minted_to_wallet!, dedupeKey: key('many-fresh') };
    const single = { ...emails.badge_minted_to_wallet!, dedupeKey: key('many-single') };
    const repeated = { ...emails.claim_confirmed!, dedupeKey: key('many-repeated') };
    const answers = await m.enqueueMany([fresh, known, repeated, repeated]);
    expect(answers[1]).toEqual({ id: before.id, created: false });
    expect(answers[0]?.created).toBe(true);
    expect(answers[2]?.created).toBe(true);
    expect(answers[3]).toEqual({ id: answers[2]?.id, created: false });
    expect(new Set(answers.map((a) => a.id)).size).toBe(3);
    // The row a bulk enqueue writes is the row a single enqueue writes, subject included.
    const { id: singleId } = await m.enqueue(single);
    const strip = ({
      id: _id,
      dedupeKey: _k,
      createdAt: _c,
      updatedAt: _u,
      nextAttemptAt: _n,
      ...rest
    }: typeof emailLogs.$inferSelect) => rest;
    expect(strip(await row(answers[0]!.id))).toEqual(strip(await row(singleId)));
    expect((await row(answers[0]!.id)).subject).toBe('Your "Gold Trader" badge is in your wallet');
    await expect(
      m.enqueueMany([{ ...fresh, dedupeKey: key('many-bad'), to: 'not an email' }]),
    ).rejects.toThrow();
    await m.processDue({ limit: 50 });
    expect(received.map((r) => r.subject).sort()).toEqual(
      [
        'Your "Early Bird" badge has been transferred to your wallet',
        'You have earned the "Early Bird" badge',
        'Your "Gold Trader" badge is in your wallet',
        'Your "Gold Trader" badge is in your wallet',
      ].sort(),
    );
  });

  it('never sends a row twice when two workers run at once', async () => {
    const [a, b] = [mailer(), mailer()];
    for (let i = 0; i < 6; i++) await a.enqueue({ ...emails.claim_confirmed!, dedupeKey: key('concurrent') });
    const results = await Promise.all([a.processDue({ limit: 4 }), b.processDue({ limit: 4 })]);
    const more = await a.processDue();
    expect(results.reduce((n, r) => n + r.sent, 0) + more.sent).toBe(6);
    expect(received).toHaveLength(6);
    expect(new Set(received.map((r) => r.messageId)).size).toBe(6);
  });

  it('retries while the SMTP server is down, storing each error, then marks the row failed', async () => {
    const closedPort = await freePort();
    const m = mailer({
      transport: { kind: 'smtp', url: `smtp://127.0.0.1:${closedPort}` },
      retry: { baseMs: 1, maxMs: 5, maxAttempts: 3 },
    });
    const { id } = await m.enqueue({ ...emails.badge_in_vault!, dedupeKey: key('down') });
    const seen: number[] = [];
    for (let i = 0; i < 50 && (await row(id)).status === 'pending'; i++) {
      await m.processDue();
      const r = await row(id);
      if (r.attempts > (seen.at(-1) ?? 0)) {
        seen.push(r.attempts);
        expect(r.lastError).toMatch(/ECONNREFUSED/);
      }
      await sleep(10);
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(await row(id)).toMatchObject({
      status: 'failed',
      attempts: 3,
      nextAttemptAt: null,
      mailProviderId: null,
    });
  });

  it('writes parseable .eml files to the outbox in embedded mode and lists them', async () => {
    const outboxDir = join(dataDir, 'outbox');
    const m = mailer({ transport: { kind: 'outbox', dir: outboxDir } });
    const { id } = await m.enqueue({ ...emails.badge_minted_to_wallet!, dedupeKey: key('outbox') });
    await m.processDue();
    const files = await m.listOutbox();
    expect(files).toHaveLength(1);
    expect(files[0]!.name).toMatch(new RegExp(`-${id}\\.eml$`));
    const parsed = await simpleParser(await m.readOutbox(files[0]!.name));
    expect(parsed.subject).toBe('Your "Gold Trader" badge is in your wallet');
    expect(parsed.text).toContain(signature);
    expect(await row(id)).toMatchObject({ status: 'sent', metadata: { outboxFile: files[0]!.name } });
    await expect(m.readOutbox('../secrets.json')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a platform name that is a URL, and bad email data at enqueue', async () => {
    expect(() => mailer({ platformName: 'https://acme.io/login' })).toThrow(/platformName/);
    // A bare domain is a name: emails show it as text (see neutralize-links.test.ts).
    expect(() => mailer({ platformName: 'acme.io' })).not.toThrow();
    await expect(
      mailer().enqueue({
        type: 'claim_confirmed',
        to: 'erin@example.com',
        dedupeKey: key('bad'),
        data: { badgeName: 'X', walletAddress: 'not base58!', transferSignature: signature },
      }),
    ).rejects.toThrow();
  });

  it('runs as a worker loop until stopped', async () => {
    const m = mailer();
    const worker = startMailWorker({ mailer: m, intervalMs: 20, logger: pino({ level: 'silent' }) });
    const { id } = await m.enqueue({ ...emails.badge_in_vault!, dedupeKey: key('worker') });
    for (let i = 0; i < 100 && (await row(id)).status !== 'sent'; i++) await sleep(20);
    await worker.stop();
    expect((await row(id)).status).toBe('sent');
    expect(received).toHaveLength(1);
  });
});
