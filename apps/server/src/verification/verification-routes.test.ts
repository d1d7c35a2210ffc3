import { generateKeyPairSigner } from '@solana/kit';
import type { BadgeVerification, NftVerification } from '@insignia/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerFor,
  createBadge,
  drainBadgeWorker,
  insertUsers,
  issuancesOf,
  type Caller,
} from '../badges/badge-test-fixtures.ts';
import { createTestApp, type TestApp } from '../test-support/test-app.ts';
import { addVolume, newChainUser } from '../test-support/test-chain-user.ts';

describe('public verification of badges and level NFTs', () => {
  let t: TestApp;
  let admin: Caller;
  beforeAll(async () => {
    t = await createTestApp({ PLATFORM_NAME: 'Acme Exchange' });
    admin = callerFor(t, (await t.newAdmin()).token);
  });
  afterAll(async () => t.close());

  /** Anonymous, as anyone opening a shared link. */
  const open = (url: string) => t.app.inject({ method: 'GET', url });

  /** The body says nothing about the person: no email, no user id, no field named after either. */
  function expectNothingPersonal(body: string, person: { id: string; email: string }) {
    expect(body).not.toContain(person.email);
    expect(body).not.toContain(person.id);
    expect(body).not.toMatch(/"(email|userId|user_id|user|recipientHash|issuedBy)"/);
  }

  it('an on-chain badge in a wallet and one in the vault: mint, transaction and the holder read now', async () => {
    const badge = await createBadge(admin, { type: 'blockchain', name: 'Season One' });
    const [withWallet, withoutWallet] = await insertUsers(t, 2, 1);
    const created = await admin('POST', '/api/admin/issuances', {
      badgeIds: [badge.id],
      recipients: { userIds: [withWallet!.id, withoutWallet!.id] },
    });
    expect(created.statusCode, created.body).toBe(201);
    await drainBadgeWorker(t);
    const rows = await issuancesOf(t, created.json().batch.id);
    const rowOf = (userId: string) => rows.find((r) => r.userId === userId)!;

    const inWallet = await open(`/api/public/badges/${rowOf(withWallet!.id).id}`);
    expect(inWallet.statusCode, inWallet.body).toBe(200);
    expect(inWallet.headers['cache-control']).toBe('public, max-age=60');
    const wallet = inWallet.json<BadgeVerification>();
    expect(wallet).toMatchObject({
      issuer: 'Acme Exchange',
      badge: { name: 'Season One', description: 'For testing' },
      proof: {
        kind: 'on_chain',
        network: 'local',
        mintAddress: badge.mintAddress,
        holder: { state: 'held', kind: 'wallet', address: withWallet!.wallet!.address },
      },
      metadata: { cid: rowOf(withWallet!.id).metadataCid },
    });
    expect(wallet.issuedAt).not.toBeNull();
    expect(wallet.proof.kind === 'on_chain' && wallet.proof.transactionSignature).toMatch(
      /^[1-9A-HJ-NP-Za-km-z]{64,88}$/,
    );
    // The artwork and the metadata it links to are served by the gateway.
    expect((await open(wallet.badge.imageUrl!)).headers['content-type']).toBe('image/png');
    expect((await open(wallet.metadata!.gatewayUrl!)).json()).toMatchObject({
      issuanceId: wallet.issuanceId,
      badge: { name: 'Season One' },
    });
    expectNothingPersonal(inWallet.body, withWallet!);

    const inVault = await open(`/api/public/badges/${rowOf(withoutWallet!.id).id}`);
    expect(inVault.json()).toMatchObject({
      proof: {
        kind: 'on_chain',
        holder: { state: 'held', kind: 'vault', address: t.ctx.chain.vault.address },
      },
    });
    expectNothingPersonal(inVault.body, withoutWallet!);
  });

  it('a database-only badge says it is recorded by the issuer, with no chain proof', async () => {
    const badge = await createBadge(admin, { type: 'database', name: 'Helpful' });
    const [person] = await insertUsers(t, 1, 1);
    const created = await admin('POST', '/api/admin/issuances', {
      badgeIds: [badge.id],
      recipients: { userIds: [person!.id] },
    });
    await drainBadgeWorker(t);
    const [row] = await issuancesOf(t, created.json().batch.id);
    const res = await open(`/api/public/badges/${row!.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      issuer: 'Acme Exchange',
      badge: { name: 'Helpful' },
      proof: { kind: 'database' },
    });
    expectNothingPersonal(res.body, person!);
  });

  it('a level NFT after an unlock: level, artwork, mint transaction and the wallet holding it', async () => {
    const u = await newChainUser(t, { volumeUsd: '100000' });
    const prepared = (await u.call('POST', '/api/nft/unlock')).json();
    const submitted = await u.call('POST', `/api/nft/requests/${prepared.requestId}/submit`, {
      signedTransaction: await u.sign(prepared),
    });
    expect(submitted.json()).toMatchObject({ status: 'completed' });

    const res = await open(`/api/public/nfts/${prepared.mintAddress}`);
    expect(res.statusCode, res.body).toBe(200);
    const nft = res.json<NftVerification>();
    expect(nft).toMatchObject({
      issuer: 'Acme Exchange',
      level: { level: 1, name: 'Bronze' },
      status: 'active',
      proof: {
        kind: 'on_chain',
        network: 'local',
        mintAddress: prepared.mintAddress,
        holder: { state: 'held', kind: 'wallet', address: u.wallet.address },
      },
    });
    expect(nft.proof.transactionSignature).toMatch(/^[1-9A-HJ-NP-Za-km-z]{64,88}$/);
    // The artwork named in the metadata the NFT was minted with, served as an image.
    const image = await open(nft.level.imageUrl!);
    expect(image.headers['content-type']).toBe('image/svg+xml');
    expect(image.body).toContain('BRONZE');
    expect((await open(nft.metadata!.gatewayUrl!)).json()).toMatchObject({
      image: `ipfs://${nft.level.imageUrl!.split('/ipfs/')[1]}`,
    });
    expectNothingPersonal(res.body, { id: u.user.id, email: u.user.email });

    // After an upgrade the old NFT's page stays up and says what happened to it.
    await addVolume(t, u.user.id, '400000');
    const upgrade = (await u.call('POST', '/api/nft/upgrade')).json();
    const upgraded = await u.call('POST', `/api/nft/requests/${upgrade.requestId}/submit`, {
      signedTransaction: await u.sign(upgrade),
    });
    expect(upgraded.json()).toMatchObject({ status: 'completed' });
    const old = (await open(`/api/public/nfts/${prepared.mintAddress}`)).json<NftVerification>();
    expect(old).toMatchObject({ status: 'replaced', level: { level: 1, name: 'Bronze' } });
    expect(['burned', 'absent']).toContain(old.proof.holder.state);
    expect(old.proof.holder.address).toBeNull();
    expect((await open(`/api/public/nfts/${upgrade.mintAddress}`)).json()).toMatchObject({
      status: 'active',
      level: { level: 2, name: 'Silver' },
      proof: { holder: { state: 'held', address: u.wallet.address } },
    });
  });

  it('unknown ids are 404 with a stable code; malformed ones are 400', async () => {
    const unknownBadge = await open('/api/public/badges/6f1c2b9e-3f7a-4d2b-9c1e-8a7b6c5d4e3f');
    expect(unknownBadge.statusCode).toBe(404);
    expect(unknownBadge.json()).toMatchObject({ error: { code: 'VERIFY__BADGE_NOT_FOUND' } });
    const unknownNft = await open(`/api/public/nfts/${(await generateKeyPairSigner()).address}`);
    expect(unknownNft.statusCode).toBe(404);
    expect(unknownNft.json()).toMatchObject({ error: { code: 'VERIFY__NFT_NOT_FOUND' } });

    for (const url of [
      '/api/public/badges/42',
      '/api/public/nfts/not-an-address',
      '/api/public/nfts/0OIl0OIl0OIl0OIl0OIl0OIl0OIl0OIl',
    ]) {
      const res = await open(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toMatchObject({ error: { code: 'VALIDATION__INVALID_PARAMS' } });
    }
  });
});
