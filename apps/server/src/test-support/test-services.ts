import { describe } from 'vitest';

const inCi = process.env.CI === 'true';

/**
 * `describe` for suites that need Redis (TEST_REDIS_URL). On a laptop without it they skip
 * with a message; in CI a missing service is a failure, never a skip.
 */
export function describeWithRedis(name: string, fn: (url: string) => void): void {
  const url = process.env.TEST_REDIS_URL;
  if (url) {
    describe(name, () => fn(url));
    return;
  }
  if (inCi) throw new Error(`${name}: TEST_REDIS_URL is not set, and CI=true does not allow skipping.`);
  describe.skip(`${name} (skipped: set TEST_REDIS_URL=redis://127.0.0.1:6379 to run)`, () => fn(''));
}
