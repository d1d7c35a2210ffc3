import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Four tiers, each a vitest project (`npm run test:<tier>`; `npm test` runs them all):
 *
 * - `browser`: everything in `e2e/` (the real server and Chromium).
 * - `proof`: everything in `proof/` (child processes, crashes, load).
 * - `service`: a test under `apps/` or `packages/` that imports a service, read from its own
 *   imports (see SERVICE_IMPORTS): a `test-support/` helper (test app, database, Redis, free
 *   port), the local validator or a chain harness, a database or Redis client, Fastify, or
 *   node's http/net/child_process. The tests of `test-support/` itself, and a package's `test/`
 *   folder (which drives the package over HTTP), are service tests too.
 * - `unit`: every other test under `apps/` or `packages/`: pure logic, no database, network,
 *   child process or chain, so the whole tier runs in seconds. `unit-tier-guard.ts` fails a unit
 *   test that opens a socket or starts a process anyway: import what it needs from
 *   `test-support/` (or add it to SERVICE_IMPORTS) and it becomes a service test.
 */
const SERVICE_IMPORTS: readonly RegExp[] = [
  /\/test-support\//,
  /local-validator/,
  /integration-fixtures/,
  /\/start-fake-/,
  /^@electric-sql\/pglite/,
  /^pg$/,
  /^ioredis$/,
  /^fastify$/,
  /^ws$/,
  /^smtp-server$/,
  /^node:(http|https|net|child_process)$/,
];

const IN_APPS_AND_PACKAGES = ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts'];
const PACKAGE_TEST_FOLDERS = ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'];

/** Every `*.test.ts` under `apps/<app>/src` and `packages/<package>/src`, from the repo root. */
function sourceTestFiles(): string[] {
  return ['apps', 'packages'].flatMap((group) =>
    readdirSync(group).flatMap((name) => {
      const src = join(group, name, 'src');
      if (!existsSync(src)) return [];
      const entries = readdirSync(src, { recursive: true, encoding: 'utf8' });
      return entries.filter((entry) => entry.endsWith('.test.ts')).map((entry) => join(src, entry));
    }),
  );
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers = /\bfrom\s+'([^']+)'|\bimport\s*\(?\s*'([^']+)'/g;
  return [...source.matchAll(specifiers)].map((m) => m[1] ?? m[2]!);
}

function isServiceTest(file: string): boolean {
  if (file.split(sep).includes('test-support')) return true;
  return importsOf(file).some((specifier) => SERVICE_IMPORTS.some((pattern) => pattern.test(specifier)));
}

const serviceFiles = sourceTestFiles().filter(isServiceTest).sort();

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: IN_APPS_AND_PACKAGES,
          exclude: [...configDefaults.exclude, ...serviceFiles],
          setupFiles: ['./unit-tier-guard.ts'],
          // Pure tests share no state: one module graph per worker thread, not one process per
          // file, cuts the tier from about 50 s of CPU to about 12 s.
          pool: 'threads',
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'service', include: [...serviceFiles, ...PACKAGE_TEST_FOLDERS] },
      },
      { extends: true, test: { name: 'browser', include: ['e2e/**/*.test.ts'] } },
      { extends: true, test: { name: 'proof', include: ['proof/**/*.test.ts'] } },
    ],
    coverage: {
      provider: 'v8',
      include: ['apps/*/src/**/*.{ts,tsx}', 'packages/*/src/**/*.{ts,tsx}'],
      exclude: ['**/*.test.ts', '**/test-support/**', '**/*-fixtures.ts', '**/*.d.ts'],
      reporter: ['text-summary'],
      // CI prints the figures whether or not a test failed; they never fail a run themselves.
      reportOnFailure: true,
    },
  },
});
