import { randomUUID } from 'node:crypto';
import {
  createSolanaRpc,
  generateKeyPairSigner,
  getBase58Decoder,
  getBase64EncodedWireTransaction,
  getTransactionDecoder,
  lamports,
  partiallySignTransaction,
  signBytes,
  type KeyPairSigner,
} from '@solana/kit';
import type { PreparedNftTransaction } from '@insignia/contract';
import { callApi, type ApiResponse } from './call-api.ts';

export const SOL = 1_000_000_000n;

/** Where a person reaches the server: its URL, and (to fund wallets) the validator's RPC. */
export interface ServerEndpoint {
  url: string;
  rpcUrl?: string | undefined;
  ingestApiKey: string;
}

export interface ApiUser {
  id: string;
  email: string;
  password: string;
  token: string;
  wallet: KeyPairSigner;
  call(method: string, path: string, body?: unknown): Promise<ApiResponse>;
  /** Signs a prepared transaction as the browser wallet would; base64 wire bytes. */
  sign(prepared: Pick<PreparedNftTransaction, 'transaction'>): Promise<string>;
}

/**
 * A person using a running server over HTTP: registered, a real keypair wallet linked by
 * Sign-In-With-Solana, funded from the validator's faucet, and trades ingested for them.
 * `server` may be swapped later (`rebind`) when the process restarts on another port.
 */
export async function createApiUser(
  server: ServerEndpoint,
  options: { volumeUsd?: string; sol?: bigint; linkWallet?: boolean } = {},
): Promise<ApiUser & { rebind(next: ServerEndpoint): void }> {
  let base = server;
  const email = `proof-${randomUUID()}@example.com`;
  const password = 'correct horse battery';
  const registered = await callApi(base.url, 'POST', '/api/auth/register', { body: { email, password } });
  if (registered.status !== 201) throw new Error(`register: ${registered.status} ${registered.text}`);
  const token = registered.body.token as string;
  const wallet = await generateKeyPairSigner();
  const user = {
    id: registered.body.user.id as string,
    email,
    password,
    token,
    wallet,
    call: (method: string, path: string, body?: unknown) =>
      callApi(base.url, method, path, { token, ...(body === undefined ? {} : { body }) }),
    async sign(prepared: Pick<PreparedNftTransaction, 'transaction'>) {
      const tx = getTransactionDecoder().decode(Buffer.from(prepared.transaction, 'base64'));
      return getBase64EncodedWireTransaction(await partiallySignTransaction([wallet.keyPair], tx));
    },
    rebind(next: ServerEndpoint) {
      base = next;
    },
  };
  if (options.linkWallet !== false) await linkWallet(user);
  const sol = options.sol ?? 2n;
  if (sol > 0n) {
    if (!base.rpcUrl) throw new Error('funding a wallet needs the local validator');
    await createSolanaRpc(base.rpcUrl)
      .requestAirdrop(wallet.address, lamports(sol * SOL))
      .send();
  }
  if (options.volumeUsd) await addVolume(base, user.id, options.volumeUsd);
  return user;
}

/** Links the user's wallet the way the Personal Center does: challenge, sign, submit. */
export async function linkWallet(user: Pick<ApiUser, 'call' | 'wallet'>): Promise<void> {
  const challenge = await user.call('GET', `/api/auth/siws/challenge?address=${user.wallet.address}`);
  if (challenge.status !== 200) throw new Error(`challenge: ${challenge.status} ${challenge.text}`);
  const message = challenge.body.message as string;
  const signature = getBase58Decoder().decode(
    await signBytes(user.wallet.keyPair.privateKey, new TextEncoder().encode(message)),
  );
  const linked = await user.call('PUT', '/api/me/wallet', {
    address: user.wallet.address,
    message,
    signature,
  });
  if (linked.status !== 200) throw new Error(`link wallet: ${linked.status} ${linked.text}`);
}

let tradeSeq = 0;

/** Records a trade for the user through `POST /api/trades`, as the trading platform does. */
export async function addVolume(server: ServerEndpoint, userId: string, volumeUsd: string): Promise<void> {
  const res = await callApi(server.url, 'POST', '/api/trades', {
    headers: { 'x-api-key': server.ingestApiKey },
    body: {
      trades: [
        {
          id: `proof-${process.pid}-${Date.now()}-${++tradeSeq}`,
          userId,
          volumeUsd,
          executedAt: new Date().toISOString(),
        },
      ],
    },
  });
  if (res.status !== 200 || res.body.inserted !== 1) throw new Error(`trade: ${res.status} ${res.text}`);
}
