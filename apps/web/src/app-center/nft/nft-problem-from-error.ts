import { ApiError, describeError } from '../../api/api-error.ts';
import { WalletActionError } from '../../wallet/link-wallet.ts';
import type { NftKind, NftProblem } from './nft-flow.ts';

function detail(details: unknown, key: string): unknown {
  return details && typeof details === 'object' ? (details as Record<string, unknown>)[key] : undefined;
}

/** Lamports still missing, from `CHAIN__INSUFFICIENT_SOL` details (need − balance, or missingSol). */
export function missingLamports(details: unknown): string | undefined {
  const need = detail(details, 'needLamports');
  const balance = detail(details, 'balanceLamports');
  if (
    typeof need === 'string' &&
    typeof balance === 'string' &&
    /^\d+$/.test(need) &&
    /^\d+$/.test(balance)
  ) {
    const missing = BigInt(need) - BigInt(balance);
    return missing > 0n ? missing.toString() : undefined;
  }
  const sol = detail(details, 'missingSol');
  if (typeof sol === 'number' && sol > 0) return String(Math.ceil(sol * 1e9));
  return undefined;
}

/** What to tell the person when preparing, signing or submitting threw. */
export function problemFromError(error: unknown, kind: NftKind): NftProblem {
  const action = kind === 'unlock' ? 'unlock' : 'upgrade';
  if (error instanceof WalletActionError) {
    return { title: 'Your wallet did not sign', message: error.message, retry: true };
  }
  if (!(error instanceof ApiError)) {
    return { title: `The ${action} did not start`, message: describeError(error), retry: true };
  }
  switch (error.code) {
    case 'CHAIN__INSUFFICIENT_SOL':
      return {
        title: 'Not enough SOL in your wallet',
        message:
          'Your wallet needs more SOL to pay for this transaction: the network fees and the rent of the new NFT’s accounts. Nothing was sent.',
        retry: true,
        addSol: { lamports: missingLamports(error.details) },
      };
    case 'NFT__REQUEST_IN_PROGRESS':
      return {
        title: 'Another request is in progress',
        message:
          'An unlock or upgrade of yours is still being processed. Its status is shown here as it changes.',
        retry: false,
      };
    case 'CHAIN__SIGNED_TRANSACTION_MISMATCH':
      return {
        title: 'The wallet changed the transaction',
        message:
          'What your wallet signed is not the transaction Insignia prepared, so it was not sent. Try again; if it keeps happening, try another wallet.',
        retry: true,
      };
    case 'CHAIN__RPC_UNAVAILABLE':
      return {
        title: 'Solana cannot be reached right now',
        message: `${error.message} You can also try again in a minute.`,
        retry: true,
      };
    case 'NFT__NOT_AWAITING_SIGNATURE':
      return {
        title: 'This request already moved on',
        message: 'It is no longer waiting for a signature. The page shows where it stands now.',
        retry: false,
      };
    default:
      return { title: `The ${action} could not continue`, message: error.message, retry: true };
  }
}

/** The request an error is about (`NFT__REQUEST_IN_PROGRESS` names it), if any. */
export function requestIdFromError(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const id = detail(error.details, 'requestId');
  return typeof id === 'string' ? id : undefined;
}
