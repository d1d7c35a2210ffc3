import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';
import { AppError } from '../errors/app-error.ts';

const DAG_PB_CODE = 0x70;

/**
 * Parses a CID as found in a URL or a database row. Only what `ipfs add` produces is accepted
 * (raw or dag-pb blocks, sha2-256): an identity CID carries its own bytes and would let anyone
 * make our gateway serve content of their choosing.
 */
export function parseCid(text: string): CID {
  let cid: CID;
  try {
    if (text.length > 128) throw new Error('too long');
    cid = CID.parse(text);
  } catch {
    throw new AppError('VALIDATION__INVALID_CID');
  }
  if ((cid.code !== raw.code && cid.code !== DAG_PB_CODE) || cid.multihash.code !== sha256.code) {
    throw new AppError('VALIDATION__INVALID_CID', undefined, {
      message: 'Only CIDs of raw or dag-pb blocks hashed with sha2-256 are served.',
    });
  }
  return cid;
}
