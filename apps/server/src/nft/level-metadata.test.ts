import type { Level } from '@insignia/contract';
import { describe, expect, it } from 'vitest';
import { createLevelMetadataUploader } from './level-metadata.ts';

const silver: Level = {
  level: 2,
  name: 'Silver',
  minVolumeUsd: '500000',
  benefits: ['Priority support'],
  imageUri: null,
  requiredBadges: [],
};

describe('level metadata uploads', () => {
  it('uploads each distinct metadata once, again after an edit, and retries a failed upload', async () => {
    const uploaded: unknown[] = [];
    let failNext = false;
    const ipfs = {
      addBytes: () => Promise.resolve({ uri: 'ipfs://artwork' } as never),
      addJson(json: unknown) {
        if (failNext) {
          failNext = false;
          return Promise.reject(new Error('every provider is down and the disk is full'));
        }
        uploaded.push(json);
        return Promise.resolve({
          cid: `cid-${uploaded.length}`,
          uri: `ipfs://cid-${uploaded.length}`,
        } as never);
      },
    };
    const uriOf = createLevelMetadataUploader(ipfs);

    const [a, b] = await Promise.all([uriOf(silver), uriOf(silver)]);
    expect([a, b, await uriOf(silver)]).toEqual(['ipfs://cid-1', 'ipfs://cid-1', 'ipfs://cid-1']);
    expect(uploaded).toHaveLength(1);

    const edited = { ...silver, benefits: ['Priority support', 'Early access'] };
    failNext = true;
    await expect(uriOf(edited)).rejects.toThrow('every provider is down');
    expect(await uriOf(edited)).toBe('ipfs://cid-2');
    expect(uploaded[1]).toMatchObject({
      image: 'ipfs://artwork',
      properties: { benefits: ['Priority support', 'Early access'] },
    });
    // The operator's own image wins over the default artwork.
    await uriOf({ ...silver, imageUri: 'https://cdn.example/silver.png' });
    expect(uploaded[2]).toMatchObject({ image: 'https://cdn.example/silver.png' });
  });
});
