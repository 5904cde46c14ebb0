/**
 * A circuit breaker for the billing system: after `failures` failures in a row it opens
 * and every call fails at once (the kiosk offers a turn instead of waiting on a dead
 * system); after `coolDownMs` on the injected clock it lets one trial call through
 * (half-open): a success closes it, a failure opens it again for another cool-down.
 */
import type { Clock } from '@turnero/domain/types';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  failures: number;
  coolDownMs: number;
}

export class CircuitBreaker {
  private failuresInARow = 0;
  private openedAt: number | null = null;
  private trialRunning = false;

  constructor(
    private readonly clock: Clock,
    private readonly opts: BreakerOptions,
  ) {}

  get state(): BreakerState {
    if (this.openedAt === null) return 'closed';
    return this.clock.now().getTime() - this.openedAt >= this.opts.coolDownMs ? 'half_open' : 'open';
  }

  /** Whether a call may go out now; in half-open, only one trial at a time. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.trialRunning) return false;
    this.trialRunning = true;
    return true;
  }

  success(): void {
    this.failuresInARow = 0;
    this.openedAt = null;
    this.trialRunning = false;
  }

  failure(): void {
    this.failuresInARow++;
    if (this.trialRunning || this.failuresInARow >= this.opts.failures) this.openedAt = this.clock.now().getTime();
    this.trialRunning = false;
  }
}
