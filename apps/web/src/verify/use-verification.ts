import { useQuery } from '@tanstack/react-query';
import { badgeVerificationSchema, nftVerificationSchema } from '@insignia/contract';
import { isApiError } from '../api/api-error.ts';
import { useAuth } from '../auth/auth-context.tsx';

/** Not found or not an id at all: either way, there is nothing to verify at this address. */
const isMissing = (error: unknown) =>
  isApiError(error) && (error.status === 404 || error.code === 'VALIDATION__INVALID_PARAMS');

const retry = (count: number, error: unknown) => !isMissing(error) && count < 2;

/** `GET /api/public/badges/:issuanceId`, signed in or not. */
export function useBadgeVerification(issuanceId: string) {
  const { api } = useAuth();
  const query = useQuery({
    queryKey: ['verify', 'badge', issuanceId],
    queryFn: ({ signal }) =>
      api.send('GET', `/api/public/badges/${encodeURIComponent(issuanceId)}`, badgeVerificationSchema, {
        auth: false,
        signal,
      }),
    retry,
  });
  return { ...query, missing: isMissing(query.error) };
}

/** `GET /api/public/nfts/:mintAddress`, signed in or not. */
export function useNftVerification(mintAddress: string) {
  const { api } = useAuth();
  const query = useQuery({
    queryKey: ['verify', 'nft', mintAddress],
    queryFn: ({ signal }) =>
      api.send('GET', `/api/public/nfts/${encodeURIComponent(mintAddress)}`, nftVerificationSchema, {
        auth: false,
        signal,
      }),
    retry,
  });
  return { ...query, missing: isMissing(query.error) };
}
