import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataDir } from '../db/lock-data-dir.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { testDatabaseKind } from '../test-support/test-database.ts';
import { runAdminCli, type AdminCliOptions } from './run-admin-cli.ts';

/** Runs the CLI and keeps what it printed. */
async function run(args: string[], options: AdminCliOptions = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAdminCli(args, { ...options, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe(`npm run admin -- reset-password (${testDatabaseKind()})`, () => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    t = await createTestApp();
    dataDir = await mkdtemp(join(tmpdir(), 'insignia-admin-cli-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const env = () => ({ DATA_DIR: dataDir, NODE_ENV: 'test', PASSWORD_HASH_LOG2_N: '12' });
  const login = (email: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

  it('gives the admin a new password, printed once, that logs in; the old one and old sessions stop working', async () => {
    const admin = await t.newAdmin();
    const res = await run(['reset-password', admin.user.email.toUpperCase()], {
      env: env(),
      database: t.ctx.database,
    });
    expect(res.code, res.err).toBe(0);
    const printed = /^ {4}(\S+)$/m.exec(res.out)?.[1];
    expect(printed).toMatch(/^[\w-]{16}$/);
    expect(res.out).toContain(`New password for ${admin.user.email} (admin)`);
    expect(res.out).toContain('1 session ended');

    expect((await login(admin.user.email, 'admin password 1')).statusCode).toBe(401);
    const fresh = await login(admin.user.email, printed ?? '');
    expect(fresh.statusCode).toBe(200);
    expect(fresh.json().user.role).toBe('admin');
    const before = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(before.statusCode).toBe(401);

    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/admin/audit?person=${encodeURIComponent(admin.user.email)}`,
      headers: { authorization: `Bearer ${fresh.json().token as string}` },
    });
    const summaries = (audit.json().items as { summary: string }[]).map((i) => i.summary);
    expect(summaries).toContain(`${admin.user.email}'s password was reset`);
    expect(audit.body).not.toContain(printed);
  });

  it('says which admin accounts exist when the email is unknown, and exits non-zero', async () => {
    const admin = await t.newAdmin();
    const res = await run(['reset-password', 'nobody@example.com'], { env: env(), database: t.ctx.database });
    expect(res.code).toBe(1);
    expect(res.err).toContain('No account with a password has the email nobody@example.com.');
    expect(res.err).toContain(admin.user.email);
    expect(res.out).toBe('');
  });

  it('asks to stop the server first while it holds the embedded database', async () => {
    // What the server takes when it opens the embedded database (db/database.ts).
    await mkdir(join(dataDir, 'pg'), { recursive: true });
    const serverLock = await lockDataDir(join(dataDir, 'pg'), 'The embedded database');
    try {
      const res = await run(['reset-password', 'admin@insignia.local'], { env: env() });
      expect(res.code).toBe(1);
      expect(res.err).toContain('stop the server first');
    } finally {
      serverLock.release();
    }
  });

  it('says so when DATA_DIR holds no database (run from the wrong folder)', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'insignia-admin-cli-empty-'));
    try {
      const res = await run(['reset-password', 'admin@insignia.local'], {
        env: { ...env(), DATA_DIR: empty },
      });
      expect(res.code).toBe(1);
      expect(res.err).toContain(`There is no Insignia database in DATA_DIR=${empty}`);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('explains itself, and refuses what it does not know', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('reset-password EMAIL');
    expect(help.out).toContain('stop the server first');
    const unknown = await run(['reset-passwrod', 'a@example.com']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown command "reset-passwrod"');
    expect((await run(['reset-password'])).code).toBe(2);
  });
});
