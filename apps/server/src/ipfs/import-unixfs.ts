import { importer, type WritableStorage } from 'ipfs-unixfs-importer';
import { fixedSize } from 'ipfs-unixfs-importer/chunker';
import { balanced } from 'ipfs-unixfs-importer/layout';
import type { CID } from 'multiformats/cid';

/** Kubo's `ipfs add` defaults: 256 KiB fixed-size chunks, balanced DAG, 174 links per node. */
export const KUBO_CHUNK_SIZE = 262_144;
export const KUBO_MAX_LINKS = 174;

/**
 * Chunks `bytes` into a UnixFS file DAG exactly as `ipfs add --cid-version=1 --raw-leaves` does,
 * writes every block to `blockstore` (leaves first, the root last) and returns the root CID.
 * A file of one chunk is a single raw block (`bafkrei…`); larger files get a dag-pb root.
 */
export async function importUnixfs(bytes: Uint8Array, blockstore: WritableStorage): Promise<CID> {
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
