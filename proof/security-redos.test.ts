import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFsBlockstore } from '../apps/server/src/ipfs/fs-blockstore.ts';
import { importUnixfs } from '../apps/server/src/ipfs/import-unixfs.ts';
import { createTestApp, type TestApp } from '../apps/server/src/test-support/test-app.ts';
import { countCase, printCaseCounts } from './helpers/case-counter.ts';
import { maybeUnset } from './helpers/maybe-unset.ts';

const SUITE = 'security: regular-expression denial of service';
afterAll(() => printCaseCounts(SUITE));

/** Far below the seconds a backtracking regex took, far above a linear scan on a busy CI box. */
const BUDGET_MS = 500;

/** Payloads built to make a backtracking matcher try every way to split them. */
const ADVERSARIAL: Array<[string, string]> = [
  ['the 193-byte SVG of 24 comments', '<!--a-->'.repeat(24) + '!'],
  ['1 MB of comments with no <svg> after them', '<!--a-->'.repeat(131_072) + '!'],
  ['1 MB of nested comment openers', '<!--'.repeat(262_144)],
  ['1 MB of unclosed prologs', '<?xml '.repeat(174_763)],
];

/**
 * `GET /ipfs/:cid` is anonymous and serves whatever a CID names: its content type must cost the
 * same few milliseconds whatever the payload, whether Insignia stored it (type recorded at
 * upload) or it came from elsewhere (sniffed from a bounded prefix).
 */
describe('the IPFS gateway serves adversarial payloads in milliseconds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => maybeUnset(t)?.close());

  /** The fastest of three calls: other work on a shared machine only ever adds time. */
  const timedGet = async (cid: string) => {
    countCase(SUITE);
    let ms = Infinity;
    let res = await t.app.inject(`/ipfs/${cid}`); // warms caches and the JIT
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      res = await t.app.inject(`/ipfs/${cid}`);
      ms = Math.min(ms, performance.now() - started);
    }
    return { res, ms };
  };

  it.each(ADVERSARIAL)('%s, uploaded through Insignia', async (_name, payload) => {
    const added = await t.ctx.ipfs.addBytes(Buffer.from(payload));
    const { res, ms } = await timedGet(added.cid);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it.each(ADVERSARIAL)('%s, stored by someone else (no upload record)', async (_name, payload) => {
    // Blocks only, as if fetched from another IPFS node: nothing recorded its type.
    const blocks = createFsBlockstore(join(t.ctx.config.dataDir, 'ipfs', 'blocks'));
    const cid = (await importUnixfs(Buffer.from(payload + ' foreign'), blocks)).toString();
    const { res, ms } = await timedGet(cid);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(ms).toBeLessThan(BUDGET_MS);
  });
});
