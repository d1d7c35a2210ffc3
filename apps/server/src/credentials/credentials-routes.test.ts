import { eq } from 'drizzle-orm';
import type { CredentialVerification } from '@insignia/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerFor,
  createBadge,
  drainBadgeWorker,
  insertUsers,
  issuancesOf,
  type Caller,
  type FixtureUser,
} from '../badges/badge-test-fixtures.ts';
import { badgeIssuances } from '../badges/badges-schema.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { badgeCredentials } from './credentials-schema.ts';
import { loadDocument } from './document-loader.ts';
import { verifyFromSpec, verifyIndependently } from './independent-verifier.ts';
import { didKeyOf } from './issuer-key.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- free-form JSON-LD, walked by path
type Credential = Record<string, any>;

describe('Open Badges 3.0 credentials', () => {
  let t: TestApp;
  let admin: Caller;
  beforeAll(async () => {
    t = await createTestApp({ PLATFORM_NAME: 'Acme Exchange', PUBLIC_URL: 'https://badges.acme.test' });
    admin = callerFor(t, (await t.newAdmin()).token);
  });
  afterAll(async () => t.close());

  const open = (url: string) => t.app.inject({ method: 'GET', url });
  const verifyByApi = async (credential: unknown) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/credentials/verify',
      payload: credential as object,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<CredentialVerification>();
  };
  /** Status lists as a verifier would fetch them: from this server. */
  const statusList = async (url: string) => {
    const res = await open(new URL(url).pathname);
    if (res.statusCode !== 200) throw new Error(`status list ${res.statusCode}`);
    return res.json();
  };

  async function issue(type: 'database' | 'blockchain', count = 1, withWallet = count) {
    const badge = await createBadge(admin, {
      type,
      name: `Season ${type} ${Math.random().toString(36).slice(2, 6)}`,
    });
    const people = await insertUsers(t, count, withWallet);
    const created = await admin('POST', '/api/admin/issuances', {
      badgeIds: [badge.id],
      recipients: { userIds: people.map((p) => p.id) },
    });
    expect(created.statusCode, created.body).toBe(201);
    await drainBadgeWorker(t);
    const rows = await issuancesOf(t, created.json().batch.id);
    return { badge, people, rows: people.map((p) => rows.find((r) => r.userId === p.id)!) };
  }

  function expectNothingPersonal(body: string, person: FixtureUser) {
    expect(body).not.toContain(person.email);
    expect(body).not.toContain(person.id);
    if (person.wallet) expect(body).not.toContain(person.wallet.address);
  }

  it('a database-only badge: a signed OB3 credential any verifier accepts', async () => {
    const { badge, people, rows } = await issue('database', 1, 0);
    const res = await open(`/api/public/badges/${rows[0]!.id}/credential`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/ld\+json/);
    const credential = res.json<Credential>();
    const did = didKeyOf(t.ctx.chain.authority.address);
    expect(credential).toMatchObject({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: `https://badges.acme.test/api/public/badges/${rows[0]!.id}/credential`,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: did, type: ['Profile'], name: 'Acme Exchange', url: 'https://badges.acme.test' },
      credentialSubject: {
        identifier: [{ type: 'IdentityObject', identityType: 'emailAddress', hashed: true }],
        achievement: { id: `urn:uuid:${badge.id}`, name: badge.name, image: { type: 'Image' } },
      },
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
      proof: {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        verificationMethod: `${did}#${did.slice(8)}`,
      },
    });
    expect(new Date(credential.validFrom).getTime()).toBeLessThanOrEqual(Date.now());
    expect(credential.evidence).toEqual([expect.objectContaining({ id: `ipfs://${rows[0]!.metadataCid}` })]);
    // The recipient can prove it is them: sha256(email + salt).
    const { identityHash, salt } = credential.credentialSubject.identifier[0] as {
      identityHash: string;
      salt: string;
    };
    const { createHash } = await import('node:crypto');
    expect(identityHash).toBe(
      `sha256$${createHash('sha256')
        .update(people[0]!.email + salt)
        .digest('hex')}`,
    );
    expectNothingPersonal(res.body, people[0]!);

    expect((await verifyIndependently(credential, { statusList })).verified).toBe(true);
    expect(await verifyFromSpec(credential)).toBe(true);
    // The did:key is the authority's Solana address, byte for byte.
    const verification = await open(`/api/public/badges/${rows[0]!.id}/credential/verification`);
    expect(verification.json()).toMatchObject({
      verified: true,
      status: 'valid',
      checks: [
        { check: 'signature', ok: true },
        { check: 'issuer', ok: true },
        { check: 'status', ok: true, message: 'Not revoked.' },
        { check: 'expiry', ok: true },
      ],
      issuer: { id: did, name: 'Acme Exchange' },
      credential: { name: badge.name, achievement: badge.name, validUntil: null },
    });

    const download = await open(`/api/public/badges/${rows[0]!.id}/credential?download=1`);
    const slug = badge.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="${slug}-${rows[0]!.id.slice(0, 8)}.json"`,
    );
    expect(download.body).toBe(res.body);
  });

  it('an on-chain badge names its Token-2022 mint and mint transaction as evidence', async () => {
    const { badge, people, rows } = await issue('blockchain', 2, 1);
    for (const [i, row] of rows.entries()) {
      const res = await open(`/api/public/badges/${row.id}/credential`);
      expect(res.statusCode, res.body).toBe(200);
      const credential = res.json<Credential>();
      const mint = credential.evidence.find((e: Credential) => e.name === 'Solana mint transaction');
      // The bundled validator has no public explorer: no link, the ids in the description.
      expect(mint.id).toBeUndefined();
      expect(mint.description).toContain(`Token-2022 mint ${badge.mintAddress}, transaction `);
      expect(mint.description).toMatch(/transaction [1-9A-HJ-NP-Za-km-z]{64,88}$/);
      expectNothingPersonal(res.body, people[i]!);
      expect((await verifyIndependently(credential, { statusList })).verified).toBe(true);
      expect(await verifyFromSpec(credential)).toBe(true);
      expect((await verifyByApi(credential)).status).toBe('valid');
    }
  });

  it('a tampered credential is refused by the independent verifier and by ours', async () => {
    const { rows } = await issue('database', 1, 0);
    const credential = (await open(`/api/public/badges/${rows[0]!.id}/credential`)).json<Credential>();
    const other = didKeyOf((await import('@solana/kit').then((k) => k.generateKeyPairSigner())).address);
    const flip = (s: string) => s.slice(0, 10) + (s[10] === 'a' ? 'b' : 'a') + s.slice(11);
    const tampered: Record<string, Credential> = {
      name: { ...credential, name: 'Grand Champion' },
      validUntil: { ...credential, validUntil: '2099-01-01T00:00:00Z' },
      identityHash: {
        ...credential,
        credentialSubject: {
          ...credential.credentialSubject,
          identifier: [
            { ...credential.credentialSubject.identifier[0], identityHash: `sha256$${'0'.repeat(64)}` },
          ],
        },
      },
      issuer: { ...credential, issuer: { ...credential.issuer, id: other } },
      proofValue: {
        ...credential,
        proof: { ...credential.proof, proofValue: flip(credential.proof.proofValue) },
      },
    };
    for (const [what, doc] of Object.entries(tampered)) {
      expect((await verifyIndependently(doc, { statusList })).verified, what).toBe(false);
      expect(await verifyFromSpec(doc).catch(() => false), what).toBe(false);
      const ours = await verifyByApi(doc);
      expect(ours, what).toMatchObject({ verified: false, status: 'invalid' });
      expect(ours.checks[0], what).toMatchObject({ check: 'signature', ok: false });
    }
    expect((await verifyByApi(tampered.issuer!)).checks[1]).toEqual({
      check: 'issuer',
      ok: false,
      message: `Issued by Acme Exchange (${other}), not by this platform.`,
    });
    // Garbage that is still a JSON object: 200, invalid; not an object at all: 400.
    expect(await verifyByApi({ hello: 'world' })).toMatchObject({
      verified: false,
      status: 'invalid',
      issuer: null,
    });
    expect(await verifyByApi({ ...credential, '@context': 'https://evil.example/ctx' })).toMatchObject({
      verified: false,
    });
    for (const payload of ['[1,2]', '"text"', '42']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/public/credentials/verify',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode, payload).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION__INVALID_BODY');
    }
    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/public/credentials/verify',
      payload: { ...credential, padding: 'x'.repeat(70 * 1024) },
    });
    expect(huge.statusCode).toBe(413);
  });

  it('a revocation sets the bit at once; neighbours stay clear', async () => {
    const { rows } = await issue('database', 3, 0);
    const credentials = await Promise.all(
      rows.map(async (r) => (await open(`/api/public/badges/${r.id}/credential`)).json<Credential>()),
    );
    const listUrl = credentials[0]!.credentialStatus.statusListCredential as string;
    const before = await open(new URL(listUrl).pathname);
    expect(before.statusCode).toBe(200);
    expect(before.headers['cache-control']).toBe('no-cache');
    const etag = before.headers.etag as string;
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: new URL(listUrl).pathname,
          headers: { 'if-none-match': etag },
        })
      ).statusCode,
    ).toBe(304);

    await t.ctx.database.db
      .update(badgeIssuances)
      .set({ revokedAt: new Date() })
      .where(eq(badgeIssuances.id, rows[1]!.id));
    const after = await open(new URL(listUrl).pathname);
    expect(after.headers.etag).not.toBe(etag);

    const results = await Promise.all(credentials.map((c) => verifyIndependently(c, { statusList })));
    // This stack's status entry is `verified` while its bit is clear.
    expect(results.map((r) => r.statusResult?.results?.[0]?.verified)).toEqual([true, false, true]);
    expect(results.map((r) => r.verified)).toEqual([true, false, true]);
    const ours = await verifyByApi(credentials[1]);
    expect(ours).toMatchObject({
      verified: false,
      status: 'revoked',
      checks: [{ ok: true }, { ok: true }, { check: 'status', ok: false }, { ok: true }],
    });
    expect(ours.checks[2]!.message).toMatch(/^Revoked on /);
    expect((await open(`/api/public/badges/${rows[1]!.id}/credential/verification`)).json()).toMatchObject({
      status: 'revoked',
    });
    expect((await verifyByApi(credentials[0])).status).toBe('valid');
    // The revoked credential is still served: the list tells verifiers.
    expect((await open(`/api/public/badges/${rows[1]!.id}/credential`)).statusCode).toBe(200);
  });

  it('an expired badge: our endpoint says expired; a verifier after validUntil refuses', async () => {
    const { rows } = await issue('database', 1, 0);
    const validUntil = new Date(Date.now() - 60_000);
    await t.ctx.database.db
      .update(badgeIssuances)
      .set({ validUntil, issuedAt: new Date(Date.now() - 3_600_000) })
      .where(eq(badgeIssuances.id, rows[0]!.id));
    const credential = (await open(`/api/public/badges/${rows[0]!.id}/credential`)).json<Credential>();
    expect(new Date(credential.validUntil).getTime()).toBe(Math.floor(validUntil.getTime() / 1000) * 1000);
    const ours = (
      await open(`/api/public/badges/${rows[0]!.id}/credential/verification`)
    ).json<CredentialVerification>();
    expect(ours).toMatchObject({
      verified: false,
      status: 'expired',
      checks: [{ ok: true }, { ok: true }, { ok: true }, { check: 'expiry', ok: false }],
    });
    expect(
      (await verifyIndependently(credential, { statusList, now: new Date(Date.now() + 3_600_000) })).verified,
    ).toBe(false);
    // Within its validity period, the same signature holds.
    expect(
      (await verifyIndependently(credential, { statusList, now: new Date(validUntil.getTime() - 600_000) }))
        .verified,
    ).toBe(true);
  });

  it('is not fooled by other documents the platform signs, or by an unknown context', async () => {
    const { rows } = await issue('database', 1, 0);
    const credential = (await open(`/api/public/badges/${rows[0]!.id}/credential`)).json();
    // The status list is signed by the same key, but it is not a badge.
    const list = (
      await open(credential.credentialStatus.statusListCredential.replace(/^https?:\/\/[^/]+/, ''))
    ).json();
    const asBadge = await verifyByApi(list);
    expect(asBadge).toMatchObject({ verified: false, status: 'invalid' });
    expect(asBadge.checks[0]?.message).toMatch(/not an Open Badges credential/);
    // Without its status entry nobody can tell whether it was revoked (and the proof breaks).
    const { credentialStatus: _status, ...noStatus } = credential;
    expect((await verifyByApi(noStatus)).verified).toBe(false);
    const unknown = await verifyByApi({
      ...credential,
      '@context': [...credential['@context'], 'https://example.com/contexts/evil.jsonld'],
    });
    expect(unknown.checks[0]?.message).toMatch(/JSON-LD context this verifier does not know/);
    // The platform publishes the DID its credentials name, for verifiers holding only a URL.
    expect((await open('/api/public/credentials/issuer')).json()).toMatchObject({
      id: credential.issuer.id,
      name: 'Acme Exchange',
      url: credential.issuer.url,
    });
  });

  it('never fetches: an unknown context is refused by the loader', async () => {
    await expect(loadDocument('https://example.com/contexts/evil.jsonld')).rejects.toThrow(/not fetched/);
    await expect(loadDocument('did:web:example.com')).rejects.toThrow();
    await expect(loadDocument('did:key:z6LSbysY2xFMRpGMhb7tFTLMpeuPRaqaWM1yECx2AtzE3KCc')).rejects.toThrow();
  });

  it('only issued badges have a credential; unknown lists are 404', async () => {
    const pending = await issue('database', 1, 0);
    await t.ctx.database.db
      .update(badgeIssuances)
      .set({ status: 'failed' })
      .where(eq(badgeIssuances.id, pending.rows[0]!.id));
    for (const url of [
      `/api/public/badges/${pending.rows[0]!.id}/credential`,
      `/api/public/badges/00000000-0000-4000-8000-000000000000/credential`,
      `/api/public/badges/00000000-0000-4000-8000-000000000000/credential/verification`,
    ]) {
      const res = await open(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('VERIFY__BADGE_NOT_FOUND');
    }
    expect((await open('/api/public/badges/not-a-uuid/credential')).statusCode).toBe(400);
    const noList = await open('/api/public/credentials/status/999');
    expect(noList.statusCode).toBe(404);
    expect(noList.json().error.code).toBe('CREDENTIAL__STATUS_LIST_NOT_FOUND');
    expect((await open('/api/public/credentials/status/16384')).statusCode).toBe(404);
    for (const list of ['0', '16385', '99999', 'x']) {
      expect((await open(`/api/public/credentials/status/${list}`)).statusCode, list).toBe(400);
    }
  });

  it('two first requests at once store one credential and serve the same JSON', async () => {
    const { rows } = await issue('database', 1, 0);
    const url = `/api/public/badges/${rows[0]!.id}/credential`;
    const [a, b] = await Promise.all([open(url), open(url)]);
    expect(a.statusCode).toBe(200);
    expect(a.body).toBe(b.body);
    const stored = await t.ctx.database.db
      .select()
      .from(badgeCredentials)
      .where(eq(badgeCredentials.issuanceId, rows[0]!.id));
    expect(stored).toHaveLength(1);
    expect((await open(url)).body).toBe(a.body);
  });
});
