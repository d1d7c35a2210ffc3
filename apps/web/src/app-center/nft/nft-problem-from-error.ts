import type { ErrorContext } from '@insignia/contract';
import { ApiError, describeError, isApiError } from '../../api/api-error.ts';
import { WalletActionError } from '../../wallet/link-wallet.ts';
import type { NftKind, NftProblem } from './nft-flow.ts';

/** Lamports still missing, from `CHAIN__INSUFFICIENT_SOL` details (need − balance, or missingSol). */
export function missingLamports(
  details: ErrorContext<'CHAIN__INSUFFICIENT_SOL'> | undefined,
): string | undefined {
  const { needLamports: need, balanceLamports: balance, missingSol } = details ?? {};
  if (need && balance && /^\d+$/.test(need) && /^\d+$/.test(balance)) {
    const missing = BigInt(need) - BigInt(balance);
    return missing > 0n ? missing.toString() : undefined;
  }
  if (typeof missingSol === 'number' && missingSol > 0) return String(Math.ceil(missingSol * 1e9));
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
  if (isApiError(error, 'CHAIN__INSUFFICIENT_SOL')) {
    const { needLamports, balanceLamports } = error.details ?? {};
    return {
      title: 'Your wallet needs a little more SOL',
      message:
        'The network fee and the deposit that keeps your NFT’s accounts on Solana are paid in SOL from your wallet. Nothing was sent.',
      retry: true,
      addSol: {
        lamports: missingLamports(error.details),
        ...(needLamports ? { needLamports } : {}),
        ...(balanceLamports ? { balanceLamports } : {}),
      },
    };
  }
  switch (error.code) {
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
  return isApiError(error, 'NFT__REQUEST_IN_PROGRESS') ? error.details?.requestId : undefined;
}
