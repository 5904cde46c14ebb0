/**
 * LiveState: a framework-free store of the office's live queue, shared by every web app.
 *
 * It connects a socket.io client with the app's auth, fetches a snapshot ('snapshot:get'),
 * then applies the server's sequenced facts in `seq` order. A gap (seq > last + 1) or a
 * reconnect makes it fetch a fresh snapshot; facts that arrive meanwhile are buffered and
 * applied after it if they are newer. Facts already covered (seq <= current) are dropped.
 * Reconnection uses socket.io's exponential back-off with jitter; when the server refuses
 * the handshake (socket.io then stops retrying on its own) the store retries itself.
 *
 *   const live = new LiveState({ auth: { token } });
 *   const off = live.subscribe((change) => render(live.snapshot, live.connected));
 *   live.start();
 */
import { io } from 'socket.io-client';
import type { QueueSnapshot } from '@turnero/contract/dto';
import type { Result, SessionEnded } from '@turnero/contract/realtime';
import { applyEvent, SEQUENCED_EVENTS, type EventPayload, type SequencedEventName } from './snapshot-reducer';

/** The part of a socket.io client socket the store uses (a fake implements it in tests). */
export interface LiveSocket {
  readonly connected: boolean;
  /** socket.io: false once the server refused the handshake (no automatic retry). */
  readonly active?: boolean;
  on(event: string, listener: (...args: any[]) => void): unknown;
  off(event: string, listener?: (...args: any[]) => void): unknown;
  emit(event: 'snapshot:get', ack: (result: Result<QueueSnapshot>) => void): unknown;
  connect(): unknown;
  disconnect(): unknown;
}

/** The error code of a change that says the server ended this socket's session (message: the reason). */
export const SESSION_ENDED = 'session_ended';

export type LiveAuth = { token: string } | { ticketId: string };

export type LiveChange =
  | { kind: 'connection'; connected: boolean }
  | { kind: 'snapshot'; snapshot: QueueSnapshot; previous: QueueSnapshot | null }
  | { kind: 'event'; name: SequencedEventName; payload: EventPayload<SequencedEventName> }
  | { kind: 'error'; code: string; message: string };

export type LiveListener = (change: LiveChange) => void;

export interface LiveStateOptions {
  auth: LiveAuth;
  /** Server origin; default the page's own. */
  url?: string;
  /** Injected for tests; default a real socket.io client (autoConnect off). */
  socketFactory?: (auth: LiveAuth) => LiveSocket;
  /** Injected clock for derived figures (longest wait). */
  now?: () => Date;
  /** How long to wait for a snapshot ack before asking again (default 10 s). */
  snapshotTimeoutMs?: number;
  /** Delay before retrying a refused handshake or a failed snapshot (default 5 s). */
  retryDelayMs?: number;
}

type BufferedEvent = { name: SequencedEventName; payload: EventPayload<SequencedEventName> };

/** socket.io reconnection: 1 s doubling to 20 s, +-50 % jitter so 200 screens do not stampede. */
export const RECONNECT_OPTIONS = {
  reconnection: true,
  reconnectionDelay: 1000,
  reconnectionDelayMax: 20_000,
  randomizationFactor: 0.5,
} as const;

export function createSocket(auth: LiveAuth, url?: string): LiveSocket {
  const opts = { ...RECONNECT_OPTIONS, autoConnect: false, auth, transports: ['websocket', 'polling'] };
  return (url ? io(url, opts) : io(opts)) as unknown as LiveSocket;
}

export class LiveState {
  private readonly socket: LiveSocket;
  private readonly listeners = new Set<LiveListener>();
  private readonly now: () => Date;
  private readonly snapshotTimeoutMs: number;
  private readonly retryDelayMs: number;
  private _snapshot: QueueSnapshot | null = null;
  private _connected = false;
  private _lastError: { code: string; message: string } | null = null;
  private syncing = false;
  private syncAttempt = 0;
  private buffer: BufferedEvent[] = [];
  private started = false;
  private snapshotTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly handlers: Array<[string, (...args: any[]) => void]> = [];

  constructor(options: LiveStateOptions) {
    this.socket = options.socketFactory ? options.socketFactory(options.auth) : createSocket(options.auth, options.url);
    this.now = options.now ?? (() => new Date());
    this.snapshotTimeoutMs = options.snapshotTimeoutMs ?? 10_000;
    this.retryDelayMs = options.retryDelayMs ?? 5_000;
  }

  /** Socket connected (the snapshot may still be loading: see `synced`). */
  get connected(): boolean {
    return this._connected;
  }

  /** Last known state; kept while offline so screens keep showing it. */
  get snapshot(): QueueSnapshot | null {
    return this._snapshot;
  }

  /** Connected and holding a snapshot no older than the last fact received. */
  get synced(): boolean {
    return this._connected && this._snapshot !== null && !this.syncing;
  }

  get lastError(): { code: string; message: string } | null {
    return this._lastError;
  }

