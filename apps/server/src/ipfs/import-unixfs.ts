import { importer, type WritableStorage } from 'ipfs-unixfs-importer';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import { balanced } from 'ipfs-unixfs-importer/layout';
import { CID } from 'multiformats/cid';
import * as raw from 'multiformats/codecs/raw';
import { sha256 } from 'multiformats/hashes/sha2';

/** Kubo's `ipfs add` defaults: 256 KiB fixed-size chunks, balanced DAG, 174 links per node. */
export const KUBO_CHUNK_SIZE = 262_144;
export const KUBO_MAX_LINKS = 174;

/**
 * Chunks `bytes` into a UnixFS file DAG exactly as `ipfs add --cid-version=1 --raw-leaves` does,
 * writes every block to `blockstore` (leaves first, the root last) and returns the root CID.
 * A file of one chunk is a single raw block (`bafkrei…`); larger files get a dag-pb root.
 */
export async function importUnixfs(bytes: Uint8Array, blockstore: WritableStorage): Promise<CID> {
  if (bytes.length <= KUBO_CHUNK_SIZE) {
    // One chunk is one raw block named by its own hash, exactly what the importer yields here
    // (`reduceSingleLeafToSelf`), without running its pipeline: every badge payload is this size.
    const cid = CID.createV1(raw.code, await sha256.digest(bytes));
    await blockstore.put(cid, bytes);
    return cid;
  }
  let root: CID | undefined;
  for await (const entry of importer([{ content: bytes }], blockstore, {
    cidVersion: 1,
    rawLeaves: true,
    reduceSingleLeafToSelf: true,
    chunker: fixedSize({ chunkSize: KUBO_CHUNK_SIZE }),
    layout: balanced({ maxChildrenPerNode: KUBO_MAX_LINKS }),
  })) {
    root = entry.cid;
  }
  if (!root) throw new Error('the UnixFS importer produced no root');
  return root;
}

/** The CID alone, without keeping any block. */
export function computeCid(bytes: Uint8Array): Promise<CID> {
  return importUnixfs(bytes, { put: (cid) => cid });
}
