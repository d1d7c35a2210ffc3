import type { CredentialVerification } from '@insignia/contract';
import { describe, expect, it } from 'vitest';
import { formatDate } from '../app-center/format.ts';
import { describeBadgeStanding, validityFact } from './badge-standing-verdict.ts';
import { describeCredentialVerdict, shortenDid } from './credential-verdict.ts';
import { parseCredentialText } from './parse-credential-text.ts';

const verification = (fields: Partial<CredentialVerification>): CredentialVerification => ({
  verified: false,
  status: 'invalid',
  checks: [],
  issuer: { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', name: 'Insignia' },
  credential: { id: null, name: 'Early Supporter', achievement: null, validFrom: null, validUntil: null },
  ...fields,
});

describe('credential verdicts', () => {
  it('says verified only when the server verified it', () => {
    expect(describeCredentialVerdict(verification({ verified: true, status: 'valid' }))).toMatchObject({
      tone: 'ok',
      title: 'Credential verified',
      detail: 'Signed by Insignia, not revoked, with no expiry date.',
    });
    // A status of `valid` without `verified` is not taken as a pass.
    expect(describeCredentialVerdict(verification({ status: 'valid' })).tone).toBe('bad');
  });

  it('names revoked and expired plainly', () => {
    expect(describeCredentialVerdict(verification({ status: 'revoked' }))).toMatchObject({
      tone: 'bad',
      title: 'Credential revoked',
    });
    const until = '2026-02-01T00:00:00.000Z';
    const expired = describeCredentialVerdict(
      verification({ status: 'expired', credential: { ...verification({}).credential, validUntil: until } }),
    );
    expect(expired.title).toBe('Credential expired');
    expect(expired.detail).toContain(formatDate(until));
    expect(describeCredentialVerdict(verification({ status: 'invalid', issuer: null })).title).toBe(
      'Credential not verified',
    );
  });

  it('shortens a did:key to its ends and leaves short ones whole', () => {
    expect(shortenDid('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK')).toBe(
      'did:key:z6Mkha…ta2doK',
    );
    expect(shortenDid('did:web:a.example')).toBe('did:web:a.example');
  });
});

describe('badge standing on the public page', () => {
  it('puts revoked before expired, with the date', () => {
    const at = '2026-03-02T09:00:00.000Z';
    expect(
      describeBadgeStanding({ revokedAt: at, expired: true, validUntil: null }, 'Insignia'),
    ).toMatchObject({
      state: 'revoked',
      tone: 'bad',
      title: `Revoked on ${formatDate(at)}`,
    });
    expect(
      describeBadgeStanding(
        { revokedAt: null, expired: true, validUntil: '2026-02-01T00:00:00.000Z' },
        'Insignia',
      ),
    ).toMatchObject({ state: 'expired', title: `Expired on ${formatDate('2026-02-01T00:00:00.000Z')}` });
    expect(describeBadgeStanding({ revokedAt: null, expired: false, validUntil: null }, 'Insignia')).toEqual({
      state: 'valid',
    });
    expect(validityFact({ revokedAt: null, expired: false, validUntil: null })).toBe('Does not expire');
  });
});

describe('reading a credential file', () => {
  it('accepts one JSON object', () => {
    expect(parseCredentialText(' {"type":["VerifiableCredential"]} ')).toEqual({
      ok: true,
      credential: { type: ['VerifiableCredential'] },
    });
  });

  it('turns away what is not a credential with a plain message', () => {
    expect(parseCredentialText('')).toMatchObject({ ok: false, message: expect.stringMatching(/Paste/) });
    expect(parseCredentialText('%PDF-1.7 …')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/not JSON/),
    });
    expect(parseCredentialText('[1,2]')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/single JSON object/),
    });
    expect(parseCredentialText('null')).toMatchObject({ ok: false });
    expect(parseCredentialText(`{"a":"${'x'.repeat(200_001)}"}`)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/too large/),
    });
  });
});
