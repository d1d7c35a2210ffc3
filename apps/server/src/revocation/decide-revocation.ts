import type { ErrorCode, RevocationChainAction } from '@insignia/contract';
import type { Address } from '@solana/kit';

type IssuanceFacts = Readonly<{
  status: string;
  destination: 'wallet' | 'vault' | 'none';
  walletAddress: Address | null;
  revokedAt: Date | null;
}>;
type BadgeFacts = Readonly<{
  badgeType: 'database' | 'blockchain';
  mintAddress: Address | null;
  permanentDelegate: Address | null;
}>;

/** What revoking an issuance does now: refused, or the chain action and whose token account. */
export type RevocationDecision =
  | Readonly<{ ok: false; code: Extract<ErrorCode, `REVOKE__${string}`> }>
  | Readonly<{ ok: true; chainAction: RevocationChainAction; owner: Address | null }>;

const IN_FLIGHT = new Set(['pending', 'uploaded', 'minting']);

/**
 * Decides a revocation from the issuance row and its badge (pure). `authority` is the platform
 * authority: a wallet-held badge is burned only when the mint names it as PermanentDelegate.
 */
export function decideRevocation(
  issuance: IssuanceFacts,
  badge: BadgeFacts,
  keys: Readonly<{ authority: Address; vault: Address }>,
): RevocationDecision {
  if (IN_FLIGHT.has(issuance.status)) return { ok: false, code: 'REVOKE__IN_FLIGHT' };
  // A claim may wait for an admin's approval indefinitely: say what to do, not "wait".
  if (issuance.status === 'claim_requested') return { ok: false, code: 'REVOKE__CLAIM_PENDING' };
  if (issuance.status === 'failed') return { ok: false, code: 'REVOKE__NOT_ISSUED' };
  if (issuance.destination === 'none' || badge.badgeType === 'database' || !badge.mintAddress)
    return { ok: true, chainAction: 'none', owner: null };
  if (issuance.status === 'in_vault') return { ok: true, chainAction: 'burn_from_vault', owner: keys.vault };
  // issued to a wallet, or claimed into one (the claim records the wallet on the issuance).
  if (!issuance.walletAddress) return { ok: true, chainAction: 'none', owner: null };
  if (badge.permanentDelegate === keys.authority)
    return { ok: true, chainAction: 'burn_from_wallet', owner: issuance.walletAddress };
  return { ok: true, chainAction: 'status_list_only', owner: issuance.walletAddress };
}
