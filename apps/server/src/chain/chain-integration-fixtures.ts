import { randomBytes } from 'node:crypto';
import {
  generateKeyPairSigner,
  getBase64EncodedWireTransaction,
  partiallySignTransaction,
  type Base64EncodedWireTransaction,
  type Address,
  type KeyPairSigner,
} from '@solana/kit';
import { startLocalValidator } from '@insignia/local-validator';
import { createChainRpc, type ChainRpc } from './create-chain-rpc.ts';
import { createTransactionSender, type TransactionSender } from './create-transaction-sender.ts';
import { prepareTransaction, type PreparedTransaction } from './prepare-transaction.ts';
import { parseSignedTransaction } from './parse-signed-transaction.ts';
import type { BlockhashLifetime, BuiltMessage } from './create-base-message.ts';
import type { SendResult } from './send-result.ts';

/** Test-only: a local validator over HTTP plus the chain layer wired to it. */
export type ChainHarness = Awaited<ReturnType<typeof startChainHarness>>;

export const SOL = 1_000_000_000n;

export async function startChainHarness(options: Parameters<typeof startLocalValidator>[0] = {}) {
  const validator = await startLocalValidator({
    port: 0,
    dataDir: null,
    enableFaultControl: true,
    ...options,
  });
  const chain: ChainRpc = createChainRpc({
    urls: [validator.url],
    commitment: 'confirmed',
    timeoutMs: 5000,
    maxRetries: 3,
  });
  const sender: TransactionSender = createTransactionSender({
    rpc: chain.rpc,
    pollIntervalMs: 25,
    resendIntervalMs: 1000,
  });
  const authority = await generateKeyPairSigner();
  const vault = await generateKeyPairSigner();
  await validator.airdrop(authority.address, 100n * SOL);
  await validator.airdrop(vault.address, 1n * SOL);

  /** A user wallet funded with `lamports` (none if 0). */
  const newUser = async (lamports = 1n * SOL): Promise<KeyPairSigner> => {
    const user = await generateKeyPairSigner();
    if (lamports > 0n) await validator.airdrop(user.address, lamports);
    return user;
  };

  /** Sign as the browser wallet would, check it like the submit route would, then send. */
  const walletSignAndSend = async (
    message: BuiltMessage,
    user: KeyPairSigner,
    costLamports?: bigint,
  ): Promise<SendResult & { prepared: PreparedTransaction; wire: Base64EncodedWireTransaction }> => {
    const prepared = await prepareTransaction(message);
    const walletSigned = await partiallySignTransaction([user.keyPair], prepared.transaction);
    const signed = await parseSignedTransaction(getBase64EncodedWireTransaction(walletSigned), prepared.wire);
    const result = await sender.send({
      wire: signed.wire,
      lastValidBlockHeight: prepared.lastValidBlockHeight,
      ...(costLamports === undefined ? {} : { costLamports }),
    });
    return { ...result, prepared, wire: signed.wire };
  };

  /** Server-signed transaction, sent. */
  const serverSend = async (message: BuiltMessage): Promise<SendResult> => {
    const prepared = await prepareTransaction(message);
    return sender.send({ wire: prepared.wire, lastValidBlockHeight: prepared.lastValidBlockHeight });
  };

  const balance = async (address: Address) => (await chain.rpc.getBalance(address).send()).value;

  /** A lifetime whose blockhash differs from `previous` (waits for the next slot's blockhash). */
  const freshLifetime = async (previous: string): Promise<BlockhashLifetime> => {
    for (;;) {
      const { value } = await chain.rpc.getLatestBlockhash().send();
      if (value.blockhash !== previous) return value;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  return {
    validator,
    chain,
    sender,
    authority,
    vault,
    secret: randomBytes(32),
    newUser,
    walletSignAndSend,
    serverSend,
    balance,
    freshLifetime,
  };
}
