import type { Chain } from '../app/create-chain.ts';
import type { Db } from '../db/database.ts';
import type { reconciliationFlags } from '../nft/nft-schema.ts';

/** A finding one check records; the run it belongs to is passed apart. */
export type NewFlag = Omit<typeof reconciliationFlags.$inferInsert, 'runId'>;

/** What each reconciliation check (burned NFTs, wallet badges, …) is given by the run. */
export interface ReconciliationCheckDeps {
  db: Db;
  chain: Chain;
  /** Records a finding; false when the same one is already open. */
  flag: (runId: string, entry: NewFlag) => Promise<boolean>;
  progress: (runId: string, checked: number, corrected: number, flagged: number) => Promise<void>;
}
