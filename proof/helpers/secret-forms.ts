import { getBase58Decoder } from '@solana/kit';

/**
 * The ways a keypair's secret could show up in text: the Solana CLI JSON array (its first half
 * is the private seed), hex, base64, base64url and base58 of the seed and of the whole 64 bytes.
 */
export function keypairSecretForms(keypairJson: string): string[] {
  const bytes = Uint8Array.from(JSON.parse(keypairJson) as number[]);
  const seed = bytes.slice(0, 32);
  const base58 = getBase58Decoder();
  return [
    Array.from(seed).join(','),
    Array.from(seed).join(', '),
    Buffer.from(seed).toString('hex'),
    Buffer.from(seed).toString('base64'),
    Buffer.from(seed).toString('base64url'),
    base58.decode(seed),
    base58.decode(bytes),
  ];
}

/** How many times `needle` occurs in `haystack`. */
export function occurrences(haystack: string, needle: string): number {
  if (!needle) return 0;
  let count = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) count++;
  return count;
}
