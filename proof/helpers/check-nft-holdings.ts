import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../apps/server/src/db/database.ts';
import { outbox } from '../../apps/server/src/events/events-schema.ts';
import { nftRequestEvents, nftRequests, userNfts } from '../../apps/server/src/nft/nft-schema.ts';
import { heldLevelNfts, type LevelNftRpc } from './held-level-nfts.ts';

/** A user and the level their completed requests say they hold (0: none). */
export interface ExpectedHolding {
  userId: string;
  wallet: string;
  level: number;
}

const completionEvent = { unlock: 'nft.claim_success', upgrade: 'nft.upgrade_complete' } as const;

/**
 * What the database must say once every request has settled: each request completed exactly
 * once, with exactly one completion event in the outbox (and that event relayed); the user
 * holds exactly one active NFT, the one their last completed request minted. Returns the
 * violations (empty when all hold) so a failure lists every broken promise at once.
 */
export async function checkDatabaseHoldings(db: Db, expected: ExpectedHolding[]): Promise<string[]> {
  const violations: string[] = [];
  for (const { userId, level } of expected) {
    const requests = await db.select().from(nftRequests).where(eq(nftRequests.userId, userId));
    for (const r of requests.filter((q) => q.status !== 'completed')) {
      violations.push(`${userId}: request ${r.id} (${r.kind}/${r.mode}) is ${r.status}`);
    }
    const completed = requests.filter((r) => r.status === 'completed');
    for (const r of completed) {
      const events = await db
        .select()
        .from(outbox)
        .where(and(eq(outbox.type, completionEvent[r.kind]), sql`${outbox.payload}->>'requestId' = ${r.id}`));
      if (events.length !== 1)
        violations.push(`${userId}: request ${r.id} has ${events.length} completion events`);
      if (events.some((e) => e.publishedAt === null))
        violations.push(`${userId}: event of ${r.id} never relayed`);
      const transitions = await db
        .select()
        .from(nftRequestEvents)
        .where(and(eq(nftRequestEvents.requestId, r.id), eq(nftRequestEvents.toStatus, 'completed')));
      if (transitions.length !== 1)
        violations.push(`${userId}: ${r.id} completed ${transitions.length} times`);
    }
    const active = await db
      .select()
      .from(userNfts)
      .where(and(eq(userNfts.userId, userId), eq(userNfts.status, 'active')));
    const latest = completed.sort((a, b) => b.toLevel - a.toLevel)[0];
    if (level === 0) {
      if (active.length > 0) violations.push(`${userId}: holds ${active.length} NFTs, expected none`);
      continue;
    }
    if (active.length !== 1) violations.push(`${userId}: ${active.length} active NFTs in the database`);
    else if (active[0]!.level !== level || active[0]!.mintAddress !== latest?.targetMint) {
      violations.push(
        `${userId}: active NFT level ${active[0]!.level} ${active[0]!.mintAddress}, expected ${level}`,
      );
    }
    const burned = completed.filter((r) => r.kind === 'upgrade').map((r) => r.fromNftId!);
    if (burned.length > 0) {
      const old = await db.select().from(userNfts).where(inArray(userNfts.id, burned));
      for (const o of old.filter((n) => n.status !== 'burned')) {
        violations.push(`${userId}: upgraded-from NFT ${o.mintAddress} is ${o.status}`);
      }
    }
  }
  return violations;
}

/** What the chain must say: each wallet holds exactly the expected level NFT, and no other. */
export async function checkChainHoldings(
  rpc: LevelNftRpc,
  expected: Array<ExpectedHolding & { mint?: string | undefined }>,
): Promise<string[]> {
  const violations: string[] = [];
  for (const { userId, wallet, level, mint } of expected) {
    const held = await heldLevelNfts(rpc, wallet);
    const want = level === 0 ? [] : [`${mint ?? '?'}:${level}`];
    const got = held.map((h) => `${mint === undefined ? '?' : h.mint}:${h.level}`);
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      violations.push(`${userId}: wallet holds [${got.join(', ')}], expected [${want.join(', ')}]`);
    }
  }
  return violations;
}

/** The weaker check that holds at every instant, even mid-crash: never two level NFTs. */
export async function checkNeverTwo(rpc: LevelNftRpc, wallets: string[]): Promise<string[]> {
  const violations: string[] = [];
  for (const wallet of wallets) {
    const held = await heldLevelNfts(rpc, wallet);
    if (held.length > 1) violations.push(`${wallet} holds ${held.length} level NFTs at once`);
  }
  return violations;
}
