/**
 * Every stable error code Insignia returns or stores, with its HTTP status and the message a
 * person sees. Codes are `AREA__REASON`; clients branch on them, so a code is never renamed
 * once shipped. Codes with status 500 are internal: their message and context never leave the
 * server (the caller sees `INTERNAL`'s). This is the one table: the server's error handler,
 * the stored `errorCode` columns and the web app all read it.
 */
export const errorCatalogue = {
  VALIDATION__INVALID_BODY: { status: 400, message: 'The request body is invalid.' },
  VALIDATION__INVALID_QUERY: { status: 400, message: 'The query string is invalid.' },
  VALIDATION__INVALID_PARAMS: { status: 400, message: 'The URL parameters are invalid.' },
  VALIDATION__INVALID_HEADERS: { status: 400, message: 'The request headers are invalid.' },
  VALIDATION__MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  VALIDATION__INVALID_ADDRESS: { status: 400, message: 'That is not a valid Solana address.' },
  VALIDATION__INVALID_CID: { status: 400, message: 'That is not a valid IPFS CID.' },
  REQUEST__TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  REQUEST__UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The request content type is not supported.' },
  REQUEST__BAD: { status: 400, message: 'The request could not be understood.' },
  NOT_FOUND: { status: 404, message: 'Nothing here.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; wait a moment and try again.' },
  AUTH__UNAUTHENTICATED: { status: 401, message: 'Log in to continue.' },
  AUTH__TOKEN_INVALID: { status: 401, message: 'Your session is invalid or has expired; log in again.' },
  AUTH__FORBIDDEN: { status: 403, message: 'You are not allowed to do that.' },
  AUTH__INVALID_CREDENTIALS: { status: 401, message: 'Wrong email or password.' },
  AUTH__EMAIL_TAKEN: { status: 409, message: 'An account with that email already exists.' },
  AUTH__INVALID_API_KEY: { status: 401, message: 'The API key is missing or wrong.' },
  AUTH__SIWS_CHALLENGE_INVALID: {
    status: 400,
    message: 'The sign-in message is not one this server issued.',
  },
  AUTH__SIWS_INVALID_SIGNATURE: { status: 400, message: 'The wallet signature does not match the message.' },
  AUTH__SIWS_NONCE_EXPIRED: { status: 400, message: 'The sign-in message has expired; request a new one.' },
  AUTH__SIWS_NONCE_USED: { status: 409, message: 'The sign-in message was already used; request a new one.' },
  AUTH__WALLET_TAKEN: { status: 409, message: 'That wallet is already linked to another account.' },
  AUTH__HOST_LINK_FORBIDDEN: {
    status: 403,
    message: 'This account cannot be linked to a host-platform identity.',
  },
  AUTH__HOST_IDENTITY_TAKEN: {
    status: 409,
    message: 'That host-platform identity already belongs to another account.',
  },
  AUTH__HOST_ALREADY_LINKED: {
    status: 409,
    message: 'This account is already linked to another host-platform identity.',
  },
  AUTH__EMAIL_ALREADY_VERIFIED: { status: 409, message: 'Your email address is already verified.' },
  AUTH__EMAIL_CODE_INVALID: {
    status: 400,
    message: 'That code is wrong, expired or already used; ask for a new one.',
  },
  // Not 401: a wrong current password must not read as the session ending.
  AUTH__CURRENT_PASSWORD_WRONG: { status: 400, message: 'Your current password is not right.' },
  AUTH__PASSWORD_NOT_SET: {
    status: 409,
    message: 'This account signs in through the host platform and has no password here.',
  },
  AUTH__EMAIL_CODE_LIMIT: {
    status: 429,
    message: 'Too many codes asked for; wait a while before asking again.',
  },
  USER__NOT_FOUND: { status: 404, message: 'No such user.' },
  TRADE__NOT_FOUND: { status: 404, message: 'No trade with this id was recorded or held.' },
  TRADE__REVERSAL_ID_REUSED: {
    status: 409,
    message: 'This reversal id was already used to reverse another trade.',
  },
  TRADE__REVERSAL_VOLUME_MISMATCH: {
    status: 409,
    message: 'A reversal reverses the whole trade: its volume must be the trade’s volume.',
  },
  NFT__LEVEL_NOT_FOUND: { status: 404, message: 'No such level.' },
  NFT__LEVEL_ORDER: { status: 400, message: 'Each level must need more volume than the level below it.' },
  NFT__LEVEL_IN_USE: {
    status: 409,
    message: 'Users hold or are requesting this level; it cannot be removed.',
  },
  BADGE__NOT_FOUND: { status: 404, message: 'No such badge.' },
  RECONCILIATION__ALREADY_RUNNING: { status: 409, message: 'A reconciliation run is already in progress.' },
  NFT__WALLET_NOT_LINKED: { status: 409, message: 'Link a Solana wallet to your account first.' },
  NFT__INSUFFICIENT_VOLUME: {
    status: 403,
    message: 'Your trading volume does not reach the next level yet.',
  },
  NFT__MISSING_BADGES: { status: 403, message: 'The next level needs badges you do not hold yet.' },
  NFT__ALREADY_HAS_NFT: { status: 409, message: 'You already hold a level NFT; upgrade it instead.' },
  NFT__NO_NFT: { status: 409, message: 'You do not hold a level NFT yet; unlock one first.' },
  NFT__MAX_LEVEL: { status: 409, message: 'You already hold the highest level.' },
  NFT__REQUEST_IN_PROGRESS: {
    status: 409,
    message: 'Another unlock or upgrade is in progress; finish or wait for it first.',
  },
  NFT__REQUEST_NOT_FOUND: { status: 404, message: 'No such unlock or upgrade request.' },
  NFT__NOT_AWAITING_SIGNATURE: { status: 409, message: 'This request is not waiting for a signature.' },
  NFT__REQUEST_NOT_COMPENSABLE: { status: 409, message: 'This request is not waiting for compensation.' },
  NFT__REQUEST_ALREADY_LANDED: {
    status: 409,
    message: 'The transaction you signed for this request already landed on chain; it is recorded now.',
  },
  CHAIN__INSUFFICIENT_SOL: {
    status: 402,
    message: 'Your wallet does not have enough SOL for this transaction; add SOL and try again.',
  },
  CHAIN__SIGNED_TRANSACTION_MISMATCH: {
    status: 400,
    message: 'The signed transaction is not the one prepared for this request.',
  },
  CHAIN__RPC_UNAVAILABLE: {
    status: 503,
    message: 'The Solana network cannot be reached right now; your request is queued and will resume.',
  },
  CHAIN__TRANSACTION_FAILED: { status: 422, message: 'The transaction failed on chain.' },
  IPFS__NOT_FOUND: { status: 404, message: 'No content with that CID is stored here.' },
  FAUCET__WALLET_NOT_LINKED: {
    status: 409,
    message: 'Link a Solana wallet to your account before asking the faucet for test SOL.',
  },
  FAUCET__LIMIT_REACHED: { status: 409, message: 'This wallet already holds plenty of test SOL.' },
  CLAIM__WALLET_NOT_LINKED: {
    status: 409,
    message: 'Link a Solana wallet to your profile before claiming badges.',
  },
  CLAIM__ISSUANCE_NOT_FOUND: { status: 404, message: 'No such badge among yours.' },
  CLAIM__NOT_IN_VAULT: {
    status: 409,
    message: 'This badge is not waiting in the vault, so there is nothing to claim.',
  },
  CLAIM__ALREADY_REQUESTED: { status: 409, message: 'A claim for this badge is already under way.' },
  CLAIM__ALREADY_CLAIMED: { status: 409, message: 'This badge has already been claimed to a wallet.' },
  CLAIM__NOT_FOUND: { status: 404, message: 'No such claim.' },
  CLAIM__NOT_PENDING: { status: 409, message: 'This claim is no longer waiting for a decision.' },
  CLAIM__NOT_AWAITING_SIGNATURE: {
    status: 409,
    message: 'This claim is not waiting for an admin wallet signature.',
  },
  CLAIM__TRANSFER_IN_PROGRESS: {
    status: 409,
    message: 'A transfer for this claim may still land on chain; wait for it to confirm or expire first.',
  },
  CLAIM__ADMIN_WALLET_REQUIRED: {
    status: 409,
    message: 'Give the paying wallet, or link a wallet to your admin account first.',
  },
  CLAIM__VAULT_EMPTY: {
    status: 409,
    message: 'The vault does not hold this badge token, so it cannot be transferred.',
  },
  BADGE__CATEGORY_NOT_FOUND: { status: 404, message: 'No such badge category.' },
  BADGE__CATEGORY_NAME_TAKEN: { status: 409, message: 'A badge category with that name already exists.' },
  BADGE__CATEGORY_IN_USE: {
    status: 409,
    message: 'Badges belong to this category; move or delete them first.',
  },
  BADGE__IMAGE_INVALID: {
    status: 400,
    message: 'The image is not a PNG, JPEG, SVG or WebP file of the declared type.',
  },
  BADGE__IMAGE_TOO_LARGE: { status: 413, message: 'The image is larger than 512 KiB.' },
  BADGE__ON_CHAIN_FIELD_LOCKED: {
    status: 409,
    message: 'The name, symbol and image of a blockchain badge are on chain and cannot change.',
  },
  BADGE__NOT_ISSUABLE: {
    status: 409,
    message: 'This badge cannot be issued now (archived, or its mint is not created yet).',
  },
  BADGE__ROSTER_TOO_LARGE: {
    status: 400,
    message: 'The roster has too many rows; split it into several issuances.',
  },
  BADGE__NO_RECIPIENTS: { status: 400, message: 'No row of the roster is a known user; nothing to issue.' },
  BADGE__NOTHING_TO_ISSUE: {
    status: 409,
    message: 'Every recipient already holds the selected badges; nothing to issue.',
  },
  BADGE__AUTHORITY_CANNOT_PAY: {
    status: 402,
    message: 'The platform authority has too little SOL for this issuance; fund it and try again.',
  },
  BADGE__ADMIN_WALLET_REQUIRED: {
    status: 409,
    message: 'Give the signing wallet, or link a wallet to your admin account first.',
  },
  BADGE__BATCH_NOT_FOUND: { status: 404, message: 'No such issuance batch.' },
  BADGE__ISSUANCE_NOT_FOUND: { status: 404, message: 'No such issuance.' },
  BADGE__REVOKED: { status: 409, message: 'This badge was revoked.' },
  REVOKE__ISSUANCE_NOT_FOUND: { status: 404, message: 'No such badge issuance.' },
  REVOKE__IN_FLIGHT: {
    status: 409,
    message: 'This badge is still being issued; try again once it settles.',
  },
  REVOKE__CLAIM_PENDING: {
    status: 409,
    message:
      'A claim of this badge is waiting or under way: reject it in the claim queue (or let the transfer finish), then revoke.',
  },
  REVOKE__NOT_ISSUED: { status: 409, message: 'This issuance failed, so there is no badge to revoke.' },
  BADGE__EXPIRED: { status: 409, message: 'This badge has expired.' },
  VERIFY__BADGE_NOT_FOUND: { status: 404, message: 'No badge with this id was issued here.' },
  VERIFY__NFT_NOT_FOUND: { status: 404, message: 'No level NFT with this address was minted here.' },
  CREDENTIAL__STATUS_LIST_NOT_FOUND: { status: 404, message: 'No credential status list with this number.' },
  BADGE__ISSUANCE_NOT_RETRYABLE: { status: 409, message: 'Only a failed issuance can be retried.' },
  BADGE__NOT_ADMIN_WALLET_BATCH: {
    status: 409,
    message: 'This batch is signed by the server, not by an admin wallet.',
  },
  SERVICE__UNAVAILABLE: {
    status: 503,
    message: 'A service Insignia depends on is unavailable; try again shortly.',
  },
  SERVICE__SHUTTING_DOWN: { status: 503, message: 'This server is shutting down; try again in a moment.' },
  SERVICE__BUSY: { status: 503, message: 'The server is busy; try again in a moment.' },
  SERVICE__STORAGE_FAILING: {
    status: 503,
    message: 'The server cannot write its data right now (storage full or failing); try again shortly.',
  },
  AUTH__INVALID_METRICS_TOKEN: { status: 401, message: 'The metrics token is missing or wrong.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
  // A row changed between reading and writing it (another request or worker moved it first).
  STATE__STALE: {
    status: 409,
    message: 'This changed while you were acting on it; reload and try again.',
  },
  STATE__INVALID_TRANSITION: {
    status: 409,
    message: 'That step is not possible from where this is now; reload to see its current state.',
  },

  // Outcomes stored on a request, claim or issuance row (and shown in views), not thrown to callers.
  CHAIN__EXPIRED: { status: 409, message: 'The transaction expired before it landed.' },
  CHAIN__ALREADY_EXISTS: { status: 409, message: 'An account the transaction creates already exists.' },
  CHAIN__TRANSACTION_REJECTED: { status: 422, message: 'The Solana node refused the transaction.' },
  NFT__MINT_NOT_HELD: { status: 409, message: 'The wallet no longer holds the level NFT being upgraded.' },
  NFT__TARGET_MINT_CONFLICT: {
    status: 409,
    message: 'The new level NFT’s address is already taken on chain by something else.',
  },
  NFT__BURN_NOT_ON_CHAIN: { status: 409, message: 'The burn of the old level NFT is not on chain.' },
  CLAIM__TRANSFER_EXPIRED: {
    status: 409,
    message: 'The transfer expired before it landed; the claim can be approved again.',
  },
  BADGE__MINT_MISSING: { status: 409, message: 'The badge’s mint is not on chain.' },
  VALIDATION__INVALID_ROW: { status: 400, message: 'This row of the file is invalid.' },

  // Internal: startup, configuration and chain-layer faults. Never shown to a caller.
  CONFIG__INVALID: { status: 500, message: 'The configuration is invalid.' },
  CONFIG__DATA_DIR: { status: 500, message: 'The data directory cannot be used.' },
  CONFIG__SHARED_SECRETS: { status: 500, message: 'The shared secrets do not agree between instances.' },
  CHAIN__IDENTITY_MISMATCH: { status: 500, message: 'The chain is not the one this data belongs to.' },
  CHAIN__TRANSACTION_TOO_LARGE: { status: 500, message: 'The transaction is over the size limit.' },
  CHAIN__RPC_REJECTED: { status: 500, message: 'The RPC endpoint rejected the request.' },
  CHAIN__KEYPAIR_INVALID: { status: 500, message: 'The keypair is not a 64-byte Solana keypair.' },
  CHAIN__KEYPAIR_NOT_FOUND: { status: 500, message: 'The keypair file was not found.' },
  IPFS__PROVIDER_FAILED: { status: 503, message: 'The IPFS provider did not answer; try again shortly.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** Every code, for schemas (`z.enum(errorCodes)`) and exhaustive checks. */
export const errorCodes = Object.keys(errorCatalogue) as [ErrorCode, ...ErrorCode[]];
