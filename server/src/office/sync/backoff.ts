/**
 * Exponential back-off with jitter for retries to head office: the nth consecutive
 * failure waits between half and all of min(cap, base * 2^(n-1)). The random half keeps
 * 151 offices that lost the link together from all retrying in the same second.
 */
interface BackoffOptions {
  baseMs: number;
  capMs: number;
  random: () => number;
}

export const DEFAULT_BACKOFF: Omit<BackoffOptions, 'random'> = { baseMs: 1000, capMs: 5 * 60_000 };

export function backoffDelay(failures: number, opts: BackoffOptions): number {
  if (failures <= 0) return 0;
  // 2^30 overflows nothing and is far beyond any cap.
  const ceiling = Math.min(opts.capMs, opts.baseMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(ceiling / 2 + opts.random() * (ceiling / 2));
}
