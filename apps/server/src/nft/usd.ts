/**
 * USD amounts as exact fixed-point bigints with 8 decimals (the NUMERIC(38,8) scale), so
 * comparisons and differences never go through floating point.
 */
const SCALE = 8;
const FACTOR = 10n ** BigInt(SCALE);

export function parseUsd(value: string): bigint {
  const groups = /^(?<sign>-)?(?<whole>\d+)(?:\.(?<frac>\d{0,8})\d*)?$/.exec(value.trim())?.groups;
  const whole = groups?.whole;
  if (!groups || whole === undefined) throw new Error(`not a decimal amount: ${value}`);
  const units = BigInt(whole) * FACTOR + BigInt((groups.frac ?? '').padEnd(SCALE, '0'));
  return groups.sign ? -units : units;
}

/** Shortest decimal form: 100000, 1250.5, 0.00000001. */
export function formatUsd(units: bigint): string {
  const sign = units < 0n ? '-' : '';
  const abs = units < 0n ? -units : units;
  const whole = abs / FACTOR;
  const frac = (abs % FACTOR).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

/** `part / whole` clamped to [0, 1], with 4 decimals: for progress bars only. */
export function ratio(part: bigint, whole: bigint): number {
  if (whole <= 0n) return 1;
  if (part >= whole) return 1;
  if (part <= 0n) return 0;
  return Number((part * 10_000n) / whole) / 10_000;
}
