import type { AccountSnapshot } from './account-snapshot.ts';
import { encodeBase58 } from './base58.ts';
import type { DecodedTransaction } from './decode-transaction.ts';
import { TransactionFailure } from './transaction-error.ts';

const LOOKUP_TABLE_PROGRAM = 'AddressLookupTab1e1111111111111111111111111';
const LOOKUP_TABLE_META_SIZE = 56;

/** The full account list of a transaction: static keys, then writable and read-only lookup-table keys. */
export interface ResolvedAccountKeys {
  readonly keys: readonly string[];
  readonly writable: readonly boolean[];
  readonly signer: readonly boolean[];
  readonly loadedWritable: readonly string[];
  readonly loadedReadonly: readonly string[];
}

/**
 * Resolves the account keys of a transaction, reading address lookup tables for v0 messages
 * (balances and token balances in transaction metadata are indexed by this full list).
 */
export function resolveAccountKeys(
  tx: DecodedTransaction,
  loadAccount: (address: string) => AccountSnapshot | null,
): ResolvedAccountKeys {
  const { numRequiredSignatures, numReadonlySignedAccounts, numReadonlyUnsignedAccounts } = tx.header;
  const staticCount = tx.staticAccounts.length;
  const loadedWritable: string[] = [];
  const loadedReadonly: string[] = [];
  for (const lookup of tx.addressTableLookups) {
    const table = loadAccount(lookup.accountKey);
    if (table === null) throw new TransactionFailure('AddressLookupTableNotFound');
    if (table.owner !== LOOKUP_TABLE_PROGRAM) throw new TransactionFailure('InvalidAddressLookupTableOwner');
    const addresses = lookupTableAddresses(table.data);
    const pick = (index: number): string => {
      const address = addresses[index];
      if (address === undefined) throw new TransactionFailure('InvalidAddressLookupTableIndex');
      return address;
    };
    loadedWritable.push(...lookup.writableIndexes.map(pick));
    loadedReadonly.push(...lookup.readonlyIndexes.map(pick));
  }
  const keys = [...tx.staticAccounts, ...loadedWritable, ...loadedReadonly];
  const writable = keys.map((_, i) => {
    if (i >= staticCount) return i < staticCount + loadedWritable.length;
    if (i < numRequiredSignatures) return i < numRequiredSignatures - numReadonlySignedAccounts;
    return i < staticCount - numReadonlyUnsignedAccounts;
  });
  const signer = keys.map((_, i) => i < numRequiredSignatures);
  return { keys, writable, signer, loadedWritable, loadedReadonly };
}

function lookupTableAddresses(data: Uint8Array): string[] {
  if (data.length < LOOKUP_TABLE_META_SIZE || (data.length - LOOKUP_TABLE_META_SIZE) % 32 !== 0) {
    throw new TransactionFailure('InvalidAddressLookupTableData');
  }
  const addresses: string[] = [];
  for (let offset = LOOKUP_TABLE_META_SIZE; offset < data.length; offset += 32) {
    addresses.push(encodeBase58(data.subarray(offset, offset + 32)));
  }
  return addresses;
}
