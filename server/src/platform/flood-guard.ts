/**
 * What happens to a client that keeps asking after it was refused: a refusal is cheap, but
 * a thousand a second are not (each is still read, parsed, answered and counted). A client
 * may collect FLOOD_REFUSALS refusals (refilled one a second: an honest client that hits a
 * limit now and then never gets there); past that it is a flooder, and for
 * FLOOD_COOLDOWN_SECONDS it is turned away at the door (its HTTP requests answered before
 * Express reads them, its socket closed and its token's reconnections refused). One
 * summary log line per cool-down says how much it was refused, not one line per refusal.
 */
import type { Config } from './config';
import type { Logger } from './logger';
import { TokenBuckets } from './token-bucket';

export type FloodGuardConfig = Pick<Config, 'FLOOD_REFUSALS' | 'FLOOD_COOLDOWN_SECONDS'>;

interface Cooldown {
  until: number;
  /** Refusals since the cool-down began (reported once, when it ends). */
  refused: number;
  context: Record<string, unknown>;
}

/** Past this many cooling clients the oldest are forgotten (memory stays bounded). */
const MAX_COOLING = 10_000;

export class FloodGuard {
  private readonly refusals: TokenBuckets;
  private readonly cooling = new Map<string, Cooldown>();
  private readonly now: () => number;

  constructor(
    private readonly config: FloodGuardConfig,
    private readonly logger: Logger,
    private readonly what: string,
    now?: () => number,
  ) {
    this.now = now ?? (() => performance.now());
    this.refusals = new TokenBuckets({ burst: config.FLOOD_REFUSALS, perSecond: 1, now: this.now });
  }

  /**
   * Records one refusal of `key`; true when the client is cooling down (this refusal used
   * up its last one, or it was already cooling): the caller closes what it holds open.
   */
  refused(key: string, context: Record<string, unknown>): boolean {
    if (this.coolingSeconds(key) > 0) return true;
    if (this.refusals.take(key)) return false;
    if (this.cooling.size >= MAX_COOLING) this.cooling.delete(this.cooling.keys().next().value!);
    this.cooling.set(key, { until: this.now() + this.config.FLOOD_COOLDOWN_SECONDS * 1000, refused: 0, context });
    this.logger.warn(
      { ...context, cooldownSeconds: this.config.FLOOD_COOLDOWN_SECONDS },
      `${this.what}: a client kept asking after ${this.config.FLOOD_REFUSALS} refusals; turned away for a while`,
    );
    return true;
  }

  /** Seconds left of `key`'s cool-down (0: not cooling); each positive answer counts as a refusal. */
  coolingSeconds(key: string): number {
    const cooldown = this.cooling.get(key);
    if (!cooldown) return 0;
    const left = cooldown.until - this.now();
    if (left > 0) {
      cooldown.refused += 1;
      return Math.ceil(left / 1000);
    }
    this.cooling.delete(key);
    if (cooldown.refused > 0) {
      this.logger.warn({ ...cooldown.context, refused: cooldown.refused }, `${this.what}: cool-down over`);
    }
    return 0;
  }
}
