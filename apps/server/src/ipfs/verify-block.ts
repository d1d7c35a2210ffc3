import { createHash } from 'node:crypto';
import type { CID } from 'multiformats/cid';
import { sha256 } from 'multiformats/hashes/sha2';

/**
 * True when `bytes` hash to the multihash inside `cid`. Only sha2-256 is accepted: a block
 * whose hash we cannot check is treated as untrusted, whoever sent it.
 */
export function verifyBlock(cid: CID, bytes: Uint8Array): boolean {
  if (cid.multihash.code !== sha256.code) return false;
  const digest = createHash('sha256').update(bytes).digest();
  return Buffer.from(cid.multihash.digest).equals(digest);
}
