import {
  createSolanaRpc,
  getBase64Decoder,
  type TransactionMessageBytesBase64,
  generateKeyPairSigner,
  getBase58Decoder,
  getBase64Encoder,
  getSignatureFromTransaction,
  isSolanaError,
  lamports,
} from '@solana/kit';
import { getTransferSolInstruction } from '@solana-program/system';
import { getAddMemoInstruction } from '@solana-program/memo';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalValidator, type LocalValidator } from '../src/index.ts';
import {
  rawRpc,
  sendAndConfirm,
  signedTransaction,
  waitForConfirmation,
  type TestRpc,
} from './support/rpc-helpers.ts';

const SOL = 1_000_000_000n;

describe('SOL transfers over HTTP JSON-RPC', () => {
  let validator: LocalValidator;
  let rpc: TestRpc;

  beforeAll(async () => {
    validator = await startLocalValidator({ port: 0, faucet: { maxLamports: 10n * SOL } });
    rpc = createSolanaRpc(validator.url);
  });
  afterAll(() => validator.close());

  it('airdrops through requestAirdrop and reports the balance', async () => {
    const wallet = await generateKeyPairSigner();
    expect((await rpc.getBalance(wallet.address).send()).value).toBe(0n);
    const signature = await rpc.requestAirdrop(wallet.address, lamports(2n * SOL)).send();
    await waitForConfirmation(rpc, signature);
    expect((await rpc.getBalance(wallet.address).send()).value).toBe(2n * SOL);
    const tx = await rpc
      .getTransaction(signature, { encoding: 'json', maxSupportedTransactionVersion: 0 })
      .send();
    expect(tx?.meta?.postBalances).toContain(2n * SOL);
  });

  it('refuses an airdrop above the faucet limit', async () => {
    const wallet = await generateKeyPairSigner();
    const response = await rawRpc(validator.url, {
      jsonrpc: '2.0',
      id: 1,
      method: 'requestAirdrop',
      params: [wallet.address, 11 * 1e9],
    });
    expect(response.body.error.code).toBe(-32602);
    expect((await rpc.getBalance(wallet.address).send()).value).toBe(0n);
  });

  it('processes a kit-signed transfer and serves it through getTransaction and getSignaturesForAddress', async () => {
    const payer = await generateKeyPairSigner();
    const recipient = await generateKeyPairSigner();
    await validator.airdrop(payer.address, 3n * SOL);
    const signature = await sendAndConfirm(rpc, payer, [
      getTransferSolInstruction({ source: payer, destination: recipient.address, amount: SOL }),
      getAddMemoInstruction({ memo: 'hello' }),
    ]);

    expect((await rpc.getBalance(recipient.address).send()).value).toBe(SOL);
    expect((await rpc.getBalance(payer.address).send()).value).toBe(2n * SOL - 5000n);

    const json = await rpc
      .getTransaction(signature, { encoding: 'json', maxSupportedTransactionVersion: 0 })
      .send();
    expect(json).not.toBeNull();
    expect(json!.version).toBe(0);
    expect(json!.transaction.signatures[0]).toBe(signature);
    expect(json!.transaction.message.accountKeys.slice(0, 2)).toEqual([payer.address, recipient.address]);
    expect(json!.meta).toMatchObject({ err: null, status: { Ok: null }, fee: 5000n });
    expect(json!.meta!.preBalances.slice(0, 2)).toEqual([3n * SOL, 0n]);
    expect(json!.meta!.postBalances.slice(0, 2)).toEqual([2n * SOL - 5000n, SOL]);
    expect(json!.meta!.logMessages).toContain('Program 11111111111111111111111111111111 success');
    expect(json!.meta!.computeUnitsConsumed).toBeGreaterThan(0n);

    const base64 = await rpc
      .getTransaction(signature, { encoding: 'base64', maxSupportedTransactionVersion: 0 })
      .send();
    const wire = getBase64Encoder().encode(base64!.transaction[0]);
    expect(getBase58Decoder().decode(wire.slice(1, 65))).toBe(signature);

    const parsed = await rpc
      .getTransaction(signature, { encoding: 'jsonParsed', maxSupportedTransactionVersion: 0 })
      .send();
    expect(parsed!.transaction.message.instructions[0]).toMatchObject({
      program: 'system',
      parsed: { type: 'transfer' },
    });
    expect(parsed!.transaction.message.accountKeys[0]).toEqual({
      pubkey: payer.address,
      signer: true,
      writable: true,
      source: 'transaction',
    });

    const history = await rpc.getSignaturesForAddress(recipient.address).send();
    expect(history).toEqual([
      expect.objectContaining({ signature, err: null, memo: '[5] hello', confirmationStatus: 'finalized' }),
    ]);
  });

  it('quotes the fee of a message with getFeeForMessage', async () => {
    const payer = await generateKeyPairSigner();
    const { transaction } = await signedTransaction(rpc, payer, [getAddMemoInstruction({ memo: 'fee' })]);
    const message = getBase64Decoder().decode(transaction.messageBytes) as TransactionMessageBytesBase64;
    expect((await rpc.getFeeForMessage(message).send()).value).toBe(5000n);
  });

  it('accepts base58-encoded transactions (the default encoding)', async () => {
    const payer = await generateKeyPairSigner();
    await validator.airdrop(payer.address, SOL);
    const { wire } = await signedTransaction(rpc, payer, [getAddMemoInstruction({ memo: 'b58' })]);
    const base58Wire = getBase58Decoder().decode(getBase64Encoder().encode(wire));
    const response = await rawRpc(validator.url, {
      jsonrpc: '2.0',
      id: 1,
      method: 'sendTransaction',
      params: [base58Wire],
    });
    expect(typeof response.body.result).toBe('string');
    expect((await rpc.getSignatureStatuses([response.body.result]).send()).value[0]?.err).toBeNull();
  });

  it('rejects a duplicate transaction as AlreadyProcessed', async () => {
    const payer = await generateKeyPairSigner();
    const recipient = await generateKeyPairSigner();
    await validator.airdrop(payer.address, SOL);
    const { transaction, wire } = await signedTransaction(rpc, payer, [
      getTransferSolInstruction({ source: payer, destination: recipient.address, amount: 1_000_000n }),
    ]);
    await rpc.sendTransaction(wire, { encoding: 'base64' }).send();
    const error = await rpc
      .sendTransaction(wire, { encoding: 'base64' })
      .send()
      .catch((e: unknown) => e);
    expect(isSolanaError(error)).toBe(true);
    const raw = await rawRpc(validator.url, {
      jsonrpc: '2.0',
      id: 7,
      method: 'sendTransaction',
      params: [wire, { encoding: 'base64' }],
    });
    expect(raw.body.error).toMatchObject({
      code: -32002,
      message: 'Transaction simulation failed: This transaction has already been processed',
      data: { err: 'AlreadyProcessed' },
    });
    expect((await rpc.getBalance(recipient.address).send()).value).toBe(1_000_000n); // applied exactly once
    expect(getSignatureFromTransaction(transaction)).toBeTruthy();
  });

  it('rejects a transaction whose signature does not verify (-32003), and drops it without preflight', async () => {
    const payer = await generateKeyPairSigner();
    const recipient = await generateKeyPairSigner();
    await validator.airdrop(payer.address, SOL);
    const { wire } = await signedTransaction(rpc, payer, [
      getTransferSolInstruction({ source: payer, destination: recipient.address, amount: 1_000_000n }),
    ]);
    const bytes = new Uint8Array(getBase64Encoder().encode(wire));
    bytes[5] = (bytes[5] ?? 0) ^ 0xff; // corrupt the signature
    const tampered = Buffer.from(bytes).toString('base64');
    const raw = await rawRpc(validator.url, {
      jsonrpc: '2.0',
      id: 1,
      method: 'sendTransaction',
      params: [tampered, { encoding: 'base64' }],
    });
    expect(raw.body.error).toEqual({ code: -32003, message: 'Transaction signature verification failure' });
    const skipped = await rawRpc(validator.url, {
      jsonrpc: '2.0',
      id: 2,
      method: 'sendTransaction',
      params: [tampered, { encoding: 'base64', skipPreflight: true }],
    });
    expect(typeof skipped.body.result).toBe('string');
    expect((await rpc.getBalance(recipient.address).send()).value).toBe(0n);
    expect((await rpc.getBalance(payer.address).send()).value).toBe(SOL);
  });

  it('reports a failing transaction as a preflight error with logs, and charges nothing', async () => {
    const payer = await generateKeyPairSigner();
    const recipient = await generateKeyPairSigner();
    await validator.airdrop(payer.address, SOL);
    const { wire } = await signedTransaction(rpc, payer, [
      getTransferSolInstruction({ source: payer, destination: recipient.address, amount: 5n * SOL }),
    ]);
    const raw = await rawRpc(validator.url, {
      jsonrpc: '2.0',
      id: 1,
      method: 'sendTransaction',
      params: [wire, { encoding: 'base64' }],
    });
    expect(raw.body.error.code).toBe(-32002);
    expect(raw.body.error.message).toBe(
      'Transaction simulation failed: Error processing Instruction 0: custom program error: 0x1',
    );
    expect(raw.body.error.data.err).toEqual({ InstructionError: [0, { Custom: 1 }] });
    expect(raw.body.error.data.logs.join('\n')).toContain('insufficient lamports');
    expect((await rpc.getBalance(payer.address).send()).value).toBe(SOL);

    // With skipPreflight the failure lands on chain like on a real cluster: recorded, fee charged.
    const signature = await rpc.sendTransaction(wire, { encoding: 'base64', skipPreflight: true }).send();
    const status = (await rpc.getSignatureStatuses([signature]).send()).value[0];
    expect(status?.err).toEqual({ InstructionError: [0n, { Custom: 1n }] }); // kit parses integers as bigints
    expect((await rpc.getBalance(payer.address).send()).value).toBe(SOL - 5000n);
  });

  it('simulates without changing state', async () => {
    const payer = await generateKeyPairSigner();
    const recipient = await generateKeyPairSigner();
    await validator.airdrop(payer.address, SOL);
    const { wire } = await signedTransaction(rpc, payer, [
      getTransferSolInstruction({ source: payer, destination: recipient.address, amount: 1_000_000n }),
    ]);
    const { value } = await rpc
      .simulateTransaction(wire, {
        encoding: 'base64',
        sigVerify: true,
        accounts: { addresses: [recipient.address], encoding: 'base64' },
      })
      .send();
    expect(value.err).toBeNull();
    expect(value.accounts[0]?.lamports).toBe(1_000_000n);
    expect(value.unitsConsumed).toBeGreaterThan(0n);
    expect((await rpc.getBalance(recipient.address).send()).value).toBe(0n);
  });
});
