import { generateKeyPairSigner } from '@solana/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalValidator, type LocalValidator } from '../src/index.ts';
import { rawRpc } from './support/rpc-helpers.ts';

describe('JSON-RPC protocol handling', () => {
  let validator: LocalValidator;

  beforeAll(async () => {
    validator = await startLocalValidator({ port: 0 });
  });
  afterAll(() => validator.close());

  it('answers malformed JSON with a parse error', async () => {
    const response = await rawRpc(validator.url, '{"jsonrpc":"2.0","method":');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      jsonrpc: '2.0',
      error: { code: -32700, message: 'Parse error' },
      id: null,
    });
  });

  it('answers invalid requests, unknown methods and bad params with standard errors', async () => {
    expect((await rawRpc(validator.url, { id: 1, method: 'getSlot' })).body.error.code).toBe(-32600);
    expect((await rawRpc(validator.url, [])).body.error.code).toBe(-32600);
    expect((await rawRpc(validator.url, 42)).body.error.code).toBe(-32600);
    const unknown = await rawRpc(validator.url, { jsonrpc: '2.0', id: 'a', method: 'getNothing' });
    expect(unknown.body).toEqual({
      jsonrpc: '2.0',
      error: { code: -32601, message: 'Method not found' },
      id: 'a',
    });
    expect((await rawRpc(validator.url, { jsonrpc: '2.0', id: 2, method: 'toString' })).body.error.code).toBe(
      -32601,
    );
    const badAddress = await rawRpc(validator.url, {
      jsonrpc: '2.0',
      id: 3,
      method: 'getBalance',
      params: ['not-a-key'],
    });
    expect(badAddress.body.error.code).toBe(-32602);
    const badTx = await rawRpc(validator.url, {
      jsonrpc: '2.0',
      id: 4,
      method: 'sendTransaction',
      params: ['AAAA', { encoding: 'base64' }],
    });
    expect(badTx.body.error.code).toBe(-32602);
    const badBase64 = await rawRpc(validator.url, {
      jsonrpc: '2.0',
      id: 5,
      method: 'sendTransaction',
      params: ['%%%', { encoding: 'base64' }],
    });
    expect(badBase64.body.error.code).toBe(-32602);
    const objectParams = await rawRpc(validator.url, {
      jsonrpc: '2.0',
      id: 6,
      method: 'getSlot',
      params: { a: 1 },
    });
    expect(objectParams.body.error.code).toBe(-32602);
    const badCommitment = await rawRpc(validator.url, {
      jsonrpc: '2.0',
      id: 7,
      method: 'getSlot',
      params: [{ commitment: 'soon' }],
    });
    expect(badCommitment.body.error.code).toBe(-32602);
    const future = await rawRpc(validator.url, {
      jsonrpc: '2.0',
      id: 8,
      method: 'getSlot',
      params: [{ minContextSlot: 10 ** 9 }],
    });
    expect(future.body.error.code).toBe(-32016);
  });

  it('answers batches in order, one response per request', async () => {
    const wallet = await generateKeyPairSigner();
    const response = await rawRpc(validator.url, [
      { jsonrpc: '2.0', id: 1, method: 'getHealth' },
      { jsonrpc: '2.0', id: 2, method: 'nope' },
      { jsonrpc: '2.0', method: 'getSlot' }, // notification: no response
      { jsonrpc: '2.0', id: 3, method: 'getBalance', params: [wallet.address, { commitment: 'confirmed' }] },
    ]);
    expect(response.body).toHaveLength(3);
    expect(response.body[0]).toEqual({ jsonrpc: '2.0', result: 'ok', id: 1 });
    expect(response.body[1].error.code).toBe(-32601);
    expect(response.body[2].result.value).toBe(0);
  });

  it('keeps u64 values exact in the JSON text', async () => {
    const response = await fetch(validator.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'getAccountInfo',
        params: ['TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb', { encoding: 'base64' }],
      }),
    });
    expect(await response.text()).toContain('"rentEpoch":18446744073709551615');
  });

  it('serves health, version and genesis hash', async () => {
    expect(await (await fetch(`${validator.url}/health`)).text()).toBe('ok');
    const version = await rawRpc(validator.url, { jsonrpc: '2.0', id: 1, method: 'getVersion' });
    expect(version.body.result['solana-core']).toMatch(/^\d+\.\d+\.\d+$/);
    const genesis = await rawRpc(validator.url, { jsonrpc: '2.0', id: 1, method: 'getGenesisHash' });
    expect(genesis.body.result).toMatch(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/);
  });

  it('does not expose the fault route unless enabled', async () => {
    const response = await rawRpc(`${validator.url}/__faults`, { mode: 'fail' });
    expect(response.body.error.code).toBe(-32600); // handled as an (invalid) JSON-RPC request
    expect(() => validator.faults.set({ mode: 'fail' })).toThrow(/disabled/);
    expect((await rawRpc(validator.url, { jsonrpc: '2.0', id: 1, method: 'getHealth' })).body.result).toBe(
      'ok',
    );
  });
});
