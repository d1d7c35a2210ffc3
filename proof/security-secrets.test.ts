import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyPairSignerFromPrivateKeyBytes, getAddressEncoder } from '@solana/kit';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort } from '../apps/server/src/test-support/free-port.ts';
import { createApiUser } from './helpers/api-user.ts';
import { callApi, recordResponses } from './helpers/call-api.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { completeFlow } from './helpers/nft-flow.ts';
import { keypairSecretForms, occurrences } from './helpers/secret-forms.ts';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';

const SUITE = 'security: secrets';

/** A keypair in the Solana CLI format, as an operator would put it in VAULT_KEYPAIR. */
async function keypairJson(): Promise<string> {
  const seed = randomBytes(32);
  const signer = await createKeyPairSignerFromPrivateKeyBytes(new Uint8Array(seed));
  return JSON.stringify([...seed, ...getAddressEncoder().encode(signer.address)]);
}

/**
 * The real server as a child process, logging at debug level, exercised like a person and an
 * admin would; then every secret it holds is searched for in everything it printed and in
 * every answer it gave. The only secrets ever printed are the generated admin password and
 * ingest key, once, in the startup banner.
 */
describe('secrets never reach the logs or an API response', () => {
  let dataDir: string | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    recordResponses(undefined);
    await server?.kill();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    printCaseCounts(SUITE);
  });

  it('logs and answers hold no secret; the banner shows the generated admin password once', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'insignia-secrets-'));
    const env = {
      LOG_LEVEL: 'debug',
      ADMIN_EMAIL: 'root@proof.test',
      JWT_SECRET: `jwt-${randomBytes(24).toString('hex')}`,
      MINT_KEY_SECRET: `mint-${randomBytes(24).toString('hex')}`,
      WEBHOOK_SECRET: `hook-${randomBytes(16).toString('hex')}`,
      VAULT_KEYPAIR: await keypairJson(),
      // Unreachable on purpose: their connection errors get logged, their passwords must not.
      REDIS_URL: `redis://:redis-pass-${randomBytes(6).toString('hex')}@127.0.0.1:${await freePort()}`,
      SMTP_URL: `smtp://mailer:smtp-pass-${randomBytes(6).toString('hex')}@127.0.0.1:${await freePort()}`,
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    };
    const responses: string[] = [];
    recordResponses(responses);
    server = await startServerProcess({ dataDir, env, keepOutput: 50_000_000 });
    const banner = server.output();
    const adminPassword = /password\s+(\S+)/.exec(banner)?.[1];
    const ingestApiKey = /x-api-key\): (\S+)/.exec(banner)?.[1];
    expect(adminPassword, banner).toBeDefined();
    expect(ingestApiKey, banner).toBeDefined();

    // A person: registers, fails a login, links a wallet, unlocks, opens the live socket.
    const endpoint = { url: server.url, rpcUrl: server.rpcUrl, ingestApiKey: ingestApiKey! };
    const person = await createApiUser(endpoint, { volumeUsd: '100000' });
    await callApi(server.url, 'POST', '/api/auth/login', {
      body: { email: person.email, password: 'wrong-guess' },
    });
    await callApi(server.url, 'POST', '/api/auth/login', {
      body: { email: person.email, password: person.password },
    });
    await callApi(server.url, 'POST', '/api/auth/register', {
      body: { email: 'not-an-email', password: person.password },
    });
    await callApi(server.url, 'POST', '/api/auth/register', {
      body: { email: person.email, password: person.password },
    });
    await completeFlow(person, 'unlock');
    await person.call('GET', '/api/me');
    await new Promise<void>((resolve) => {
      const ws = new WebSocket(`${server!.url.replace('http', 'ws')}/api/ws?token=${person.token}`);
      ws.on('message', () => ws.close());
      ws.on('close', () => resolve());
      ws.on('error', () => resolve());
    });
    // The platform: a wrong key, then the right one.
    await callApi(server.url, 'POST', '/api/trades', {
      headers: { 'x-api-key': 'ik_wrong_key_0123456789' },
      body: { trades: [] },
    });
    // An admin: a wrong password, then the generated one, then the console's pages.
    const adminEmail = env.ADMIN_EMAIL;
    await callApi(server.url, 'POST', '/api/auth/login', {
      body: { email: adminEmail, password: 'wrong-admin-guess' },
    });
    const admin = await callApi(server.url, 'POST', '/api/auth/login', {
      body: { email: adminEmail, password: adminPassword },
    });
    expect(admin.status).toBe(200);
    const adminToken = admin.body.token as string;
    for (const path of [
      '/api/admin/dashboard',
      '/api/admin/users',
      `/api/admin/users/${person.id}`,
      '/api/admin/nft/requests?status=completed',
      '/api/config/public',
      '/api/openapi.json',
      '/metrics',
      '/readyz',
    ]) {
      await callApi(server.url, 'GET', path, { token: adminToken });
    }
    await server.stop();
    const firstRun = server.output();
    // A restart does not print the admin password again.
    server = await startServerProcess({ dataDir, env, keepOutput: 50_000_000 });
    await server.stop();
    const restartRun = server.output();

    const secrets = JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8')) as Record<
      string,
      string
    >;
    const authorityKeypair = await readFile(join(dataDir, 'keys', 'authority.json'), 'utf8');
    const output = `${firstRun}\n${restartRun}`;
    const answers = responses.join('\n');
    const never: Array<[string, string]> = [
      ['JWT secret', env.JWT_SECRET],
      ['mint key secret', env.MINT_KEY_SECRET],
      ['webhook secret', env.WEBHOOK_SECRET],
      ['recipient hash salt', secrets.recipientHashSalt!],
      ['Redis password', new URL(env.REDIS_URL).password],
      ['SMTP password', new URL(env.SMTP_URL).password],
      ['a person’s password', person.password],
      ...keypairSecretForms(authorityKeypair).map((f): [string, string] => ['authority key', f]),
      ...keypairSecretForms(env.VAULT_KEYPAIR).map((f): [string, string] => ['vault key', f]),
    ];
    const leaks: string[] = [];
    for (const [name, value] of never) {
      countCase(SUITE, 2);
      if (occurrences(output, value) > 0) leaks.push(`${name} in the logs`);
      if (occurrences(answers, value) > 0) leaks.push(`${name} in an API response`);
    }
    countCase(SUITE, 3);
    if (occurrences(output, person.token) > 0) leaks.push('a session token in the logs');
    if (occurrences(answers, adminPassword!) > 0) leaks.push('the admin password in an API response');
    if (occurrences(answers, ingestApiKey!) > 0) leaks.push('the ingest key in an API response');
    expect(leaks).toEqual([]);

    // Shown once, in the first banner, and nowhere else.
    expect(occurrences(output, adminPassword!)).toBe(1);
    expect(occurrences(banner, adminPassword!)).toBe(1);
    expect(occurrences(output, ingestApiKey!)).toBe(1);
    expect(restartRun).not.toContain(adminPassword!);
    expect(output.length).toBeGreaterThan(banner.length); // the debug log really was captured
  }, 300_000);
});
