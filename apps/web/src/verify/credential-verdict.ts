import type { CredentialCheck, CredentialVerification } from '@insignia/contract';
import { formatDate } from '../app-center/format.ts';

export type VerdictTone = 'ok' | 'info' | 'warn' | 'bad';

export interface VerdictView {
  tone: VerdictTone;
  title: string;
  detail: string;
}

/** The credential check's verdict in a line a verifier reads first, and a sentence under it. */
export function describeCredentialVerdict(v: CredentialVerification): VerdictView {
  const issuer = v.issuer?.name ?? 'its issuer';
  const until = v.credential.validUntil ? formatDate(v.credential.validUntil) : null;
  if (v.verified) {
    return {
      tone: 'ok',
      title: 'Credential verified',
      detail: `Signed by ${issuer}, not revoked${until ? `, and valid until ${until}` : ', with no expiry date'}.`,
    };
  }
  switch (v.status) {
    case 'revoked':
      return {
        tone: 'bad',
        title: 'Credential revoked',
        detail: `The signature is genuine, but ${issuer} has revoked this credential: it no longer counts.`,
      };
    case 'expired':
      return {
        tone: 'warn',
        title: 'Credential expired',
        detail: `The signature is genuine, but it was valid only until ${until ?? 'a date that has passed'}.`,
      };
    case 'not_yet_valid':
      return {
        tone: 'warn',
        title: 'Credential not valid yet',
        detail: v.credential.validFrom
          ? `It becomes valid on ${formatDate(v.credential.validFrom)}.`
          : 'Its validity period has not started.',
      };
    default:
      return {
        tone: 'bad',
        title: 'Credential not verified',
        detail: 'It could not be confirmed as issued and signed by this platform: do not rely on it.',
      };
  }
}

const checkNames: Record<CredentialCheck['check'], string> = {
  signature: 'Signature',
  issuer: 'Issuer',
  status: 'Revocation status',
  expiry: 'Validity period',
};

/** A check's name as the result panel shows it. */
export const checkLabel = (check: CredentialCheck['check']): string => checkNames[check];

/**
 * A DID short enough for one line on a phone: `did:key:z6Mk…Xy9q`. The copy button always copies
 * the whole of it.
 */
export function shortenDid(did: string, keep = 6): string {
  const prefix = /^did:[a-z0-9]+:/.exec(did)?.[0] ?? '';
  const rest = did.slice(prefix.length);
  return rest.length <= keep * 2 + 1 ? did : `${prefix}${rest.slice(0, keep)}…${rest.slice(-keep)}`;
}
