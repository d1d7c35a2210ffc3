/** The `UiTokenAmount` shape of token balances and parsed token accounts. */
export interface UiTokenAmount {
  readonly amount: string;
  readonly decimals: number;
  readonly uiAmount: number | null;
  readonly uiAmountString: string;
}

/** Formats a raw amount the way a validator does: `1500000000` with 9 decimals → `"1.5"`. */
export function uiTokenAmount(amount: bigint, decimals: number): UiTokenAmount {
  const raw = amount.toString();
  let uiAmountString = raw;
  if (decimals > 0) {
    const padded = raw.padStart(decimals + 1, '0');
    const whole = padded.slice(0, padded.length - decimals);
    const fraction = padded.slice(padded.length - decimals).replace(/0+$/, '');
    uiAmountString = fraction === '' ? whole : `${whole}.${fraction}`;
  }
  return { amount: raw, decimals, uiAmount: Number(uiAmountString), uiAmountString };
}
