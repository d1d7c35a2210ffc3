import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { migrationsFolder, wrapPglite } from '../db/database.ts';

/** Shared by every test process and kept between runs; `npm ci` starts it afresh. */
const cacheDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../node_modules/.cache/insignia');

let snapshot: Promise<Blob> | undefined;

/**
 * A PGlite with every migration applied, loaded from a tarball of a migrated data directory.
 * The first test process builds the tarball and keeps it, named after the migrations and the
 * PGlite version; every later process (each test file runs in its own) only loads it: no
 * initdb, no migrations.
 */
export async function openMigratedPglite(): Promise<PGlite> {
  snapshot ??= readOrBuildSnapshot();
  return PGlite.create({ loadDataDir: await snapshot });
}

async function readOrBuildSnapshot(): Promise<Blob> {
  const file = join(cacheDir, `pglite-migrated-${await snapshotKey()}.tar`);
  const cached = await readFile(file).catch(() => null);
  if (cached) return new Blob([cached]);

  const client = await PGlite.create();
  await wrapPglite(client).migrate();
  const dump = Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer());
  await client.close();
  // Written aside and renamed: processes building it at once never read half a file.
  await mkdir(cacheDir, { recursive: true });
  const partial = `${file}.${process.pid}.${Date.now()}.partial`;
  await writeFile(partial, dump);
  await rename(partial, file);
  return new Blob([dump]);
}

/** Changes with any migration (contents or journal) and with the PGlite version. */
async function snapshotKey(): Promise<string> {
  const hash = createHash('sha256');
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const marker = `${sep}node_modules${sep}@electric-sql${sep}pglite${sep}`;
  const packageJson = entry.slice(0, entry.lastIndexOf(marker) + marker.length) + 'package.json';
  hash.update(JSON.parse(await readFile(packageJson, 'utf8')).version);
  const files = (await readdir(migrationsFolder, { recursive: true, encoding: 'utf8' })).sort();
  for (const name of files.filter((f) => f.endsWith('.sql') || f.endsWith('_journal.json'))) {
    hash.update(name).update(await readFile(join(migrationsFolder, name)));
  }
  return hash.digest('hex').slice(0, 16);
}
