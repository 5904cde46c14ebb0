/**
 * A deadline for a wait on an event or a promise that may never settle (a process that
 * does not exit, a socket event that never comes): the test fails naming what it awaited
 * instead of sitting until vitest's testTimeout with no clue.
 */
export function withDeadline<T>(waiting: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not within ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([waiting, expired]).finally(() => clearTimeout(timer));
}
