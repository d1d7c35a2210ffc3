/**
 * 10,000 blockchain badge issuances through the real path: admin creates the badge (Token-2022
 * mint), starts one batch from a CSV roster (roster check + preflight + rows), then the badge
 * worker uploads every payload to IPFS, packs the mints many recipients per transaction, sends
 * them to the bundled local validator over HTTP, confirms and settles each (issuance rows,
 * notifications, emails queued, audit entries, outbox events). Prints transactions used,
 * recipients per transaction, wall time and the server's CPU time per recipient (this process's
 * CPU from the roster to the last settlement: the validator runs as its own process, so none of
 * its work is counted), then sends the very same mint transactions (same authority, mint,
 * recipients and memos, freshly signed) straight into an in-process LiteSVM as the baseline, with
 * the ratio of the two rates. The goals are printed beside the figures.
 *
 *   npx tsx bench/issuance/issue-10k.ts
 *
 * BENCH_ISSUANCES (default 10000), BENCH_WALLET_SHARE (default 0.5: the rest go to the vault),
 * BENCH_WORKERS (worker instances, default 1), BENCH_DATABASE_URL (default the local PostgreSQL
 * `test` database, a throwaway database is created and dropped; `pglite` for the embedded one),
 * BENCH_VALIDATOR (`process`, the default, or `embedded` inside this process, whose CPU then
 * counts as the server's), BENCH_PROFILE=file.cpuprofile to write a CPU profile of the issuance.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSigner, lamports, type Rpc, type SolanaRpcApi } from '@solana/kit';
import { eq } from 'drizzle-orm';
import { LiteSVM, TransactionMetadata } from 'litesvm';
import { createAppContext } from '../../apps/server/src/app/create-app-context.ts';
import { createLogger } from '../../apps/server/src/app/logger.ts';
import { users } from '../../apps/server/src/auth/auth-schema.ts';
import { badgeMintAddress, BADGE_MINT_PURPOSE } from '../../apps/server/src/badges/badge-mint-creator.ts';
import { onChainBadgeName } from '../../apps/server/src/badges/badge-metadata.ts';
import { badgeIssuances, badgeIssuanceTransactions } from '../../apps/server/src/badges/badges-schema.ts';
import { createIssuanceWorker } from '../../apps/server/src/badges/issuance-worker.ts';
import {
  issuanceMintItem,
  packIssuanceTransactions,
} from '../../apps/server/src/badges/pack-issuance-transactions.ts';
import { buildBadgeMint } from '../../apps/server/src/chain/build-badge-mint.ts';
import { deriveMintSigner } from '../../apps/server/src/chain/derive-mint-signer.ts';
import { prepareTransaction } from '../../apps/server/src/chain/prepare-transaction.ts';
import { resolveAppConfig } from '../../apps/server/src/config/app-config.ts';
import { generateDataSecrets } from '../../apps/server/src/config/data-secrets.ts';
import { loadEnvConfig } from '../../apps/server/src/config/load-config.ts';
import { queriesSent } from '../../apps/server/src/db/query-count.ts';
import { createTestDatabase } from '../../apps/server/src/test-support/test-database.ts';
import { commandCpuSeconds, cpuSecondsOf, ownCpuSeconds, threadCpuOf } from '../load/cpu-seconds.ts';
import { fundedKeypair, startValidatorProcess, type ValidatorProcess } from '../load/validator-process.ts';

const ISSUANCES = Number(process.env.BENCH_ISSUANCES ?? 10_000);
const WALLET_SHARE = Number(process.env.BENCH_WALLET_SHARE ?? 0.5);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const dbSetting = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
if (dbSetting !== 'pglite') process.env.TEST_DATABASE_URL = dbSetting;
const validatorMode = process.env.BENCH_VALIDATOR === 'embedded' ? 'embedded' : 'process';
const profileFile = process.env.BENCH_PROFILE;
/** The goals of the issuance speed work. */
const GOAL_CPU_MS_PER_RECIPIENT = 3;
const GOAL_RATIO = 0.5;

const seconds = (from: number) => (performance.now() - from) / 1000;

