import type { NftStatus } from '../nft.ts';
import type { ErrorCode } from './error-catalogue.ts';

/** One field a request's validation refused. */
export interface InvalidField {
  path: string;
  message: string;
}

type StatusOnly = { status: string };

/**
 * The context each code carries (`details` in the error body), as kit's `SolanaError` does:
 * a code not listed here carries none. Contexts of 5xx codes stay on the server (logs only).
 */
export interface ErrorContextByCode {
  VALIDATION__INVALID_BODY: InvalidField[] | { field: string } | undefined;
  VALIDATION__INVALID_QUERY: InvalidField[] | undefined;
  VALIDATION__INVALID_PARAMS: InvalidField[] | undefined;
  VALIDATION__INVALID_HEADERS: InvalidField[];
  RATE_LIMITED: { retryAfterSeconds: number };
  AUTH__EMAIL_CODE_LIMIT: { resendAfter: string };
  NFT__LEVEL_ORDER: { level: number };
  NFT__INSUFFICIENT_VOLUME: { nextLevel: NftStatus['nextLevel'] };
  NFT__MISSING_BADGES: { nextLevel: NftStatus['nextLevel'] };
  NFT__REQUEST_IN_PROGRESS: { requestId: string; status?: string } | undefined;
  NFT__REQUEST_ALREADY_LANDED: { requestId: string; status: string };
  NFT__NOT_AWAITING_SIGNATURE: StatusOnly | undefined;
  NFT__REQUEST_NOT_COMPENSABLE: StatusOnly;
  CHAIN__INSUFFICIENT_SOL: {
    requestId?: string;
    claimId?: string;
    feePayer?: string;
    needLamports?: string;
    balanceLamports?: string;
    missingSol?: number;
  };
  CHAIN__SIGNED_TRANSACTION_MISMATCH: {
    reason:
      | 'malformed'
      | 'message_changed'
      | 'signature_changed'
      | 'signature_missing'
      | 'signature_invalid'
      | 'unknown_transaction'
      | 'not_the_prepared_transaction';
    signer?: string;
    /** Which transaction of a batch, for admin-wallet signing. */
    index?: number;
    requestId?: string;
    detail?: string | null;
  };
  CHAIN__RPC_UNAVAILABLE: { attempts: number; lastStatus?: number };
  FAUCET__LIMIT_REACHED: { balanceLamports: string };
  CLAIM__ISSUANCE_NOT_FOUND: { issuanceId: string };
  CLAIM__NOT_IN_VAULT: { issuanceId: string; status: string };
  CLAIM__ALREADY_REQUESTED: { issuanceId: string; status: string } | undefined;
  CLAIM__ALREADY_CLAIMED: { issuanceId: string; status: string };
  CLAIM__NOT_PENDING: StatusOnly;
  CLAIM__NOT_AWAITING_SIGNATURE: StatusOnly | undefined;
  CLAIM__VAULT_EMPTY: { tokenId: string };
  BADGE__NOT_FOUND: { badgeIds: string[] } | undefined;
  BADGE__CATEGORY_IN_USE: { badges: number };
  BADGE__IMAGE_INVALID:
    | { reason: 'not_base64' | 'empty' }
    | { reason: 'content_mismatch'; declared: string; detected: string | null };
  BADGE__IMAGE_TOO_LARGE: { maxBytes: number; bytes: number };
  BADGE__ON_CHAIN_FIELD_LOCKED: { fields: string[] };
  BADGE__NOT_ISSUABLE: { status: string } | { badges: Array<{ id: string; status: string }> };
  BADGE__NO_RECIPIENTS: RosterRefusal;
  BADGE__NOTHING_TO_ISSUE: RosterRefusal;
  BADGE__AUTHORITY_CANNOT_PAY: { authority: string; needLamports: string; balanceLamports: string };
  BADGE__ISSUANCE_NOT_RETRYABLE: StatusOnly;
  STATE__STALE: { entity: StatefulEntity; ids: string[] };
  STATE__INVALID_TRANSITION: { entity: StatefulEntity; from: string; event: string };
  CONFIG__INVALID: { problems: string[] };
  CONFIG__SHARED_SECRETS: { problems: string[] };
  CHAIN__IDENTITY_MISMATCH: { problems: string[] };
  CONFIG__DATA_DIR: { dataDir: string; errno?: string };
  CHAIN__TRANSACTION_TOO_LARGE: { size: number; limit: number };
  CHAIN__RPC_REJECTED: { status: number; endpoint: string };
  CHAIN__KEYPAIR_INVALID: { source: 'env' | 'file' };
  CHAIN__KEYPAIR_NOT_FOUND: { source: 'file' };
  IPFS__PROVIDER_FAILED: { retryable: boolean; reason: string };
}

/** The rows of a roster that issued nothing, and why. */
export interface RosterRefusal {
  summary: Record<string, number>;
  rejected: Array<Record<string, unknown>>;
}

/** The rows with a state machine; named in stale and invalid-transition errors. */
export type StatefulEntity = 'nft_request' | 'claim' | 'issuance' | 'issuance_transaction' | 'badge';

/** The context of `code`: `undefined` for a code that carries none. */
export type ErrorContext<C extends ErrorCode> = C extends keyof ErrorContextByCode
  ? ErrorContextByCode[C]
  : undefined;
