import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors/app-error.ts';
import { createPasswordHasher, RECOMMENDED_SCRYPT_COST } from './password.ts';

describe('password hashing', () => {
  it('hashes at N=2^17, r=8, p=1 by default and verifies only the right password', async () => {
    const hasher = createPasswordHasher();
    expect(RECOMMENDED_SCRYPT_COST).toEqual({ log2N: 17, r: 8, p: 1 });
    const stored = await hasher.hash('correct horse battery');
    expect(stored.split('$').slice(0, 4)).toEqual(['scrypt', String(2 ** 17), '8', '1']);
    expect(await hasher.verify('correct horse battery', stored)).toEqual({ ok: true, needsRehash: false });
    expect(await hasher.verify('correct horse batterY', stored)).toEqual({ ok: false, needsRehash: false });
  });

  it('asks to rehash a right password stored at a lower cost, never a wrong one', async () => {
    const old = await createPasswordHasher({ log2N: 12, r: 8, p: 1 }).hash('old password 1');
    const today = createPasswordHasher({ log2N: 13, r: 8, p: 1 });
    expect(await today.verify('old password 1', old)).toEqual({ ok: true, needsRehash: true });
    expect(await today.verify('old password 2', old)).toEqual({ ok: false, needsRehash: false });
  });

  it('refuses hashes it does not recognise without throwing', async () => {
    const hasher = createPasswordHasher({ log2N: 12, r: 8, p: 1 });
    for (const stored of ['', 'bcrypt$x', 'scrypt$4096$8$1$salt'])
      expect(await hasher.verify('anything', stored)).toEqual({ ok: false, needsRehash: false });
  });

  it('queues hashes past its running slots and refuses with SERVICE__BUSY past the queue', async () => {
    const hasher = createPasswordHasher({ log2N: 12, r: 8, p: 1 }, { running: 1, waiting: 2 });
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((i) => hasher.hash(`password ${i}`)));
    const refused = results.filter((r) => r.status === 'rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(refused).toHaveLength(2);
    for (const r of refused) expect((r.reason as AppError).code).toBe('SERVICE__BUSY');
    // Slots come back: a later hash runs.
    await expect(hasher.hash('later')).resolves.toMatch(/^scrypt\$/);
  });
});
