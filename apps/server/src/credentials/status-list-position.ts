import { LAST_CREDENTIAL_STATUS_LIST } from '@insignia/contract';

/**
 * Bits per status list: the Bitstring Status List minimum (16 KB), which also hides which
 * issuance a lookup is about among 131,072 others.
 */
export const STATUS_LIST_LENGTH = 131_072;

/**
 * Where an issuance's `status_list_index` (an identity column starting at 1) sits: list
 * `floor(i / 131072) + 1`, bit `i % 131072`. (Bit 0 of list 1 is never used.)
 */
export function statusListPosition(index: number): { list: number; bit: number } {
  return { list: Math.floor(index / STATUS_LIST_LENGTH) + 1, bit: index % STATUS_LIST_LENGTH };
}

/** The `status_list_index` values list `list` holds, inclusive. */
export function statusListRange(list: number): { first: number; last: number } {
  const first = (list - 1) * STATUS_LIST_LENGTH;
  return { first, last: first + STATUS_LIST_LENGTH - 1 };
}

/** The public URL of status list `list`. */
export const statusListUrl = (publicUrl: string, list: number) =>
  `${publicUrl.replace(/\/+$/, '')}/api/public/credentials/status/${list}`;

/** The list number of one of this platform's status list URLs, or null for any other URL. */
export function listNumberOf(publicUrl: string, url: string): number | null {
  const prefix = statusListUrl(publicUrl, 0).slice(0, -1);
  if (!url.startsWith(prefix)) return null;
  const rest = url.slice(prefix.length);
  return /^[1-9][0-9]{0,4}$/.test(rest) && Number(rest) <= LAST_CREDENTIAL_STATUS_LIST ? Number(rest) : null;
}
