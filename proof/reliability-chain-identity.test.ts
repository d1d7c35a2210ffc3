import { readFile } from 'node:fs/promises';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getBase58Decoder } from '@solana/kit';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { ServerExitedError, startServerProcess, type ServerProcess } from './helpers/server-process.ts';

const SUITE = 'chain identity';
afterAll(() => printCaseCounts(SUITE));

/** The public key of a Solana keypair file (64 bytes: secret, then public). */
async function publicKeyOf(file: string): Promise<string> {
  const bytes = Uint8Array.from(JSON.parse(await readFile(file, 'utf8')) as number[]);
  return getBase58Decoder().decode(bytes.slice(32));
}

async function genesisHashAt(rpcUrl: string): Promise<string> {
  const res = await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getGenesisHash' }),
  });
  return ((await res.json()) as { result: string }).result;
}

/** Starts the server expecting it to refuse: resolves with its exit status and output. */
async function refusedStart(dataDir: string): Promise<ServerExitedError> {
  const started = await startServerProcess({ dataDir }).then(
    async (server) => {
      await server.kill();
      return undefined;
    },
    (e: unknown) => e,
  );
  expect(started, 'the server started although it should have refused').toBeInstanceOf(ServerExitedError);
  return started as ServerExitedError;
}

describe('the keys and the chain a database was set up with are checked at every start', () => {
  const dirs: string[] = [];
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.kill();
    server = undefined;
  });
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  const newDataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'insignia-identity-'));
    dirs.push(dir);
    return dir;
  };

  it('keys/authority.json deleted: the start refuses, naming the file and the public key to restore; restored, it starts', async () => {
    countCase(SUITE);
    const dataDir = await newDataDir();
    const keyFile = join(dataDir, 'keys', 'authority.json');
    server = await startServerProcess({ dataDir });
    await server.stop();
    server = undefined;
    const expected = await publicKeyOf(keyFile);
    const backup = join(dataDir, 'authority.backup.json');
    await cp(keyFile, backup);
    await rm(keyFile);

    const refused = await refusedStart(dataDir);
    expect(refused.exit.code).not.toBe(0);
    expect(refused.exit.code).not.toBeNull();
    expect(refused.output).toContain('platform authority key is not the one this database was set up with');
    expect(refused.output).toContain(`expected public key ${expected}`);
    expect(refused.output).toContain(join('keys', 'authority.json'));
    // No stray new key is left behind to be mistaken for the real one.
    expect(existsSync(keyFile)).toBe(false);

    await cp(backup, keyFile);
    server = await startServerProcess({ dataDir });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 240_000);

  it('$DATA_DIR/chain deleted: the start refuses with a genesis hash mismatch; restored, it starts', async () => {
    countCase(SUITE);
    const dataDir = await newDataDir();
    server = await startServerProcess({ dataDir });
    const expected = await genesisHashAt(server.rpcUrl!);
    await server.stop();
    server = undefined;
    const chainDir = join(dataDir, 'chain');
    const backup = join(dataDir, 'chain.backup');
    await cp(chainDir, backup, { recursive: true });
    await rm(chainDir, { recursive: true });

    // The bundled validator makes a brand-new chain there: another genesis hash.
    const refused = await refusedStart(dataDir);
    expect(refused.exit.code).not.toBe(0);
    expect(refused.exit.code).not.toBeNull();
    expect(refused.output).toContain('Genesis hash mismatch');
    expect(refused.output).toContain(`this database expects ${expected}`);
    expect(refused.output).toContain(chainDir);

    await rm(chainDir, { recursive: true, force: true });
    await cp(backup, chainDir, { recursive: true });
    server = await startServerProcess({ dataDir });
    expect(await genesisHashAt(server.rpcUrl!)).toBe(expected);
  }, 240_000);
});
