import { blockhash, createSolanaRpc, generateKeyPairSigner } from '@solana/kit';
import { getTransferSolInstruction } from '@solana-program/system';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalValidator, type LocalValidator } from '../src/index.ts';
import { rawRpc, signedTransaction, waitForConfirmation, type TestRpc } from './support/rpc-helpers.ts';

const SLOT_MS = 20;
const VALID_SLOTS = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('blockhash expiry', () => {
  let validator: LocalValidator;
  let rpc: TestRpc;

  beforeAll(async () => {
    validator = await startLocalValidator({ port: 0, slotMs: SLOT_MS, blockhashValidSlots: VALID_SLOTS });
    rpc = createSolanaRpc(validator.url);
  });
  afterAll(() => validator.close());

  it('advances slots and block height and rotates the blockhash', async () => {
    const heightBefore = await rpc.getBlockHeight().send();
    const first = await rpc.getLatestBlockhash().send();
    const heightAfter = await rpc.getBlockHeight().send();
    // lastValidBlockHeight = block height when issued + blockhashValidSlots
    expect(first.value.lastValidBlockHeight).toBeGreaterThanOrEqual(heightBefore + BigInt(VALID_SLOTS));
    expect(first.value.lastValidBlockHeight).toBeLessThanOrEqual(heightAfter + BigInt(VALID_SLOTS));
    await sleep(SLOT_MS * 3);
    const second = await rpc.getLatestBlockhash().send();
    expect(second.context.slot).toBeGreaterThan(first.context.slot);
    expect(second.value.blockhash).not.toBe(first.value.blockhash);
    const epoch = await rpc.getEpochInfo().send();
    expect(epoch.blockHeight).toBeGreaterThanOrEqual(second.context.slot);
  });

  it('accepts a transaction signed with an older but still valid blockhash', async () => {
    const payer = await generateKeyPairSigner();
    const recipient = await generateKeyPairSigner();
    await validator.airdrop(payer.address, 1_000_000_000n);
    const { value: lifetime } = await rpc.getLatestBlockhash().send();
    await sleep(SLOT_MS * 3); // several newer blockhashes exist by now: LiteSVM alone would refuse this
    expect((await rpc.isBlockhashValid(lifetime.blockhash).send()).value).toBe(true);
    const { wire } = await signedTransaction(
      rpc,
      payer,
      [getTransferSolInstruction({ source: payer, destination: recipient.address, amount: 1_000_000n })],
      lifetime,
    );
    const signature = await rpc.sendTransaction(wire, { encoding: 'base64' }).send();
    await waitForConfirmation(rpc, signature);
    expect((await rpc.getBalance(recipient.address).send()).value).toBe(1_000_000n);
  });

  it('refuses a transaction whose blockhash expired with the standard BlockhashNotFound error', async () => {
    const payer = await generateKeyPairSigner();
    const recipient = await generateKeyPairSigner();
    await validator.airdrop(payer.address, 1_000_000_000n);
    const { value: lifetime } = await rpc.getLatestBlockhash().send();
    const { wire } = await signedTransaction(
      rpc,
      payer,
      [getTransferSolInstruction({ source: payer, destination: recipient.address, amount: 1_000_000n })],
      lifetime,
    );
    while ((await rpc.getBlockHeight().send()) <= lifetime.lastValidBlockHeight) await sleep(SLOT_MS);

    expect((await rpc.isBlockhashValid(lifetime.blockhash).send()).value).toBe(false);
    const response = await rawRpc(validator.url, {
      jsonrpc: '2.0',
      id: 1,
      method: 'sendTransaction',
      params: [wire, { encoding: 'base64' }],
    });
    expect(response.body.error).toMatchObject({
      code: -32002,
      message: 'Transaction simulation failed: Blockhash not found',
      data: { err: 'BlockhashNotFound', logs: [] },
    });
    const simulated = await rpc.simulateTransaction(wire, { encoding: 'base64' }).send();
    expect(simulated.value.err).toBe('BlockhashNotFound');
    const replaced = await rpc
      .simulateTransaction(wire, { encoding: 'base64', replaceRecentBlockhash: true })
      .send();
    expect(replaced.value.err).toBeNull();
    expect(replaced.value.replacementBlockhash.blockhash).toBeTypeOf('string');
    // With skipPreflight the RPC answers with the signature, but the transaction never lands.
    const dropped = await rpc.sendTransaction(wire, { encoding: 'base64', skipPreflight: true }).send();
    expect(
      (await rpc.getSignatureStatuses([dropped], { searchTransactionHistory: true }).send()).value,
    ).toEqual([null]);
    expect((await rpc.getBalance(recipient.address).send()).value).toBe(0n);
  });

  it('refuses an unknown blockhash', async () => {
    const payer = await generateKeyPairSigner();
    await validator.airdrop(payer.address, 1_000_000_000n);
    const lifetime = {
      blockhash: blockhash('4uQeVj5tqViQh7yWWGStvkEG1Zmhx6uasJtWCJziofM'),
      lastValidBlockHeight: 10n ** 9n,
    };
    const { wire } = await signedTransaction(
      rpc,
      payer,
      [getTransferSolInstruction({ source: payer, destination: payer.address, amount: 1n })],
      lifetime,
    );
    const response = await rawRpc(validator.url, {
      jsonrpc: '2.0',
      id: 1,
      method: 'sendTransaction',
      params: [wire, { encoding: 'base64' }],
    });
    expect(response.body.error.data.err).toBe('BlockhashNotFound');
  });
});
