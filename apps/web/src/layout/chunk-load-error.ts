/**
 * What browsers and Vite say when a lazily loaded file is gone, typically because a deploy
 * replaced the hashed bundle files the open page still points at.
 */
const chunkErrorPatterns = [
  /failed to fetch dynamically imported module/i, // Chromium
  /error loading dynamically imported module/i, // Firefox
  /importing a module script failed/i, // Safari
  /unable to preload css/i, // Vite's CSS preload
];

/** True when `error` is a failed load of a code chunk, which a page reload fixes. */
export function isChunkLoadError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ChunkLoadError') return true;
  return chunkErrorPatterns.some((pattern) => pattern.test(error.message));
}

/** sessionStorage key holding when the page last reloaded itself for a missing chunk. */
export const CHUNK_RELOAD_KEY = 'insignia:chunk-reload-at';
/** Within this long of an automatic reload, another one would be a loop: ask the person. */
const RELOAD_GUARD_MS = 5 * 60_000;

/**
 * Whether to reload the page by itself for a chunk error, noting the time if so: once, and not
 * again within a few minutes, so a chunk that stays missing cannot reload the page forever.
 * A storage that refuses (private mode, quota) means no automatic reload.
 */
export function claimAutomaticReload(
  storage: Pick<Storage, 'getItem' | 'setItem'>,
  now = Date.now(),
): boolean {
  try {
    const last = Number(storage.getItem(CHUNK_RELOAD_KEY));
    if (last && now - last < RELOAD_GUARD_MS) return false;
    storage.setItem(CHUNK_RELOAD_KEY, String(now));
    return true;
  } catch {
    return false;
  }
}
