/** Parts of the admin console that later issues fill in; listed so admins know what is coming. */
export const upcomingAdminSections = [
  {
    title: 'Badge catalogue',
    description: 'Create and edit badges and categories, database-only or on-chain.',
  },
  {
    title: 'Issuance',
    description: 'Issue badges to one person or to a roster (picked or uploaded as CSV), with progress.',
  },
  {
    title: 'Claim queue',
    description: 'Approve requests to move badges held in the vault to a person’s wallet.',
  },
  {
    title: 'Compensation queue',
    description: 'Upgrades whose new NFT could not be minted after the burn: retry or record a compensation.',
  },
  {
    title: 'Reconciliation',
    description: 'Compare NFTs and vault balances in the database with the chain, and review differences.',
  },
  {
    title: 'Audit',
    description: 'Every badge, mint and claim action, with IPFS hashes and email delivery logs.',
  },
] as const;
