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
import { createApiUser } from './helpers/api-user.ts';
import { callApi } from './helpers/call-api.ts';
import { checkChainHoldings, checkDatabaseHoldings } from './helpers/check-nft-holdings.ts';
import { levelNftRpc } from './helpers/held-level-nfts.ts';
import { prepareSignSubmit, settleRequest, type FlowProgress } from './helpers/nft-flow.ts';
import { startServerProcess, type ServerProcess } from './helpers/server-process.ts';
import { startSharedChain, type SharedChain } from './helpers/shared-chain.ts';

const postgresUrl = process.env.TEST_DATABASE_URL;
const DRAIN_SECONDS = 4;
/** After the drain: freeing leases, closing sockets and pools, each bounded by the server. */
const MARGIN_MS = 6_000;

/**
 * SIGTERM with the RPC frozen and an unlock mint in flight: the server stops taking work
 * (`/readyz` 503) at once, gives running work SHUTDOWN_DRAIN_SECONDS, then abandons it and exits;
 * started again with the RPC back, the abandoned mint completes, exactly once.
 */
describe(`shutdown with a frozen RPC (${postgresUrl ? 'PostgreSQL' : 'embedded mode'})`, () => {
  let chain: SharedChain | undefined;
  let server: ServerProcess | undefined;
  let scratch: ScratchDatabase | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    await server?.kill();
    await chain?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    await scratch?.drop();
  });

  it('drains for a bounded time, exits, and the mint completes once after a restart', async () => {
    chain = await startSharedChain();
    dataDir = await mkdtemp(join(tmpdir(), 'insignia-drain-'));
    if (postgresUrl) scratch = await createScratchDatabase(postgresUrl, 'insignia_drain');
    const ingestApiKey = `ik_${randomBytes(18).toString('base64url')}`;
    const env = {
      ...chain.env,
      ...(scratch ? { DATABASE_URL: scratch.url } : {}),
      INGEST_API_KEY: ingestApiKey,
      ADMIN_EMAIL: 'admin@proof.test',
      ADMIN_PASSWORD: `pw-${randomBytes(9).toString('base64url')}`,
      SHUTDOWN_DRAIN_SECONDS: String(DRAIN_SECONDS),
    };
    server = await startServerProcess({ dataDir, env });
    const endpoint = () => ({ url: server!.url, rpcUrl: chain!.validator.url, ingestApiKey });
    const user = await createApiUser(endpoint(), { volumeUsd: '100000' });

    // The unlock is signed against a live chain; the RPC freezes just before it is submitted.
    const progress: FlowProgress = {};
    const submit = prepareSignSubmit(user, 'unlock', progress, () => chain!.proxy.setMode('frozen')).catch(
      (e: unknown) => e,
    );
    const inFlightBy = Date.now() + 30_000;
    for (;;) {
      const status = progress.requestId
        ? (await user.call('GET', `/api/nft/requests/${progress.requestId}`)).body.status
        : undefined;
      if (status === 'submitted') break;
      if (Date.now() > inFlightBy) throw new Error(`the unlock never reached the chain send (${status})`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 500));

    const victim = server;
    const signalled = Date.now();
    process.kill(victim.pid, 'SIGTERM');
    const readyz: number[] = [];
    const gone = new AbortController(); // aborted once the process has exited
    void victim.exited.then(() => gone.abort());
    while (!gone.signal.aborted) {
      const answer = await callApi(victim.url, 'GET', '/readyz', { timeoutMs: 1_000 }).then(
        (r) => r.status,
        () => 0,
      );
      readyz.push(answer);
      if (answer === 0) break; // no longer listening
      await new Promise((r) => setTimeout(r, 200));
    }
    const exit = await Promise.race([
      victim.exited,
      new Promise<'still running'>((r) => setTimeout(() => r('still running'), 60_000)),
    ]);
    const exitedAfterMs = Date.now() - signalled;
    console.log(
      `shutdown drain: exited ${exitedAfterMs} ms after SIGTERM (drain ${DRAIN_SECONDS} s); ` +
        `/readyz while draining: ${[...new Set(readyz)].join(', ')}`,
    );
    expect(exit, victim.output().slice(-3_000)).toEqual({ code: 0, signal: null });
    expect(exitedAfterMs).toBeLessThan(DRAIN_SECONDS * 1_000 + MARGIN_MS);
    // The first answer may come before the signal is handled; from the first 503 on, never ready.
    expect(readyz).toContain(503);
    expect(readyz.slice(readyz.indexOf(503))).not.toContain(200);
    await submit;

    chain.proxy.setMode('up');
    server = await startServerProcess({ dataDir, env });
    user.rebind(endpoint());
    const resumed = Date.now();
    expect(await settleRequest(user, progress.requestId!, 60_000)).toBe('completed');
    console.log(
      `shutdown drain: the abandoned unlock completed ${Date.now() - resumed} ms after the restart`,
    );
    const mint = (await user.call('GET', '/api/nft/status')).body.currentNft?.mintAddress as string;
    expect(
      await checkChainHoldings(levelNftRpc(chain.validator.url), [
        { userId: user.id, wallet: user.wallet.address, level: 1, mint },
      ]),
    ).toEqual([]);
    await server.stop();
    const database = await openDatabase({ databaseUrl: scratch?.url, dataDir });
    try {
      const expected = [{ userId: user.id, wallet: user.wallet.address, level: 1 }];
      expect(await checkDatabaseHoldings(database.db, expected)).toEqual([]);
    } finally {
      await database.close();
    }
  }, 180_000);
});
