import type { NftRequestView, PreparedNftTransaction } from '@insignia/contract';

export type NftKind = 'unlock' | 'upgrade';

/** Something that stopped an unlock or upgrade, worded for the person, with what they can do. */
export interface NftProblem {
  title: string;
  message: string;
  /** Offer "Try again" (prepare again: the NFT address stays the same). */
  retry: boolean;
  /** The wallet is short of SOL: how much to add (lamports, when known) and where. */
  addSol?: { lamports: string | undefined; needLamports?: string; balanceLamports?: string };
  /** The request this is about, when one exists. */
  request?: NftRequestView;
}

/**
 * Where an unlock or upgrade stands in the page. One transition at a time: prepare → review
 * (the person sees what they will sign) → signing (wallet prompt) → submitting → following
 * (on chain, live) → done; any step may end in `failed`.
 */
export type NftFlowState =
  | { step: 'idle' }
  | { step: 'preparing'; kind: NftKind }
  | { step: 'review'; kind: NftKind; prepared: PreparedNftTransaction }
  | { step: 'signing'; kind: NftKind; prepared: PreparedNftTransaction; walletName: string }
  | { step: 'submitting'; kind: NftKind; prepared: PreparedNftTransaction }
  | { step: 'following'; kind: NftKind; request: NftRequestView }
  | { step: 'done'; kind: NftKind; request: NftRequestView }
  | { step: 'failed'; kind: NftKind; problem: NftProblem };

/** What a person whose upgrade is parked for compensation is told. */
export const COMPENSATION_NOTICE = {
  title: 'Your new level is delayed',
  message:
    'Your old NFT was burned, but minting the new one keeps failing. Our team has been alerted and will complete it or compensate you; nothing is lost and you do not need to do anything.',
};

/** Statuses in which the chain (and maybe the server's worker) is doing the work. */
const inFlight = new Set(['submitted', 'burn_submitted', 'burn_confirmed', 'mint_submitted']);
const awaitingSignature = new Set(['awaiting_signature', 'awaiting_burn_signature']);

export const isInFlight = (status: string): boolean => inFlight.has(status);
export const isAwaitingSignature = (status: string): boolean => awaitingSignature.has(status);

/** Why a transaction the person signed did not land, from the request's error code. */
function problemForCode(code: string | null, request: NftRequestView): NftProblem {
  switch (code) {
    case 'CHAIN__EXPIRED':
      return {
        title: 'The transaction expired',
        message:
          'It was not confirmed on Solana in time, so nothing happened. Prepare it again: your NFT keeps the same address.',
        retry: true,
        request,
      };
    case 'CHAIN__INSUFFICIENT_SOL':
      return {
        title: 'Not enough SOL in your wallet',
        message: 'Your wallet did not have enough SOL to pay for this transaction, so it did not go through.',
        retry: true,
        addSol: { lamports: undefined },
        request,
      };
    default:
      return {
        title: 'The transaction did not go through',
        message: `${request.error ?? 'Solana refused the transaction.'} Nothing changed; you can try again.`,
        retry: true,
        request,
      };
  }
}

/** The flow state a request's server-side status means. */
export function stateForRequest(kind: NftKind, request: NftRequestView): NftFlowState {
  if (request.status === 'completed') return { step: 'done', kind, request };
  if (isInFlight(request.status)) return { step: 'following', kind, request };
  if (isAwaitingSignature(request.status))
    return { step: 'failed', kind, problem: problemForCode(request.errorCode, request) };
  switch (request.status) {
    case 'needs_compensation':
      return {
        step: 'failed',
        kind,
        problem: {
          title: COMPENSATION_NOTICE.title,
          message: COMPENSATION_NOTICE.message,
          retry: false,
          request,
        },
      };
    case 'compensated':
      return {
        step: 'failed',
        kind,
        problem: {
          title: 'An administrator resolved this upgrade',
          message: 'The new NFT could not be minted, so an administrator recorded a compensation for you.',
          retry: false,
          request,
        },
      };
    case 'expired':
      return {
        step: 'failed',
        kind,
        problem: {
          title: 'This request expired',
          message: 'It waited too long for a signature. Start again whenever you are ready.',
          retry: true,
          request,
        },
      };
    default:
      return {
        step: 'failed',
        kind,
        problem: {
          title: kind === 'unlock' ? 'The unlock failed' : 'The upgrade failed',
          message: `${request.error ?? 'The transaction failed on Solana.'} Nothing was taken from you; you can try again.`,
          retry: true,
          request,
        },
      };
  }
}

/** The words for what the person is about to sign. */
export function describeAction(prepared: PreparedNftTransaction): string {
  const { request } = prepared;
  switch (prepared.action) {
    case 'mint':
      return `Mint your Level ${request.toLevel} NFT to your wallet`;
    case 'burn_and_mint':
      return `Burn your Level ${request.fromLevel ?? '?'} NFT and mint Level ${request.toLevel}, in one transaction`;
    case 'burn':
      return `Burn your Level ${request.fromLevel ?? '?'} NFT (step 1 of 2; Insignia then mints Level ${request.toLevel} for you)`;
  }
}

/** What is happening right now while the request is on its way, for a status line. */
export function describeProgress(request: NftRequestView): string {
  switch (request.status) {
    case 'submitted':
      return request.kind === 'unlock'
        ? `Minting your Level ${request.toLevel} NFT on Solana…`
        : `Burning Level ${request.fromLevel ?? '?'} and minting Level ${request.toLevel} on Solana…`;
    case 'burn_submitted':
      return `Burning your Level ${request.fromLevel ?? '?'} NFT on Solana…`;
    case 'burn_confirmed':
    case 'mint_submitted':
      return `Old NFT burned. Minting your new level (Level ${request.toLevel})…`;
    case 'completed':
      return 'Done.';
    default:
      return `Status: ${request.status.replaceAll('_', ' ')}`;
  }
}

export interface FlowStep {
  label: string;
  state: 'done' | 'current' | 'todo';
}

/** The steps of this flow, for a small progress list. Two-step upgrades have a burn and a mint. */
export function flowSteps(state: NftFlowState, twoStep: boolean): FlowStep[] {
  const labels = twoStep
    ? ['Prepare', 'Sign the burn', 'Burn on Solana', 'Mint your new level', 'Done']
    : ['Prepare', 'Sign in your wallet', 'Confirm on Solana', 'Done'];
  let current = 0;
  switch (state.step) {
    case 'idle':
    case 'preparing':
      current = 0;
      break;
    case 'review':
    case 'signing':
      current = 1;
      break;
    case 'submitting':
      current = 2;
      break;
    case 'following':
      current = twoStep && ['burn_confirmed', 'mint_submitted'].includes(state.request.status) ? 3 : 2;
      break;
    case 'done':
      current = labels.length;
      break;
    case 'failed':
      current = -1;
      break;
  }
  return labels.map((label, i) => ({
    label,
    state: i < current || current === labels.length ? 'done' : i === current ? 'current' : 'todo',
  }));
}
