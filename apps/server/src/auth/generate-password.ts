import { randomBytes } from 'node:crypto';

/** A password Insignia makes up (the first admin's, a reset one): 16 URL-safe characters, 96 bits. */
export function generatePassword(): string {
  return randomBytes(12).toString('base64url');
}
