export type ParsedCredential =
  { ok: true; credential: Record<string, unknown> } | { ok: false; message: string };

/** Larger than any credential this platform issues by far; a bigger file is something else. */
export const MAX_CREDENTIAL_CHARS = 200_000;

/**
 * What a person pasted or picked, checked before it is sent: it must be one JSON object. The
 * server judges the rest (signature, issuer, status, expiry); this only catches the wrong file.
 */
export function parseCredentialText(text: string): ParsedCredential {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Paste a credential or choose its file first.' };
  if (trimmed.length > MAX_CREDENTIAL_CHARS)
    return { ok: false, message: 'This file is too large to be a badge credential.' };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return {
      ok: false,
      message:
        'This is not a credential file: it is not JSON. A credential is the .json file from “Download credential”.',
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, message: 'This JSON is not a credential: a credential is a single JSON object.' };
  return { ok: true, credential: value as Record<string, unknown> };
}
