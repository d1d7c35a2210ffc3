import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitUntil } from './helpers/badge-flow.ts';
import { callApi } from './helpers/call-api.ts';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';

/** Every file and folder under `dir`, with its permission bits. */
async function modesUnder(dir: string): Promise<Array<{ path: string; mode: number; isDir: boolean }>> {
  const found: Array<{ path: string; mode: number; isDir: boolean }> = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const info = await stat(path);
    found.push({ path, mode: info.mode & 0o777, isDir: entry.isDirectory() });
    if (entry.isDirectory()) found.push(...(await modesUnder(path)));
  }
  return found;
}

/**
 * The data dir holds password hashes (PGlite), keys, secrets and emails. Started by the real
 * server on a folder that does not exist yet, nothing in it may be readable by another local
 * user: folders 0700, files 0600.
 */
describe('data dir permissions', () => {
  let root: string | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.kill();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('keeps the data dir, the database and every email file private to the server user', async () => {
    root = await mkdtemp(join(tmpdir(), 'insignia-modes-'));
    const dataDir = join(root, 'data');
    server = await startServerProcess({ dataDir });
    // A person asking for an email code writes an email into the outbox folder.
    const registered = await callApi(server.url, 'POST', '/api/auth/register', {
      body: { email: 'person@modes.test', password: 'person password 1' },
    });
    const sent = await callApi(server.url, 'POST', '/api/auth/email/code', {
      token: registered.body.token as string,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBeLessThan(300);
    const outbox = join(dataDir, 'outbox');
    await waitUntil(
      async () => (await readdir(outbox)).some((n) => n.endsWith('.eml')),
      30_000,
      'an email file',
    );

    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    const entries = await modesUnder(dataDir);
    expect(entries.some((e) => e.path === join(dataDir, 'pg') && e.isDir)).toBe(true);
    const open = entries.filter((e) => (e.mode & 0o077) !== 0).map((e) => `${e.path} ${e.mode.toString(8)}`);
    expect(open).toEqual([]);
  }, 120_000);
});
