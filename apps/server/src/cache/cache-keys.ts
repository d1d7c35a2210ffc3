/** Every per-user cache key lives here, so invalidating a user cannot miss one. */
export const userCacheKeys = {
  // The version changes with the cached shape, so an entry written by an older build is never read.
  nftStatus: (userId: string) => `user:${userId}:nft-status:v2`,
  badges: (userId: string) => `user:${userId}:badges`,
};
