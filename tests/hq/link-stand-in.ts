/**
 * A stand-in office for head office's link tests: a real socket.io client on /link that
 * remembers every `link:pending` it hears and sends requests with bounded waits.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { LINK_NAMESPACE } from '@turnero/contract/hq-link';
import { withDeadline } from '../support/deadline';

/** A stand-in office: a socket that remembers every `link:pending` it hears. */
export function dialLink(baseUrl: string, token: string, appliedSeq = 0, configVersion = 0) {
  const socket: Socket = connect(baseUrl + LINK_NAMESPACE, {
    transports: ['websocket'],
    auth: { token, appliedSeq, configVersion },
    reconnection: false,
  });
  const pending: number[] = [];
  /** The messages each notice carried (none: []). */
  const carried: unknown[][] = [];
  const waiters: { min: number; ok: () => void }[] = [];
  socket.on('link:pending', (p: { headSeq: number; messages?: unknown[] }) => {
    pending.push(p.headSeq);
    carried.push(p.messages ?? []);
    for (const w of waiters.filter((w) => p.headSeq >= w.min)) w.ok();
  });
  return {
    socket,
    pending,
    carried,
    /** Resolves once a notice with headSeq >= min arrived (or already had). */
    heard: (min: number) =>
      withDeadline(
        new Promise<void>((ok) => (pending.some((h) => h >= min) ? ok() : waiters.push({ min, ok }))),
        5000,
        `link:pending >= ${min}`,
      ),
    connected: () =>
      withDeadline(
        new Promise<void>((ok, fail) => {
          socket.once('connect', () => ok());
          socket.once('connect_error', (e) => fail(e));
        }),
        5000,
        'link to connect',
      ),
    request: <T>(event: string, payload: unknown) =>
      withDeadline(new Promise<T>((ok) => socket.emit(event, payload, (r: T) => ok(r))), 5000, `${event} ack`),
  };
}

