import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKeyPairSignerFromBytes } from '@solana/kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateKeypair } from './load-or-create-keypair.ts';
import { isAppError } from '../errors/app-error.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'insignia-keys-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadOrCreateKeypair', () => {
  it('generates a Solana CLI keypair file with mode 0600 on first start and reloads it after', async () => {
    const path = join(dir, 'keys', 'authority.json');
    const first = await loadOrCreateKeypair({ generateInto: path });
    expect(first.source).toBe('generated');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const bytes = JSON.parse(await readFile(path, 'utf8')) as number[];
    expect(bytes).toHaveLength(64);
    expect((await createKeyPairSignerFromBytes(Uint8Array.from(bytes))).address).toBe(first.signer.address);
    const again = await loadOrCreateKeypair({ generateInto: path });
    expect(again).toMatchObject({ source: 'file' });
    expect(again.signer.address).toBe(first.signer.address);
  });

  it('reads the keypair from an env value first', async () => {
    const path = join(dir, 'k.json');
    const { signer } = await loadOrCreateKeypair({ generateInto: path });
    const envValue = await readFile(path, 'utf8');
    const loaded = await loadOrCreateKeypair({ envValue, file: join(dir, 'absent.json') });
    expect(loaded).toMatchObject({ source: 'env' });
    expect(loaded.signer.address).toBe(signer.address);
  });

  it('rejects malformed keypairs and missing files with typed errors that carry no key bytes', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify(Array(64).fill(300)));
    await expect(loadOrCreateKeypair({ file: bad })).rejects.toSatisfy((e) =>
      isAppError(e, 'CHAIN__KEYPAIR_INVALID'),
    );
    await expect(loadOrCreateKeypair({ envValue: '[1,2,3]' })).rejects.toSatisfy(
      (e) => isAppError(e, 'CHAIN__KEYPAIR_INVALID') && !(e as Error).message.includes('1,2,3'),
    );
    // A 64-byte array whose public half does not match its private half:
    await expect(loadOrCreateKeypair({ envValue: JSON.stringify(Array(64).fill(5)) })).rejects.toSatisfy(
      (e) => isAppError(e, 'CHAIN__KEYPAIR_INVALID'),
    );
    await expect(loadOrCreateKeypair({ file: join(dir, 'none.json') })).rejects.toSatisfy((e) =>
      isAppError(e, 'CHAIN__KEYPAIR_NOT_FOUND'),
    );
  });
});
