import { createSolanaRpc, generateKeyPairSigner, isSolanaError } from '@solana/kit';
import { getTransferSolInstruction } from '@solana-program/system';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLocalValidator, type LocalValidator } from '../src/index.ts';
import { rawRpc, signedTransaction, waitForConfirmation, type TestRpc } from './support/rpc-helpers.ts';

const health = { jsonrpc: '2.0', id: 1, method: 'getHealth' };

describe('fault injection', () => {
  let validator: LocalValidator;
  let rpc: TestRpc;

  beforeAll(async () => {
    validator = await startLocalValidator({ port: 0, enableFaultControl: true });
    rpc = createSolanaRpc(validator.url);
  });
  afterEach(() => validator.faults.clear());
  afterAll(() => validator.close());

  it("'fail' answers 503, then heals after `count` requests", async () => {
    validator.faults.set({ mode: 'fail', count: 2 });
    expect((await rawRpc(validator.url, health)).status).toBe(503);
    const error = await rpc
      .getSlot()
      .send()
      .catch((e: unknown) => e);
    expect(isSolanaError(error)).toBe(true);
    expect((await rawRpc(validator.url, health)).body.result).toBe('ok');
    expect(validator.faults.current().mode).toBe('none');
  });

  it("'fail' with reset drops the connection without a response", async () => {
    validator.faults.set({ mode: 'fail', reset: true, count: 1 });
    await expect(rawRpc(validator.url, health)).rejects.toThrow();
    expect((await rawRpc(validator.url, health)).body.result).toBe('ok');
  });

  it("'rateLimit' answers 429 with Retry-After", async () => {
    validator.faults.set({ mode: 'rateLimit', retryAfterSeconds: 3 });
    const response = await rawRpc(validator.url, health);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    const error = await rpc
      .getSlot()
      .send()
      .catch((e: unknown) => e);
    expect(isSolanaError(error)).toBe(true);
    expect(JSON.stringify((error as { context: unknown }).context)).toContain('429');
  });

  it("'delay' slows only the selected methods", async () => {
    validator.faults.set({ mode: 'delay', delayMs: 300, methods: ['getSlot'] });
    let start = Date.now();
    expect((await rawRpc(validator.url, health)).body.result).toBe('ok');
    expect(Date.now() - start).toBeLessThan(250);
    start = Date.now();
    expect(
      typeof (await rawRpc(validator.url, { jsonrpc: '2.0', id: 2, method: 'getSlot' })).body.result,
    ).toBe('number');
    expect(Date.now() - start).toBeGreaterThanOrEqual(290);
  });

  it("'fail' limited to sendTransaction leaves reads working", async () => {
    const payer = await generateKeyPairSigner();
    await validator.airdrop(payer.address, 1_000_000_000n);
    validator.faults.set({ mode: 'fail', methods: ['sendTransaction'] });
    expect((await rpc.getBalance(payer.address).send()).value).toBe(1_000_000_000n);
    const { wire } = await signedTransaction(rpc, payer, [
      getTransferSolInstruction({ source: payer, destination: payer.address, amount: 1n }),
    ]);
    const response = await rawRpc(validator.url, {
      jsonrpc: '2.0',
      id: 1,
      method: 'sendTransaction',
      params: [wire, { encoding: 'base64' }],
    });
    expect(response.status).toBe(503);
  });

  it("'drop' returns the signature but never processes the transaction", async () => {
    const payer = await generateKeyPairSigner();
    const recipient = await generateKeyPairSigner();
    await validator.airdrop(payer.address, 1_000_000_000n);
    const { wire } = await signedTransaction(rpc, payer, [
      getTransferSolInstruction({ source: payer, destination: recipient.address, amount: 1_000_000n }),
    ]);
    validator.faults.set({ mode: 'drop', count: 1 });
    const signature = await rpc.sendTransaction(wire, { encoding: 'base64' }).send();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(
      (await rpc.getSignatureStatuses([signature], { searchTransactionHistory: true }).send()).value,
    ).toEqual([null]);
    expect((await rpc.getBalance(recipient.address).send()).value).toBe(0n);
    // Healed after one drop: resending the same transaction lands it.
    expect(await rpc.sendTransaction(wire, { encoding: 'base64' }).send()).toBe(signature);
    await waitForConfirmation(rpc, signature);
    expect((await rpc.getBalance(recipient.address).send()).value).toBe(1_000_000n);
  });

  it('is controllable over HTTP with POST/GET/DELETE /__faults', async () => {
    const post = await fetch(`${validator.url}/__faults`, {
      method: 'POST',
      body: JSON.stringify({ mode: 'rateLimit', count: 1 }),
    });
    expect(await post.json()).toMatchObject({ ok: true, fault: { mode: 'rateLimit', remaining: 1 } });
    expect((await rawRpc(validator.url, health)).status).toBe(429);
    expect((await rawRpc(validator.url, health)).status).toBe(200);

    await fetch(`${validator.url}/__faults`, { method: 'POST', body: JSON.stringify({ mode: 'fail' }) });
    const state = (await (await fetch(`${validator.url}/__faults`)).json()) as { fault: { mode: string } };
    expect(state.fault.mode).toBe('fail');
    expect((await rawRpc(validator.url, health)).status).toBe(503);
    await fetch(`${validator.url}/__faults`, { method: 'DELETE' });
    expect((await rawRpc(validator.url, health)).status).toBe(200);

    const bad = await fetch(`${validator.url}/__faults`, {
      method: 'POST',
      body: JSON.stringify({ mode: 'explode' }),
    });
    expect(bad.status).toBe(400);
  });
});
