import { encodeBase58 } from './base58.ts';
import { RpcError, RpcErrorCode } from './json-rpc.ts';

/** The largest serialized transaction a validator accepts (bytes). */
export const MAX_TRANSACTION_SIZE = 1232;

/** A top-level instruction with indexes into the transaction's account keys. */
export interface DecodedInstruction {
  readonly programIdIndex: number;
  readonly accounts: readonly number[];
  readonly data: Uint8Array;
}

/** An address lookup table reference of a v0 message. */
export interface DecodedLookup {
  readonly accountKey: string;
  readonly writableIndexes: readonly number[];
  readonly readonlyIndexes: readonly number[];
}

/** The message header counts, named as in RPC responses. */
export interface MessageHeader {
  readonly numRequiredSignatures: number;
  readonly numReadonlySignedAccounts: number;
  readonly numReadonlyUnsignedAccounts: number;
}

/** A legacy or v0 message. */
export interface DecodedMessage {
  readonly version: 'legacy' | 0;
  readonly header: MessageHeader;
  readonly staticAccounts: readonly string[];
  readonly recentBlockhash: string;
  readonly instructions: readonly DecodedInstruction[];
  readonly addressTableLookups: readonly DecodedLookup[];
}

/** A wire transaction split into the parts the validator needs. */
export interface DecodedTransaction extends DecodedMessage {
  readonly wire: Uint8Array;
  readonly signatures: readonly Uint8Array[];
  /** Base58 of the first signature: the transaction id. */
  readonly signature: string;
  readonly messageBytes: Uint8Array;
}

function invalidTransaction(detail: string): RpcError {
  return new RpcError(RpcErrorCode.InvalidParams, `invalid transaction: ${detail}`);
}

/** A cursor over wire bytes; every read past the end throws a `-32602`. */
class Reader {
  offset = 0;
  constructor(private readonly bytes: Uint8Array) {}
  get done(): boolean {
    return this.offset === this.bytes.length;
  }
  u8(): number {
    const byte = this.bytes[this.offset++];
    if (byte === undefined) throw invalidTransaction('unexpected end of data');
    return byte;
  }
  /** Solana's compact-u16 length prefix. */
  shortVec(): number {
    let value = 0;
    for (let i = 0; i < 3; i++) {
      const byte = this.u8();
      value |= (byte & 0x7f) << (7 * i);
      if ((byte & 0x80) === 0) return value;
    }
    throw invalidTransaction('bad length prefix');
  }
  take(length: number): Uint8Array {
    if (this.offset + length > this.bytes.length) throw invalidTransaction('unexpected end of data');
    return this.bytes.subarray(this.offset, (this.offset += length));
  }
  indexes(): number[] {
    return [...this.take(this.shortVec())];
  }
}

/** Decodes a serialized legacy or v0 message (e.g. getFeeForMessage's param). */
export function decodeMessage(bytes: Uint8Array): DecodedMessage {
  const reader = new Reader(bytes);
  const first = bytes[0] ?? 0;
  let version: 'legacy' | 0 = 'legacy';
  if (first & 0x80) {
    if ((first & 0x7f) !== 0) throw invalidTransaction('Transaction version is unsupported');
    version = 0;
    reader.u8();
  }
  const header: MessageHeader = {
    numRequiredSignatures: reader.u8(),
    numReadonlySignedAccounts: reader.u8(),
    numReadonlyUnsignedAccounts: reader.u8(),
  };
  const staticAccounts = Array.from({ length: reader.shortVec() }, () => encodeBase58(reader.take(32)));
  const recentBlockhash = encodeBase58(reader.take(32));
  const instructions = Array.from({ length: reader.shortVec() }, () => ({
    programIdIndex: reader.u8(),
    accounts: reader.indexes(),
    data: reader.take(reader.shortVec()),
  }));
  const addressTableLookups =
    version === 0
      ? Array.from({ length: reader.shortVec() }, () => ({
          accountKey: encodeBase58(reader.take(32)),
          writableIndexes: reader.indexes(),
          readonlyIndexes: reader.indexes(),
        }))
      : [];
  if (!reader.done) throw invalidTransaction('trailing bytes after the message');
  return { version, header, staticAccounts, recentBlockhash, instructions, addressTableLookups };
}

/** Decodes and sanitizes a wire transaction; throws a `-32602` RpcError when it is malformed. */
export function decodeTransaction(wire: Uint8Array): DecodedTransaction {
  if (wire.length > MAX_TRANSACTION_SIZE) {
    throw new RpcError(
      RpcErrorCode.InvalidParams,
      `transaction too large: ${wire.length} bytes (max: ${MAX_TRANSACTION_SIZE})`,
    );
  }
  const reader = new Reader(wire);
  const signatures = Array.from({ length: reader.shortVec() }, () => reader.take(64));
  const messageBytes = wire.subarray(reader.offset);
  const message = decodeMessage(messageBytes);
  sanitize(message, signatures.length);
  return {
    ...message,
    wire,
    signatures,
    signature: encodeBase58(signatures[0] ?? new Uint8Array(64)),
    messageBytes,
  };
}

function sanitize(message: DecodedMessage, signatureCount: number): void {
  const { header, staticAccounts, addressTableLookups, instructions } = message;
  const loaded = addressTableLookups.reduce(
    (n, l) => n + l.writableIndexes.length + l.readonlyIndexes.length,
    0,
  );
  const total = staticAccounts.length + loaded;
  const ok =
    signatureCount === header.numRequiredSignatures &&
    header.numRequiredSignatures > 0 &&
    header.numReadonlySignedAccounts < header.numRequiredSignatures &&
    header.numRequiredSignatures + header.numReadonlyUnsignedAccounts <= staticAccounts.length &&
    total <= 256 &&
    new Set(staticAccounts).size === staticAccounts.length &&
    instructions.every(
      (ix) =>
        ix.programIdIndex > 0 &&
        ix.programIdIndex < staticAccounts.length &&
        ix.accounts.every((a) => a < total),
    );
  if (!ok) throw invalidTransaction('Transaction failed to sanitize accounts offsets correctly');
}
