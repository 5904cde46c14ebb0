/**
 * Lit ReactiveController over a LiveState: re-renders its host on every change,
 * subscribing in hostConnected and releasing in hostDisconnected. The store itself is
 * shared (one socket per page), so disconnecting one element never closes the socket.
 *
 *   private live = new LiveController(this, store, (change) => { ... optional ... });
 *   render() { const snap = this.live.snapshot; ... }
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { QueueSnapshot } from '@turnero/contract/dto';
import type { LiveChange, LiveState } from './live-state';

export class LiveController implements ReactiveController {
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    readonly store: LiveState,
    private readonly onChange?: (change: LiveChange) => void,
  ) {
    host.addController(this);
  }

  get snapshot(): QueueSnapshot | null {
    return this.store.snapshot;
  }

  get connected(): boolean {
    return this.store.connected;
  }

  get synced(): boolean {
    return this.store.synced;
  }

  hostConnected(): void {
    this.unsubscribe ??= this.store.subscribe((change) => {
      this.onChange?.(change);
      this.host.requestUpdate();
    });
    this.store.start();
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
