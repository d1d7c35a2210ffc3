import type { Chain } from '../chain.ts';
import { invalidParams } from '../json-rpc.ts';
import type { RpcMethodTable } from '../rpc-context.ts';
import { encodeTransactionResponse, transactionEncodingOf } from '../transaction-encoding.ts';
import type { TransactionRecord } from '../transaction-record.ts';
import {
  addressParam,
  booleanOption,
  configParam,
  integerOption,
  requireConfirmedCommitment,
  responseContext,
  signatureValue,
} from './params.ts';

const MAX_SIGNATURE_STATUSES = 256;
const MAX_SIGNATURES_FOR_ADDRESS = 1000;

// Every slot is final the moment it is produced: there is one node and no forks.
function signatureStatus(record: TransactionRecord) {
  return {
    slot: record.slot,
    confirmations: null,
    err: record.err,
    status: record.err === null ? { Ok: null } : { Err: record.err },
    confirmationStatus: 'finalized',
  };
}

function optionalSignature(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : signatureValue(value);
}

function signaturesForAddress(chain: Chain, address: string, limit: number, before?: string, until?: string) {
  const all = chain.signaturesFor(address);
  let end = all.length; // newest first: walk backwards from `before` (exclusive) down to `until` (exclusive)
  if (before !== undefined) {
    const at = all.lastIndexOf(before);
    end = at < 0 ? 0 : at;
  }
  const result = [];
  for (let i = end - 1; i >= 0 && result.length < limit; i--) {
    const signature = all[i] ?? '';
    if (signature === until) break;
    const record = chain.getTransaction(signature);
    if (record === undefined) continue;
    result.push({
      signature,
      slot: record.slot,
      err: record.err,
      memo: record.memo,
      blockTime: record.blockTime,
      confirmationStatus: 'finalized',
    });
  }
  return result;
}

/** getTransaction, getSignatureStatuses, getSignaturesForAddress. */
export const historyMethods: RpcMethodTable = {
  getTransaction: (params, { chain }) => {
    const signature = signatureValue(params[0]);
    // The second param may be a bare encoding string (deprecated form).
    const config = typeof params[1] === 'string' ? { encoding: params[1] } : configParam(params, 1, chain);
    requireConfirmedCommitment(config);
    const encoding = transactionEncodingOf(config.encoding);
    const maxVersion = integerOption(config, 'maxSupportedTransactionVersion');
    if (maxVersion !== undefined && maxVersion !== 0)
      throw invalidParams('maxSupportedTransactionVersion must be 0');
    const record = chain.getTransaction(signature);
    return record === undefined ? null : encodeTransactionResponse(record, encoding, maxVersion);
  },
  getSignatureStatuses: (params, { chain }) => {
    const signatures = params[0];
    if (!Array.isArray(signatures)) throw invalidParams('expected an array of signatures');
    if (signatures.length > MAX_SIGNATURE_STATUSES)
      throw invalidParams(`Too many inputs provided; max ${MAX_SIGNATURE_STATUSES}`);
    const config = configParam(params, 1, chain);
    const searchHistory = booleanOption(config, 'searchTransactionHistory', false);
    const value = signatures.map((s) => {
      const record = chain.signatureStatus(signatureValue(s), searchHistory);
      return record === undefined ? null : signatureStatus(record);
    });
    return { context: responseContext(chain), value };
  },
  getSignaturesForAddress: (params, { chain }) => {
    const address = addressParam(params, 0);
    const config = configParam(params, 1, chain);
    requireConfirmedCommitment(config);
    const limit = integerOption(config, 'limit') ?? MAX_SIGNATURES_FOR_ADDRESS;
    if (limit < 1 || limit > MAX_SIGNATURES_FOR_ADDRESS) throw invalidParams('Invalid limit; max 1000');
    return signaturesForAddress(
      chain,
      address,
      limit,
      optionalSignature(config.before),
      optionalSignature(config.until),
    );
  },
};
