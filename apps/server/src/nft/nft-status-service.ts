import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { nftStatusSchema, type Level, type NftStatus } from '@insignia/contract';
import type { Cache } from '../cache/cache.ts';
import { userCacheKeys } from '../cache/cache-keys.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { computeNftStatus } from './compute-nft-status.ts';
import { listLevels } from './level-queries.ts';
import { loadNftStatusRows, type HeldBadge } from './nft-status-queries.ts';
import { hasExpired } from '../badges/has-expired.ts';

const TTL_SECONDS = 300;
const LEVELS_KEY = 'nft-levels';
const LEVELS_MEMO_MS = 5_000;
// Rendered answers kept per instance, bounded by their size in characters (about 2 KB each).
const RENDERED_MAX_CHARS = 16 * 1024 * 1024;

/** What the status needs from one user's rows, in a form that survives JSON (the cache). */
interface UserInputs {
  volumeUsd: string;
  walletAddress: string | null;
  heldBadges: HeldBadge[];
  currentNft: { level: number; mintAddress: string; mintedAt: string } | null;
  openRequest: NftStatus['openRequest'];
}

/**
 * `GET /api/nft/status` behind the cache. A user's inputs are cached per user and the levels
 * once for everyone, and the status is computed from both (pure; redone only when either
 * changed, see getJson), so a level edit invalidates one key instead of every user's. Every write that changes an input
 * invalidates it; the TTL only bounds staleness if an invalidation is ever lost.
 */
export function createNftStatusService(deps: { db: Db; cache: Cache }) {
  const { db } = deps;

  async function loadUserInputs(userId: string): Promise<UserInputs> {
    const { user, volumeUsd, nft, openRequest, heldBadges } = await loadNftStatusRows(db, userId);
    if (!user) throw new AppError('USER__NOT_FOUND');
    return {
      volumeUsd: volumeUsd ?? '0',
      walletAddress: user.walletAddress,
      heldBadges,
      currentNft: nft
        ? { level: nft.level, mintAddress: nft.mintAddress, mintedAt: nft.mintedAt.toISOString() }
        : null,
      openRequest: openRequest ?? null,
    };
  }

  function compute(inputs: UserInputs, levels: Level[], now = Date.now()): NftStatus {
    const { heldBadges, ...rest } = inputs;
    return computeNftStatus({
      ...rest,
      levels,
      heldBadgeIds: new Set(heldBadges.filter((b) => !hasExpired(b.validUntil, now)).map((b) => b.id)),
      currentNft: inputs.currentNft && {
        ...inputs.currentNft,
        mintedAt: new Date(inputs.currentNft.mintedAt),
      },
    });
  }

  // Levels change a few times a year and every status read needs them: each instance keeps
  // them in memory for a few seconds on top of the shared cache. An edit is seen at once on
  // the instance that made it and within LEVELS_MEMO_MS everywhere else.
  let memo: { levels: Promise<Level[]>; until: number } | undefined;
  const cachedLevels = () => {
    const now = Date.now();
    if (!memo || memo.until < now) {
      const levels = deps.cache.getOrLoad(LEVELS_KEY, TTL_SECONDS, () => listLevels(db));
      memo = { levels, until: now + LEVELS_MEMO_MS };
      levels.catch(() => (memo = undefined));
    }
    return memo.levels;
  };

  /**
   * The status as the route answers it: exactly what the response schema's serializer would
   * write (the schema's encode, then JSON). Kept per user with the cached inputs text and the
   * levels it came from, so a repeated read of unchanged inputs neither parses, computes nor
   * serializes again; any change to either (an invalidation reloads the inputs, a level edit
   * or the levels memo expiring gives a new array) renders it afresh.
   */
  const rendered = new LRUCache<string, { inputs: string; levels: Level[]; json: string; until: number }>({
    maxSize: RENDERED_MAX_CHARS,
    sizeCalculation: (r) => r.inputs.length + r.json.length,
  });
  async function getJson(userId: string): Promise<string> {
    const [inputs, levels] = await Promise.all([
      deps.cache.getOrLoadText(userCacheKeys.nftStatus(userId), TTL_SECONDS, () => loadUserInputs(userId)),
      cachedLevels(),
    ]);
    const now = Date.now();
    const known = rendered.get(userId);
    if (known?.inputs === inputs && known.levels === levels && now < known.until) return known.json;
    const parsed = JSON.parse(inputs) as UserInputs;
    const status = compute(parsed, levels, now);
    const json = JSON.stringify(z.encode(nftStatusSchema, status));
    // A held badge expiring changes the answer with no write to invalidate it.
    rendered.set(userId, { inputs, levels, json, until: nextExpiry(parsed.heldBadges, now) });
    return json;
  }

  return {
    /**
     * The user's rows straight from the database, bypassing the cache (an unlock or upgrade
     * deciding what to do); the levels as every read sees them (an edit reaches every
     * instance within LEVELS_MEMO_MS).
     */
    async load(userId: string): Promise<NftStatus> {
      const [inputs, levels] = await Promise.all([loadUserInputs(userId), cachedLevels()]);
      return compute(inputs, levels);
    },
    /** The status of `userId` as the JSON text `GET /api/nft/status` answers, through the cache. */
    getJson,
    /** The levels as every read sees them (an edit reaches every instance within LEVELS_MEMO_MS). */
    levels: cachedLevels,
    invalidate: (userIds: string[]) => deps.cache.invalidate(userIds.map(userCacheKeys.nftStatus)),
    /** Recomputes and stores the cached inputs of these users from the database (bulk rebuild). */
    async rebuild(userIds: string[]): Promise<void> {
      for (const userId of userIds) {
        await deps.cache.set(userCacheKeys.nftStatus(userId), await loadUserInputs(userId), TTL_SECONDS);
      }
      memo = undefined;
      await deps.cache.set(LEVELS_KEY, await listLevels(db), TTL_SECONDS);
    },

    async invalidateLevels() {
      memo = undefined;
      await deps.cache.invalidate([LEVELS_KEY]);
    },
  };
}

/** When the first of these badges still valid at `now` expires (Infinity: none will). */
function nextExpiry(badges: HeldBadge[], now: number): number {
  let first = Infinity;
  for (const b of badges) {
    const at = b.validUntil === null ? Infinity : Date.parse(b.validUntil);
    if (at > now && at < first) first = at;
  }
  return first;
}

export type NftStatusService = ReturnType<typeof createNftStatusService>;
