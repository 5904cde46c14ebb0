/**
 * At most `size` jobs at once; the rest wait here, in order. Used where a scarce resource
 * would otherwise be fought over: head office's ingest transactions (the database pool)
 * and password hashing (scrypt runs on libuv's four threads, which file and DNS work need
 * too: 200 parallel bad logins must not stall everything else).
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
