import { generateKeyPairSync, sign } from 'node:crypto';
import { getBase58Decoder } from '@solana/kit';

/** An ed25519 keypair standing in for a browser wallet: its address and a signMessage. */
export function createTestWallet() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const address = getBase58Decoder().decode(raw);
  return {
    address,
    signMessage(message: string): string {
      return getBase58Decoder().decode(sign(null, Buffer.from(message, 'utf8'), privateKey));
    },
  };
}
