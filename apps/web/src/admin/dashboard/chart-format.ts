import type { AdminDailyActivity } from '@insignia/contract';

const LAMPORTS_PER_SOL = 1e9;

/** `2026-12-05` → "Dec 5": the series' days are UTC days, so they are shown in UTC. */
export function shortDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** 1234567 → "$1.2M" for axes and headline figures. */
export function compactUsd(value: number): string {
  return new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency: 'USD',
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);
}

export function solOf(lamports: string | number): number {
  return Number(lamports) / LAMPORTS_PER_SOL;
}

/** SOL with as many decimals as a small figure needs: "0.0123 SOL", "1.5 SOL". */
export function solText(sol: number): string {
  const digits = sol === 0 ? 0 : sol < 0.01 ? 5 : sol < 1 ? 4 : 2;
  return `${sol.toLocaleString(undefined, { maximumFractionDigits: digits })} SOL`;
}

/** The sum of one numeric field over the days. */
export function total(days: readonly AdminDailyActivity[], pick: (d: AdminDailyActivity) => number): number {
  return days.reduce((sum, d) => sum + pick(d), 0);
}

/** The day with the most of `pick`, or null when every day is zero. */
export function busiest(
  days: readonly AdminDailyActivity[],
  pick: (d: AdminDailyActivity) => number,
): AdminDailyActivity | null {
  let best: AdminDailyActivity | null = null;
  for (const d of days) if (pick(d) > 0 && (!best || pick(d) > pick(best))) best = d;
  return best;
}
