/**
 * Badge batch-mint packing and throughput.
 *
 *   npx tsx bench/chain/batch-packing.ts [--recipients=200] [--concurrency=8]
 *
 * 1. Packing only (no network): recipients per transaction and transaction sizes for wallet
 *    recipients (a new token account each) and vault recipients (one token account), with and
 *    without compute-budget instructions.
 * 2. Through the RPC path: the same batches sent to the bundled local validator over HTTP and
 *    confirmed; prints issuances (mints) per second.
 */
import { randomBytes } from 'node:crypto';
import { generateKeyPairSigner, type Address } from '@solana/kit';
import { startLocalValidator } from '@insignia/local-validator';
import { createChainRpc } from '../../apps/server/src/chain/create-chain-rpc.ts';
import { createTransactionSender } from '../../apps/server/src/chain/create-transaction-sender.ts';
import { deriveMintSigner } from '../../apps/server/src/chain/derive-mint-signer.ts';
import { buildBadgeMint } from '../../apps/server/src/chain/build-badge-mint.ts';
import {
  packBadgeIssuances,
  type BadgeIssuanceItem,
  type IssuanceBatch,
} from '../../apps/server/src/chain/pack-badge-issuances.ts';
import { prepareTransaction } from '../../apps/server/src/chain/prepare-transaction.ts';
import {
  resolveLifetime,
  type BlockhashLifetime,
  type ComputeBudget,
} from '../../apps/server/src/chain/create-base-message.ts';

const arg = (name: string, fallback: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const RECIPIENTS = arg('recipients', 200);
const CONCURRENCY = arg('concurrency', 8);
const CID = 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku';

const addresses = (n: number) =>
  Promise.all(Array.from({ length: n }, async () => (await generateKeyPairSigner()).address));
const walletItems = async (mint: Address, n: number, tag: string): Promise<BadgeIssuanceItem[]> =>
  (await addresses(n)).map((owner, i) => ({ id: `${tag}${i}`, mint, owner, memo: CID }));
const vaultItems = (mint: Address, vault: Address, n: number): BadgeIssuanceItem[] =>
  Array.from({ length: n }, (_, i) => ({ id: `v${i}`, mint, owner: vault, memo: CID }));

function describeBatches(label: string, batches: IssuanceBatch[], ms: number) {
  const per = batches.map((b) => b.items.length);
  const sizes = batches.map((b) => b.size);
  const full = batches.slice(0, -1);
  const fullPer = full.length ? full.map((b) => b.items.length) : per;
  console.log(
    `${label.padEnd(38)} ${String(per.reduce((a, b) => a + b, 0)).padStart(5)} items  ${String(batches.length).padStart(4)} txs  ` +
      `per tx ${Math.min(...fullPer)}-${Math.max(...fullPer)}  size ${Math.min(...sizes)}-${Math.max(...sizes)} B (limit 1232)  packing ${ms.toFixed(0)} ms`,
  );
}

async function pack(
  label: string,
  items: BadgeIssuanceItem[],
  authority: Awaited<ReturnType<typeof generateKeyPairSigner>>,
  lifetime: BlockhashLifetime,
  computeBudget?: ComputeBudget,
) {
  const t0 = performance.now();
  const batches = await packBadgeIssuances({
    feePayer: authority,
    mintAuthority: authority,
    items,
    lifetime,
    ...(computeBudget ? { computeBudget } : {}),
  });
  describeBatches(label, batches, performance.now() - t0);
  return batches;
}

async function main() {
  const validator = await startLocalValidator({ port: 0, dataDir: null });
  try {
    const chain = createChainRpc({
      urls: [validator.url],
      commitment: 'confirmed',
      timeoutMs: 10_000,
      maxRetries: 3,
    });
    const sender = createTransactionSender({ rpc: chain.rpc, pollIntervalMs: 25 });
    const authority = await generateKeyPairSigner();
    const vault = await generateKeyPairSigner();
    await validator.airdrop(authority.address, 1_000n * 1_000_000_000n);

    const mintSigner = await deriveMintSigner(randomBytes(32), 'badge-mint', 'bench');
    const created = await buildBadgeMint(chain, {
      mint: mintSigner,
      authority,
      name: 'Bench Badge',
      symbol: 'BNCH',
      uri: `ipfs://${CID}`,
    });
    const p = await prepareTransaction(created.message);
    const r = await sender.send({ wire: p.wire, lastValidBlockHeight: p.lastValidBlockHeight });
    if (r.status !== 'confirmed') throw new Error(`badge mint creation: ${r.status}`);
    const mint = mintSigner.address;

    console.log(`\n# Packing (memo = 59-char CIDv1 per issuance), ${RECIPIENTS} recipients each\n`);
    const lifetime = await resolveLifetime(chain);
    const wallets = await walletItems(mint, RECIPIENTS, 'w');
    const vaults = vaultItems(mint, vault.address, RECIPIENTS);
    const budget = { unitPriceMicroLamports: 1000n, unitLimit: 600_000 };
    await pack('wallet recipients (new token accounts)', wallets, authority, lifetime);
    await pack('vault recipients (one token account)', vaults, authority, lifetime);
    await pack('wallet recipients + compute budget', wallets, authority, lifetime, budget);
    await pack('vault recipients + compute budget', vaults, authority, lifetime, budget);

    console.log(`\n# Through the RPC path (local validator over HTTP, concurrency ${CONCURRENCY})\n`);
    for (const [label, items] of [
      ['wallet recipients', wallets],
      ['vault recipients', vaults],
    ] as const) {
      const t0 = performance.now();
      const batches = await packBadgeIssuances({
        feePayer: authority,
        mintAuthority: authority,
        items,
        lifetime: await resolveLifetime(chain),
      });
      let next = 0;
      let confirmed = 0;
      const worker = async () => {
        while (next < batches.length) {
          const batch = batches[next++]!;
          const prepared = await prepareTransaction(batch.message);
          const out = await sender.send({
            wire: prepared.wire,
            lastValidBlockHeight: prepared.lastValidBlockHeight,
          });
          if (out.status !== 'confirmed')
            throw new Error(
              `batch failed: ${JSON.stringify(out, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`,
            );
          confirmed += batch.items.length;
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const seconds = (performance.now() - t0) / 1000;
      console.log(
        `${label.padEnd(20)} ${confirmed} mints in ${batches.length} txs, ${seconds.toFixed(2)} s → ${(confirmed / seconds).toFixed(1)} mints/s (${(batches.length / seconds).toFixed(1)} tx/s)`,
      );
    }
    const mem = process.memoryUsage();
    console.log(
      `\nrss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`,
    );
  } finally {
    await validator.close();
  }
}

await main();
