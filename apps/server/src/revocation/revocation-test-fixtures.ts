import { randomUUID } from 'node:crypto';
import { generateKeyPairSigner } from '@solana/kit';
import { eq } from 'drizzle-orm';
import { badges } from '../badges/badges-schema.ts';
import { buildBadgeMint } from '../chain/build-badge-mint.ts';
import { prepareTransaction } from '../chain/prepare-transaction.ts';
import type { BadgeRow } from '../claims/test-claim-fixtures.ts';
import type { TestApp } from '../test-support/test-app.ts';

const SAMPLE_CID = 'bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku';

/**
 * Test-only: a blockchain badge whose Token-2022 mint names the platform authority as
 * PermanentDelegate, as the badge mint creator makes them now, recorded in `permanent_delegate`.
 */
export async function createRevocableChainBadge(
  t: TestApp,
  name = `Revocable ${randomUUID().slice(0, 8)}`,
): Promise<BadgeRow> {
  const mint = await generateKeyPairSigner();
  const { chain } = t.ctx;
  const built = await buildBadgeMint(
    { rpc: chain.rpc.rpc, computeBudget: chain.rpc.computeBudget },
    {
      mint,
      authority: chain.authority,
      name,
      symbol: 'BDG',
      uri: `ipfs://${SAMPLE_CID}`,
      permanentDelegate: chain.authority.address,
    },
  );
  const prepared = await prepareTransaction(built.message);
  const sent = await chain.sender.send({
    wire: prepared.wire,
    lastValidBlockHeight: prepared.lastValidBlockHeight,
  });
  if (sent.status !== 'confirmed') throw new Error(`fixture mint ${sent.status}`);
  const [badge] = await t.ctx.database.db
    .insert(badges)
    .values({
      name,
      description: `${name}, for testing`,
      badgeType: 'blockchain',
      mintAddress: mint.address,
      mintSignature: sent.signature,
      metadataUri: `ipfs://${SAMPLE_CID}`,
      imageUri: `ipfs://${SAMPLE_CID}`,
      permanentDelegate: chain.authority.address,
    })
    .returning();
  return badge!;
}

/** The badge row as it is now. */
export async function reloadBadge(t: TestApp, id: string): Promise<BadgeRow> {
  const [row] = await t.ctx.database.db.select().from(badges).where(eq(badges.id, id));
  return row!;
}
