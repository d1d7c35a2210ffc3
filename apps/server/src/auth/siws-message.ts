/**
 * Sign-In-With-Solana messages in the standard text form wallets display (the Solana
 * wallet-standard "solana:signIn" / CAIP-122 layout), so a person sees what they sign.
 */
export interface SiwsFields {
  domain: string;
  address: string;
  statement: string;
  uri: string;
  chainId: string;
  nonce: string;
  issuedAt: string;
  expirationTime: string;
}

export function formatSiwsMessage(f: SiwsFields): string {
  return [
    `${f.domain} wants you to sign in with your Solana account:`,
    f.address,
    '',
    f.statement,
    '',
    `URI: ${f.uri}`,
    'Version: 1',
    `Chain ID: ${f.chainId}`,
    `Nonce: ${f.nonce}`,
    `Issued At: ${f.issuedAt}`,
    `Expiration Time: ${f.expirationTime}`,
  ].join('\n');
}

/** The nonce line of a message, or undefined if there is none. */
export function readSiwsNonce(message: string): string | undefined {
  return /^Nonce: ([A-Za-z0-9]{8,64})$/m.exec(message)?.[1];
}
