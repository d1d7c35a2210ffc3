import { encodeBase58 } from './base58.ts';

/** SPL Token program id. */
export const TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
/** SPL Token-2022 program id. */
export const TOKEN_2022_PROGRAM = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb';

const MINT_SIZE = 82;
const ACCOUNT_SIZE = 165;
const MULTISIG_SIZE = 355;
// Token-2022 writes an account-type byte right after the 165-byte base layout (mints are padded).
const ACCOUNT_TYPE_OFFSET = 165;

/** Whether `owner` is one of the two SPL token programs. */
export function isTokenProgram(owner: string): boolean {
  return owner === TOKEN_PROGRAM || owner === TOKEN_2022_PROGRAM;
}

/** What kind of token-program account `data` holds, or null if it is not one. */
export function tokenAccountKind(owner: string, data: Uint8Array): 'account' | 'mint' | 'multisig' | null {
  if (!isTokenProgram(owner)) return null;
  if (data.length === ACCOUNT_SIZE) return 'account';
  if (data.length === MINT_SIZE) return 'mint';
  if (data.length === MULTISIG_SIZE) return 'multisig';
  if (owner !== TOKEN_2022_PROGRAM || data.length <= ACCOUNT_TYPE_OFFSET) return null;
  const type = data[ACCOUNT_TYPE_OFFSET];
  return type === 1 ? 'mint' : type === 2 ? 'account' : null;
}

/** The fields of a token account that balances and indexes need (fixed offsets of the base layout). */
export interface TokenAccountCore {
  readonly mint: string;
  readonly owner: string;
  readonly amount: bigint;
  /** 0 = uninitialized, 1 = initialized, 2 = frozen */
  readonly state: number;
  readonly delegate: string | null;
}

/** Reads the base layout of an initialized token account. */
export function readTokenAccountCore(data: Uint8Array): TokenAccountCore | null {
  const state = data[108] ?? 0;
  if (data.length < ACCOUNT_SIZE || state === 0) return null;
  const view = Buffer.from(data.buffer, data.byteOffset, data.length);
  return {
    mint: encodeBase58(data.subarray(0, 32)),
    owner: encodeBase58(data.subarray(32, 64)),
    amount: view.readBigUInt64LE(64),
    state,
    delegate: view.readUInt32LE(72) === 1 ? encodeBase58(data.subarray(76, 108)) : null,
  };
}

/** Reads the decimals and supply of an initialized mint. */
export function readMintCore(data: Uint8Array): { decimals: number; supply: bigint } | null {
  if (data.length < MINT_SIZE || data[45] !== 1) return null;
  const view = Buffer.from(data.buffer, data.byteOffset, data.length);
  return { decimals: data[44] ?? 0, supply: view.readBigUInt64LE(36) };
}
