import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  createKeyPairSignerFromBytes,
  createKeyPairSignerFromPrivateKeyBytes,
  getAddressEncoder,
  type KeyPairSigner,
} from '@solana/kit';
import { AppError } from '../errors/app-error.ts';
import { withNodeSigning } from './seed-signer.ts';
import { isErrnoCode } from '../errors/is-errno-code.ts';

export type LoadOrCreateKeypairInput = Readonly<{
  /** Path of a Solana CLI keypair file (JSON array of 64 bytes). */
  file?: string;
  /** The keypair itself as a JSON array of 64 bytes (e.g. AUTHORITY_KEYPAIR). Wins over `file`. */
  envValue?: string;
  /** If neither is given: read this file, or generate a new keypair into it (mode 0600). */
  generateInto?: string;
}>;

export type LoadedKeypair = Readonly<{ signer: KeyPairSigner; source: 'env' | 'file' | 'generated' }>;

function parseKeypairJson(text: string, source: 'env' | 'file'): Uint8Array {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('CHAIN__KEYPAIR_INVALID', { source });
  }
  const ok =
    Array.isArray(parsed) &&
    parsed.length === 64 &&
    parsed.every((b) => Number.isInteger(b) && b >= 0 && b <= 255);
  if (!ok) throw new AppError('CHAIN__KEYPAIR_INVALID', { source });
  return Uint8Array.from(parsed as number[]);
}

async function signerFrom(bytes: Uint8Array, source: 'env' | 'file'): Promise<KeyPairSigner> {
  try {
    // kit checks that the public half matches the private half.
    return withNodeSigning(await createKeyPairSignerFromBytes(bytes), bytes.subarray(0, 32));
  } catch (e) {
    throw new AppError('CHAIN__KEYPAIR_INVALID', { source }, { cause: e });
  } finally {
    bytes.fill(0);
  }
}

async function readKeypairFile(path: string): Promise<KeyPairSigner | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if (isErrnoCode(e, 'ENOENT')) return undefined;
    throw e;
  }
  return signerFrom(parseKeypairJson(text, 'file'), 'file');
}

async function generateKeypairFile(path: string): Promise<KeyPairSigner> {
  const seed = randomBytes(32);
  const signer = withNodeSigning(await createKeyPairSignerFromPrivateKeyBytes(seed), seed);
  const bytes = [...seed, ...getAddressEncoder().encode(signer.address)];
  seed.fill(0);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  try {
    await writeFile(path, JSON.stringify(bytes), { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another instance generated it first: use theirs.
    if (isErrnoCode(e, 'EEXIST')) {
      const theirs = await readKeypairFile(path);
      if (theirs) return theirs;
    }
    throw e;
  } finally {
    bytes.fill(0);
  }
  return signer;
}

/**
 * Loads a platform keypair in the Solana CLI format from `envValue`, else `file`, else
 * `generateInto` (creating it with mode 0600 on first start). The byte buffers are zeroed and
 * nothing here ever logs key material; the key is held twice, as kit's non-extractable CryptoKey
 * and as the node KeyObject it signs with (seed-signer.ts), both in this process's memory only.
 */
export async function loadOrCreateKeypair(input: LoadOrCreateKeypairInput): Promise<LoadedKeypair> {
  if (input.envValue !== undefined && input.envValue.trim() !== '') {
    return { signer: await signerFrom(parseKeypairJson(input.envValue, 'env'), 'env'), source: 'env' };
  }
  if (input.file !== undefined) {
    const signer = await readKeypairFile(input.file);
    if (!signer) throw new AppError('CHAIN__KEYPAIR_NOT_FOUND', { source: 'file' });
    return { signer, source: 'file' };
  }
  if (input.generateInto !== undefined) {
    const existing = await readKeypairFile(input.generateInto);
    if (existing) return { signer: existing, source: 'file' };
    return { signer: await generateKeypairFile(input.generateInto), source: 'generated' };
  }
  throw new RangeError('loadOrCreateKeypair needs envValue, file or generateInto');
}
