import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error.ts';
import { toFormErrors } from './form-errors.ts';

describe('toFormErrors', () => {
  it('puts schema failures next to their field, with a friendly message when there is one', () => {
    const error = new ApiError(400, 'VALIDATION__INVALID_BODY', 'The request body is invalid.', [
      { path: 'minVolumeUsd', message: 'a decimal string' },
      { path: 'benefits.2', message: 'Too big' },
    ]);
    expect(toFormErrors(error, {}, { minVolumeUsd: 'Enter an amount.' })).toEqual({
      fields: { minVolumeUsd: 'Enter an amount.', benefits: 'Too big' },
      form: null,
    });
  });

  it('puts a domain code that is about one field next to that field, without the code', () => {
    const error = new ApiError(400, 'NFT__LEVEL_ORDER', 'Each level must need more volume.');
    expect(toFormErrors(error, { NFT__LEVEL_ORDER: 'minVolumeUsd' })).toEqual({
      fields: { minVolumeUsd: 'Each level must need more volume.' },
      form: null,
    });
  });

  it('keeps any other failure for the whole form, in words and never as an internal code', () => {
    const error = new ApiError(403, 'AUTH__FORBIDDEN', 'You are not allowed to do that.');
    expect(toFormErrors(error).form).toBe('You are not allowed to do that.');
    expect(JSON.stringify(toFormErrors(error))).not.toContain('AUTH__FORBIDDEN');
    expect(toFormErrors(new Error('boom')).form).toBe('boom');
  });
});
