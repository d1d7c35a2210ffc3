const LAMPORTS_PER_SOL = 1_000_000_000n;

/** "12 Mar 2026, 14:05" in the viewer's locale; the raw text when it is not a date. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A decimal USD string as "$1,250,000" (cents only when there are any). Never via floats for big values. */
export function formatUsd(decimal: string): string {
  const [whole = '0', fraction = ''] = decimal.split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = fraction.replace(/0+$/, '');
  return `${negative ? '-' : ''}$${grouped}${cents ? `.${cents.padEnd(2, '0').slice(0, 2)}` : ''}`;
}

/** Lamports (decimal string or bigint) as SOL with up to 4 decimals, e.g. "0.0021 SOL". */
export function formatSol(lamports: string | bigint): string {
  const value = typeof lamports === 'bigint' ? lamports : BigInt(lamports);
  const whole = value / LAMPORTS_PER_SOL;
  const fraction = (value % LAMPORTS_PER_SOL).toString().padStart(9, '0').slice(0, 4).replace(/0+$/, '');
  const small = value > 0n && whole === 0n && !fraction;
  return small ? '< 0.0001 SOL' : `${whole.toLocaleString()}${fraction ? `.${fraction}` : ''} SOL`;
}

/** "abcd…wxyz" for long base58 strings shown in tables; the full value goes in a title. */
export function shorten(value: string | null | undefined, keep = 6): string {
  if (!value) return '—';
  return value.length <= keep * 2 + 1 ? value : `${value.slice(0, keep)}…${value.slice(-keep)}`;
}

/** "needs_compensation" → "Needs compensation". */
export function humanize(code: string): string {
  const text = code.replace(/[_.]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "1 badge" / "3 badges". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
