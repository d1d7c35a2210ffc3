import { createPrivateKey, createPublicKey, randomBytes, sign as edSign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { getBase58Decoder, getBase58Encoder } from '@solana/kit';
import type { BrowserContext, Page } from 'playwright-core';
import { parseWireTransaction, signWireTransaction } from './wire-transaction.ts';

export type TestWalletMethod = 'connect' | 'signMessage' | 'signTransaction' | 'signAndSendTransaction';

export interface TestWalletOptions {
  /** Wallet name shown by the app (default "Insignia Test Wallet"). */
  name?: string;
  /** 32-byte ed25519 seed; random by default. */
  seed?: Uint8Array;
  /** JSON-RPC endpoint used by `solana:signAndSendTransaction`. */
  rpcUrl?: string;
}

export interface TestWallet {
  readonly name: string;
  /** Base58 address (the public key). */
  readonly address: string;
  readonly publicKey: Uint8Array;
  /** 64 bytes: seed then public key, the layout of Solana keypair files. */
  readonly secretKey: Uint8Array;
  /** Every request the page made, in order. */
  readonly calls: TestWalletMethod[];
  signMessage(message: Uint8Array): Uint8Array;
  /** Signs a wire-format transaction in this wallet's signature slot. */
  signTransaction(wire: Uint8Array): Uint8Array;
  /** Makes the next request of this kind fail as if the person pressed "Reject". */
  rejectNext(method: TestWalletMethod, message?: string): void;
  setRpcUrl(url: string): void;
  /** Registers the wallet (Wallet Standard) in every page of `target`, before app scripts run. */
  install(target: Page | BrowserContext): Promise<void>;
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const pageScript = readFileSync(new URL('./test-wallet-page.js', import.meta.url), 'utf8');
const ICON =
  'data:image/svg+xml;base64,' +
  Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0f766e"/><path d="M9 16l5 5 9-10" stroke="#fff" stroke-width="3" fill="none"/></svg>',
  ).toString('base64');

/**
 * A scriptable Wallet Standard wallet for browser tests. The page side only forwards requests;
 * keys and signing stay in Node, with a real ed25519 keypair.
 */
export function createTestWallet(options: TestWalletOptions = {}): TestWallet {
  const name = options.name ?? 'Insignia Test Wallet';
  const seed = options.seed ?? randomBytes(32);
  const privateKey: KeyObject = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKey = new Uint8Array(
    createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32),
  );
  const address = getBase58Decoder().decode(publicKey);
  const secretKey = new Uint8Array([...seed, ...publicKey]);
  let rpcUrl = options.rpcUrl;
  const rejections = new Map<TestWalletMethod, string>();
  const calls: TestWalletMethod[] = [];

  const signMessage = (message: Uint8Array) => new Uint8Array(edSign(null, message, privateKey));
  const signTransaction = (wire: Uint8Array) => signWireTransaction(wire, publicKey, signMessage);

  async function sendTransaction(
    wire: Uint8Array,
    sendOptions: Record<string, unknown>,
  ): Promise<Uint8Array> {
    if (!rpcUrl) throw new Error('The test wallet has no RPC URL (createTestWallet({ rpcUrl }))');
    const signed = signTransaction(wire);
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'sendTransaction',
        params: [Buffer.from(signed).toString('base64'), { encoding: 'base64', ...sendOptions }],
      }),
    });
    const body = (await response.json()) as { result?: string; error?: { message: string } };
    if (!body.result) throw new Error(`sendTransaction failed: ${body.error?.message ?? response.status}`);
    return new Uint8Array(getBase58Encoder().encode(body.result));
  }

  async function handle(
    method: TestWalletMethod,
    payload: string,
    extra: Record<string, unknown>,
  ): Promise<string> {
    calls.push(method);
    const rejection = rejections.get(method);
    if (rejection !== undefined) {
      rejections.delete(method);
      throw new Error(rejection);
    }
    const bytes = new Uint8Array(Buffer.from(payload, 'base64'));
    const b64 = (out: Uint8Array) => Buffer.from(out).toString('base64');
    switch (method) {
      case 'connect':
        return '';
      case 'signMessage':
        return b64(signMessage(bytes));
      case 'signTransaction':
        return b64(signTransaction(bytes));
      case 'signAndSendTransaction':
        parseWireTransaction(bytes); // fail early on garbage, before any network call
        return b64(await sendTransaction(bytes, extra));
    }
  }

  return {
    name,
    address,
    publicKey,
    secretKey,
    calls,
    signMessage,
    signTransaction,
    rejectNext: (method, message = 'User rejected the request.') => void rejections.set(method, message),
    setRpcUrl: (url) => void (rpcUrl = url),
    async install(target) {
      const bridge = `__insigniaTestWallet_${address.slice(0, 8)}`;
      await target.exposeFunction(
        bridge,
        (method: TestWalletMethod, payload: string, extra: Record<string, unknown>) =>
          handle(method, payload, extra),
      );
      const config = { name, icon: ICON, address, publicKey: [...publicKey], bridge };
      await target.addInitScript({
        content: `${pageScript}\ninstallInsigniaTestWallet(${JSON.stringify(config)});`,
      });
    },
  };
}
