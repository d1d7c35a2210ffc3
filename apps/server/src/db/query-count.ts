/**
 * Statements this process has sent to PostgreSQL (each one a round trip, BEGIN and COMMIT
 * included). Read by the metrics registry, so a benchmark can tell how many round trips an
 * operation costs; a plain number because it is bumped on every query.
 */
let sent = 0;

export function countQuerySent(): void {
  sent += 1;
}

export function queriesSent(): number {
  return sent;
}
