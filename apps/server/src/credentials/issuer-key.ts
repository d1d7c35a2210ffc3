import {
  getAddressEncoder,
  getBase58Decoder,
  getBase58Encoder,
  type Address,
  type MessagePartialSigner,
} from '@solana/kit';

/** The multicodec prefix of an Ed25519 public key (0xed, varint-encoded). */
const ED25519_PUB = [0xed, 0x01] as const;

/**
 * The issuer of every credential is the `did:key` of the platform authority. The same key is
 * the mint authority of every badge mint, so a verifier can tie a credential to the mint on
 * chain; a did:key resolves offline, with no web server (did:web would need an https domain,
 * which a self-hosted or localhost deployment may not have).
 *
 * A Solana address is the raw 32-byte Ed25519 public key, so the DID is built from it alone.
 */
export function didKeyOf(address: Address): string {
  const key = getAddressEncoder().encode(address);
  return `did:key:z${getBase58Decoder().decode(Uint8Array.from([...ED25519_PUB, ...key]))}`;
}

/** The one verification method of a did:key: `did:key:z…#z…`. */
export function verificationMethodOf(did: string): string {
  return `${did}#${did.slice('did:key:'.length)}`;
}

/** The Ed25519 public key a `did:key` names, or null when it is not an Ed25519 did:key. */
export function ed25519KeyOfDid(did: string): Uint8Array | null {
  const encoded = /^did:key:z([1-9A-HJ-NP-Za-km-z]+)$/.exec(did)?.[1];
  if (!encoded) return null;
  let bytes: Uint8Array;
  try {
    bytes = Uint8Array.from(getBase58Encoder().encode(encoded));
  } catch {
    return null;
  }
  if (bytes.length !== 34 || bytes[0] !== ED25519_PUB[0] || bytes[1] !== ED25519_PUB[1]) return null;
  return bytes.slice(2);
}

/** A Data Integrity signer for `DataIntegrityProof`. */
export interface CredentialSigner {
  id: string;
  algorithm: 'Ed25519';
  sign(input: { data: Uint8Array }): Promise<Uint8Array>;
}

/**
 * The authority as a Data Integrity signer: signs through the kit signer (whose signature
 * over a message is the raw Ed25519 signature), never touching the secret key.
 */
export function createCredentialSigner(authority: MessagePartialSigner): CredentialSigner {
  const did = didKeyOf(authority.address);
  return {
    id: verificationMethodOf(did),
    algorithm: 'Ed25519',
    async sign({ data }) {
      const [signatures] = await authority.signMessages([{ content: data, signatures: {} }]);
      const signature = signatures?.[authority.address];
      if (!signature) throw new Error('the authority did not sign the credential');
      return Uint8Array.from(signature);
    },
  };
}
