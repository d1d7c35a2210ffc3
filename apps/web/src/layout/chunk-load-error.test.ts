import { describe, expect, it } from 'vitest';
import { CHUNK_RELOAD_KEY, claimAutomaticReload, isChunkLoadError } from './chunk-load-error.ts';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const items = new Map<string, string>();
  return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

describe('chunk load errors', () => {
  it('recognises a missing chunk in each browser, and nothing else', () => {
    const chromium = new TypeError(
      'Failed to fetch dynamically imported module: https://x.test/assets/admin-console-1a2b.js',
    );
    const firefox = new TypeError('error loading dynamically imported module: https://x.test/a.js');
    const safari = new TypeError('Importing a module script failed.');
    const webpackStyle = Object.assign(new Error('Loading chunk 7 failed.'), { name: 'ChunkLoadError' });
    for (const error of [chromium, firefox, safari, webpackStyle]) expect(isChunkLoadError(error)).toBe(true);
    expect(isChunkLoadError(new TypeError("Cannot read properties of undefined (reading 'map')"))).toBe(
      false,
    );
    expect(isChunkLoadError('Failed to fetch dynamically imported module')).toBe(false);
  });

  it('reloads by itself once, then leaves it to the person for a while (no reload loop)', () => {
    const storage = memoryStorage();
    const t0 = Date.UTC(2026, 0, 1);
    expect(claimAutomaticReload(storage, t0)).toBe(true);
    expect(storage.getItem(CHUNK_RELOAD_KEY)).toBe(String(t0));
    expect(claimAutomaticReload(storage, t0 + 2_000)).toBe(false); // the reload did not help
    expect(claimAutomaticReload(storage, t0 + 60_000)).toBe(false);
    expect(claimAutomaticReload(storage, t0 + 10 * 60_000)).toBe(true); // a later deploy
  });

  it('does not reload by itself when storage is refused, as it could not stop a loop', () => {
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(claimAutomaticReload(refusing, Date.now())).toBe(false);
  });
});
