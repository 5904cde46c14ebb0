/** socket.io-client helpers for the office tests: typed sockets, event logs, waiting for an event. */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Result, ServerToClientEvents } from '@turnero/contract/realtime';
import { withDeadline } from '../support/deadline';

export type OfficeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LoggedEvent {
  event: string;
  payload: any;
}

/** Connects and resolves once the server accepted the handshake; rejects with the server's reason. */
export function connect(url: string, auth: Record<string, unknown> | undefined): Promise<OfficeSocket> {
  const socket: OfficeSocket = io(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Every server event a socket receives, in order. */
export function recordEvents(socket: OfficeSocket): LoggedEvent[] {
  const log: LoggedEvent[] = [];
  socket.onAny((event: string, payload: unknown) => log.push({ event, payload }));
  return log;
}

/**
 * Resolves with the first event of that name matching `match` (registered before the action);
 * fails naming the event if none comes within `ms`.
 */
export function nextEvent(socket: OfficeSocket, event: string, match: (p: any) => boolean = () => true, ms = 30_000): Promise<any> {
  let handler: (name: string, payload: unknown) => void = () => {};
  const arrived = new Promise((resolve) => {
    handler = (name: string, payload: unknown) => {
      if (name === event && match(payload)) resolve(payload);
    };
    socket.onAny(handler);
  });
  return withDeadline(arrived, ms, `socket event ${event}`).finally(() => socket.offAny(handler));
}

/**
 * Sends a command and resolves with its ack `{ data } | { error }`. Rejects if no ack comes
 * (a dropped connection would otherwise leave the test waiting forever).
 */
export function command<T = any>(socket: OfficeSocket, event: string, ...args: unknown[]): Promise<Result<T>> {
  const timed = socket.timeout(30_000) as unknown as { emitWithAck: (e: string, ...a: unknown[]) => Promise<Result<T>> };
  return timed.emitWithAck(event, ...args);
}
