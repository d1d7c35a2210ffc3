type Rounding = 'ceil' | 'floor' | 'halfExpand';

const usdFormats = new Map<Rounding, Intl.NumberFormat>();
function usdFormat(rounding: Rounding): Intl.NumberFormat {
  let format = usdFormats.get(rounding);
  if (!format) {
    format = new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
      trailingZeroDisplay: 'stripIfInteger',
      roundingMode: rounding,
    });
    usdFormats.set(rounding, format);
  }
  return format;
}

const isDecimal = (value: string): value is `${number}` => /^-?\d+(\.\d+)?$/.test(value);

/**
 * A USD decimal string from the API (`"400000"`, `"1250.5"`) as money, exactly: the string
 * goes to Intl as is, never through a float. Missing amounts round up, so "to go" is never
 * shown as $0 while something is still missing.
 */
export function formatUsd(value: string, rounding: Rounding = 'halfExpand'): string {
  return isDecimal(value) ? usdFormat(rounding).format(value) : value;
}

const LAMPORTS_PER_SOL = 1_000_000_000n;

/** Lamports (decimal string or bigint) as SOL with up to 4 decimals, rounded up by default. */
export function formatSol(lamports: string | bigint, rounding: Rounding = 'ceil'): string {
  const value = typeof lamports === 'bigint' ? lamports : /^\d+$/.test(lamports) ? BigInt(lamports) : null;
  if (value === null) return `${lamports} lamports`;
  const whole = value / LAMPORTS_PER_SOL;
  const fraction = (value % LAMPORTS_PER_SOL).toString().padStart(9, '0');
  const sol = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4, roundingMode: rounding });
  return `${sol.format(`${whole}.${fraction}` as `${number}`)} SOL`;
}

/** A date and time in the person's locale. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Only a date, for things that last days or years (validity, revocation). */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/** Only a time, for things valid for minutes. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString(undefined, { timeStyle: 'medium' });
}

/** Where an image URI from the API can be loaded: `ipfs://CID` goes through this server's gateway. */
export function imageSrc(uri: string | null | undefined): string | undefined {
  if (!uri) return undefined;
  if (uri.startsWith('ipfs://')) return `/ipfs/${uri.slice('ipfs://'.length).replace(/^ipfs\//, '')}`;
  if (/^(https?:|data:image\/|\/)/.test(uri)) return uri;
  return undefined;
}
