import { describe, expect, it } from 'vitest';
import { errorBodySchema } from './error-body.ts';
import { errorCatalogue, errorCodes } from './error-catalogue.ts';

describe('the error catalogue', () => {
  it('names every code AREA__REASON (or a bare area) with an error status and a sentence', () => {
    for (const code of errorCodes) {
      const { status, message } = errorCatalogue[code];
      expect(code, code).toMatch(/^[A-Z]+(_[A-Z0-9]+)*(__[A-Z0-9]+(_[A-Z0-9]+)*)?$/);
      expect(status, code).toBeGreaterThanOrEqual(400);
      expect(status, code).toBeLessThan(600);
      expect(message, code).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('answers races and impossible steps with a conflict, not a server fault', () => {
    expect(errorCatalogue.STATE__STALE.status).toBe(409);
    expect(errorCatalogue.STATE__INVALID_TRANSITION.status).toBe(409);
  });

  it('refuses an error body whose code this version does not know', () => {
    const body = (code: string) => ({ error: { code, message: 'x' } });
    expect(errorBodySchema.safeParse(body('NFT__MAX_LEVEL')).success).toBe(true);
    expect(errorBodySchema.safeParse(body('NFT__SOMETHING_NEW')).success).toBe(false);
  });
});
