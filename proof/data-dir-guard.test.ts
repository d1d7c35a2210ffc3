import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from './helpers/run-script.ts';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';

const MAIN = 'apps/server/src/main.ts';
const MIGRATE = 'apps/server/src/db/migrate-cli.ts';

/** One line naming the setting, and no stack trace. */
function expectOneLineAbout(output: string, pattern: RegExp): void {
  const lines = output.trim().split('\n');
  expect(lines, output).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(output).not.toMatch(/^\s+at /m);
}

describe('a data dir that cannot be used stops start-up with one line', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'insignia-bad-dir-'));
    await writeFile(join(root, 'a-file'), 'not a folder');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  // Cases that fail for root too (chmod does not stop root from writing).
  const cases = [
    { name: 'a path under a regular file', dir: () => join(root, 'a-file', 'data'), cause: /ENOTDIR/ },
    { name: 'a regular file', dir: () => join(root, 'a-file'), cause: /is a file, not a directory: EEXIST/ },
  ];
  for (const c of cases) {
    for (const script of [MAIN, MIGRATE]) {
      it(`${script.split('/').pop()} on ${c.name}`, async () => {
        const dir = c.dir();
        const run = await runScript(script, { DATA_DIR: dir });
        expect(run.code, run.output).not.toBe(0);
        expectOneLineAbout(run.output, new RegExp(`^DATA_DIR=${dir} `));
        expect(run.output).toMatch(c.cause);
      }, 60_000);
    }
  }

  it('main.ts with a folder where its secrets file belongs', async () => {
    const dir = join(root, 'odd');
    await mkdir(join(dir, 'secrets.json'), { recursive: true });
    const run = await runScript(MAIN, { DATA_DIR: dir });
    expect(run.code, run.output).not.toBe(0);
    expectOneLineAbout(
      run.output,
      new RegExp(`^DATA_DIR=${dir} holds a folder where a file belongs: EISDIR`),
    );
  }, 60_000);
});

describe('the embedded database is opened by one process at a time', () => {
  let root: string;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'insignia-lock-'));
  });
  afterAll(async () => {
    await server?.kill();
    await rm(root, { recursive: true, force: true });
  });

  it('npm run migrate next to the running server fails fast; after kill -9 or a stop it works', async () => {
    const dataDir = join(root, 'data');
    const lockFile = join(dataDir, 'pg', '.insignia.lock');
    server = await startServerProcess({ dataDir });

    const refused = await runScript(MIGRATE, { DATA_DIR: dataDir });
    console.log(`migrate next to the server: exit ${refused.code} after ${refused.ms} ms`);
    expect(refused.code, refused.output).not.toBe(0);
    expectOneLineAbout(
      refused.output,
      new RegExp(`^The embedded database in DATA_DIR=${dataDir} is in use by process ${server.pid} `),
    );
    // The server is unharmed: it still answers.
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    // A power cut leaves the lock file behind; its process is gone, so the next opener takes it.
    await server.kill();
    await access(lockFile);
    const afterKill = await runScript(MIGRATE, { DATA_DIR: dataDir });
    expect(afterKill.code, afterKill.output).toBe(0);
    expect(afterKill.output).toContain('Migrations applied (pglite)');
    await expect(access(lockFile)).rejects.toThrow();

    // A clean stop releases it.
    server = await startServerProcess({ dataDir });
    await server.stop();
    await expect(access(lockFile)).rejects.toThrow();
    const afterStop = await runScript(MIGRATE, { DATA_DIR: dataDir });
    expect(afterStop.code, afterStop.output).toBe(0);
  }, 240_000);
});
