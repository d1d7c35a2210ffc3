import { accountEncodingOf, encodeAccount } from '../account-encoding.ts';
import { decodeTransaction } from '../decode-transaction.ts';
import { returnDataJson } from '../execute-transaction.ts';
import { invalidParams } from '../json-rpc.ts';
import type { RpcMethodTable } from '../rpc-context.ts';
import { simulateWireTransaction } from '../simulate-wire-transaction.ts';
import { collectTokenBalances } from '../token-balances.ts';
import { addressParam, booleanOption, configParam, decodeBytes, responseContext } from './params.ts';

/** sendTransaction and simulateTransaction. */
export const transactionMethods: RpcMethodTable = {
  sendTransaction: (params, { chain, faults }) => {
    const config = configParam(params, 1, chain);
    const wire = decodeBytes(params[0], config.encoding);
    const skipPreflight = booleanOption(config, 'skipPreflight', false);
    // A dropped transaction gets its signature back but never lands, like one lost before a leader.
    if (faults.takeDrop()) return decodeTransaction(wire).signature;
    return chain.sendTransaction(wire, { skipPreflight });
  },
  simulateTransaction: (params, { chain }) => {
    const config = configParam(params, 1, chain);
    const wire = decodeBytes(params[0], config.encoding);
    const simulation = simulateWireTransaction(chain, wire, {
      sigVerify: booleanOption(config, 'sigVerify', false),
      replaceRecentBlockhash: booleanOption(config, 'replaceRecentBlockhash', false),
    });
    const { result, accounts } = simulation;
    const decimalsOf = (mint: string) => chain.decimalsOf(mint);
    let accountsValue: unknown = null;
    if (config.accounts !== undefined && config.accounts !== null) {
      const request = config.accounts as Record<string, unknown>;
      if (!Array.isArray(request.addresses)) throw invalidParams('accounts.addresses must be an array');
      const encoding = accountEncodingOf(request, 'base64');
      const addresses = request.addresses as unknown[];
      accountsValue = addresses.map((_, i) => {
        const state = simulation.stateAfter(addressParam(addresses, i));
        return state === null ? null : encodeAccount(state, encoding, decimalsOf);
      });
    }
    const preBalances = result.pre.map((a) => a?.lamports ?? 0n);
    const postBalances = result.post.map((a) => a?.lamports ?? 0n);
    const executed = accounts !== null;
    return {
      context: responseContext(chain),
      value: {
        accounts: accountsValue,
        err: result.err,
        fee: executed
          ? preBalances.reduce((s, b) => s + b, 0n) - postBalances.reduce((s, b) => s + b, 0n)
          : null,
        innerInstructions: booleanOption(config, 'innerInstructions', false)
          ? result.innerInstructions
          : null,
        loadedAddresses: executed
          ? { readonly: accounts.loadedReadonly, writable: accounts.loadedWritable }
          : null,
        logs: result.logs,
        postBalances: executed ? postBalances : null,
        postTokenBalances: executed ? collectTokenBalances(result.post, decimalsOf) : null,
        preBalances: executed ? preBalances : null,
        preTokenBalances: executed ? collectTokenBalances(result.pre, decimalsOf) : null,
        replacementBlockhash: simulation.replacementBlockhash,
        returnData: returnDataJson(result.returnData),
        unitsConsumed: result.computeUnitsConsumed,
      },
    };
  },
};
