/** Runs `task` over `items` with at most `limit` at a time. */
export async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>) {
  // One iterator shared by every runner: each takes the next item when it is free.
  const queue = items.values();
  const run = async () => {
    for (const item of queue) await task(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
}
