import type { NftStatus, UnclaimedBadges, UserBadge } from '@insignia/contract';

type NextLevel = NonNullable<NftStatus['nextLevel']>;
type OpenRequest = NonNullable<NftStatus['openRequest']>;

/**
 * The one thing the Personal Center asks of the person now, in journey order:
 * qualify → link a wallet → unlock → upgrade → claim badges.
 */
export type NextStep =
  | { kind: 'loading' }
  /** An unlock or upgrade started in this page: its own steps take the panel. */
  | { kind: 'flow' }
  /** A request left open (waiting for a signature, on its way, or with the team). */
  | { kind: 'open-request'; request: OpenRequest }
  | { kind: 'unlock'; level: NextLevel; costLamports: string | null }
  | { kind: 'upgrade'; level: NextLevel }
  /** A wallet is needed: to receive the level NFT the person qualifies for, or vault badges. */
  | { kind: 'link-wallet'; reason: 'unlock' | 'upgrade' | 'badges'; level: NextLevel | null; badges: number }
  /** Vault badges that can be claimed now; `declined` are those whose last claim was refused. */
  | { kind: 'claim'; claimable: UserBadge[]; declined: UserBadge[] }
  /** Claims sent and not finished: nothing to do but wait, and the panel says so. */
  | { kind: 'claim-pending'; pending: UserBadge[] }
  /** Trade (or earn badges) to reach the next level. */
  | { kind: 'qualify'; level: NextLevel; unlock: boolean; walletLinked: boolean }
  /** Highest level held and nothing waiting. */
  | { kind: 'all-done' };

export interface NextStepInput {
  status: NftStatus | undefined;
  /** Badge data, once loaded (the panel does not wait for it to show NFT steps). */
  badges: { badges: readonly UserBadge[]; unclaimed: UnclaimedBadges } | undefined;
  /** An unlock or upgrade is under way in this page (past the buttons). */
  flowActive: boolean;
}

/** Chooses the single next step; pure, so every state of the journey is tested. */
export function chooseNextStep({ status, badges, flowActive }: NextStepInput): NextStep {
  if (flowActive) return { kind: 'flow' };
  if (!status) return { kind: 'loading' };
  if (status.openRequest) return { kind: 'open-request', request: status.openRequest };
  const next = status.nextLevel;
  if (status.canUnlock && next)
    return { kind: 'unlock', level: next, costLamports: status.unlockCostLamports ?? null };
  if (status.canUpgrade && next) return { kind: 'upgrade', level: next };
  if (status.reason === 'NFT__WALLET_NOT_LINKED')
    return {
      kind: 'link-wallet',
      reason: status.currentNft ? 'upgrade' : 'unlock',
      level: next,
      badges: badges?.unclaimed.items.length ?? 0,
    };

  if (badges) {
    const vault = badges.unclaimed.items;
    if (vault.length > 0 && !badges.unclaimed.walletOnFile)
      return { kind: 'link-wallet', reason: 'badges', level: null, badges: vault.length };
    const claimable = vault.filter((b) => b.claimable);
    if (claimable.length > 0)
      return {
        kind: 'claim',
        claimable,
        declined: claimable.filter((b) => b.claim?.status === 'rejected'),
      };
    const pending = badges.badges.filter((b) => b.status === 'claim_requested');
    if (pending.length > 0) return { kind: 'claim-pending', pending };
  }

  if (next)
    return { kind: 'qualify', level: next, unlock: !status.currentNft, walletLinked: !!status.walletAddress };
  return { kind: 'all-done' };
}

/** Where the person is on the journey, for the small stepper under the panel. */
export function journeyProgress(status: NftStatus | undefined): {
  label: string;
  state: 'done' | 'current' | 'todo';
}[] {
  const held = status?.currentNft ?? null;
  const linked = !!status?.walletAddress;
  // Qualified: an action is open to them, or one is already under way.
  const qualified =
    !!status &&
    (status.canUnlock ||
      status.canUpgrade ||
      status.reason === 'NFT__WALLET_NOT_LINKED' ||
      status.openRequest !== null);
  const steps: { label: string; done: boolean }[] = [
    { label: 'Qualify', done: qualified || held !== null },
    { label: 'Link a wallet', done: linked },
    { label: 'Unlock', done: held !== null },
    { label: 'Upgrade', done: (held?.level ?? 0) > 1 },
  ];
  const current = steps.findIndex((s) => !s.done);
  return steps.map((s, i) => ({
    label: s.label,
    state: s.done ? 'done' : i === current ? 'current' : 'todo',
  }));
}
