import type { Address, ReadonlyUint8Array } from '@solana/kit';
import { encodeBase58 } from './base58.ts';

/** What a Token-2022 mint says that the app reads (MintInfo is these and the address). */
export type MintFields = Readonly<{
  supply: bigint;
  decimals: number;
  mintAuthority: Address | null;
  closeAuthority: Address | null;
  nonTransferable: boolean;
  permanentDelegate: Address | null;
  metadata: Readonly<{
    updateAuthority: Address | null;
    name: string;
    symbol: string;
    uri: string;
    additional: Readonly<Record<string, string>>;
  }> | null;
}>;

// Token-2022 layout: the 82-byte base mint; with extensions, zero padding up to 165, the
// account type (1 = mint) at 165, then type-length-value entries.
const BASE_MINT_BYTES = 82;
const ACCOUNT_TYPE_OFFSET = 165;
const MINT_ACCOUNT_TYPE = 1;
const EXTENSION = { MintCloseAuthority: 3, NonTransferable: 9, PermanentDelegate: 12, TokenMetadata: 19 };

const utf8 = new TextDecoder('utf-8');

/** Thrown inside: the bytes are not in the shape this reader knows; kit's decoder decides. */
class Unusual extends Error {}

class Reader {
  constructor(
    private readonly bytes: ReadonlyUint8Array,
    public at = 0,
    private readonly end = bytes.length,
  ) {}
  need(n: number): void {
    if (this.at + n > this.end) throw new Unusual();
  }
  u8(): number {
    this.need(1);
    return this.bytes[this.at++] ?? 0;
  }
  u16(): number {
    return this.u8() | (this.u8() << 8);
  }
  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }
  u64(): bigint {
    const low = BigInt(this.u32());
    return low | (BigInt(this.u32()) << 32n);
  }
  address(): Address {
    this.need(32);
    const slice = this.bytes.slice(this.at, (this.at += 32));
    return encodeBase58(slice) as Address;
  }
  /** An address where 32 zero bytes mean none. */
  zeroableAddress(): Address | null {
    this.need(32);
    for (let i = this.at; i < this.at + 32; i++) if (this.bytes[i] !== 0) return this.address();
    this.at += 32;
    return null;
  }
  /** A u32-tagged address (0 none, 1 some). */
  optionalAddress(): Address | null {
    const tag = this.u32();
    if (tag > 1) throw new Unusual();
    const value = this.address();
    return tag === 1 ? value : null;
  }
  /** A u32-prefixed UTF-8 string, read as kit reads it (a leading BOM and NUL characters dropped). */
  string(): string {
    const length = this.u32();
    this.need(length);
    const start = this.at;
    this.at += length;
    return utf8.decode(this.bytes.subarray(start, this.at)).replaceAll('\u0000', '');
  }
}

/**
 * The fields of a Token-2022 mint read straight from its bytes: kit's decoder builds every
 * extension and base58-encodes every address through a BigInt, several times the cost of the
 * rest of a level NFT check. Undefined for anything outside the common shape (the caller then
 * uses kit's decoder, which also says what is wrong); read-mint-fields.test.ts pins the result
 * to kit's for every shape it reads.
 */
export function readMintFields(bytes: ReadonlyUint8Array): MintFields | undefined {
  try {
    return read(bytes);
  } catch (e) {
    if (e instanceof Unusual) return undefined;
    throw e;
  }
}

function read(bytes: ReadonlyUint8Array): MintFields {
  const r = new Reader(bytes);
  const mintAuthority = r.optionalAddress();
  const supply = r.u64();
  const decimals = r.u8();
  const initialized = r.u8();
  if (initialized > 1) throw new Unusual();
  r.optionalAddress(); // freeze authority
  let closeAuthority: Address | null = null;
  let nonTransferable = false;
  let permanentDelegate: Address | null = null;
  let metadata: MintFields['metadata'] = null;
  if (bytes.length > BASE_MINT_BYTES) {
    if (bytes.length <= ACCOUNT_TYPE_OFFSET) throw new Unusual();
    for (let i = BASE_MINT_BYTES; i < ACCOUNT_TYPE_OFFSET; i++) if (bytes[i] !== 0) throw new Unusual();
    if (bytes[ACCOUNT_TYPE_OFFSET] !== MINT_ACCOUNT_TYPE) throw new Unusual();
    r.at = ACCOUNT_TYPE_OFFSET + 1;
    while (r.at < bytes.length) {
      const type = r.u16();
      if (type === 0) continue; // uninitialized: a bare type, as kit reads it
      const length = r.u16();
      r.need(length);
      const value = new Reader(bytes, r.at, r.at + length);
      r.at += length;
      if (type === EXTENSION.MintCloseAuthority) closeAuthority = value.address();
      else if (type === EXTENSION.NonTransferable) nonTransferable = true;
      else if (type === EXTENSION.PermanentDelegate) permanentDelegate = value.address();
      else if (type === EXTENSION.TokenMetadata) {
        const updateAuthority = value.zeroableAddress();
        value.address(); // the mint itself
        const name = value.string();
        const symbol = value.string();
        const uri = value.string();
        const additional: Record<string, string> = {};
        for (let n = value.u32(); n > 0; n--) additional[value.string()] = value.string();
        metadata = { updateAuthority, name, symbol, uri, additional };
      }
    }
  }
  return { supply, decimals, mintAuthority, closeAuthority, nonTransferable, permanentDelegate, metadata };
}
