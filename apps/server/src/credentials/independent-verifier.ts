// Test support: a verifier that shares no code with the product's (the @digitalcredentials
// stack, its own did:key resolution), over the same bundled context files.
import { createHash, createPublicKey, verify as verifyEd25519 } from 'node:crypto';
import {
  credentialsContexts,
  dataIntegrityContext,
  multikeyContext,
  openBadgesContext,
} from './credential-libraries.ts';
import { DataIntegrityProof } from '@digitalcredentials/data-integrity';
import { cryptosuite } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import { verifyCredential } from '@digitalcredentials/vc';
import { checkStatus } from '@digitalcredentials/vc-bitstring-status-list';
import jsonld from 'jsonld';
import { getBase58Encoder } from '@solana/kit';

const contexts = new Map<string, unknown>([
  ...credentialsContexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
  ...openBadgesContext.contexts,
]);

/** The raw Ed25519 public key of a did:key (multibase base58btc, multicodec 0xed01). */
export function publicKeyOfDidKey(did: string): Uint8Array {
  const bytes = getBase58Encoder().encode(did.replace(/^did:key:z/, '').split('#')[0] ?? '');
  if (bytes[0] !== 0xed || bytes[1] !== 0x01 || bytes.length !== 34)
    throw new Error(`not an Ed25519 did:key: ${did}`);
  return Uint8Array.from(bytes.slice(2));
}

/** A document loader over the bundled contexts, did:key, and `extra` (e.g. fetched status lists). */
export function independentLoader(
  extra: (url: string) => Promise<unknown> = () => Promise.reject(new Error('no')),
) {
  return async (url: string) => {
    if (contexts.has(url)) return { contextUrl: null, documentUrl: url, document: contexts.get(url) };
    if (url.startsWith('did:key:')) {
      const did = url.split('#')[0] ?? '';
      publicKeyOfDidKey(did);
      const key = did.slice('did:key:'.length);
      const method = {
        id: `${did}#${key}`,
        type: 'Multikey',
        controller: did,
        publicKeyMultibase: key,
      };
      const document = url.includes('#')
        ? { '@context': 'https://w3id.org/security/multikey/v1', ...method }
        : {
            '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
            id: did,
            verificationMethod: [method],
            assertionMethod: [method.id],
          };
      return { contextUrl: null, documentUrl: url, document };
    }
    return { contextUrl: null, documentUrl: url, document: await extra(url) };
  };
}

/**
 * The @digitalcredentials verifier's answer: proof, dates and (when `statusList` can load
 * the list) the bitstring status, whose `status` is true when the credential is revoked.
 */
export async function verifyIndependently(
  credential: unknown,
  options: { now?: Date; statusList?: (url: string) => Promise<unknown> } = {},
) {
  const suite = new DataIntegrityProof({ cryptosuite });
  const documentLoader = independentLoader(options.statusList);
  return verifyCredential({
    credential,
    suite,
    documentLoader,
    ...(options.now ? { now: options.now } : {}),
    checkStatus: options.statusList
      ? (o: unknown) => checkStatus({ ...(o as object), suite, documentLoader })
      : () => Promise.resolve({ verified: true }),
  });
}

/**
 * eddsa-rdfc-2022 from the spec, with node:crypto only: the proof options (the proof without
 * `proofValue`, with the document's `@context`) and the unsecured document are each
 * canonicalized (RDFC-1.0) and hashed with SHA-256; the signature is Ed25519 over
 * proofHash ‖ documentHash, by the did:key's public key.
 */
export async function verifyFromSpec(credential: Record<string, unknown>): Promise<boolean> {
  const { proof, ...unsecured } = credential as { proof: Record<string, unknown> } & Record<string, unknown>;
  const { proofValue, ...proofOptions } = proof;
  const documentLoader = independentLoader();
  const canon = (doc: unknown) =>
    jsonld.canonize(doc, {
      algorithm: 'RDFC-1.0',
      format: 'application/n-quads',
      documentLoader,
      safe: true,
    });
  const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  const proofHash = sha256(await canon({ ...proofOptions, '@context': unsecured['@context'] }));
  const docHash = sha256(await canon(unsecured));
  const signature = Buffer.from(getBase58Encoder().encode((proofValue as string).slice(1)));
  const raw = publicKeyOfDidKey(proofOptions.verificationMethod as string);
  // An Ed25519 SPKI is a fixed 12-byte header and the raw key.
  const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]);
  const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  return verifyEd25519(null, Buffer.concat([proofHash, docHash]), key, signature);
}
