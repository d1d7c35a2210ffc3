const counts = new Map<string, number>();

/** Counts one case tried in `suite` (printed by `printCaseCounts`, as CI logs show them). */
export function countCase(suite: string, n = 1): void {
  counts.set(suite, (counts.get(suite) ?? 0) + n);
}

export function printCaseCounts(suite: string): void {
  console.log(`${suite}: ${counts.get(suite) ?? 0} cases tried`);
}
