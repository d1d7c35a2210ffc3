import type { ErrorCode } from '@insignia/contract';
import { describeError, isApiError } from '../../api/api-error.ts';

export interface FormErrors {
  /** Messages to show next to fields, keyed by the body field name. */
  fields: Record<string, string>;
  /** A message for the whole form, when the error is not about one field. */
  form: string | null;
}

export const noFormErrors: FormErrors = { fields: {}, form: null };

interface ValidationDetail {
  path: string;
  message: string;
}

function isValidationDetail(d: unknown): d is ValidationDetail {
  return (
    typeof d === 'object' &&
    d !== null &&
    'path' in d &&
    typeof d.path === 'string' &&
    'message' in d &&
    typeof d.message === 'string'
  );
}

function validationDetails(details: unknown): ValidationDetail[] {
  return Array.isArray(details) ? details.filter(isValidationDetail) : [];
}

/**
 * Splits a failed save into per-field messages and a form message. Schema failures carry the
 * field path in `details`; `codeFields` names the field a domain code is about (for example
 * `NFT__LEVEL_ORDER` → `minVolumeUsd`), so its message is shown next to that field.
 */
export function toFormErrors(
  error: unknown,
  codeFields: Partial<Record<ErrorCode, string>> = {},
  friendly: Record<string, string> = {},
): FormErrors {
  if (!isApiError(error)) return { fields: {}, form: describeError(error) };
  const field = error.code.startsWith('CLIENT__') ? undefined : codeFields[error.code as ErrorCode];
  // The message is written for a person; the code is for programs and stays out of sight.
  if (field) return { fields: { [field]: error.message }, form: null };
  const details = validationDetails(error.details);
  if (error.code.startsWith('VALIDATION__') && details.length > 0) {
    const fields: Record<string, string> = {};
    for (const d of details) {
      const name = d.path.split('.')[0] || 'form';
      fields[name] ??= friendly[name] ?? d.message;
    }
    const unplaced = fields.form;
    delete fields.form;
    return { fields, form: unplaced ?? null };
  }
  return { fields: {}, form: error.message };
}
