/**
 * Vitest runs `afterAll` even when `beforeAll` failed before assigning a `let`, so teardown reads
 * a value its declared type says is always there: `await maybeUnset(harness)?.close()`.
 */
export function maybeUnset<T>(value: T): T | undefined {
  return value;
}
