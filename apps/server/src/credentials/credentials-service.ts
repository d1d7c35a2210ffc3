import { createHash } from 'node:crypto';
import type { MessagePartialSigner } from '@solana/kit';
import type { CredentialVerification, VerificationNetwork } from '@insignia/contract';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { buildCredential, type CredentialFacts } from './build-credential.ts';
import { checkCredential, type CredentialCheckPolicy } from './check-credential.ts';
import {
  findIssuedForCredential,
  findRevocationAt,
  findStoredCredential,
  insertCredentialOnce,
  revokedIndexes,
  statusListFingerprint,
} from './credentials-queries.ts';
import { createCredentialSigner, didKeyOf } from './issuer-key.ts';
import { signCredential } from './sign-credential.ts';
import { buildStatusListCredential } from './status-list-credential.ts';
import { listNumberOf, statusListRange, statusListUrl, STATUS_LIST_LENGTH } from './status-list-position.ts';

export interface CredentialsDeps {
  db: Db;
  /** The platform authority: the issuer's key. */
  authority: MessagePartialSigner;
  publicUrl: string;
  platformName: string;
  /** Deployment secret the recipients' identity salts are derived from. */
  saltSecret: string;
  network: () => Promise<VerificationNetwork>;
  /** Where `/ipfs/:cid` images are served: a public gateway, or this server. */
  gatewayBaseUrl: string;
}

/** Explorer query string of each public cluster; other networks have no explorer to link. */
const explorerClusters: Partial<Record<VerificationNetwork, string>> = {
  mainnet: '',
  devnet: '?cluster=devnet',
  testnet: '?cluster=testnet',
};

/**
 * Open Badges 3.0 credentials of issued badges: signed on first request and stored (so every
 * instance serves the same one), the revocation status lists they point to, and verification.
 */
export function createCredentialsService(deps: CredentialsDeps) {
  const signer = createCredentialSigner(deps.authority);
  const did = didKeyOf(deps.authority.address);
  const publicUrl = deps.publicUrl.replace(/\/+$/, '');
  const issuer = { did, name: deps.platformName, publicUrl };
  /** Signed status lists, with the database state they were built from. */
  const lists = new Map<number, { fingerprint: string; credential: Record<string, unknown>; etag: string }>();

  async function factsOf(issuanceId: string): Promise<CredentialFacts> {
    const row = await findIssuedForCredential(deps.db, issuanceId);
    if (!row) throw new AppError('VERIFY__BADGE_NOT_FOUND');
    const onChain = row.badgeType === 'blockchain' && row.destination !== 'none' && row.badgeMint;
    let mint: CredentialFacts['mint'] = null;
    if (onChain) {
      const signature = row.mintSignature ?? row.transactionSignature ?? null;
      const cluster = explorerClusters[await deps.network()];
      mint = {
        address: row.badgeMint as string,
        signature,
        explorerTxUrl:
          signature && cluster !== undefined ? `https://explorer.solana.com/tx/${signature}${cluster}` : null,
      };
    }
    const gateway = (deps.gatewayBaseUrl || publicUrl).replace(/\/+$/, '');
    const imageUrl = row.imageCid
      ? `${gateway}/ipfs/${row.imageCid}`
      : row.imageUri?.startsWith('https://')
        ? row.imageUri
        : null;
    return {
      issuanceId: row.id,
      issuedAt: row.issuedAt ?? row.createdAt,
      validUntil: row.validUntil,
      statusListIndex: row.statusListIndex,
      recipientEmail: row.recipientEmail,
      badge: { id: row.badgeId, name: row.badgeName, description: row.badgeDescription, imageUrl },
      mint,
      metadataCid: row.metadataCid,
    };
  }

  /** The server's view: issued by this platform's did:key; status read from the database. */
  const policy: CredentialCheckPolicy = {
    issuer: ({ id, name }) =>
      id === did
        ? { ok: true, message: `Issued by ${deps.platformName} (${did}).` }
        : { ok: false, message: `Issued by ${name ? `${name} (${id})` : id}, not by this platform.` },
    async readStatus({ listUrl, bit }) {
      const list = listNumberOf(publicUrl, listUrl);
      if (list === null || bit >= STATUS_LIST_LENGTH)
        return { state: 'unchecked', message: 'Not checked: its revocation list is not this platform’s.' };
      const row = await findRevocationAt(deps.db, statusListRange(list).first + bit);
      if (!row)
        return {
          state: 'unchecked',
          message: 'Not checked: no badge of this platform has that status entry.',
        };
      return row.revokedAt
        ? { state: 'revoked', message: `Revoked on ${row.revokedAt.toISOString()}.` }
        : { state: 'active', message: 'Not revoked.' };
    },
  };

  async function credential(issuanceId: string): Promise<Record<string, unknown>> {
    const stored = await findStoredCredential(deps.db, issuanceId);
    if (stored) return stored;
    const signed = await signCredential(
      buildCredential(await factsOf(issuanceId), issuer, deps.saltSecret),
      signer,
    );
    await insertCredentialOnce(deps.db, issuanceId, signed);
    // Read back: when two requests sign at once, both serve the one that was stored.
    return (await findStoredCredential(deps.db, issuanceId)) ?? signed;
  }

  return {
    /** The issuer's DID (the authority's did:key). */
    issuerDid: did,
    /** The issuer profile every credential names, as `GET /api/public/credentials/issuer` serves it. */
    issuer: { id: did, type: ['Profile'], name: deps.platformName, url: publicUrl },
    credential,

    async verificationOf(issuanceId: string): Promise<CredentialVerification> {
      return checkCredential(await credential(issuanceId), policy);
    },

    /** Checks any credential JSON; never throws on what it is given. */
    verify: (input: unknown): Promise<CredentialVerification> => checkCredential(input, policy),

    /** The signed status list `list`, re-signed only when its revoked rows changed. */
    async statusList(list: number): Promise<{ credential: Record<string, unknown>; etag: string }> {
      const { first, last } = statusListRange(list);
      const state = await statusListFingerprint(deps.db, first, last);
      if (state.issuances === 0) throw new AppError('CREDENTIAL__STATUS_LIST_NOT_FOUND');
      const fingerprint = `${state.revoked}:${state.latest ?? ''}:${state.indexSum ?? ''}`;
      const memo = lists.get(list);
      if (memo?.fingerprint === fingerprint) return memo;
      const unsigned = await buildStatusListCredential({
        listUrl: statusListUrl(publicUrl, list),
        issuerDid: did,
        revokedIndexes: await revokedIndexes(deps.db, first, last),
      });
      const signed = await signCredential(unsigned, signer);
      const etag = `"${createHash('sha256').update(fingerprint).digest('base64url').slice(0, 22)}"`;
      const built = { fingerprint, credential: signed, etag };
      lists.set(list, built);
      return built;
    },
  };
}

export type CredentialsService = ReturnType<typeof createCredentialsService>;
