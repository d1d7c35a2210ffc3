import {
  decodeAccount,
  fetchEncodedAccounts,
  type EncodedAccount,
  type Address,
  type GetMultipleAccountsApi,
  type Rpc,
} from '@solana/kit';
import { getTokenDecoder } from '@solana-program/token-2022';
import { toMintInfo, type MintInfo } from './fetch-mint-info.ts';
import { findTokenAccount } from './find-token-account.ts';

const tokenDecoder = getTokenDecoder();
/** A token account's amount sits after its mint and owner, whatever extensions follow. */
const AMOUNT_OFFSET = 64;

/** The amount a token account holds: read in place, or by kit's decoder for a short account. */
function tokenAmount(account: EncodedAccount): bigint {
  const { data } = account;
  if (data.length < AMOUNT_OFFSET + 8) return decodeAccount(account, tokenDecoder).data.amount;
  return Buffer.from(data.buffer, data.byteOffset, data.length).readBigUInt64LE(AMOUNT_OFFSET);
}

/** What the chain says about an expected level NFT (for idempotent retries, recovery, reconciliation). */
export type LevelNftState =
  /** No mint account: never minted, or minted, burned and closed. */
  | Readonly<{ state: 'absent' }>
  /** An account exists at the address but is not a mint of ours (another close/update authority). */
  | Readonly<{ state: 'foreign' }>
  /** Ours, supply 1, in the owner's token account. */
  | Readonly<{ state: 'held'; level: string | undefined; info: MintInfo }>
  /** Ours, supply 1, but not in the owner's token account (transferable variant moved it). */
  | Readonly<{ state: 'elsewhere'; info: MintInfo }>
  /** Ours, supply 0: burned, the mint not closed yet. */
  | Readonly<{ state: 'burned'; info: MintInfo }>;

/**
 * Reads the chain's truth about the level NFT `mint` expected to belong to `owner`. Use it after
 * `already_exists` (a retried mint) and before driving any upgrade step after a crash.
 */
export async function fetchLevelNftState(
  rpc: Rpc<GetMultipleAccountsApi>,
  input: Readonly<{ mint: Address; owner: Address; authority: Address }>,
): Promise<LevelNftState> {
  // The mint and the owner's token account in one request.
  const tokenAccount = await findTokenAccount(input.owner, input.mint);
  const [mintAccount, tokenAccountData] = await fetchEncodedAccounts(rpc, [input.mint, tokenAccount]);
  if (!mintAccount || !tokenAccountData) throw new RangeError('getMultipleAccounts answered short');
  let info: MintInfo | null;
  try {
    info = toMintInfo(mintAccount);
  } catch {
    return { state: 'foreign' }; // not decodable as a Token-2022 mint
  }
  if (!info) return { state: 'absent' };
  if (info.closeAuthority !== input.authority || info.metadata?.updateAuthority !== input.authority) {
    return { state: 'foreign' };
  }
  if (info.supply === 0n) return { state: 'burned', info };
  if (tokenAccountData.exists && tokenAmount(tokenAccountData) === 1n)
    return { state: 'held', level: info.metadata.additional.level, info };
  return { state: 'elsewhere', info };
}
