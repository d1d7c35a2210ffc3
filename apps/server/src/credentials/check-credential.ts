import type { CredentialCheck, CredentialVerification } from '@insignia/contract';
import { cryptosuite, DataIntegrityProof, verifyCredential } from './credential-libraries.ts';
import { isBundledContext, loadDocument } from './document-loader.ts';

/** The revocation entry of a credential: its list's URL and its bit there. */
export interface StatusEntry {
  listUrl: string;
  bit: number;
}

/** `skipped`: the caller chose not to check (the CLI's `--offline`); `unchecked`: it could not. */
export interface StatusReading {
  state: 'active' | 'revoked' | 'unchecked' | 'skipped';
  message: string;
}

/** How the caller judges the issuer and reads a status bit (server: database; CLI: HTTP). */
export interface CredentialCheckPolicy {
  /** `url`: the issuer's own URL as the credential states it (the CLI asks it for its DID). */
  issuer(issuer: {
    id: string;
    name: string | null;
    url: string | null;
  }): { ok: boolean; message: string } | Promise<{ ok: boolean; message: string }>;
  readStatus(entry: StatusEntry, issuerId: string): Promise<StatusReading>;
  now?: Date;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown) => (typeof v === 'string' ? v : null);
const isDate = (v: string | null) => v !== null && !Number.isNaN(Date.parse(v));

function issuerOf(credential: Json): { id: string; name: string | null; url: string | null } | null {
  const { issuer } = credential;
  if (typeof issuer === 'string') return { id: issuer, name: null, url: null };
  if (isObject(issuer) && typeof issuer.id === 'string')
    return { id: issuer.id, name: str(issuer.name), url: str(issuer.url) };
  return null;
}

function statusEntryOf(credential: Json): StatusEntry | 'none' | 'malformed' {
  const all = [credential.credentialStatus].flat().filter((s) => s !== undefined);
  if (all.length === 0) return 'none';
  const entry = all.find(
    (s) => isObject(s) && s.type === 'BitstringStatusListEntry' && s.statusPurpose === 'revocation',
  ) as Json | undefined;
  const listUrl = str(entry?.statusListCredential);
  const index = str(entry?.statusListIndex);
  if (!listUrl || !index || !/^[0-9]{1,9}$/.test(index)) return 'malformed';
  return { listUrl, bit: Number(index) };
}

/**
 * Whether a document's embedded eddsa-rdfc-2022 proof verifies, by a key its issuer controls,
 * as of `at` (its validity dates are checked against it).
 */
export async function proofVerifies(document: unknown, at: Date): Promise<boolean> {
  const result = await verifyCredential({
    credential: document,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: loadDocument,
    now: at,
    checkStatus: () => Promise.resolve({ verified: true }),
  });
  return result.verified;
}

/** Whether the embedded proof verifies against its verification method, which the issuer controls. */
async function checkSignature(credential: Json, issuerId: string | null): Promise<CredentialCheck> {
  const proof = credential.proof;
  const fail = (message: string): CredentialCheck => ({ check: 'signature', ok: false, message });
  const types = [credential.type].flat();
  // A status list, or any other credential this issuer signs, is not a badge.
  if (!types.includes('VerifiableCredential') || !types.includes('OpenBadgeCredential'))
    return fail('It is not an Open Badges credential (its type is not OpenBadgeCredential).');
  const unknownContext = [credential['@context']]
    .flat()
    .find((c) => typeof c === 'string' && !isBundledContext(c));
  if (typeof unknownContext === 'string')
    return fail(
      `It names a JSON-LD context this verifier does not know (${unknownContext}); nothing is fetched to check it.`,
    );
  if (!isObject(proof) || proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-rdfc-2022')
    return fail('It carries no Data Integrity proof (eddsa-rdfc-2022), so it is not signed.');
  const method = str(proof.verificationMethod);
  if (!method || !issuerId || method.split('#')[0] !== issuerId)
    return fail('It was signed with a key that does not belong to the issuer it names.');
  // Validity dates are the expiry check's business: verify the proof as of the start date.
  const validFrom = str(credential.validFrom);
  const validUntil = str(credential.validUntil);
  if (validFrom && validUntil && isDate(validFrom) && Date.parse(validUntil) <= Date.parse(validFrom))
    return fail('Its validity period ends before it starts, so no signature can make it valid.');
  const result = await verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: loadDocument,
    now: isDate(validFrom) ? new Date(validFrom as string) : new Date(),
    checkStatus: () => Promise.resolve({ verified: true }),
  });
  if (result.verified)
    return { check: 'signature', ok: true, message: `The signature is valid (${method}).` };
  const reason = result.error?.errors?.[0]?.message ?? result.error?.message ?? '';
  if (/not bundled/.test(reason))
    return fail('It names a JSON-LD context this verifier does not know; nothing is fetched to check it.');
  return fail(
    'The signature does not match the content: it was changed after signing, or not signed by its issuer.',
  );
}

