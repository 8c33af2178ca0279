/**
 * Runs `fn` over `items` with at most `limit` calls in flight. File work on thousands of
 * small files is bound by syscall latency, so some parallelism pays; unbounded parallelism
 * only queues in libuv and risks EMFILE.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Parallelism used for file work. */
export const FILE_CONCURRENCY = 32;
