import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { createTestDatabase, testDatabaseKind } from '../test-support/test-database.ts';
import { generateDataSecrets, SECRETS_FILE } from './data-secrets.ts';
import { loadEnvConfig } from './load-config.ts';
import { platformSecrets } from './platform-secrets-schema.ts';
import { isAppError } from '../errors/app-error.ts';
import { loadOrCreateSharedSecrets } from './shared-secrets.ts';

const jwtA = 'a'.repeat(40);
const jwtB = 'b'.repeat(40);

describe(`secrets shared through the database (${testDatabaseKind()})`, () => {
  const dirs: string[] = [];
  let database: Database | undefined;
  const newDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'insignia-secrets-'));
    dirs.push(dir);
    return dir;
  };
  const start = async (env: Record<string, string> = {}, dataDir?: string) =>
    loadOrCreateSharedSecrets(database!.db, loadEnvConfig(env), dataDir ?? (await newDir()));
  const rows = async () => database!.db.select().from(platformSecrets);

  beforeEach(async () => {
    await database?.close();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('the first instance records the secrets; another host with an empty data dir gets the same', async () => {
    const first = await start();
    const second = await start();
    expect(second.secrets).toEqual(first.secrets);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(await rows()).toHaveLength(6);
  });

  it('keeps a secret given as a setting out of the database, recording only its fingerprint', async () => {
    const first = await start({ JWT_SECRET: jwtA });
    expect(first.secrets.jwtSecret).toBe(jwtA);
    const stored = JSON.stringify(await rows());
    expect(stored).not.toContain(jwtA);
    expect(stored).toContain('scrypt$');
    expect((await start({ JWT_SECRET: jwtA })).secrets.jwtSecret).toBe(jwtA);
  });

  it('refuses a host whose setting differs, or that lacks a setting the first host had', async () => {
    await start({ JWT_SECRET: jwtA });
    await expect(start({ JWT_SECRET: jwtB })).rejects.toThrow(/JWT_SECRET differs from the value/);
    await expect(start()).rejects.toThrow(/JWT_SECRET is not set/);
  });

  it('refuses a setting that differs from a generated secret, and drops the stored copy once it matches', async () => {
    const first = await start();
    await expect(start({ MINT_KEY_SECRET: 'm'.repeat(40) })).rejects.toThrow(
      /MINT_KEY_SECRET differs .* must never change/,
    );
    await start({ JWT_SECRET: first.secrets.jwtSecret });
    const jwtRow = (await rows()).find((r) => r.name === 'JWT_SECRET')!;
    expect(jwtRow.value).toBeNull();
  });

  it('adopts the secrets file an older version left on the first host, and refuses a host whose file differs', async () => {
    const legacy = generateDataSecrets();
    const hostA = await newDir();
    await writeFile(join(hostA, SECRETS_FILE), JSON.stringify(legacy));
    const a = await start({}, hostA);
    // The mint addresses already on chain were derived from this secret: it must carry over.
    expect(a.secrets.mintKeySecret).toBe(legacy.mintKeySecret);
    expect(a.created).toBe(false);

    const hostB = await newDir();
    await writeFile(join(hostB, SECRETS_FILE), JSON.stringify(generateDataSecrets()));
    const refused = await start({}, hostB).catch((e: unknown) => e);
    expect(isAppError(refused, 'CONFIG__SHARED_SECRETS')).toBe(true);
    expect((refused as Error).message).toContain(`DATA_DIR=${hostB}: its ${SECRETS_FILE} holds a jwtSecret`);
  });
});
