import { AccountState, getMintDecoder, getTokenDecoder, type Extension } from '@solana-program/token-2022';
import type { Option } from '@solana/kit';
import { encodeBase58 } from './base58.ts';
import type { AccountSnapshot } from './account-snapshot.ts';
import { TOKEN_2022_PROGRAM, tokenAccountKind } from './token-layout.ts';
import { uiTokenAmount } from './token-amount.ts';
import { toUiExtension } from './token-extensions-ui.ts';

/** The `data` of a jsonParsed account. */
export interface ParsedAccountData {
  readonly program: 'spl-token' | 'spl-token-2022';
  readonly parsed: { readonly type: 'account' | 'mint' | 'multisig'; readonly info: Record<string, unknown> };
  readonly space: number;
}

const TOKEN_STATES: Record<AccountState, string> = {
  [AccountState.Uninitialized]: 'uninitialized',
  [AccountState.Initialized]: 'initialized',
  [AccountState.Frozen]: 'frozen',
};

function unwrap<T>(option: Option<T>): T | null {
  return option.__option === 'Some' ? option.value : null;
}

function withExtensions(
  info: Record<string, unknown>,
  extensions: Option<Extension[]>,
): Record<string, unknown> {
  const list = unwrap(extensions) ?? [];
  return list.length === 0 ? info : { ...info, extensions: list.map(toUiExtension) };
}

/**
 * Parses SPL Token / Token-2022 mints, token accounts and multisigs into the validator's
 * jsonParsed form. Returns null for anything else (the caller then falls back to base64), and for
 * token accounts whose mint is unknown, since their amounts cannot be scaled.
 */
export function parseAccountJson(
  account: AccountSnapshot,
  decimalsOf: (mint: string) => number | undefined,
): ParsedAccountData | null {
  const kind = tokenAccountKind(account.owner, account.data);
  if (kind === null) return null;
  const program = account.owner === TOKEN_2022_PROGRAM ? 'spl-token-2022' : 'spl-token';
  const space = account.data.length;
  try {
    if (kind === 'mint') {
      const mint = getMintDecoder().decode(account.data);
      const info = {
        mintAuthority: unwrap(mint.mintAuthority),
        supply: mint.supply.toString(),
        decimals: mint.decimals,
        isInitialized: mint.isInitialized,
        freezeAuthority: unwrap(mint.freezeAuthority),
      };
      return { program, parsed: { type: 'mint', info: withExtensions(info, mint.extensions) }, space };
    }
    if (kind === 'account') {
      const token = getTokenDecoder().decode(account.data);
      const decimals = decimalsOf(token.mint);
      if (decimals === undefined || token.state === AccountState.Uninitialized) return null;
      const delegate = unwrap(token.delegate);
      const native = unwrap(token.isNative);
      const closeAuthority = unwrap(token.closeAuthority);
      const info: Record<string, unknown> = {
        isNative: native !== null,
        mint: token.mint,
        owner: token.owner,
        state: TOKEN_STATES[token.state],
        tokenAmount: uiTokenAmount(token.amount, decimals),
        ...(delegate === null
          ? {}
          : { delegate, delegatedAmount: uiTokenAmount(token.delegatedAmount, decimals) }),
        ...(native === null ? {} : { rentExemptReserve: uiTokenAmount(native, decimals) }),
        ...(closeAuthority === null ? {} : { closeAuthority }),
      };
      return { program, parsed: { type: 'account', info: withExtensions(info, token.extensions) }, space };
    }
    return { program, parsed: { type: 'multisig', info: parseMultisig(account.data) }, space };
  } catch {
    return null;
  }
}

function parseMultisig(data: Uint8Array): Record<string, unknown> {
  const numValidSigners = data[1] ?? 0;
  const signers: string[] = [];
  for (let i = 0; i < numValidSigners; i++)
    signers.push(encodeBase58(data.subarray(3 + i * 32, 35 + i * 32)));
  return { numRequiredSigners: data[0] ?? 0, numValidSigners, isInitialized: data[2] === 1, signers };
}
