import type { Level } from '@insignia/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app.ts';
import { createLevelMetadataUploader } from '../level-metadata.ts';

const gatewayPath = (uri: string) => `/ipfs/${uri.replace('ipfs://', '')}`;

describe('level artwork on IPFS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const levels = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/nft/levels' })).json<{ levels: Level[] }>().levels;

  it("each default level's metadata names its own artwork, served as a sandboxed SVG image", async () => {
    const all = await levels();
    expect(all.map((l) => l.name)).toEqual(['Bronze', 'Silver', 'Gold', 'Platinum', 'Diamond']);
    const upload = createLevelMetadataUploader(t.ctx.ipfs);
    const images = new Map<string, string>();
    for (const level of all) {
      const metadataUri = await upload(level);
      const metadata = await t.app.inject({ method: 'GET', url: gatewayPath(metadataUri) });
      expect(metadata.headers['content-type']).toBe('application/json; charset=utf-8');
      const { image } = metadata.json<{ image: string }>();
      expect(image).toMatch(/^ipfs:\/\/baf/);
      // What the levels list tells the web app is the image wallets get.
      expect(level.artworkUri).toBe(image);
      images.set(level.name, image);

      const served = await t.app.inject({ method: 'GET', url: gatewayPath(image) });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/svg+xml');
      expect(served.headers['x-content-type-options']).toBe('nosniff');
      // Opened directly from the app's origin, the SVG can run nothing and load nothing.
      expect(served.headers['content-security-policy']).toContain("default-src 'none'");
      expect(served.headers['content-security-policy']).toContain('sandbox');
      expect(served.body).toMatch(/^<svg /);
      expect(served.body).toContain(`LEVEL ${level.level}`);
      expect(served.body).toContain(level.name.toUpperCase());
      expect(served.body).not.toMatch(/<script|href=|on[a-z]+=/i);
    }
    expect(new Set(images.values()).size).toBe(5);
  });

  it("a renamed level gets new artwork that the gateway serves at once; an operator's image wins", async () => {
    const admin = await t.newAdmin();
    const silver = (await levels()).find((l) => l.level === 2)!;
    const put = (body: object) =>
      t.app.inject({
        method: 'PUT',
        url: '/api/admin/levels/2',
        headers: { authorization: `Bearer ${admin.token}` },
        payload: {
          name: silver.name,
          minVolumeUsd: silver.minVolumeUsd,
          benefits: silver.benefits,
          requiredBadgeIds: [],
          ...body,
        },
      });
    const renamed = await put({ name: 'Sterling' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const artworkUri = renamed.json<Level>().artworkUri!;
    expect(artworkUri).not.toBe(silver.artworkUri);
    const served = await t.app.inject({ method: 'GET', url: gatewayPath(artworkUri) });
    expect(served.statusCode).toBe(200);
    expect(served.body).toContain('STERLING');

    const own = await put({ name: 'Silver', imageUri: 'https://cdn.example/silver.png' });
    expect(own.json<Level>()).toMatchObject({
      imageUri: 'https://cdn.example/silver.png',
      artworkUri: 'https://cdn.example/silver.png',
    });
    await put({ name: 'Silver', imageUri: null });
  });
});
