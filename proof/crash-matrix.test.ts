import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../apps/server/src/db/database.ts';
import {
  createScratchDatabase,
  type ScratchDatabase,
} from '../apps/server/src/test-support/scratch-database.ts';
import { addVolume, createApiUser, type ApiUser, type ServerEndpoint } from './helpers/api-user.ts';
import { checkChainHoldings, checkDatabaseHoldings, checkNeverTwo } from './helpers/check-nft-holdings.ts';
import { crashCases, describeCase, type CrashCase } from './helpers/crash-cases.ts';
import { levelNftRpc } from './helpers/held-level-nfts.ts';
import { mapLimit } from './helpers/map-limit.ts';
import {
  completeFlow,
  prepareSignSubmit,
  settleRequest,
  userWaitingStatuses,
  type FlowProgress,
} from './helpers/nft-flow.ts';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';

const LONG = process.env.PROOF_LONG === '1';
// PROOF_CRASH_FILTER=<regex> runs only the matching cases (for reproducing one).
const filter = process.env.PROOF_CRASH_FILTER ? new RegExp(process.env.PROOF_CRASH_FILTER) : undefined;
const cases = crashCases(LONG).filter((c) => !filter || filter.test(describeCase(c)));
// With TEST_DATABASE_URL (CI's PostgreSQL pass) the server runs on a scratch database there.
const postgresUrl = process.env.TEST_DATABASE_URL;

interface Subject {
  crash: CrashCase;
  user: ApiUser & { rebind(next: ServerEndpoint): void };
  progress: FlowProgress;
}

/**
 * SPEC §6 "a crash at any step loses nothing and resumes": the real server, as a child process
 * on one data dir (embedded PGlite and chain, both persisted), is killed with SIGKILL at each
 * step of unlock and of both upgrade modes, before and after each chain send and database
 * commit, then started again. Once everything has settled, every person holds exactly the NFT
 * their completed requests say, on chain and in the database, and no event was lost or doubled.
 */
