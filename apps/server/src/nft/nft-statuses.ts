/** The statuses of the NFT tables, apart from the tables so services may name them. */

export const userNftStatuses = ['active', 'burned', 'missing'] as const;

export const nftRequestKinds = ['unlock', 'upgrade'] as const;
export const nftRequestStatuses = [
  'awaiting_signature',
  'submitted',
  'awaiting_burn_signature',
  'burn_submitted',
  'burn_confirmed',
  'mint_submitted',
  'completed',
  'expired',
  'failed',
  'needs_compensation',
  'compensated',
] as const;
export const terminalNftRequestStatuses = ['completed', 'expired', 'failed', 'compensated'] as const;
