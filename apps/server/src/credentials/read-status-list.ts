import { decodeList } from './credential-libraries.ts';
import { proofVerifies, type StatusEntry, type StatusReading } from './check-credential.ts';

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a credential's revocation bit from its status list credential (already fetched): the
 * list must be signed by the same issuer, be a revocation `BitstringStatusList`, and hold the bit.
 */
export async function readStatusListBit(
  listCredential: unknown,
  entry: StatusEntry,
  issuerId: string,
  now = new Date(),
): Promise<StatusReading> {
  const unchecked = (why: string): StatusReading => ({ state: 'unchecked', message: `Not checked: ${why}` });
  if (!isObject(listCredential) || !isObject(listCredential.credentialSubject))
    return unchecked('the status list is not a credential.');
  const issuer = isObject(listCredential.issuer) ? listCredential.issuer.id : listCredential.issuer;
  if (issuer !== issuerId) return unchecked('the status list was issued by someone else.');
  const types = [listCredential.type].flat();
  const subject = listCredential.credentialSubject;
  if (
    !types.includes('BitstringStatusListCredential') ||
    subject.type !== 'BitstringStatusList' ||
    subject.statusPurpose !== 'revocation' ||
    typeof subject.encodedList !== 'string'
  )
    return unchecked('the status list is not a revocation Bitstring Status List.');
  if (!(await proofVerifies(listCredential, now)))
    return unchecked('the status list’s signature is not valid.');
  const list = await decodeList({ encodedList: subject.encodedList });
  return list.getStatus(entry.bit)
    ? { state: 'revoked', message: 'Revoked: its bit is set in the issuer’s status list.' }
    : { state: 'active', message: 'Not revoked (status list read now).' };
}