function checkExpiry(
  credential: Json,
  now: Date,
): { check: CredentialCheck; state: 'ok' | 'expired' | 'early' | 'bad' } {
  const validFrom = str(credential.validFrom);
  const validUntil = str(credential.validUntil);
  const at = (s: string) => new Date(s).toISOString();
  if ((validFrom !== null && !isDate(validFrom)) || (validUntil !== null && !isDate(validUntil)))
    return {
      state: 'bad',
      check: { check: 'expiry', ok: false, message: 'Its validity dates are not valid dates.' },
    };
  if (validFrom && now < new Date(validFrom))
    return {
      state: 'early',
      check: { check: 'expiry', ok: false, message: `Not valid before ${at(validFrom)}.` },
    };
  if (validUntil && now >= new Date(validUntil))
    return {
      state: 'expired',
      check: { check: 'expiry', ok: false, message: `Expired on ${at(validUntil)}.` },
    };
  const since = validFrom ? `Valid since ${at(validFrom)}` : 'Valid';
  const message = validUntil ? `${since}, until ${at(validUntil)}.` : `${since}, with no end date.`;
  return { state: 'ok', check: { check: 'expiry', ok: true, message } };
}

/**
 * The four checks of a credential (signature, issuer, revocation status, validity period), in
 * that order, never throwing: anything malformed is `invalid`.
 */
export async function checkCredential(
  input: unknown,
  policy: CredentialCheckPolicy,
): Promise<CredentialVerification> {
  const now = policy.now ?? new Date();
  const credential = isObject(input) ? input : {};
  const issuer = issuerOf(credential);
  const subject = isObject(credential.credentialSubject) ? credential.credentialSubject : {};
  const summary = {
    id: str(credential.id),
    name: str(credential.name),
    achievement: isObject(subject.achievement) ? str(subject.achievement.name) : null,
    validFrom: str(credential.validFrom),
    validUntil: str(credential.validUntil),
  };

  let signature: CredentialCheck;
  try {
    signature = await checkSignature(credential, issuer?.id ?? null);
  } catch {
    signature = { check: 'signature', ok: false, message: 'It could not be read as a signed credential.' };
  }
  let issuerCheck: CredentialCheck;
  try {
    issuerCheck = issuer
      ? { check: 'issuer', ...(await policy.issuer(issuer)) }
      : { check: 'issuer', ok: false, message: 'It names no issuer.' };
  } catch {
    issuerCheck = { check: 'issuer', ok: false, message: 'Its issuer could not be confirmed.' };
  }

  let status: CredentialCheck;
  let revoked = false;
  const entry = statusEntryOf(credential);
  if (!signature.ok)
    status = { check: 'status', ok: false, message: 'Not checked: the signature is not valid.' };
  else if (entry === 'none')
    // Ours always name one: without it nobody can tell whether it was revoked.
    status = {
      check: 'status',
      ok: false,
      message: 'It names no revocation list, so whether it was revoked cannot be checked.',
    };
  else if (entry === 'malformed' || !issuer)
    status = { check: 'status', ok: false, message: 'Its revocation status entry is malformed.' };
  else {
    let reading: StatusReading;
    try {
      reading = await policy.readStatus(entry, issuer.id);
    } catch {
      reading = { state: 'unchecked', message: 'Not checked: the revocation list could not be read.' };
    }
    revoked = reading.state === 'revoked';
    status = {
      check: 'status',
      ok: reading.state === 'active' || reading.state === 'skipped',
      message: reading.message,
    };
  }

  const expiry = checkExpiry(credential, now);
  const checks = [signature, issuerCheck, status, expiry.check];
  const verified = checks.every((c) => c.ok);
  const state: CredentialVerification['status'] =
    !signature.ok || !issuerCheck.ok || expiry.state === 'bad'
      ? 'invalid'
      : revoked
        ? 'revoked'
        : expiry.state === 'expired'
          ? 'expired'
          : expiry.state === 'early'
            ? 'not_yet_valid'
            : verified
              ? 'valid'
              : 'invalid';
  return {
    verified,
    status: state,
    checks,
    issuer: issuer && { id: issuer.id, name: issuer.name },
    credential: summary,
  };
}
