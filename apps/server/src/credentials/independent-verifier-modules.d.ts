// Types for the independent verifier used in tests only (the @digitalcredentials stack and
// jsonld); product code never imports these packages.

declare module '@digitalcredentials/vc' {
  export function verifyCredential(options: {
    credential: unknown;
    suite: unknown;
    documentLoader: (url: string) => Promise<unknown>;
    now?: string | Date;
    checkStatus?: (options: unknown) => Promise<unknown>;
  }): Promise<{
    verified: boolean;
    error?: { message?: string };
    statusResult?: { verified: boolean; results?: Array<{ verified: boolean }> };
  }>;
}
declare module '@digitalcredentials/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { cryptosuite: unknown });
    readonly cryptosuite: string;
  }
}
declare module '@digitalcredentials/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: { name: string };
}
declare module '@digitalcredentials/vc-bitstring-status-list' {
  export function checkStatus(options: unknown): Promise<unknown>;
}
declare module 'jsonld' {
  const jsonld: {
    canonize(
      input: unknown,
      options: {
        algorithm: 'URDNA2015' | 'RDFC-1.0';
        format: 'application/n-quads';
        documentLoader: unknown;
        safe?: boolean;
      },
    ): Promise<string>;
  };
  export default jsonld;
}
