import { getBase58Decoder, getBase58Encoder } from '@solana/kit';
import { decodeTransaction, type DecodedTransaction } from './decode-transaction.ts';
import { returnDataJson } from './execute-transaction.ts';
import { invalidParams, RpcError, RpcErrorCode, variantText } from './json-rpc.ts';
import { parseInstruction } from './parse-instruction.ts';
import type { TransactionRecord } from './transaction-record.ts';

/** Transaction encodings of getTransaction. */
export type TransactionEncoding = 'json' | 'jsonParsed' | 'base64' | 'base58';

const base58 = getBase58Decoder();
const base58Bytes = getBase58Encoder();

/** Renders a stored transaction in getTransaction's response format. */
export function encodeTransactionResponse(
  record: TransactionRecord,
  encoding: TransactionEncoding,
  maxSupportedTransactionVersion: number | undefined,
): Record<string, unknown> {
  const wire = new Uint8Array(Buffer.from(record.transaction, 'base64'));
  const tx = decodeTransaction(wire);
  if (tx.version !== 'legacy' && maxSupportedTransactionVersion === undefined) {
    throw new RpcError(
      RpcErrorCode.UnsupportedTransactionVersion,
      `Transaction version (${tx.version}) is not supported by the requesting client. Please try the request again with the following configuration parameter: "maxSupportedTransactionVersion": ${tx.version}`,
    );
  }
  const versioned = maxSupportedTransactionVersion !== undefined;
  const parsed = encoding === 'jsonParsed';
  const transaction =
    encoding === 'base64'
      ? [record.transaction, 'base64']
      : encoding === 'base58'
        ? [base58.decode(wire), 'base58']
        : parsed
          ? parsedTransaction(tx, record)
          : jsonTransaction(tx);
  const meta = {
    err: record.err,
    status: record.err === null ? { Ok: null } : { Err: record.err },
    fee: BigInt(record.fee),
    preBalances: record.preBalances.map(BigInt),
    postBalances: record.postBalances.map(BigInt),
    innerInstructions: parsed ? parsedInnerInstructions(record) : record.innerInstructions,
    logMessages: record.logMessages,
    preTokenBalances: record.preTokenBalances,
    postTokenBalances: record.postTokenBalances,
    rewards: [],
    ...(versioned && !parsed ? { loadedAddresses: record.loadedAddresses } : {}),
    ...(record.returnData === null ? {} : { returnData: returnDataJson(record.returnData) }),
    computeUnitsConsumed: BigInt(record.computeUnitsConsumed),
  };
  return {
    slot: record.slot,
    blockTime: record.blockTime,
    transaction,
    meta,
    ...(versioned ? { version: tx.version } : {}),
  };
}

/** Reads `encoding` of getTransaction (default json). */
export function transactionEncodingOf(value: unknown): TransactionEncoding {
  const encoding = value ?? 'json';
  if (encoding === 'json' || encoding === 'jsonParsed' || encoding === 'base64' || encoding === 'base58')
    return encoding;
  throw invalidParams(
    `unknown variant \`${variantText(encoding)}\`, expected one of \`json\`, \`jsonParsed\`, \`base58\`, \`base64\``,
  );
}

function jsonTransaction(tx: DecodedTransaction): Record<string, unknown> {
  const message: Record<string, unknown> = {
    accountKeys: tx.staticAccounts,
    header: tx.header,
    recentBlockhash: tx.recentBlockhash,
    instructions: tx.instructions.map((ix) => ({
      programIdIndex: ix.programIdIndex,
      accounts: ix.accounts,
      data: base58.decode(ix.data),
      stackHeight: null,
    })),
  };
  if (tx.version === 0) message.addressTableLookups = tx.addressTableLookups;
  return { signatures: tx.signatures.map((s) => base58.decode(s)), message };
}

function parsedTransaction(tx: DecodedTransaction, record: TransactionRecord): Record<string, unknown> {
  const {
    numRequiredSignatures: signers,
    numReadonlySignedAccounts,
    numReadonlyUnsignedAccounts,
  } = tx.header;
  const staticCount = tx.staticAccounts.length;
  const loadedWritable = new Set(record.loadedAddresses.writable);
  const accountKeys = record.accountKeys.map((pubkey, i) => ({
    pubkey,
    signer: i < signers,
    source: i < staticCount ? 'transaction' : 'lookupTable',
    writable:
      i < signers
        ? i < signers - numReadonlySignedAccounts
        : i < staticCount
          ? i < staticCount - numReadonlyUnsignedAccounts
          : loadedWritable.has(pubkey),
  }));
  const key = (index: number): string => record.accountKeys[index] ?? '';
  const instructions = tx.instructions.map((ix) =>
    parseInstruction(key(ix.programIdIndex), ix.accounts.map(key), ix.data, null),
  );
  const message: Record<string, unknown> = { accountKeys, instructions, recentBlockhash: tx.recentBlockhash };
  if (tx.version === 0) message.addressTableLookups = tx.addressTableLookups;
  return { signatures: tx.signatures.map((s) => base58.decode(s)), message };
}

function parsedInnerInstructions(record: TransactionRecord): unknown[] {
  const key = (index: number): string => record.accountKeys[index] ?? '';
  return record.innerInstructions.map((set) => ({
    index: set.index,
    instructions: set.instructions.map((ix) =>
      parseInstruction(
        key(ix.programIdIndex),
        ix.accounts.map(key),
        new Uint8Array(base58Bytes.encode(ix.data)),
        ix.stackHeight,
      ),
    ),
  }));
}
