import { randomBytes } from 'node:crypto';
import {
  generateKeyPairSigner,
  getBase58Decoder,
  getBase64EncodedWireTransaction,
  getTransactionDecoder,
  lamports,
  partiallySignTransaction,
  signBytes,
  type KeyPairSigner,
} from '@solana/kit';
import type { LightMyRequestResponse } from 'fastify';
import type { AuthResponse, PreparedNftTransaction } from '@insignia/contract';
import type { TestApp } from './test-app.ts';

export const SOL = 1_000_000_000n;

export interface ChainUser extends AuthResponse {
  wallet: KeyPairSigner;
  /** An authenticated `inject` as this user. */
  call(method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<LightMyRequestResponse>;
  /** Signs a prepared transaction as the browser wallet would and returns it base64. */
  sign(prepared: PreparedNftTransaction): Promise<string>;
}

/**
 * A registered user with a real keypair wallet linked by SIWS, funded from the local
 * validator's faucet, and `volumeUsd` of trades ingested.
 */
export async function newChainUser(
  t: TestApp,
  options: { volumeUsd?: string; fundSol?: bigint; linkWallet?: boolean } = {},
): Promise<ChainUser> {
  const u = await t.newUser();
  const wallet = await generateKeyPairSigner();
  // Each person calls from their own address, as real users do, so per-client limits (wallet
  // challenges, faucet) count per person and not for the whole test file.
  const from = `10.${[...randomBytes(3)].join('.')}`;
  const call: ChainUser['call'] = (method, url, payload) =>
    t.app.inject({
      method,
      url,
      remoteAddress: from,
      headers: { authorization: `Bearer ${u.token}` },
      ...(payload ? { payload } : {}),
    });

  if (options.linkWallet !== false) {
    const challenge = (await call('GET', `/api/auth/siws/challenge?address=${wallet.address}`)).json();
    const signature = getBase58Decoder().decode(
      await signBytes(wallet.keyPair.privateKey, new TextEncoder().encode(challenge.message)),
    );
    const linked = await call('PUT', '/api/me/wallet', {
      address: wallet.address,
      message: challenge.message,
      signature,
    });
    if (linked.statusCode !== 200) throw new Error(`link failed: ${linked.body}`);
  }
  const fund = options.fundSol ?? 2n;
  if (fund > 0n) await t.ctx.chain.localValidator!.airdrop(wallet.address, lamports(fund * SOL));
  if (options.volumeUsd) await addVolume(t, u.user.id, options.volumeUsd);

  return {
    ...u,
    wallet,
    call,
    async sign(prepared) {
      const tx = getTransactionDecoder().decode(Buffer.from(prepared.transaction, 'base64'));
      return getBase64EncodedWireTransaction(await partiallySignTransaction([wallet.keyPair], tx));
    },
  };
}

let tradeCounter = 0;
export async function addVolume(t: TestApp, userId: string, volumeUsd: string): Promise<void> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/trades',
    headers: { 'x-api-key': t.ctx.config.ingestApiKey },
    payload: {
      trades: [
        {
          id: `test-trade-${process.pid}-${Date.now()}-${tradeCounter++}`,
          userId,
          volumeUsd,
          executedAt: new Date().toISOString(),
        },
      ],
    },
  });
  if (res.json().inserted !== 1) throw new Error(`trade not recorded: ${res.body}`);
}
