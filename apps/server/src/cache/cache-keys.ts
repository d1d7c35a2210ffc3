/** Every per-user cache key lives here, so invalidating a user cannot miss one. */
export const userCacheKeys = {
  nftStatus: (userId: string) => `user:${userId}:nft-status`,
  badges: (userId: string) => `user:${userId}:badges`,
};

export function allUserCacheKeys(userId: string): string[] {
  return Object.values(userCacheKeys).map((k) => k(userId));
}
