/** Bounded concurrency: run tasks with at most `limit` in flight; stop taking new ones once `stop()` says so. */
export async function pool<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>, stop: () => boolean = () => false): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length && !stop()) {
      const item = items[next++] as T;
      results.push(await task(item));
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
