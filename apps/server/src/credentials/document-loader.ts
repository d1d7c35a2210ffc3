import {
  credentialsContexts,
  dataIntegrityContext,
  multikeyContext,
  openBadgesContext,
  statusListContexts,
} from './credential-libraries.ts';
import { ed25519KeyOfDid, verificationMethodOf } from './issuer-key.ts';

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';
const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';

/** Every JSON-LD context a credential of ours may name, bundled: nothing is ever fetched. */
const bundled = new Map<string, unknown>([
  ...credentialsContexts,
  ...statusListContexts,
  ...dataIntegrityContext.contexts,
  ...multikeyContext.contexts,
  ...openBadgesContext.contexts,
]);

export interface LoadedDocument {
  contextUrl: null;
  documentUrl: string;
  document: unknown;
}

/** The DID document of an Ed25519 did:key, or its one verification method (a `#` URL). */
function resolveDidKey(url: string): unknown {
  const [did = '', fragment] = url.split('#');
  if (!ed25519KeyOfDid(did)) throw new Error(`not an Ed25519 did:key: ${url}`);
  const method = verificationMethodOf(did);
  const key = {
    id: method,
    type: 'Multikey',
    controller: did,
    publicKeyMultibase: did.slice('did:key:'.length),
  };
  if (fragment !== undefined) {
    if (url !== method) throw new Error(`no such verification method: ${url}`);
    return { '@context': MULTIKEY_CONTEXT, ...key };
  }
  return {
    '@context': [DID_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    verificationMethod: [key],
    authentication: [method],
    assertionMethod: [method],
    capabilityDelegation: [method],
    capabilityInvocation: [method],
  };
}

/** Whether `url` is one of the bundled JSON-LD contexts (nothing else is ever loaded). */
export const isBundledContext = (url: string) => bundled.has(url);

/**
 * The JSON-LD document loader of signing and verifying: the bundled contexts and did:key
 * (resolved from the key itself). Anything else is refused, so a credential naming an unknown
 * context cannot make this server fetch a URL.
 */
export function loadDocument(url: string): Promise<LoadedDocument> {
  const document = bundled.get(url) ?? (url.startsWith('did:key:') ? didKeyDocument(url) : undefined);
  if (document instanceof Error) return Promise.reject(document);
  if (document === undefined) return Promise.reject(new Error(`document not bundled, not fetched: ${url}`));
  return Promise.resolve({ contextUrl: null, documentUrl: url, document });
}

/** `resolveDidKey`, its refusal as a value. */
function didKeyDocument(url: string): unknown {
  try {
    return resolveDidKey(url);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
