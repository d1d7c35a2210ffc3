import { generateKeyPairSync, sign } from 'node:crypto';
import { address, getBase58Decoder, type Address } from '@solana/kit';

/** An ed25519 keypair standing in for a browser wallet: its address and a signMessage. */
export function createTestWallet(): { address: Address; signMessage: (message: string) => string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const { x } = publicKey.export({ format: 'jwk' });
  if (x === undefined) throw new Error('an ed25519 public key exports its x coordinate');
  return {
    address: address(getBase58Decoder().decode(Buffer.from(x, 'base64url'))),
    signMessage(message: string): string {
      return getBase58Decoder().decode(sign(null, Buffer.from(message, 'utf8'), privateKey));
    },
  };
}
