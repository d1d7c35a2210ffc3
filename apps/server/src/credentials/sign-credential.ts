import { cryptosuite, DataIntegrityProof, issue } from './credential-libraries.ts';
import { loadDocument } from './document-loader.ts';
import type { CredentialSigner } from './issuer-key.ts';

/**
 * Signs an unsigned credential with an embedded `DataIntegrityProof` (cryptosuite
 * `eddsa-rdfc-2022`): RDF canonicalization, SHA-256, Ed25519. The result is plain JSON any
 * VC 2.0 verifier accepts.
 */
export async function signCredential(
  credential: Record<string, unknown>,
  signer: CredentialSigner,
): Promise<Record<string, unknown>> {
  const suite = new DataIntegrityProof({ signer, cryptosuite });
  // `issue` adds the proof to the object it is given: sign a copy.
  return issue({ credential: structuredClone(credential), suite, documentLoader: loadDocument });
}
