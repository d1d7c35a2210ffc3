import { createServer } from 'node:net';
import {
  generateKeyPairSigner,
  partiallySignTransaction,
  getBase64EncodedWireTransaction,
} from '@solana/kit';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChainHarness, type ChainHarness } from './chain-integration-fixtures.ts';
import { createChainRpc } from './create-chain-rpc.ts';
import { deriveMintSigner } from './derive-mint-signer.ts';
import { buildLevelNftMint } from './build-level-nft-mint.ts';
import { prepareTransaction } from './prepare-transaction.ts';
import { createTransactionSender } from './create-transaction-sender.ts';

let h: ChainHarness;
beforeAll(async () => {
  h = await startChainHarness();
});
afterAll(async () => {
  await h.validator.close();
});

/** A loopback port nothing listens on. */
async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('RPC resilience against the local validator', () => {
  it('uses the second endpoint when the first refuses connections', async () => {
    const registry = new Registry();
    const chain = createChainRpc({
      urls: [`http://127.0.0.1:${await unusedPort()}`, h.validator.url],
      commitment: 'confirmed',
      timeoutMs: 2000,
      maxRetries: 2,
      metrics: registry,
    });
    expect(typeof (await chain.rpc.getSlot().send())).toBe('bigint');
    const [first, second] = chain.endpoints();
    expect(first).toMatchObject({ healthy: false, lastFailure: 'network' });
    expect(second).toMatchObject({ healthy: true });
    expect(await registry.getSingleMetricAsString('insignia_chain_rpc_errors_total')).toContain(
      'kind="network"',
    );
  });

  it('uses the second endpoint when the first answers 503 (fault mode fail)', async () => {
    const broken = await startChainHarness();
    try {
      broken.validator.faults.set({ mode: 'fail' });
      const chain = createChainRpc({
        urls: [broken.validator.url, h.validator.url],
        commitment: 'confirmed',
        timeoutMs: 2000,
        maxRetries: 2,
      });
      const { value } = await chain.rpc.getLatestBlockhash().send();
      expect(value.blockhash).toBeTruthy();
      expect(chain.endpoints()[0]).toMatchObject({ lastFailure: 'http_5xx' });
    } finally {
      await broken.validator.close();
    }
  });

  it('backs off on 429 + Retry-After and then succeeds', async () => {
    h.validator.faults.set({ mode: 'rateLimit', count: 1, retryAfterSeconds: 1 });
    const chain = createChainRpc({
      urls: [h.validator.url],
      commitment: 'confirmed',
      timeoutMs: 2000,
      maxRetries: 2,
    });
    const started = Date.now();
    expect(typeof (await chain.rpc.getSlot().send())).toBe('bigint');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(chain.endpoints()[0]).toMatchObject({ healthy: true, consecutiveFailures: 0 });
    h.validator.faults.set({ mode: 'none' });
  });

  it('a transaction signed after its blockhash expired is reported expired', async () => {
    const fast = await startChainHarness({ slotMs: 10, blockhashValidSlots: 15 });
    try {
      const user = await fast.newUser();
      const mint = await deriveMintSigner(fast.secret, 'level-nft', crypto.randomUUID());
      const built = await buildLevelNftMint(fast.chain, {
        name: 'L',
        symbol: 'S',
        uri: 'ipfs://x',
        level: 1,
        mint,
        authority: fast.authority,
        owner: user.address,
      });
      const prepared = await prepareTransaction(built.message);
      // The user takes too long to sign.
      while ((await fast.chain.rpc.getBlockHeight().send()) <= prepared.lastValidBlockHeight)
        await new Promise((r) => setTimeout(r, 20));
      const signed = await partiallySignTransaction([user.keyPair], prepared.transaction);
      const sender = createTransactionSender({ rpc: fast.chain.rpc, pollIntervalMs: 20 });
      const out = await sender.send({
        wire: getBase64EncodedWireTransaction(signed),
        lastValidBlockHeight: prepared.lastValidBlockHeight,
      });
      expect(out.status).toBe('expired');
      // Re-prepare: same mint address, new blockhash, lands.
      const again = await buildLevelNftMint(fast.chain, {
        name: 'L',
        symbol: 'S',
        uri: 'ipfs://x',
        level: 1,
        mint,
        authority: fast.authority,
        owner: user.address,
      });
      expect(again.mint).toBe(built.mint);
      expect((await fast.walletSignAndSend(again.message, user)).status).toBe('confirmed');
    } finally {
      await fast.validator.close();
    }
  });

  it('a dropped transaction is re-sent (same bytes) until it lands', async () => {
    const payer = await generateKeyPairSigner();
    await h.validator.airdrop(payer.address, 1_000_000_000n);
    h.validator.faults.set({ mode: 'drop', count: 1 });
    const mint = await deriveMintSigner(h.secret, 'level-nft', crypto.randomUUID());
    const built = await buildLevelNftMint(h.chain, {
      name: 'L',
      symbol: 'S',
      uri: 'ipfs://x',
      level: 1,
      mint,
      authority: h.authority,
      owner: payer.address,
      feePayer: h.authority,
    });
    const prepared = await prepareTransaction(built.message);
    const sender = createTransactionSender({ rpc: h.chain.rpc, pollIntervalMs: 20, resendIntervalMs: 200 });
    expect(
      (await sender.send({ wire: prepared.wire, lastValidBlockHeight: prepared.lastValidBlockHeight }))
        .status,
    ).toBe('confirmed');
    h.validator.faults.set({ mode: 'none' });
  });
});
