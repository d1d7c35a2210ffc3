import { startLocalValidator, type LocalValidator } from '@insignia/local-validator';
import {
  DEFAULT_RPC_CONFIG,
  createRpc,
  createSolanaRpcApi,
  generateKeyPairSigner,
  isSolanaError,
  type RpcTransport,
} from '@solana/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBatchingTransport } from './create-batching-transport.ts';
import { createNodeHttpTransport } from './create-node-http-transport.ts';

/** The real HTTP transport to the local validator, counting the HTTP exchanges it makes. */
function countingTransport(url: string) {
  const http = createNodeHttpTransport(url);
  const sent: unknown[] = [];
  const transport: RpcTransport = (request) => {
    sent.push(request.payload);
    return http(request);
  };
  return { transport, sent };
}

const rpcOver = (transport: RpcTransport) =>
  createRpc({
    api: createSolanaRpcApi({ ...DEFAULT_RPC_CONFIG, defaultCommitment: 'confirmed' }),
    transport,
  });

describe('RPC reads batched per tick (local validator over HTTP)', () => {
  let validator: LocalValidator;
  beforeAll(async () => {
    validator = await startLocalValidator({ port: 0 });
  });
  afterAll(() => validator.close());

  it('reads asked in one tick go out as one request and each gets its own answer', async () => {
    const wallet = await generateKeyPairSigner();
    await validator.airdrop(wallet.address, 1_234_567n);
    const inner = countingTransport(validator.url);
    const rpc = rpcOver(createBatchingTransport(inner.transport));
    const plain = rpcOver(createNodeHttpTransport(validator.url));

    const [balance, height, latest] = await Promise.all([
      rpc.getBalance(wallet.address).send(),
      rpc.getBlockHeight().send(),
      rpc.getLatestBlockhash().send(),
    ]);
    expect(inner.sent).toHaveLength(1);
    expect(Array.isArray(inner.sent[0])).toBe(true);
    expect(balance.value).toBe(1_234_567n);
    expect((await plain.getBalance(wallet.address).send()).value).toBe(1_234_567n);
    // Each answer is its own call's: a block height is a bigint, a blockhash has its window.
    expect(typeof height).toBe('bigint');
    expect(latest.value.lastValidBlockHeight).toBeGreaterThanOrEqual(height);
  });

  it('a lone read, a write and a call with its own signal go out unbatched', async () => {
    const inner = countingTransport(validator.url);
    const rpc = rpcOver(createBatchingTransport(inner.transport));
    await rpc.getBlockHeight().send();
    await Promise.all([
      rpc.getBlockHeight().send({ abortSignal: AbortSignal.timeout(5_000) }),
      rpc.getBlockHeight().send({ abortSignal: AbortSignal.timeout(5_000) }),
    ]);
    expect(inner.sent.every((p) => !Array.isArray(p))).toBe(true);
    expect(inner.sent).toHaveLength(3);
  });

  it('an error answer fails only its own call', async () => {
    const inner = countingTransport(validator.url);
    const rpc = rpcOver(createBatchingTransport(inner.transport));
    const [good, bad] = await Promise.allSettled([
      rpc.getBlockHeight().send(),
      // Not a valid public key: the validator answers this call with a JSON-RPC error.
      rpc.getAccountInfo('not-an-address' as never).send(),
    ]);
    expect(inner.sent).toHaveLength(1);
    expect(good.status).toBe('fulfilled');
    expect(bad.status).toBe('rejected');
    if (bad.status === 'rejected') expect(isSolanaError(bad.reason)).toBe(true);
  });

  it('a batch that cannot be sent fails every call in it', async () => {
    const rpc = rpcOver(createBatchingTransport(createNodeHttpTransport('http://127.0.0.1:9')));
    const results = await Promise.allSettled([rpc.getBlockHeight().send(), rpc.getSlot().send()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