  subscribe(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Connects (idempotent). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.listen('connect', () => {
      this._connected = true;
      this._lastError = null;
      this.emitChange({ kind: 'connection', connected: true });
      this.requestSnapshot();
    });
    this.listen('disconnect', () => {
      this._connected = false;
      this.syncing = false;
      this.clearSnapshotTimer();
      this.emitChange({ kind: 'connection', connected: false });
    });
    this.listen('connect_error', (err: { message?: string; data?: { code?: string } }) => {
      const code = err?.data?.code ?? err?.message ?? 'connect_error';
      this._lastError = { code, message: err?.message ?? code };
      this.emitChange({ kind: 'error', ...this._lastError });
      // socket.io retries transport failures itself; a refused handshake it does not.
      if (this.socket.active === false) this.scheduleReconnect();
    });
    // The server ended this token's session (logout, revocation, expiry) and disconnects
    // next, without a reconnect: the app signs in again (staff) or needs a new token.
    this.listen('session:ended', (e: Partial<SessionEnded> | undefined) => {
      this._lastError = { code: SESSION_ENDED, message: e?.reason ?? 'revoked' };
      this.emitChange({ kind: 'error', ...this._lastError });
    });
    for (const name of SEQUENCED_EVENTS) {
      this.listen(name, (payload: EventPayload<SequencedEventName>) => this.onEvent(name, payload));
    }
    this.socket.connect();
  }

  /** Disconnects and forgets listeners' timers; the last snapshot stays readable. */
  stop(): void {
    if (!this.started) return;
    this.started = false;
    for (const [event, fn] of this.handlers) this.socket.off(event, fn);
    this.handlers.length = 0;
    this.clearSnapshotTimer();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.socket.disconnect();
    this._connected = false;
    this.syncing = false;
  }

  /** Asks for a fresh snapshot (also called on a gap and on every (re)connect). */
  requestSnapshot(): void {
    // One request at a time; offline, the next 'connect' asks anyway.
    if (this.syncing || !this.socket.connected) return;
    this.syncing = true;
    const attempt = ++this.syncAttempt;
    this.clearSnapshotTimer();
    this.snapshotTimer = setTimeout(() => {
      if (attempt !== this.syncAttempt) return;
      this.syncing = false;
      this.requestSnapshot();
    }, this.snapshotTimeoutMs);
    this.socket.emit('snapshot:get', (result: Result<QueueSnapshot>) => {
      if (attempt !== this.syncAttempt || !this.syncing) return; // a late answer to an abandoned request
      this.clearSnapshotTimer();
      this.syncing = false;
      if (result.error) {
        this._lastError = { code: result.error.code, message: result.error.message };
        this.emitChange({ kind: 'error', ...this._lastError });
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          this.requestSnapshot();
        }, this.retryDelayMs);
        return;
      }
      this.installSnapshot(result.data);
    });
  }

  private installSnapshot(snapshot: QueueSnapshot): void {
    const previous = this._snapshot;
    this._snapshot = snapshot;
    this.emitChange({ kind: 'snapshot', snapshot, previous });
    // Facts that arrived while the snapshot was on its way: apply the newer ones in order.
    const pending = this.buffer.sort((a, b) => a.payload.seq - b.payload.seq);
    this.buffer = [];
    for (let i = 0; i < pending.length; i++) {
      const e = pending[i];
      const current = this._snapshot.seq;
      if (e.payload.seq <= current) continue;
      if (e.payload.seq !== current + 1) {
        this.buffer = pending.slice(i);
        this.requestSnapshot();
        return;
      }
      this.apply(e);
    }
  }

  private onEvent(name: SequencedEventName, payload: EventPayload<SequencedEventName>): void {
    if (!payload || typeof payload.seq !== 'number') return; // not a fact this store understands
    if (this._snapshot === null || this.syncing) {
      this.buffer.push({ name, payload });
      if (this._snapshot === null) this.requestSnapshot();
      return;
    }
    const current = this._snapshot.seq;
    if (payload.seq <= current) return; // duplicate, or already in the snapshot
    if (payload.seq === current + 1) {
      this.apply({ name, payload });
      // An admin changed the office's set-up: the snapshot is the only full picture of it.
      if (name === 'config:changed') this.requestSnapshot();
      return;
    }
    this.buffer.push({ name, payload });
    this.requestSnapshot();
  }

  private apply(e: BufferedEvent): void {
    this._snapshot = applyEvent(this._snapshot!, e.name, e.payload, this.now());
    this.emitChange({ kind: 'event', name: e.name, payload: e.payload });
  }

  private scheduleReconnect(): void {
    if (this.retryTimer || !this.started) return;
    const jitter = 0.5 + Math.random();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.started && !this.socket.connected) this.socket.connect();
    }, this.retryDelayMs * jitter);
  }

  private clearSnapshotTimer(): void {
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = null;
  }

  private listen(event: string, fn: (...args: any[]) => void): void {
    this.socket.on(event, fn);
    this.handlers.push([event, fn]);
  }

  private emitChange(change: LiveChange): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (e) {
        // One broken screen widget must not stop the others from updating.
        console.error('LiveState listener failed', e);
      }
    }
  }
}