describe(`crash matrix (${LONG ? 'long' : 'fast'} variant, ${postgresUrl ? 'PostgreSQL' : 'embedded mode'})`, () => {
  const ingestApiKey = `ik_${randomBytes(18).toString('base64url')}`;
  const baseEnv = {
    ADMIN_EMAIL: 'admin@proof.test',
    ADMIN_PASSWORD: `pw-${randomBytes(9).toString('base64url')}`,
    INGEST_API_KEY: ingestApiKey,
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
  };
  let dataDir: string | undefined;
  let server: ServerProcess | undefined;
  let scratch: ScratchDatabase | undefined;
  afterAll(async () => {
    await server?.kill();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  });

  it(
    `every person ends with exactly the NFT their requests say after ${cases.length} crashes`,
    async () => {
      const started = Date.now();
      dataDir = await mkdtemp(join(tmpdir(), 'insignia-crash-'));
      if (postgresUrl) scratch = await createScratchDatabase(postgresUrl, 'insignia_crash');
      const databaseEnv = scratch ? { DATABASE_URL: scratch.url } : {};
      let subjects: Subject[] = [];
      let restarts = 0;
      const start = async (env: Record<string, string | undefined> = {}, { check = true } = {}) => {
        server = await startServerProcess({ dataDir: dataDir!, env: { ...baseEnv, ...databaseEnv, ...env } });
        const endpoint = { url: server.url, rpcUrl: server.rpcUrl, ingestApiKey };
        for (const s of subjects) s.user.rebind(endpoint);
        // At every restart, whatever state the last crash left: nobody holds two level NFTs.
        const wallets = subjects.map((s) => s.user.wallet.address);
        if (check) expect(await checkNeverTwo(levelNftRpc(server.rpcUrl!), wallets)).toEqual([]);
        return endpoint;
      };

      // Everyone is set up on a healthy server: upgraders already hold level 1.
      const endpoint = await start();
      subjects = await mapLimit(cases, 4, async (crash) => {
        const user = await createApiUser(endpoint, { volumeUsd: '100000' });
        if (crash.flow !== 'unlock') {
          await completeFlow(user, 'unlock');
          await addVolume(endpoint, user.id, '400000');
        }
        return { crash, user, progress: {} };
      });
      await server!.stop();

      for (const s of subjects) {
        const { crash, user } = s;
        const key = `@${user.id}`;
        await start({
          INSIGNIA_CRASH_AT: crash.at ? `${crash.at}${key}` : undefined,
          NFT_ATOMIC_UPGRADE: crash.flow === 'two_step' ? 'false' : 'true',
        });
        restarts++;
        const victim = server!;
        const drive = (async () => {
          const view = await prepareSignSubmit(user, crash.flow, s.progress, () => {
            if (crash.afterMs !== undefined) setTimeout(() => void victim.kill(), crash.afterMs);
          });
          await settleRequest(user, view.id, 60_000);
        })().then(
          () => 'finished',
          () => 'interrupted',
        );
        const first = await Promise.race([victim.exited.then(() => 'died'), drive]);
        if (crash.at)
          expect(first, `${describeCase(crash)}: the crash point was never reached`).not.toBe('finished');
        const exit = await victim.exited;
        expect(exit.signal, victim.output().slice(-3_000)).toBe('SIGKILL');
        if (crash.at) expect(victim.output()).toContain(`INSIGNIA_CRASH_AT reached: ${crash.at}${key}`);
        if (crash.thenAt) {
          // Killed again while the restarted server recovers this very request (the worker
          // starts before the HTTP port opens, so this may happen before it is even ready).
          const reached = `INSIGNIA_CRASH_AT reached: ${crash.thenAt}${key}`;
          const output = await start({ INSIGNIA_CRASH_AT: `${crash.thenAt}${key}` }, { check: false }).then(
            async () => {
              const again = await Promise.race([
                server!.exited,
                new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 60_000)),
              ]);
              expect(again, `${describeCase(crash)}: recovery never reached ${crash.thenAt}`).not.toBe(
                'timeout',
              );
              return server!.output();
            },
            (e: unknown) => (e instanceof Error ? e.message : String(e)),
          );
          restarts++;
          expect(output).toContain(reached);
        }
      }

      // A healthy restart: the worker resumes what it owns; a person whose request went back to
      // waiting for them signs again, as the Personal Center asks them to.
      await start();
      restarts++;
      await mapLimit(subjects, 4, async (s) => {
        let id = s.progress.requestId;
        if (!id) id = (await prepareSignSubmit(s.user, s.crash.flow, s.progress)).id;
        let status = await settleRequest(s.user, id);
        if (userWaitingStatuses.includes(status)) {
          const again = await prepareSignSubmit(s.user, s.crash.flow, s.progress);
          expect(again.id, `${describeCase(s.crash)}: a second request was opened`).toBe(id);
          status = await settleRequest(s.user, id);
        }
        expect(status, describeCase(s.crash)).toBe('completed');
      });

      const expected = await Promise.all(
        subjects.map(async (s) => ({
          userId: s.user.id,
          wallet: s.user.wallet.address,
          level: s.crash.flow === 'unlock' ? 1 : 2,
          mint: (await s.user.call('GET', '/api/nft/status')).body.currentNft?.mintAddress as
            string | undefined,
        })),
      );
      expect(await checkChainHoldings(levelNftRpc(server!.rpcUrl!), expected)).toEqual([]);
      await server!.stop();

      const database = await openDatabase({ databaseUrl: scratch?.url, dataDir });
      try {
        expect(await checkDatabaseHoldings(database.db, expected)).toEqual([]);
      } finally {
        await database.close();
      }
      const points = new Set(cases.flatMap((c) => [c.at, c.thenAt].filter(Boolean)));
      console.log(
        `crash matrix: ${cases.length} cases tried (${points.size} distinct crash points, ` +
          `${cases.filter((c) => c.afterMs !== undefined).length} external kills), ${restarts} restarts, ` +
          `${subjects.length} people; all invariants held in ${Math.round((Date.now() - started) / 1000)} s`,
      );
    },
    LONG ? 90 * 60_000 : 20 * 60_000,
  );
});
