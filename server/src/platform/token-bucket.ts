/**
 * Token buckets keyed by client (a socket, a token, a kiosk): each key may spend `burst`
 * at once, then `perSecond` on average. A refusal costs nothing and changes nothing, so a
 * flooding client gets its answers fast and the others keep their share of the server.
 * Time comes from an injected monotonic clock (ms), not the office clock: a test that
 * moves the office's day must not refill or drain anyone's budget.
 */
export interface TokenBucketOptions {
  burst: number;
  perSecond: number;
  /** Monotonic milliseconds (performance.now by default). */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Keys are forgotten once their bucket is full again; this bounds memory against many keys. */
const PRUNE_EVERY = 1000;

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private takes = 0;

  constructor(private readonly opts: TokenBucketOptions) {
    this.now = opts.now ?? (() => performance.now());
  }

  /** Spends `cost` tokens of `key`; false (and nothing spent) when it has fewer left. */
  take(key: string, cost = 1): boolean {
    const now = this.now();
    if (++this.takes % PRUNE_EVERY === 0) this.prune(now);
    const bucket = this.refilled(this.buckets.get(key), now);
    if (bucket.tokens < cost) {
      this.buckets.set(key, bucket);
      return false;
    }
    bucket.tokens -= cost;
    this.buckets.set(key, bucket);
    return true;
  }

  /** Seconds until `key` may spend `cost` again (0 when it may now). */
  retryAfterSeconds(key: string, cost = 1): number {
    const bucket = this.refilled(this.buckets.get(key), this.now());
    return bucket.tokens >= cost ? 0 : Math.ceil((cost - bucket.tokens) / this.opts.perSecond);
  }

  private refilled(bucket: Bucket | undefined, now: number): Bucket {
    if (!bucket) return { tokens: this.opts.burst, at: now };
    const tokens = Math.min(this.opts.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.opts.perSecond);
    return { tokens, at: now };
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, now).tokens >= this.opts.burst) this.buckets.delete(key);
    }
  }
}

/**
 * Logs a client's refusals once per burst: the first refusal after it was last let
 * through, not each of the thousands a flood may bring (the log must not become the flood).
 */
export class RefusalLog {
  private readonly refusing = new Set<string>();

  /** True when this refusal opens a burst (log it); false while the burst goes on. */
  refused(key: string): boolean {
    if (this.refusing.has(key)) return false;
    if (this.refusing.size > 10_000) this.refusing.clear();
    this.refusing.add(key);
    return true;
  }

  allowed(key: string): void {
    this.refusing.delete(key);
  }
}
