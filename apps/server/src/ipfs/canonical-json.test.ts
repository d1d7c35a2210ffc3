import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined like JSON.stringify', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: undefined }], c: 'é' }, u: undefined })).toBe(
      '{"a":{"c":"é","d":[3,{"z":1}]},"b":1}',
    );
    expect(canonicalJson([undefined, null, new Date('2026-01-01T00:00:00Z')])).toBe(
      '[null,null,"2026-01-01T00:00:00.000Z"]',
    );
  });

  it('refuses values JSON cannot hold exactly', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/\$\.n is not a finite number/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});
