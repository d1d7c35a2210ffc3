import type { ReadonlyUint8Array } from '@solana/kit';

/*
 * Where things sit in legacy and v0 transaction bytes, for the fast paths that copy or compare
 * bytes instead of decoding. Only the common shapes are read (counts below 128, so each
 * compact-u16 is one byte); anything else is `undefined` and the caller goes through kit.
 */

export const SIGNATURE_BYTES = 64;
export const ADDRESS_BYTES = 32;

/** The header of a compiled message and where its static account keys start. */
export type MessageLayout = Readonly<{
  numSigners: number;
  numReadonlySigners: number;
  numReadonlyNonSigners: number;
  accountCount: number;
  /** Offset of the first static account key in the message bytes. */
  accountsOffset: number;
}>;

/** A legacy or v0 message's layout; undefined for other versions or uncommon encodings. */
export function readMessageLayout(message: ReadonlyUint8Array): MessageLayout | undefined {
  const first = message[0];
  if (first === undefined) return undefined;
  if (first > 0x80) return undefined; // versions after 0
  const at = first === 0x80 ? 1 : 0;
  const [numSigners, numReadonlySigners, numReadonlyNonSigners, accountCount] = message.subarray(at, at + 4);
  if (accountCount === undefined || accountCount >= 0x80) return undefined;
  const accountsOffset = at + 4;
  if (message.length < accountsOffset + accountCount * ADDRESS_BYTES) return undefined;
  return {
    numSigners: numSigners ?? 0,
    numReadonlySigners: numReadonlySigners ?? 0,
    numReadonlyNonSigners: numReadonlyNonSigners ?? 0,
    accountCount,
    accountsOffset,
  };
}

/** A signatures-first wire transaction split into its signature count and message. */
export type WireParts = Readonly<{ signatureCount: number; message: Buffer }>;

/** Splits wire bytes (one-byte signature count); undefined when they are not that shape. */
export function splitWire(wire: Buffer): WireParts | undefined {
  const signatureCount = wire[0];
  if (signatureCount === undefined || signatureCount >= 0x80) return undefined;
  const messageOffset = 1 + signatureCount * SIGNATURE_BYTES;
  if (wire.length <= messageOffset) return undefined;
  return { signatureCount, message: wire.subarray(messageOffset) };
}

/**
 * The fee payer's signature (null while unsigned: zero-filled) and address, read in place from
 * wire bytes; undefined when they are not the common shape (the caller decodes with kit).
 */
export function readFeePayer(wire: Buffer): { signature: Buffer | null; feePayer: Buffer } | undefined {
  const parts = splitWire(wire);
  if (!parts || parts.signatureCount === 0) return undefined;
  const layout = readMessageLayout(parts.message);
  if (!layout || layout.accountCount === 0) return undefined;
  const signature = wire.subarray(1, 1 + SIGNATURE_BYTES);
  const feePayer = parts.message.subarray(layout.accountsOffset, layout.accountsOffset + ADDRESS_BYTES);
  return { signature: signature.some((b) => b !== 0) ? signature : null, feePayer };
}
