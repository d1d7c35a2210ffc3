import { accountEncodingOf, dataSliceOf, encodeAccount } from '../account-encoding.ts';
import { parseAccountFilters } from '../account-filters.ts';
import { invalidParams } from '../json-rpc.ts';
import type { RpcMethodTable } from '../rpc-context.ts';
import { addressParam, booleanOption, configParam, responseContext } from './params.ts';

const MAX_MULTIPLE_ACCOUNTS = 100;

/** Account reads. */
export const accountMethods: RpcMethodTable = {
  getAccountInfo: (params, { chain }) => {
    const address = addressParam(params, 0);
    const config = configParam(params, 1, chain);
    const encoding = accountEncodingOf(config);
    const account = chain.getAccount(address);
    const value =
      account === null
        ? null
        : encodeAccount(account, encoding, (m) => chain.decimalsOf(m), dataSliceOf(config));
    return { context: responseContext(chain), value };
  },
  getMultipleAccounts: (params, { chain }) => {
    const addresses = params[0];
    if (!Array.isArray(addresses)) throw invalidParams('expected an array of addresses');
    if (addresses.length > MAX_MULTIPLE_ACCOUNTS)
      throw invalidParams(`Too many inputs provided; max ${MAX_MULTIPLE_ACCOUNTS}`);
    const config = configParam(params, 1, chain);
    const encoding = accountEncodingOf(config, 'base64');
    const slice = dataSliceOf(config);
    const value = addresses.map((_, i) => {
      const account = chain.getAccount(addressParam(addresses, i));
      return account === null ? null : encodeAccount(account, encoding, (m) => chain.decimalsOf(m), slice);
    });
    return { context: responseContext(chain), value };
  },
  getBalance: (params, { chain }) => {
    const address = addressParam(params, 0);
    configParam(params, 1, chain);
    return { context: responseContext(chain), value: chain.getAccount(address)?.lamports ?? 0n };
  },
  getProgramAccounts: (params, { chain }) => {
    const programId = addressParam(params, 0);
    const config = configParam(params, 1, chain);
    const encoding = accountEncodingOf(config);
    const slice = dataSliceOf(config);
    const filters = parseAccountFilters(config.filters);
    const value = chain
      .getProgramAccounts(programId)
      .filter((account) => filters.every((matches) => matches(account.owner, account.data)))
      .map((account) => ({
        pubkey: account.address,
        account: encodeAccount(account, encoding, (m) => chain.decimalsOf(m), slice),
      }));
    return booleanOption(config, 'withContext', false) ? { context: responseContext(chain), value } : value;
  },
};
