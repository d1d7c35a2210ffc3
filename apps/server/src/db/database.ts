import { chmod, mkdir, readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { createPostgresPool, type DatabaseTimeouts } from './create-postgres-pool.ts';
import { lockDataDir } from './lock-data-dir.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The Drizzle handle every query module takes; the same type over PGlite and PostgreSQL. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies the repo's migrations; safe when several instances start at once. */
  migrate(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** Any fixed number works: it only has to be the same in every instance. */
const MIGRATION_LOCK_ID = 727_001;

/** PostgreSQL when a URL is given, otherwise PGlite in `dataDir/pg` (or in memory with null). */
export async function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir: string | null;
  poolSize?: number;
  /** The server's; none for the CLIs, whose batches may run long. */
  timeouts?: DatabaseTimeouts;
  /** A connection lost (PostgreSQL restarted or gone): reported here, never thrown. */
  onClientError?: (err: Error) => void;
}): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10, options);
  return openPglite(options.dataDir);
}

function openPostgres(
  url: string,
  poolSize: number,
  options: { timeouts?: DatabaseTimeouts | undefined; onClientError?: ((err: Error) => void) | undefined },
): Database {
  const pool = createPostgresPool({ url, max: poolSize, ...options });
  const db = drizzleNodePg({ client: pool, schema });
  return {
    db,
    kind: 'postgres',
    async migrate() {
      // A connection of its own, without the pool's statement and lock timeouts: a migration
      // may rebuild a large table, and waits for another instance's migration lock.
      const client = new pg.Client({
        connectionString: url,
        connectionTimeoutMillis: options.timeouts?.connectMs,
        keepAlive: true,
      });
      client.on('error', (err) => options.onClientError?.(err));
      await client.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
        await migrateNodePg(drizzleNodePg({ client, schema }), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
        await client.end().catch(() => undefined);
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string | null): Promise<Database> {
  let client: PGlite;
  if (dataDir) {
    const dir = join(dataDir, 'pg');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    // Two processes on one PGlite folder corrupt it: a second opener fails fast instead.
    const lock = await lockDataDir(dir, `The embedded database in DATA_DIR=${dataDir}`);
    try {
      client = await PGlite.create(dir);
      // PGlite unpacks its initial cluster with the archive's modes (0666), past the umask; the
      // files it writes later follow the umask. Tighten what is there on every start.
      await makePrivate(dir);
    } catch (e) {
      lock.release();
      throw e;
    }
    const database = wrapPglite(client);
    return {
      ...database,
      async close() {
        await database.close();
        lock.release();
      },
    };
  }
  return wrapPglite(await PGlite.create());
}

/** Folders 0700 and files 0600, all the way down. */
async function makePrivate(dir: string): Promise<void> {
  await chmod(dir, 0o700);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await makePrivate(path);
    else if (entry.isFile()) await chmod(path, 0o600);
  }
}

/** Wraps an existing PGlite instance (tests hand in clones of a migrated template). */
export function wrapPglite(client: PGlite): Database {
  const db = drizzlePglite({ client, schema });
  return {
    db,
    kind: 'pglite',
    async migrate() {
      await migratePglite(db, { migrationsFolder });
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
}
