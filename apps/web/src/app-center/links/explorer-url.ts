/** Query string of each public cluster on explorer.solana.com; mainnet needs none. */
const clusters: Record<string, string> = {
  mainnet: '',
  'mainnet-beta': '',
  devnet: '?cluster=devnet',
  testnet: '?cluster=testnet',
};

/**
 * A Solana Explorer link for an address or transaction, or null where the network has no
 * public explorer (the bundled local validator, or a cluster the server does not name).
 */
export function explorerUrl(
  network: string | null | undefined,
  kind: 'address' | 'tx',
  id: string,
): string | null {
  const cluster = network === null || network === undefined ? undefined : clusters[network];
  if (cluster === undefined) return null;
  return `https://explorer.solana.com/${kind}/${encodeURIComponent(id)}${cluster}`;
}

/** The public verification page of a level NFT (no login needed). */
export const nftVerifyPath = (mintAddress: string) => `/verify/nft/${encodeURIComponent(mintAddress)}`;
/** The public verification page of one badge issuance (no login needed). */
export const badgeVerifyPath = (issuanceId: string) => `/verify/badge/${encodeURIComponent(issuanceId)}`;
