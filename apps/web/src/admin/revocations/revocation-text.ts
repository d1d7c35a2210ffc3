import type { Revocation, RevocationChainAction, RevocationStatus } from '@insignia/contract';

/** Said before confirming a revocation of a wallet-held badge whose mint has no permanent delegate. */
export const OLD_MINT_WARNING =
  "This badge's mint predates on-chain revocation: it will be marked revoked in its credential's status list, but the token stays in the wallet.";

const actionText: Record<RevocationChainAction, string> = {
  none: 'nothing to burn (database-only badge)',
  burn_from_vault: 'burn from the vault',
  burn_from_wallet: "burn from the person's wallet",
  status_list_only: 'marked in the status list only; the token stays in the wallet',
};

/** What revoking will do on chain, said before confirming. */
export const plannedChainText: Record<RevocationChainAction, string> = {
  none: 'Nothing to do on chain: this badge lives only in the database.',
  burn_from_vault: 'The badge token held for this person in the vault is burned.',
  burn_from_wallet:
    "The badge token is burned from the person's wallet (the platform is its permanent delegate).",
  status_list_only: OLD_MINT_WARNING,
};

/** What the chain part of a revocation did, or is doing, in plain words. */
export function describeChainStatus(
  r: Pick<Revocation, 'chainAction' | 'status'> & { lastError?: string | null },
): string {
  if (r.chainAction === 'none' || r.chainAction === 'status_list_only')
    return `On chain: ${actionText[r.chainAction]}`;
  const status: Record<RevocationStatus, string> = {
    pending: 'waiting to be sent',
    sent: 'sent, waiting for the chain',
    done: r.lastError ? r.lastError : 'done',
    failed: `failed${r.lastError ? `: ${r.lastError}` : ''}`,
  };
  return `On chain: ${actionText[r.chainAction]}, ${status[r.status]}`;
}
