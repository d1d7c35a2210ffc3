import {
  decodeAccount,
  fetchEncodedAccount,
  isSome,
  type Address,
  type GetAccountInfoApi,
  type MaybeEncodedAccount,
  type Rpc,
} from '@solana/kit';
import { getMintDecoder } from '@solana-program/token-2022';
import { readMintFields, type MintFields } from './read-mint-fields.ts';

/** Built once: composing the decoder (every extension's) costs more than a decode. */
const mintDecoder = getMintDecoder();

/** A Token-2022 mint as the rest of the app needs it (level NFTs, badges, reconciliation). */
export type MintInfo = Readonly<{ address: Address }> & MintFields;

/** Reads a mint and its in-mint TokenMetadata; null if the account does not exist. */
export async function fetchMintInfo(rpc: Rpc<GetAccountInfoApi>, mint: Address): Promise<MintInfo | null> {
  return toMintInfo(await fetchEncodedAccount(rpc, mint));
}

/** A fetched account read as a mint; null if it does not exist; throws if it is not a mint. */
export function toMintInfo(encoded: MaybeEncodedAccount): MintInfo | null {
  if (!encoded.exists) return null;
  const fields = readMintFields(encoded.data);
  return fields ? { address: encoded.address, ...fields } : mintInfoByKit(encoded);
}

/** The same, through kit's full decoder: for shapes the byte reader leaves to it (and its tests). */
export function mintInfoByKit(encoded: MaybeEncodedAccount): MintInfo | null {
  const account = decodeAccount(encoded, mintDecoder);
  const mint = account.address;
  if (!account.exists) return null;
  const { data } = account;
  const extensions = isSome(data.extensions) ? data.extensions.value : [];
  let closeAuthority: Address | null = null;
  let nonTransferable = false;
  let permanentDelegate: Address | null = null;
  let metadata: MintInfo['metadata'] = null;
  for (const ext of extensions) {
    if (ext.__kind === 'MintCloseAuthority') closeAuthority = ext.closeAuthority;
    if (ext.__kind === 'NonTransferable') nonTransferable = true;
    if (ext.__kind === 'PermanentDelegate') permanentDelegate = ext.delegate;
    if (ext.__kind === 'TokenMetadata') {
      metadata = {
        updateAuthority: isSome(ext.updateAuthority) ? ext.updateAuthority.value : null,
        name: ext.name,
        symbol: ext.symbol,
        uri: ext.uri,
        additional: Object.fromEntries(ext.additionalMetadata),
      };
    }
  }
  return {
    address: mint,
    supply: data.supply,
    decimals: data.decimals,
    mintAuthority: isSome(data.mintAuthority) ? data.mintAuthority.value : null,
    closeAuthority,
    nonTransferable,
    permanentDelegate,
    metadata,
  };
}
