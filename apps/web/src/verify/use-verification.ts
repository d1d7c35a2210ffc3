import { useMutation, useQuery } from '@tanstack/react-query';
import {
  badgeVerificationSchema,
  credentialVerificationSchema,
  nftVerificationSchema,
} from '@insignia/contract';
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

/** Where a badge's signed Open Badges 3.0 credential is (public; `?download=1` to save it). */
export const credentialPath = (issuanceId: string) =>
  `/api/public/badges/${encodeURIComponent(issuanceId)}/credential`;

/** `GET /api/public/badges/:issuanceId/credential/verification`: the server's check of the credential. */
export function useCredentialVerification(issuanceId: string) {
  const { api } = useAuth();
  const query = useQuery({
    queryKey: ['verify', 'credential', issuanceId],
    queryFn: ({ signal }) =>
      api.send('GET', `${credentialPath(issuanceId)}/verification`, credentialVerificationSchema, {
        auth: false,
        signal,
      }),
    retry,
  });
  return { ...query, missing: isMissing(query.error) };
}

/** `POST /api/public/credentials/verify`: checks a credential file someone was given. */
export function useVerifyCredentialFile() {
  const { api } = useAuth();
  return useMutation({
    mutationFn: (credential: Record<string, unknown>) =>
      api.send('POST', '/api/public/credentials/verify', credentialVerificationSchema, {
        auth: false,
        body: credential,
      }),
  });
}
