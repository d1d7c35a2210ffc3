/**
 * Every stable error code Insignia returns, with its default message. Codes are
 * `AREA__REASON`; clients branch on them, so a code is never renamed once shipped.
 * HTTP statuses live in http/error-status.ts: services never know about HTTP.
 */
export const errorMessages = {
  VALIDATION__INVALID_BODY: 'The request body is invalid.',
  VALIDATION__INVALID_QUERY: 'The query string is invalid.',
  VALIDATION__INVALID_PARAMS: 'The URL parameters are invalid.',
  VALIDATION__INVALID_HEADERS: 'The request headers are invalid.',
  VALIDATION__MALFORMED_JSON: 'The request body is not valid JSON.',
  VALIDATION__INVALID_ADDRESS: 'That is not a valid Solana address.',
  VALIDATION__INVALID_CID: 'That is not a valid IPFS CID.',
  REQUEST__TOO_LARGE: 'The request body is too large.',
  REQUEST__UNSUPPORTED_MEDIA_TYPE: 'The request content type is not supported.',
  REQUEST__BAD: 'The request could not be understood.',
  NOT_FOUND: 'Nothing here.',
  RATE_LIMITED: 'Too many requests; wait a moment and try again.',
  AUTH__UNAUTHENTICATED: 'Log in to continue.',
  AUTH__TOKEN_INVALID: 'Your session is invalid or has expired; log in again.',
  AUTH__FORBIDDEN: 'You are not allowed to do that.',
  AUTH__INVALID_CREDENTIALS: 'Wrong email or password.',
  AUTH__EMAIL_TAKEN: 'An account with that email already exists.',
  AUTH__INVALID_API_KEY: 'The API key is missing or wrong.',
  AUTH__SIWS_CHALLENGE_INVALID: 'The sign-in message is not one this server issued.',
  AUTH__SIWS_INVALID_SIGNATURE: 'The wallet signature does not match the message.',
  AUTH__SIWS_NONCE_EXPIRED: 'The sign-in message has expired; request a new one.',
  AUTH__SIWS_NONCE_USED: 'The sign-in message was already used; request a new one.',
  AUTH__WALLET_TAKEN: 'That wallet is already linked to another account.',
  USER__NOT_FOUND: 'No such user.',
  NFT__LEVEL_NOT_FOUND: 'No such level.',
  NFT__LEVEL_ORDER: 'Each level must need more volume than the level below it.',
  NFT__LEVEL_IN_USE: 'Users hold or are requesting this level; it cannot be removed.',
  BADGE__NOT_FOUND: 'No such badge.',
  NFT__WALLET_NOT_LINKED: 'Link a Solana wallet to your account first.',
  NFT__INSUFFICIENT_VOLUME: 'Your trading volume does not reach the next level yet.',
  NFT__MISSING_BADGES: 'The next level needs badges you do not hold yet.',
  NFT__ALREADY_HAS_NFT: 'You already hold a level NFT; upgrade it instead.',
  NFT__NO_NFT: 'You do not hold a level NFT yet; unlock one first.',
  NFT__MAX_LEVEL: 'You already hold the highest level.',
  NFT__REQUEST_IN_PROGRESS: 'Another unlock or upgrade is in progress; finish or wait for it first.',
  NFT__REQUEST_NOT_FOUND: 'No such unlock or upgrade request.',
  NFT__NOT_AWAITING_SIGNATURE: 'This request is not waiting for a signature.',
  NFT__REQUEST_NOT_COMPENSABLE: 'This request is not waiting for compensation.',
  CHAIN__INSUFFICIENT_SOL:
    'Your wallet does not have enough SOL for this transaction; add SOL and try again.',
  CHAIN__SIGNED_TRANSACTION_MISMATCH: 'The signed transaction is not the one prepared for this request.',
  CHAIN__RPC_UNAVAILABLE:
    'The Solana network cannot be reached right now; your request is queued and will resume.',
  CHAIN__TRANSACTION_FAILED: 'The transaction failed on chain.',
  IPFS__NOT_FOUND: 'No content with that CID is stored here.',
  SERVICE__UNAVAILABLE: 'A service Insignia depends on is unavailable; try again shortly.',
  INTERNAL: 'Something went wrong on our side.',
} as const;

export type ErrorCode = keyof typeof errorMessages;
