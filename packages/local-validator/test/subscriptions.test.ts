import { Connection, Keypair, LAMPORTS_PER_SOL } from '@solana/web3.js';
import {
  assertIsTransactionWithBlockhashLifetime,
  createSolanaRpc,
  createSolanaRpcSubscriptions,
  generateKeyPairSigner,
  sendAndConfirmTransactionFactory,
  type RpcSubscriptions,
  type SolanaRpcSubscriptionsApi,
} from '@solana/kit';
import { getTransferSolInstruction } from '@solana-program/system';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalValidator, type LocalValidator } from '../src/index.ts';
import { signedTransaction, type TestRpc } from './support/rpc-helpers.ts';

describe('WebSocket subscriptions', () => {
  let validator: LocalValidator;
  let rpc: TestRpc;
  let subscriptions: RpcSubscriptions<SolanaRpcSubscriptionsApi>;

  beforeAll(async () => {
    validator = await startLocalValidator({ port: 0, slotMs: 50 });
    rpc = createSolanaRpc(validator.url);
    subscriptions = createSolanaRpcSubscriptions(validator.wsUrl!);
  });
  afterAll(() => validator.close());

  it('serves the WebSocket on the RPC port + 1, like solana-test-validator', () => {
    expect(Number(new URL(validator.wsUrl!).port)).toBe(Number(new URL(validator.url).port) + 1);
  });

  it("supports kit's sendAndConfirmTransactionFactory (signature + slot subscriptions)", async () => {
    const payer = await generateKeyPairSigner();
    const recipient = await generateKeyPairSigner();
    await validator.airdrop(payer.address, 1_000_000_000n);
    const { transaction } = await signedTransaction(rpc, payer, [
      getTransferSolInstruction({ source: payer, destination: recipient.address, amount: 2_000_000n }),
    ]);
    assertIsTransactionWithBlockhashLifetime(transaction);
    await sendAndConfirmTransactionFactory({ rpc, rpcSubscriptions: subscriptions })(transaction, {
      commitment: 'confirmed',
    });
    expect((await rpc.getBalance(recipient.address).send()).value).toBe(2_000_000n);
  });

  it('notifies slots and account changes', async () => {
    const abort = new AbortController();
    try {
      const slots = await subscriptions.slotNotifications().subscribe({ abortSignal: abort.signal });
      const seen: bigint[] = [];
      for await (const notification of slots) {
        seen.push(notification.slot);
        if (seen.length === 3) break;
      }
      expect(seen[2]! > seen[0]!).toBe(true);

      const wallet = await generateKeyPairSigner();
      const changes = await subscriptions
        .accountNotifications(wallet.address, { encoding: 'base64' })
        .subscribe({ abortSignal: abort.signal });
      await validator.airdrop(wallet.address, 5_000_000n);
      for await (const notification of changes) {
        expect(notification.value.lamports).toBe(5_000_000n);
        break;
      }
    } finally {
      abort.abort();
    }
  });

  it('lets a web3.js v1 Connection confirm through its derived WebSocket endpoint', async () => {
    const connection = new Connection(validator.url, 'confirmed');
    const wallet = Keypair.generate();
    const signature = await connection.requestAirdrop(wallet.publicKey, LAMPORTS_PER_SOL);
    const latest = await connection.getLatestBlockhash();
    const result = await connection.confirmTransaction({ signature, ...latest });
    expect(result.value.err).toBeNull();
    expect(await connection.getBalance(wallet.publicKey)).toBe(LAMPORTS_PER_SOL);
    (connection as unknown as { _rpcWebSocket: { close(): void } })._rpcWebSocket.close();
  });
});
