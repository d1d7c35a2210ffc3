import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { isErrnoCode } from '../errors/is-errno-code.ts';

const secretsFileSchema = z.object({
  jwtSecret: z.string().min(32),
  ingestApiKey: z.string().min(16),
  mintKeySecret: z.string().min(32),
  recipientHashSalt: z.string().min(16),
  webhookSecret: z.string().min(16),
  metricsToken: z.string().min(16),
});
export type DataSecrets = z.infer<typeof secretsFileSchema>;

export const SECRETS_FILE = 'secrets.json';

/** A fresh set of every secret Insignia can generate for itself. */
export function generateDataSecrets(): DataSecrets {
  return {
    jwtSecret: randomBytes(48).toString('base64url'),
    ingestApiKey: `ik_${randomBytes(24).toString('base64url')}`,
    mintKeySecret: randomBytes(48).toString('base64url'),
    recipientHashSalt: randomBytes(24).toString('base64url'),
    webhookSecret: randomBytes(32).toString('base64url'),
    metricsToken: `mt_${randomBytes(24).toString('base64url')}`,
  };
}

/**
 * Secrets the embedded mode generates once and keeps in the data dir (mode 0600), so a restart
 * keeps sessions, the ingest key and the deterministic mint addresses. A file written by an
 * older version gains the secrets it lacks; the ones it has are never replaced.
 */
export async function loadOrCreateDataSecrets(
  dataDir: string,
): Promise<{ secrets: DataSecrets; created: boolean }> {
  const file = join(dataDir, SECRETS_FILE);
  const existing = await readFile(file, 'utf8').catch((e: unknown) => {
    if (isErrnoCode(e, 'ENOENT')) return undefined;
    throw e;
  });
  if (existing !== undefined) {
    const stored = secretsFileSchema.partial().parse(JSON.parse(existing));
    const secrets = secretsFileSchema.parse({ ...generateDataSecrets(), ...stored });
    if (Object.keys(stored).length < Object.keys(secrets).length) await writeSecrets(file, secrets);
    return { secrets, created: false };
  }
  const secrets = generateDataSecrets();
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeSecrets(file, secrets);
  return { secrets, created: true };
}

async function writeSecrets(file: string, secrets: DataSecrets): Promise<void> {
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}
