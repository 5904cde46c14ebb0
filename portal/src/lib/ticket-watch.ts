/**
 * Follows one remote ticket for its live page: the current view over HTTP first, then
 * head office's /portal socket.io namespace (`watch { publicId }` → `ticket:update`).
 * A reconnect watches again and re-reads the view, so an update missed while the phone
 * was offline is not lost. Subscribes in hostConnected, releases in hostDisconnected.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { io, type Socket } from 'socket.io-client';
import type { PORTAL_NAMESPACE, RemoteTicketView } from '@turnero/contract/portal';
import { isApiError } from '@turnero/web-client/api';
import { fetchRemoteTicket } from './portal-api';

/** The contract's namespace (a type-only import checks the spelling; its zod stays out of the bundle). */
const NAMESPACE: typeof PORTAL_NAMESPACE = '/portal';

export class TicketWatch implements ReactiveController {
  ticket: RemoteTicketView | null = null;
  /** The ticket does not exist (never confirmed, or purged). */
  notFound = false;
  connected = false;
  failed = false;
  private socket: Socket | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly publicId: () => string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const socket = io(NAMESPACE, { transports: ['websocket', 'polling'] });
    this.socket = socket;
    socket.on('connect', () => {
      this.connected = true;
      socket.emit('watch', { publicId: this.publicId() });
      void this.load();
    });
    socket.on('disconnect', () => {
      this.connected = false;
      this.host.requestUpdate();
    });
    socket.on('ticket:update', (view: RemoteTicketView) => {
      const mine = view && (view.publicId === this.publicId() || view.publicId === this.ticket?.publicId);
      if (!mine) return;
      this.ticket = view;
      this.notFound = false;
      this.host.requestUpdate();
    });
    void this.load();
  }

  hostDisconnected(): void {
    this.socket?.disconnect();
    this.socket = null;
  }

  private async load(): Promise<void> {
    try {
      this.ticket = await fetchRemoteTicket(this.publicId());
      this.failed = false;
    } catch (e) {
      if (isApiError(e) && e.status === 404) this.notFound = true;
      else this.failed = true;
    }
    this.host.requestUpdate();
  }
}
