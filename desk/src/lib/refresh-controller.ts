/**
 * Keeps a desk panel's data fresh without a realtime fact of its own (ratings, bookings):
 * it is read again every `everyMs`, and when the queue moved (a new snapshot seq), at most
 * every `queueMs`, so a busy queue does not turn into a stream of reads. A Lit reactive
 * controller: the timer runs while the panel is on the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class RefreshController implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | null = null;
  private readSeq = -1;
  private readAt = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly load: () => Promise<void>,
    private readonly opts: { everyMs: number; queueMs: number },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.timer ??= setInterval(() => void this.now(), this.opts.everyMs);
  }

  hostDisconnected(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Call with the snapshot's seq on every update: reads again when the queue moved. */
  queueMoved(seq: number): void {
    if (seq !== this.readSeq && Date.now() - this.readAt >= this.opts.queueMs) {
      this.readSeq = seq;
      void this.now();
    }
  }

  /** Reads now (a changed filter, a retry). */
  now(): Promise<void> {
    this.readAt = Date.now();
    return this.load();
  }
}
