import { generateKeyPairSigner, getSolanaErrorFromJsonRpcError } from '@solana/kit';
import { describe, expect, it } from 'vitest';
import { buildLevelNftMint } from './build-level-nft-mint.ts';
import { prepareTransaction } from './prepare-transaction.ts';
import { createTransactionSender, type TransactionSenderConfig } from './create-transaction-sender.ts';
import { fakeBuildRpc, FIXED_LIFETIME } from './chain-test-fixtures.ts';
import { deriveMintSigner } from './derive-mint-signer.ts';
import { AppError } from '../errors/app-error.ts';

type Status = {
  slot: bigint;
  err: unknown;
  confirmationStatus: 'processed' | 'confirmed' | 'finalized';
} | null;

async function serverPaidMint() {
  const authority = await generateKeyPairSigner();
  const owner = (await generateKeyPairSigner()).address;
  const mint = await deriveMintSigner(new Uint8Array(32).fill(3), 'level-nft', crypto.randomUUID());
  const built = await buildLevelNftMint(
    { rpc: fakeBuildRpc() },
    { mint, authority, owner, feePayer: authority, name: 'L1', symbol: 'I', uri: 'ipfs://x', level: 1 },
  );
  return { built, prepared: await prepareTransaction(built.message) };
}

function preflight(err: unknown) {
  return getSolanaErrorFromJsonRpcError({
    code: -32002,
    message: 'Transaction simulation failed',
    data: { err, logs: [], accounts: null, unitsConsumed: 0n, returnData: null },
  });
}

function fakeRpc(opts: {
  sendError?: Error;
  statuses?: Status[];
  history?: Status;
  heights?: bigint[];
  balance?: bigint;
}) {
  const statuses = [...(opts.statuses ?? [])];
  const heights = [...(opts.heights ?? [])];
  const calls = { send: 0 };
  const reply = <T>(fn: () => T) => ({ send: () => Promise.resolve().then(fn) });
  const rpc = {
    sendTransaction: () =>
      reply(() => {
        calls.send += 1;
        if (opts.sendError) throw opts.sendError;
        return 'sig';
      }),
    getSignatureStatuses: (_: unknown, config?: { searchTransactionHistory?: boolean }) =>
      reply(() => ({
        context: { slot: 1n },
        value: [
          config?.searchTransactionHistory
            ? (opts.history ?? null)
            : statuses.length > 1
              ? statuses.shift()!
              : (statuses[0] ?? null),
        ],
      })),
    getBlockHeight: () => reply(() => (heights.length > 1 ? heights.shift()! : (heights[0] ?? 0n))),
    getBalance: () => reply(() => ({ context: { slot: 1n }, value: opts.balance ?? 0n })),
  } as unknown as TransactionSenderConfig['rpc'];
  return { rpc, calls };
}

const fast = { pollIntervalMs: 1, resendIntervalMs: 0 };

describe('createTransactionSender', () => {
  it('tracks a sent transaction to confirmed, resending the same bytes meanwhile', async () => {
    const { prepared } = await serverPaidMint();
    const { rpc, calls } = fakeRpc({
      statuses: [
        null,
        null,
        { slot: 9n, err: null, confirmationStatus: 'processed' },
        { slot: 9n, err: null, confirmationStatus: 'confirmed' },
      ],
    });
    const out = await createTransactionSender({ rpc, ...fast }).send({
      wire: prepared.wire,
      lastValidBlockHeight: FIXED_LIFETIME.lastValidBlockHeight,
    });
    expect(out).toEqual({ status: 'confirmed', signature: prepared.signature, slot: 9n });
    expect(calls.send).toBeGreaterThan(1);
  });

  it('preflight "account already in use" on the mint → already_exists', async () => {
    const { prepared } = await serverPaidMint();
    const { rpc } = fakeRpc({ sendError: preflight({ InstructionError: [0, { Custom: 0 }] }) });
    const out = await createTransactionSender({ rpc, ...fast }).send({
      wire: prepared.wire,
      lastValidBlockHeight: 1000n,
    });
    expect(out).toMatchObject({ status: 'already_exists', instructionIndex: 0 });
  });

  it('preflight insufficient funds → insufficient_sol with how much is missing', async () => {
    const { prepared, built } = await serverPaidMint();
    const { rpc } = fakeRpc({ sendError: preflight('InsufficientFundsForFee'), balance: 1000n });
    const out = await createTransactionSender({ rpc, ...fast }).send({
      wire: prepared.wire,
      lastValidBlockHeight: 1000n,
      costLamports: built.costLamports,
    });
    expect(out).toEqual({
      status: 'insufficient_sol',
      signature: prepared.signature,
      needLamports: built.costLamports - 1000n,
    });
  });

  it('all endpoints down → network, retryable', async () => {
    const { prepared } = await serverPaidMint();
    const { rpc } = fakeRpc({ sendError: new AppError('CHAIN__RPC_UNAVAILABLE', { attempts: 3 }) });
    const out = await createTransactionSender({ rpc, ...fast }).send({
      wire: prepared.wire,
      lastValidBlockHeight: 1000n,
    });
    expect(out).toEqual({ status: 'network', signature: prepared.signature, retryable: true });
  });

  it('blockhash expired and not found in history → expired; found at the last moment → confirmed', async () => {
    const { prepared } = await serverPaidMint();
    const expired = fakeRpc({ sendError: preflight('BlockhashNotFound'), heights: [1001n] });
    expect(
      await createTransactionSender({ rpc: expired.rpc, ...fast }).send({
        wire: prepared.wire,
        lastValidBlockHeight: 1000n,
      }),
    ).toEqual({
      status: 'expired',
      signature: prepared.signature,
    });
    const late = fakeRpc({
      heights: [1001n],
      history: { slot: 5n, err: null, confirmationStatus: 'confirmed' },
    });
    expect(
      await createTransactionSender({ rpc: late.rpc, ...fast }).send({
        wire: prepared.wire,
        lastValidBlockHeight: 1000n,
      }),
    ).toEqual({
      status: 'confirmed',
      signature: prepared.signature,
      slot: 5n,
    });
  });

  it('an on-chain failure status is classified like a preflight one', async () => {
    const { prepared } = await serverPaidMint();
    const { rpc } = fakeRpc({
      statuses: [
        { slot: 3n, err: { InstructionError: [4, { Custom: 6 }] }, confirmationStatus: 'confirmed' },
      ],
    });
    const out = await createTransactionSender({ rpc, ...fast }).send({
      wire: prepared.wire,
      lastValidBlockHeight: 1000n,
    });
    expect(out).toMatchObject({ status: 'failed', error: { kind: 'program', instructionIndex: 4, code: 6 } });
  });

  it('refuses to send a transaction the fee payer has not signed', async () => {
    const authority = await generateKeyPairSigner();
    const owner = (await generateKeyPairSigner()).address;
    const mint = await deriveMintSigner(new Uint8Array(32).fill(3), 'level-nft', 'unsigned');
    const built = await buildLevelNftMint(
      { rpc: fakeBuildRpc() },
      { mint, authority, owner, name: 'L1', symbol: 'I', uri: 'ipfs://x', level: 1 },
    );
    const prepared = await prepareTransaction(built.message);
    const { rpc } = fakeRpc({});
    await expect(
      createTransactionSender({ rpc, ...fast }).send({ wire: prepared.wire, lastValidBlockHeight: 1000n }),
    ).rejects.toThrow(RangeError);
  });
});
