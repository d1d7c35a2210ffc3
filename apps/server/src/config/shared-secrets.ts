import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Db } from '../db/database.ts';
import type { EnvConfig } from './env-config.ts';
import { generateDataSecrets, SECRETS_FILE, type DataSecrets } from './data-secrets.ts';
import {
  findPlatformSecrets,
  forgetPlatformSecretValue,
  insertMissingPlatformSecrets,
} from './platform-secrets-store.ts';
import { AppError } from '../errors/app-error.ts';
import { isErrnoCode } from '../errors/is-errno-code.ts';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number },
) => Promise<Buffer>;

/** Each secret, by the setting that can supply it (the row name) and its field in DataSecrets. */
const sharedSecrets = [
  { name: 'JWT_SECRET', field: 'jwtSecret', rotatable: true },
  { name: 'INGEST_API_KEY', field: 'ingestApiKey', rotatable: true },
  { name: 'MINT_KEY_SECRET', field: 'mintKeySecret', rotatable: false },
  { name: 'RECIPIENT_HASH_SALT', field: 'recipientHashSalt', rotatable: false },
  { name: 'WEBHOOK_SECRET', field: 'webhookSecret', rotatable: true },
  { name: 'METRICS_TOKEN', field: 'metricsToken', rotatable: true },
] as const satisfies ReadonlyArray<{ name: string; field: keyof DataSecrets; rotatable: boolean }>;

type SecretName = (typeof sharedSecrets)[number]['name'];

// scrypt (16 MiB) so that a fingerprint read from the database does not make a guessable
// setting cheap to guess offline; a start checks six of them (about 0.3 s).
const FINGERPRINT_COST = { N: 2 ** 14, r: 8, p: 1 };

async function fingerprint(value: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(value, salt, 32, FINGERPRINT_COST);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

async function matchesFingerprint(value: string, recorded: string): Promise<boolean> {
  const [kind, salt, hash] = recorded.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(value, Buffer.from(salt, 'base64url'), expected.length, FINGERPRINT_COST);
  return timingSafeEqual(actual, expected);
}

/** The secrets file of the data dir, if an earlier version (or embedded mode) wrote one. */
async function readLocalSecrets(dataDir: string): Promise<Partial<DataSecrets> | undefined> {
  const text = await readFile(join(dataDir, SECRETS_FILE), 'utf8').catch((e: unknown) => {
    if (isErrnoCode(e, 'ENOENT')) return undefined;
    throw e;
  });
  return text === undefined ? undefined : (JSON.parse(text) as Partial<DataSecrets>);
}

/**
 * With PostgreSQL, the deployment's secrets live once in the database, so that every host
 * signs and accepts the same sessions and derives the same mint addresses. The first instance
 * records each one (a setting's value, else the secret file an older version left in its data
 * dir, else a new one) and later instances take the recorded ones. A secret given as a setting
 * is recorded by fingerprint only and never stored; a generated one is stored as is, until an
 * operator moves it into the setting (then the stored copy is dropped). Any disagreement (a
 * setting or a local secrets file that differs, a setting missing where the first host had one)
 * refuses the start with a `CONFIG__SHARED_SECRETS` error naming the setting.
 */
export async function loadOrCreateSharedSecrets(
  db: Db,
  env: EnvConfig,
  dataDir: string,
): Promise<{ secrets: DataSecrets; created: boolean }> {
  const names = sharedSecrets.map((s) => s.name);
  const local = await readLocalSecrets(dataDir);
  const fromSetting = (name: SecretName): string | undefined =>
    name === 'RECIPIENT_HASH_SALT' ? undefined : env[name];

  let recorded = await findPlatformSecrets(db, names);
  let created = false;
  const missing = sharedSecrets.filter((s) => !recorded.some((r) => r.name === s.name));
  if (missing.length > 0) {
    const fresh = generateDataSecrets();
    const rows = await Promise.all(
      missing.map(async (s) => {
        const setting = fromSetting(s.name);
        const value = setting ?? local?.[s.field] ?? fresh[s.field];
        return {
          name: s.name,
          value: setting === undefined ? value : null,
          fingerprint: await fingerprint(value),
        };
      }),
    );
    // The first instance to insert a row wins; the others read it back below.
    const inserted = await insertMissingPlatformSecrets(db, rows);
    created = inserted.includes('INGEST_API_KEY') && !env.INGEST_API_KEY && local?.ingestApiKey === undefined;
    recorded = await findPlatformSecrets(db, names);
  }

  const problems: string[] = [];
  const secrets: Partial<DataSecrets> = {};
  for (const s of sharedSecrets) {
    const row = recorded.find((r) => r.name === s.name);
    // Every missing row was inserted above, by this instance or another, and read back.
    if (!row) throw new Error(`shared secret ${s.name} was not recorded`);
    const setting = fromSetting(s.name);
    const rotate = s.rotatable
      ? ` (to change it on purpose, stop every instance and delete its row: DELETE FROM platform_secrets WHERE name = '${s.name}')`
      : ' (it must never change: mint addresses or stored hashes depend on it)';
    if (setting !== undefined && !(await matchesFingerprint(setting, row.fingerprint))) {
      problems.push(`${s.name} differs from the value this deployment recorded in its database${rotate}`);
      continue;
    }
    const value = setting ?? row.value;
    if (value === null) {
      problems.push(
        `${s.name} is not set, but the instance that first used this database had it set: set the same value here`,
      );
      continue;
    }
    const localValue = local?.[s.field];
    if (localValue !== undefined && localValue !== value) {
      problems.push(
        `DATA_DIR=${dataDir}: its ${SECRETS_FILE} holds a ${s.field} that differs from the one recorded in the database; this instance would disagree with the others (remove that file on this host, or restore the database it belongs to)`,
      );
      continue;
    }
    secrets[s.field] = value;
    // The operator now supplies it as a setting: the database keeps only its fingerprint.
    if (setting !== undefined && row.value !== null) {
      await forgetPlatformSecretValue(db, s.name);
    }
  }
  if (problems.length > 0) {
    throw new AppError(
      'CONFIG__SHARED_SECRETS',
      { problems },
      {
        message: `Secrets disagree with this deployment's database:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
      },
    );
  }
  return { secrets: secrets as DataSecrets, created };
}