async function main() {
  const dataDir = await mkdtemp(join(tmpdir(), 'insignia-bench-issuance-'));
  // As a process of its own, as a real cluster would be: its CPU is not the server's.
  const validator =
    validatorMode === 'process' ? await startValidatorProcess(join(dataDir, 'validator')) : undefined;
  try {
    await run(dataDir, validator);
  } finally {
    await validator?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function run(dataDir: string, validator: ValidatorProcess | undefined) {
  // Enough SOL for every new token account (about 0.002 SOL each) and the fees; 100 SOL is the
  // faucet's limit per airdrop.
  const chainEnv = validator
    ? {
        SOLANA_RPC_URLS: validator.url,
        AUTHORITY_KEYPAIR: (await fundedKeypair(validator.url, 100n)).json,
        VAULT_KEYPAIR: (await fundedKeypair(validator.url, 10n)).json,
      }
    : {};
  const config = resolveAppConfig(
    loadEnvConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'test', ...chainEnv }),
    generateDataSecrets(),
  );
  const database = await createTestDatabase();
  const ctx = await createAppContext(config, createLogger({ level: 'warn' }), {
    database,
    chainOptions: { localValidatorPort: 0, persistChain: false },
  });
  try {
    const db = ctx.database.db;
    const [admin] = await db
      .insert(users)
      .values({ email: `bench-admin-${randomUUID()}@example.com`, role: 'admin' })
      .returning();
    await ctx.chain.localValidator?.airdrop(ctx.chain.authority.address, lamports(1_000_000_000n * 1_000n));

    const badge = await ctx.badges.catalogue.create(admin!.id, {
      name: 'Bench Badge',
      description: 'Ten thousand of these',
      type: 'blockchain',
    });
    if (badge.status !== 'active') throw new Error(`badge mint not created: ${badge.status}`);

    const withWallet = Math.round(ISSUANCES * WALLET_SHARE);
    const emails: string[] = [];
    for (let i = 0; i < ISSUANCES; i += 1_000) {
      const part = await Promise.all(
        Array.from({ length: Math.min(1_000, ISSUANCES - i) }, async (_, j) => ({
          email: `bench-${i + j}-${randomUUID().slice(0, 8)}@example.com`,
          walletAddress: i + j < withWallet ? (await generateKeyPairSigner()).address : null,
          // Rosters name people by email only once they proved it.
          emailVerifiedAt: new Date(),
        })),
      );
      await db.insert(users).values(part);
      emails.push(...part.map((p) => p.email));
    }

    const session = profileFile ? new Session() : undefined;
    if (session) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.start');
    }
    const cpu0 = ownCpuSeconds();
    const threads0 = threadCpuOf(process.pid);
    const queries0 = queriesSent();
    const validatorCpu0 = validator && cpuSecondsOf(validator.pid);
    const postgresCpu0 = commandCpuSeconds('postgres');
    const t0 = performance.now();
    const created = await ctx.badges.issuances.create(admin!.id, {
      badgeIds: [badge.id],
      recipients: { csv: ['email', ...emails].join('\n') },
      signingMode: 'server',
    });
    const createSeconds = seconds(t0);
    const createCpu = ownCpuSeconds() - cpu0;
    if (!created.batch) throw new Error('every roster row was held for email verification');
    const batchId = created.batch.id;

    const workers = [
      ctx.badges.worker,
      ...Array.from({ length: WORKERS - 1 }, () =>
        createIssuanceWorker({
          mintCreator: ctx.badges.mintCreator,
          uploader: ctx.badges.uploader,
          minter: ctx.badges.minter,
          walletSigning: ctx.badges.walletSigning,
          logger: ctx.logger,
        }),
      ),
    ];
    const t1 = performance.now();
    await Promise.all(
      workers.map(async (w) => {
        while ((await w.processDue()) > 0) {
          // drain
        }
      }),
    );
    const workSeconds = seconds(t1);
    const totalSeconds = seconds(t0);
    const serverCpu = ownCpuSeconds() - cpu0;
    const queries = queriesSent() - queries0;
    const threads = [...threadCpuOf(process.pid)].map(([name, t]) => {
      const before = threads0.get(name) ?? { user: 0, system: 0 };
      return { name, user: t.user - before.user, system: t.system - before.system };
    });
    const postgresCpu = commandCpuSeconds('postgres') - postgresCpu0;
    const validatorCpu =
      validator && validatorCpu0 !== undefined
        ? (cpuSecondsOf(validator.pid) ?? 0) - validatorCpu0
        : undefined;
    if (session) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(profileFile!, JSON.stringify(profile));
      session.disconnect();
    }

    const detail = await ctx.badges.issuances.getBatch(batchId, { limit: 1, offset: 0 });
    const txs = await db
      .select()
      .from(badgeIssuanceTransactions)
      .where(eq(badgeIssuanceTransactions.batchId, batchId));
    const confirmed = txs.filter((t) => t.status === 'confirmed');
    const per = confirmed.map((t) => t.itemCount);
    const counts = detail.batch.counts;
    if (counts.issued + counts.inVault !== ISSUANCES)
      throw new Error(`not all issued: ${JSON.stringify(counts)}`);

    // ---- baseline: the same mints, raw, into an in-process LiteSVM
    const rows = await db.select().from(badgeIssuances).where(eq(badgeIssuances.batchId, batchId));
    const svm = new LiteSVM();
    const authority = ctx.chain.authority;
    svm.airdrop(authority.address, lamports(1_000_000_000n * 1_000n));
    const lifetime = { blockhash: svm.latestBlockhash(), lastValidBlockHeight: 0n };
    const rentRpc = {
      getMinimumBalanceForRentExemption: (size: bigint) => ({
        send: () => Promise.resolve(svm.minimumBalanceForRentExemption(size)),
      }),
    } as unknown as Rpc<SolanaRpcApi>;
    const mint = await deriveMintSigner(ctx.chain.mintKeySecret, BADGE_MINT_PURPOSE, badge.id);
    if (mint.address !== (await badgeMintAddress(ctx.chain, badge.id))) throw new Error('mint mismatch');
    const createMint = await buildBadgeMint(
      { rpc: rentRpc, lifetime },
      { mint, authority, name: onChainBadgeName(badge.name), symbol: badge.symbol, uri: badge.metadata!.uri },
    );
    const check = (r: ReturnType<LiteSVM['sendTransaction']>) => {
      if (!(r instanceof TransactionMetadata)) throw new Error(`LiteSVM refused: ${r.toString()}`);
    };
    check(svm.sendTransaction((await prepareTransaction(createMint.message)).transaction));
    const items = rows.map((r) => issuanceMintItem(r, mint.address, ctx.chain.vault.address));
    const b0 = performance.now();
    const packed = await packIssuanceTransactions({ authority, items, lifetime });
    const signed = await Promise.all(packed.map((p) => prepareTransaction(p.message)));
    const b1 = performance.now();
    for (const s of signed) check(svm.sendTransaction(s.transaction));
    const sendOnly = seconds(b1);
    const baseline = seconds(b0);

    const mem = process.memoryUsage();
    const sum = per.reduce((a, b) => a + b, 0);
    const cpuMsPer = (serverCpu * 1000) / ISSUANCES;
    const serverRate = ISSUANCES / totalSeconds;
    const rawRate = ISSUANCES / baseline;
    const ratio = serverRate / rawRate;
    const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
    console.log(
      `\n${ISSUANCES} blockchain issuances (${counts.issued} to wallets, ${counts.inVault} to the vault), ` +
        `${database.kind}, ${WORKERS} worker${WORKERS > 1 ? 's' : ''}, validator ` +
        (validator ? '(its own process)' : "(inside this process: its CPU counts as the server's)") +
        '\n',
    );
    console.log(`transactions used         ${confirmed.length} confirmed (${txs.length} sent in all)`);
    console.log(
      `recipients per tx         min ${Math.min(...per)}, max ${Math.max(...per)}, mean ${(sum / per.length).toFixed(2)}`,
    );
    console.log(
      `create (roster+preflight) ${createSeconds.toFixed(2)} s, CPU ${((createCpu * 1000) / ISSUANCES).toFixed(2)} ms per recipient`,
    );
    console.log(`upload + mint + settle    ${workSeconds.toFixed(2)} s`);
    console.log(
      `wall time                 ${totalSeconds.toFixed(2)} s  (${serverRate.toFixed(0)} recipients/s, ${(confirmed.length / totalSeconds).toFixed(1)} tx/s)`,
    );
    console.log(
      `server CPU                ${serverCpu.toFixed(2)} s = ${cpuMsPer.toFixed(2)} ms per recipient ` +
        `(goal ≤ ${GOAL_CPU_MS_PER_RECIPIENT} ms: ${verdict(cpuMsPer <= GOAL_CPU_MS_PER_RECIPIENT)})` +
        (validatorCpu === undefined
          ? ''
          : `; validator process ${validatorCpu.toFixed(2)} s = ${((validatorCpu * 1000) / ISSUANCES).toFixed(2)} ms per recipient`) +
        (database.kind === 'postgres'
          ? `; PostgreSQL ${postgresCpu.toFixed(2)} s = ${((postgresCpu * 1000) / ISSUANCES).toFixed(2)} ms per recipient`
          : ''),
    );
    console.log(
      `by thread (ms/recipient) ${threads
        .filter((t) => t.user + t.system > 0)
        .map(
          (t) =>
            ` ${t.name} ${((t.user * 1000) / ISSUANCES).toFixed(2)} user + ${((t.system * 1000) / ISSUANCES).toFixed(2)} sys`,
        )
        .join(',')}`,
    );
    console.log(
      `database statements       ${(queries / ISSUANCES).toFixed(2)} per recipient (${queries} in all)`,
    );
    console.log(
      `LiteSVM raw, in-process   ${baseline.toFixed(2)} s pack+sign+execute (${sendOnly.toFixed(2)} s execute only), ` +
        `${rawRate.toFixed(0)} recipients/s, ${signed.length} transactions`,
    );
    console.log(
      `ratio                     server ${ratio.toFixed(2)}× the raw rate (goal ≥ ${GOAL_RATIO}×: ${verdict(ratio >= GOAL_RATIO)}), ` +
        `${(ISSUANCES / sendOnly / serverRate).toFixed(1)}× slower than execute only`,
    );
    console.log(
      `memory                    rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`,
    );
  } finally {
    await ctx.close();
  }
}

await main();
