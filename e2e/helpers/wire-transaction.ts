/**
 * Just enough of Solana's wire format to sign a transaction in place:
 * `[shortvec n][n × 64-byte signatures][message]`, where the message lists the account keys
 * and its first `numRequiredSignatures` keys own the signature slots, in order.
 */

function readShortU16(bytes: Uint8Array, offset: number): [value: number, size: number] {
  let value = 0;
  for (let size = 0; size < 3; size++) {
    const byte = bytes[offset + size];
    if (byte === undefined) throw new Error('transaction ends inside a length prefix');
    value |= (byte & 0x7f) << (7 * size);
    if ((byte & 0x80) === 0) return [value, size + 1];
  }
  throw new Error('length prefix longer than 3 bytes');
}

export interface ParsedWireTransaction {
  /** Offset of the first signature slot. */
  signaturesOffset: number;
  signatureCount: number;
  /** The bytes every signer signs. */
  messageBytes: Uint8Array;
  /** The keys that must sign, in signature-slot order. */
  signerKeys: Uint8Array[];
}

export function parseWireTransaction(wire: Uint8Array): ParsedWireTransaction {
  const [signatureCount, prefix] = readShortU16(wire, 0);
  const messageOffset = prefix + signatureCount * 64;
  if (wire.length <= messageOffset) throw new Error('transaction too short');
  const messageBytes = wire.subarray(messageOffset);

  // A versioned message starts with 0x80 | version; a legacy one starts with the header.
  const first = messageBytes[0] ?? 0;
  const header = first & 0x80 ? 1 : 0;
  const requiredSignatures = messageBytes[header] ?? 0;
  const [keyCount, keyPrefix] = readShortU16(messageBytes, header + 3);
  const keysOffset = header + 3 + keyPrefix;
  if (requiredSignatures > keyCount || requiredSignatures !== signatureCount) {
    throw new Error('malformed transaction: signer count does not match signature slots');
  }
  const signerKeys = Array.from({ length: requiredSignatures }, (_, i) =>
    messageBytes.subarray(keysOffset + i * 32, keysOffset + (i + 1) * 32),
  );
  return { signaturesOffset: prefix, signatureCount, messageBytes, signerKeys };
}

const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

/**
 * Returns a copy of `wire` with `publicKey`'s signature slot filled by `sign(message)`.
 * Throws when `publicKey` is not a required signer of the transaction.
 */
export function signWireTransaction(
  wire: Uint8Array,
  publicKey: Uint8Array,
  sign: (message: Uint8Array) => Uint8Array,
): Uint8Array {
  const parsed = parseWireTransaction(wire);
  const slot = parsed.signerKeys.findIndex((key) => sameBytes(key, publicKey));
  if (slot < 0) throw new Error('this wallet is not a required signer of the transaction');
  const signed = new Uint8Array(wire);
  signed.set(sign(parsed.messageBytes), parsed.signaturesOffset + slot * 64);
  return signed;
}
