import { createHash, createHmac } from 'node:crypto';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './document-loader.ts';
import { statusListPosition, statusListUrl } from './status-list-position.ts';

/** What a credential says about one issuance, read from the database. */
export interface CredentialFacts {
  issuanceId: string;
  issuedAt: Date;
  validUntil: Date | null;
  statusListIndex: number;
  recipientEmail: string;
  badge: { id: string; name: string; description: string; imageUrl: string | null };
  /** On-chain issuances: the Token-2022 mint and the transaction that minted this one. */
  mint: { address: string; signature: string | null; explorerTxUrl: string | null } | null;
  metadataCid: string | null;
}

export interface IssuerProfile {
  did: string;
  name: string;
  publicUrl: string;
}

/** XML Schema dateTime without milliseconds, the form every VC library reads. */
export const dateTimeOf = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The salt of one issuance's identity hash: an HMAC of the deployment secret and the issuance
 * id, so it is stable (one credential, however often it is signed) and reveals nothing.
 */
export function identitySaltOf(secret: string, issuanceId: string): string {
  return createHmac('sha256', secret)
    .update(`insignia/credential-salt/v1\0${issuanceId}`)
    .digest('hex')
    .slice(0, 32);
}

/** The public URL of an issuance's credential (also its `id`). */
export const credentialUrl = (publicUrl: string, issuanceId: string) =>
  `${publicUrl.replace(/\/+$/, '')}/api/public/badges/${issuanceId}/credential`;

/**
 * The unsigned OB 3.0 `OpenBadgeCredential` (VC Data Model 2.0) of an issuance. The recipient
 * is a salted email hash: no email, user id or wallet address appears in clear.
 */
export function buildCredential(facts: CredentialFacts, issuer: IssuerProfile, saltSecret: string) {
  const salt = identitySaltOf(saltSecret, facts.issuanceId);
  const identityHash = createHash('sha256')
    .update(facts.recipientEmail + salt)
    .digest('hex');
  const { list, bit } = statusListPosition(facts.statusListIndex);
  const listUrl = statusListUrl(issuer.publicUrl, list);
  const { badge } = facts;
  const evidence = [
    ...(facts.mint
      ? [
          {
            ...(facts.mint.explorerTxUrl ? { id: facts.mint.explorerTxUrl } : {}),
            type: ['Evidence'],
            name: 'Solana mint transaction',
            description: `Token-2022 mint ${facts.mint.address}, transaction ${facts.mint.signature ?? 'unknown'}`,
          },
        ]
      : []),
    ...(facts.metadataCid
      ? [
          {
            id: `ipfs://${facts.metadataCid}`,
            type: ['Evidence'],
            name: 'Issuance metadata',
            description: 'The issuance record published on IPFS when the badge was issued.',
          },
        ]
      : []),
  ];
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: credentialUrl(issuer.publicUrl, facts.issuanceId),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: badge.name,
    issuer: { id: issuer.did, type: ['Profile'], name: issuer.name, url: issuer.publicUrl },
    validFrom: dateTimeOf(facts.issuedAt),
    ...(facts.validUntil ? { validUntil: dateTimeOf(facts.validUntil) } : {}),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityHash: `sha256$${identityHash}`,
          identityType: 'emailAddress',
          hashed: true,
          salt,
        },
      ],
      achievement: {
        id: `urn:uuid:${badge.id}`,
        type: ['Achievement'],
        name: badge.name,
        description: badge.description || badge.name,
        criteria: { narrative: badge.description || `Awarded by ${issuer.name}.` },
        ...(badge.imageUrl ? { image: { id: badge.imageUrl, type: 'Image' } } : {}),
      },
    },
    ...(evidence.length ? { evidence } : {}),
    credentialStatus: {
      id: `${listUrl}#${bit}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(bit),
      statusListCredential: listUrl,
    },
  };
}
