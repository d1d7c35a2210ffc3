import { createSolanaRpc, generateKeyPairSigner } from '@solana/kit';
import { getTransferSolInstruction } from '@solana-program/system';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalValidator, type LocalValidator } from '../src/index.ts';
import { rawRpc, signedTransaction, waitForConfirmation, type TestRpc } from './support/rpc-helpers.ts';

// Mainnet's pace: without the jump a blockhash would take a minute to expire.
const VALID_SLOTS = 150;

describe('advancing slots on demand', () => {
  let validator: LocalValidator;
  let rpc: TestRpc;

  beforeAll(async () => {
    validator = await startLocalValidator({
      port: 0,
      blockhashValidSlots: VALID_SLOTS,
      enableFaultControl: true,
    });
    rpc = createSolanaRpc(validator.url);
  });
  afterAll(() => validator.close());

  const advanceOverHttp = (body: unknown, url = validator.url) =>
    fetch(`${url}/__faults/advance-slots`, { method: 'POST', body: JSON.stringify(body) });

  it('moves slot and block height ahead at once, and blockhashes from before expire', async () => {
    const payer = await generateKeyPairSigner();
    await validator.airdrop(payer.address, 1_000_000_000n);
    const { value: lifetime } = await rpc.getLatestBlockhash().send();
    const { wire } = await signedTransaction(
      rpc,
      payer,
      [getTransferSolInstruction({ source: payer, destination: payer.address, amount: 1n })],
      lifetime,
    );
    const slotBefore = await rpc.getSlot().send();

    const started = Date.now();
    const slot = validator.advanceSlots(VALID_SLOTS + 1);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(BigInt(slot)).toBeGreaterThanOrEqual(slotBefore + BigInt(VALID_SLOTS + 1));
    expect(await rpc.getBlockHeight().send()).toBeGreaterThan(lifetime.lastValidBlockHeight);
    expect((await rpc.isBlockhashValid(lifetime.blockhash).send()).value).toBe(false);
    const refused = await rawRpc(validator.url, {
      jsonrpc: '2.0',
      id: 1,
      method: 'sendTransaction',
      params: [wire, { encoding: 'base64' }],
    });
    expect(refused.body.error.data.err).toBe('BlockhashNotFound');

    // The chain goes on from the new slot: a fresh blockhash lands.
    const fresh = await signedTransaction(rpc, payer, [
      getTransferSolInstruction({ source: payer, destination: payer.address, amount: 2n }),
    ]);
    await waitForConfirmation(rpc, await rpc.sendTransaction(fresh.wire, { encoding: 'base64' }).send());
  });

  it('is driven over HTTP by a test in another process, and refuses bad requests', async () => {
    const before = await rpc.getSlot().send();
    const res = await advanceOverHttp({ slots: 40 });
    expect(res.status).toBe(200);
    const { slot } = (await res.json()) as { slot: number };
    expect(BigInt(slot)).toBeGreaterThanOrEqual(before + 40n);
    expect(await rpc.getSlot().send()).toBeGreaterThanOrEqual(BigInt(slot));

    for (const bad of [
      {},
      { slots: 0 },
      { slots: -3 },
      { slots: 1.5 },
      { slots: '10' },
      { slots: 10_000_000 },
    ]) {
      expect((await advanceOverHttp(bad)).status).toBe(400);
    }
    const get = await fetch(`${validator.url}/__faults/advance-slots`);
    expect(get.status).toBe(405);
  });

  it('is not served without fault control', async () => {
    const plain = await startLocalValidator({ port: 0, enableFaultControl: false });
    try {
      const plainRpc = createSolanaRpc(plain.url);
      const before = await plainRpc.getSlot().send();
      const res = await advanceOverHttp({ slots: 1000 }, plain.url);
      expect((await res.json()) as object).not.toHaveProperty('slot');
      expect(await plainRpc.getSlot().send()).toBeLessThan(before + 1000n);
    } finally {
      await plain.close();
    }
  });
});
