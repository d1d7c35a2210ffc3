import { createPublicKey, verify } from 'node:crypto';
import {
  AccountRole,
  address,
  appendTransactionMessageInstruction,
  blockhash,
  compileTransaction,
  createKeyPairSignerFromBytes,
  createTransactionMessage,
  generateKeyPairSigner,
  getTransactionEncoder,
  pipe,
  setTransactionMessageFeePayer,
  setTransactionMessageLifetimeUsingBlockhash,
} from '@solana/kit';
import { describe, expect, it } from 'vitest';
import { createTestWallet } from './test-wallet.ts';

const MEMO_PROGRAM = address('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr');

function verifyEd25519(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
    format: 'jwk',
  });
  return verify(null, message, key, signature);
}

async function twoSignerTransaction(feePayer: string, version: 0 | 'legacy') {
  const cosigner = await generateKeyPairSigner();
  const message = pipe(
    createTransactionMessage({ version }),
    (m) => setTransactionMessageFeePayer(address(feePayer), m),
    (m) =>
      setTransactionMessageLifetimeUsingBlockhash(
        {
          blockhash: blockhash('EETubP5AKHgjPAhzPAFcb8BAY1hMH639CWCFTqi3hq1k'),
          lastValidBlockHeight: 100n,
        },
        m,
      ),
    (m) =>
      appendTransactionMessageInstruction(
        {
          programAddress: MEMO_PROGRAM,
          accounts: [{ address: cosigner.address, role: AccountRole.READONLY_SIGNER }],
          data: new TextEncoder().encode('hello'),
        },
        m,
      ),
  );
  const compiled = compileTransaction(message);
  return { compiled, wire: new Uint8Array(getTransactionEncoder().encode(compiled)), cosigner };
}

describe('test wallet', () => {
  it('has the address Solana derives from its secret key', async () => {
    const wallet = createTestWallet();
    const signer = await createKeyPairSignerFromBytes(wallet.secretKey);
    expect(signer.address).toBe(wallet.address);
  });

  it('signs messages with a verifiable ed25519 signature', () => {
    const wallet = createTestWallet();
    const message = new TextEncoder().encode('Sign in to Insignia');
    expect(verifyEd25519(wallet.publicKey, message, wallet.signMessage(message))).toBe(true);
  });

  it.each([0, 'legacy'] as const)(
    'signs its own slot of a %s transaction, leaving others empty',
    async (version) => {
      const wallet = createTestWallet();
      const { compiled, wire, cosigner } = await twoSignerTransaction(wallet.address, version);
      const signed = wallet.signTransaction(wire);

      const slots = Object.keys(compiled.signatures);
      expect(slots).toEqual([wallet.address, cosigner.address]); // fee payer signs first
      const feePayerSignature = signed.subarray(1, 65);
      const cosignerSignature = signed.subarray(65, 129);
      expect(verifyEd25519(wallet.publicKey, new Uint8Array(compiled.messageBytes), feePayerSignature)).toBe(
        true,
      );
      expect(cosignerSignature.every((b) => b === 0)).toBe(true);
      expect(signed.subarray(129)).toEqual(wire.subarray(129));
    },
  );

  it('refuses a transaction it is not a signer of', async () => {
    const wallet = createTestWallet();
    const other = createTestWallet();
    const { wire } = await twoSignerTransaction(other.address, 0);
    expect(() => wallet.signTransaction(wire)).toThrow(/not a required signer/);
  });
});
