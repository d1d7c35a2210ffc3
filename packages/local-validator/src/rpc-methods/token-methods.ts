import { accountEncodingOf, dataSliceOf, encodeAccount } from '../account-encoding.ts';
import type { Chain } from '../chain.ts';
import { RpcError, RpcErrorCode } from '../json-rpc.ts';
import type { RpcHandler, RpcMethodTable } from '../rpc-context.ts';
import { uiTokenAmount } from '../token-amount.ts';
import {
  isTokenProgram,
  readMintCore,
  readTokenAccountCore,
  tokenAccountKind,
  TOKEN_2022_PROGRAM,
  TOKEN_PROGRAM,
  type TokenAccountCore,
} from '../token-layout.ts';
import { addressParam, configParam, responseContext } from './params.ts';

function invalidParam(reason: string): RpcError {
  return new RpcError(RpcErrorCode.InvalidParams, `Invalid param: ${reason}`);
}

/** The token program(s) to scan and an optional mint, from a `{ mint }` or `{ programId }` filter. */
function tokenFilter(chain: Chain, value: unknown): { programs: string[]; mint: string | null } {
  const filter = (value ?? {}) as Record<string, unknown>;
  if (typeof filter.mint === 'string') {
    const mint = addressParam([filter.mint], 0);
    const account = chain.getAccount(mint);
    if (account === null || tokenAccountKind(account.owner, account.data) !== 'mint')
      throw invalidParam('could not find mint');
    return { programs: [account.owner], mint };
  }
  if (typeof filter.programId === 'string') {
    if (!isTokenProgram(filter.programId)) throw invalidParam('unrecognized Token program id');
    return { programs: [filter.programId], mint: null };
  }
  throw new RpcError(RpcErrorCode.InvalidParams, 'Invalid params: expected { mint } or { programId }');
}

/** getTokenAccountsByOwner / ByDelegate: scans the token program's accounts for `matches`. */
function tokenAccountsBy(matches: (core: TokenAccountCore, key: string) => boolean): RpcHandler {
  return (params, { chain }) => {
    const key = addressParam(params, 0);
    const { programs, mint } = tokenFilter(chain, params[1]);
    const config = configParam(params, 2, chain);
    const encoding = accountEncodingOf(config);
    const slice = dataSliceOf(config);
    const value = programs
      .flatMap((program) => chain.getProgramAccounts(program))
      .filter((account) => {
        if (tokenAccountKind(account.owner, account.data) !== 'account') return false;
        const core = readTokenAccountCore(account.data);
        return core !== null && matches(core, key) && (mint === null || core.mint === mint);
      })
      .map((account) => ({
        pubkey: account.address,
        account: encodeAccount(account, encoding, (m) => chain.decimalsOf(m), slice),
      }));
    return { context: responseContext(chain), value };
  };
}

function tokenAccountOf(chain: Chain, address: string): TokenAccountCore {
  const account = chain.getAccount(address);
  if (account === null) throw invalidParam('could not find account');
  const core =
    tokenAccountKind(account.owner, account.data) === 'account' ? readTokenAccountCore(account.data) : null;
  if (core === null) throw invalidParam('not a Token account');
  return core;
}

/** SPL Token and Token-2022 queries. */
export const tokenMethods: RpcMethodTable = {
  getTokenAccountsByOwner: tokenAccountsBy((core, owner) => core.owner === owner),
  getTokenAccountsByDelegate: tokenAccountsBy((core, delegate) => core.delegate === delegate),
  getTokenAccountBalance: (params, { chain }) => {
    const core = tokenAccountOf(chain, addressParam(params, 0));
    configParam(params, 1, chain);
    const decimals = chain.decimalsOf(core.mint);
    if (decimals === undefined) throw invalidParam('could not find mint');
    return { context: responseContext(chain), value: uiTokenAmount(core.amount, decimals) };
  },
  getTokenSupply: (params, { chain }) => {
    const account = chain.getAccount(addressParam(params, 0));
    configParam(params, 1, chain);
    const mint =
      account !== null && tokenAccountKind(account.owner, account.data) === 'mint'
        ? readMintCore(account.data)
        : null;
    if (mint === null) throw invalidParam('not a Token mint');
    return { context: responseContext(chain), value: uiTokenAmount(mint.supply, mint.decimals) };
  },
  getTokenLargestAccounts: (params, { chain }) => {
    const mint = addressParam(params, 0);
    configParam(params, 1, chain);
    const decimals = chain.decimalsOf(mint);
    if (decimals === undefined) throw invalidParam('not a Token mint');
    const holders = [TOKEN_PROGRAM, TOKEN_2022_PROGRAM]
      .flatMap((program) => chain.getProgramAccounts(program))
      .flatMap((account) => {
        const core =
          tokenAccountKind(account.owner, account.data) === 'account'
            ? readTokenAccountCore(account.data)
            : null;
        return core !== null && core.mint === mint ? [{ address: account.address, amount: core.amount }] : [];
      })
      .sort((a, b) => (a.amount === b.amount ? 0 : a.amount > b.amount ? -1 : 1))
      .slice(0, 20)
      .map(({ address, amount }) => ({ address, ...uiTokenAmount(amount, decimals) }));
    return { context: responseContext(chain), value: holders };
  },
};
