/**
 * At most `size` ingest transactions at once (the database pool size); the rest wait
 * here, in order, instead of timing out inside Prisma waiting for a connection.
 */
export function createLimiter(size: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  return async function run<T>(job: () => Promise<T>): Promise<T> {
    if (active >= size) await new Promise<void>((resolve) => queue.push(resolve));
    else active += 1;
    try {
      return await job();
    } finally {
      const next = queue.shift();
      if (next) next();
      else active -= 1;
    }
  };
}
