/**
 * The office's end of the live link: the office dials out to head office's LINK_NAMESPACE
 * (works behind NAT and office firewalls) with a socket.io client over websocket, and
 * socket.io's own reconnection (back-off from 1 s to 60 s, jitter 0.5). The handshake
 * `auth` is a function, so every reconnect sends the current LinkAuth: the token and what
 * the database says was applied last (the office's stored seq is the truth).
 *
 * On connect and on `link:pending`: fetch the messages after the last applied seq, apply
 * them one by one (link/apply-message.ts: one transaction each, exactly once), report
 * them with `link:applied`, and go on while head office has more. One fetch loop runs at
 * a time; a notice that arrives during one makes it look again when it ends.
 *
 * A notice can be lost (a Redis hiccup between head-office processes, a packet dropped
 * with the connection staying up), so while connected the client also looks on its own
 * after a quiet `fetchIntervalMs` (default 60 s), counted from the end of the last fetch
 * loop. The wait is jittered (75-125 %) so offices that reconnected together after a
 * head-office restart drift apart instead of fetching in step; a look never starts a
 * second loop beside a running one.
 *
 * A refused handshake (bad token, head office restarting) is not retried by socket.io
 * itself, so the client retries it with the same back-off. The token is never logged.
 */
import { io, type Socket } from 'socket.io-client';
import {
  LINK_NAMESPACE,
  LinkMessage,
  type LinkApplyResult,
  type LinkAuth,
  type LinkOfficeToServer,
  type LinkServerToOffice,
  type LinkState,
} from '@turnero/contract/hq-link';
import type { Clock } from '@turnero/domain/types';
import type { Logger } from '../../platform/logger';
import { backoffDelay } from '../sync/backoff';
import type { LinkApplier } from './apply-message';

export interface LinkClientOptions {
  hqUrl: string;
  token: string;
  applier: LinkApplier;
  /** What the office has applied, read from its database. */
  applied: () => Promise<{ appliedSeq: number; configVersion: number }>;
  clock: Clock;
  logger: Logger;
  /** The state changed (connected, disconnected, messages applied). */
  onChange?: () => void;
  fetchLimit?: number;
  ackTimeoutMs?: number;
  reconnectionDelayMs?: number;
  reconnectionDelayMaxMs?: number;
  /** Quiet time before the client fetches without a notice (default 60 s), jittered 75-125 %. */
  fetchIntervalMs?: number;
  /** Random source of the jitter (default Math.random). */
  random?: () => number;
  /** Head office asks for a remote ticket (issue 14): the answer goes back in the ack. */
  onRemoteTicket?: (request: unknown) => Promise<unknown>;
  /** The link came up (a `send` that reaches head office) or went down (null). */
  onLinkUp?: (send: LinkSend | null) => void;
}

/** Sends an office -> head office report; false when the link is down or head office refused it. */
export type LinkSend = <E extends 'link:remote-update' | 'link:booking-update'>(
  event: E,
  payload: Parameters<LinkOfficeToServer[E]>[0],
) => Promise<boolean>;

export interface LinkConnection {
  state: LinkState;
  since: string | null;
  lastError: string | null;
}

export interface LinkClient {
  start(): void;
  stop(): Promise<void>;
  connection(): LinkConnection;
}

type LinkSocket = Socket<LinkServerToOffice, LinkOfficeToServer>;

/** A fetch loop that makes no progress this many times in a row waits for the next notice or look. */
const MAX_IDLE_ROUNDS = 3;

export function createLinkClient(opts: LinkClientOptions): LinkClient {
  const { applier, clock, logger } = opts;
  const limit = opts.fetchLimit ?? 20;
  const ackTimeoutMs = opts.ackTimeoutMs ?? 30_000;
  const delayMs = opts.reconnectionDelayMs ?? 1_000;
  const delayMaxMs = opts.reconnectionDelayMaxMs ?? 60_000;
  const lookEveryMs = opts.fetchIntervalMs ?? 60_000;
  const random = opts.random ?? Math.random;
  let conn: LinkConnection = { state: 'connecting', since: clock.now().toISOString(), lastError: null };
  let socket: LinkSocket | null = null;
  let loop: Promise<void> | null = null;
  let again = false;
  /** Messages the last notice carried: the next round applies them instead of fetching, when they continue the stored seq. */
  let offered: { messages: unknown[]; headSeq: number } | null = null;
  let refusedHandshakes = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let lookTimer: NodeJS.Timeout | null = null;
  let stopped = false;

  function setState(state: LinkState, lastError: string | null = conn.lastError): void {
    const since = state === conn.state ? conn.since : clock.now().toISOString();
    conn = { state, since, lastError };
    opts.onChange?.();
  }

  function handshake(cb: (auth: LinkAuth) => void): void {
    opts
      .applied()
      .then(({ appliedSeq, configVersion }) => cb({ token: opts.token, appliedSeq, configVersion }))
      .catch((err) => {
        // Head office resends from 0; the office skips what it applied (its stored seq decides).
        logger.warn({ err }, 'link: applied seq not read for the handshake');
        cb({ token: opts.token, appliedSeq: 0, configVersion: 0 });
      });
  }

  /** One round: fetch after the stored seq, apply in order, report. Returns whether anything was consumed. */
  async function round(s: LinkSocket): Promise<{ progressed: boolean; more: boolean }> {
    const { appliedSeq } = await opts.applied();
    const carried = offered;
    offered = null;
    const continues = (carried?.messages[0] as { seq?: unknown } | undefined)?.seq === appliedSeq + 1;
    const answer = carried && continues ? carried : await s.timeout(ackTimeoutMs).emitWithAck('link:fetch', { afterSeq: appliedSeq, limit });
    if ('error' in answer) throw new Error(`link:fetch refused: ${answer.error.code}`);
    const results: LinkApplyResult[] = [];
    for (const raw of answer.messages as unknown[]) {
      const parsed = LinkMessage.safeParse(raw);
      const seq = (raw as { seq?: unknown })?.seq;
      if (!parsed.success && !(typeof seq === 'number' && Number.isInteger(seq) && seq >= 1)) break;
      const outcome = parsed.success
        ? await applier.apply(parsed.data)
        : await applier.refuse(seq as number, `unreadable message: ${parsed.error.issues[0]?.message ?? 'invalid'}`.slice(0, 500));
      if (outcome.kind === 'gap') break;
      if (outcome.kind === 'done') results.push(outcome.result);
    }
    if (results.length > 0) {
      const ack = await s.timeout(ackTimeoutMs).emitWithAck('link:applied', { results });
      if ('error' in ack) logger.warn({ code: ack.error.code }, 'link: head office refused the applied report');
    }
    const last = results.at(-1)?.seq ?? appliedSeq;
    return { progressed: results.length > 0, more: answer.headSeq > last };
  }

  async function drain(s: LinkSocket): Promise<void> {
    let idle = 0;
    do {
      again = false;
      const { progressed, more } = await round(s);
      idle = progressed ? 0 : idle + 1;
      if (progressed) opts.onChange?.(); // supervisors see the new last applied message now
      if (more && idle < MAX_IDLE_ROUNDS) again = true;
    } while (again && s.connected && !stopped);
  }

  function catchUp(s: LinkSocket): void {
    if (loop) {
      again = true;
      return;
    }
    loop = drain(s)
      .catch((err: Error) => {
        conn = { ...conn, lastError: err.message };
        logger.warn({ err: err.message }, 'link: fetch and apply stopped; retried on the next notice or reconnect');
      })
      .finally(() => {
        loop = null;
        if (again && s.connected && !stopped) catchUp(s);
        else lookLater(s);
      });
  }

  /** Arms the look a lost notice needs: one timer, restarted after every fetch loop. */
  function lookLater(s: LinkSocket): void {
    stopLooking();
    if (!s.connected || stopped) return;
    lookTimer = setTimeout(() => {
      lookTimer = null;
      if (s.connected && !stopped) catchUp(s);
    }, Math.round(lookEveryMs * (0.75 + random() * 0.5)));
    lookTimer.unref();
  }

  function stopLooking(): void {
    if (lookTimer) clearTimeout(lookTimer);
    lookTimer = null;
  }

  function retryHandshake(s: LinkSocket): void {
    refusedHandshakes += 1;
    const wait = backoffDelay(refusedHandshakes, { baseMs: delayMs, capMs: delayMaxMs, random: Math.random });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!stopped) s.connect();
    }, wait);
    retryTimer.unref();
  }

  function sendOn(s: LinkSocket): LinkSend {
    return async (event, payload) => {
      if (!s.connected || stopped) return false;
      try {
        // The event map types each name's payload; `event` is one of them, checked at the call.
        const timed = s.timeout(ackTimeoutMs) as unknown as { emitWithAck(e: string, p: unknown): Promise<{ ok: true } | { error: { code: string } }> };
        const ack = await timed.emitWithAck(event, payload);
        if ('error' in ack) logger.warn({ event, code: ack.error.code }, 'link: head office refused a report');
        return !('error' in ack);
      } catch (err) {
        logger.warn({ event, err: (err as Error).message }, 'link: report not acknowledged');
        return false;
      }
    };
  }

  return {
    start() {
      const s: LinkSocket = io(`${opts.hqUrl.replace(/\/+$/, '')}${LINK_NAMESPACE}`, {
        transports: ['websocket'],
        auth: handshake as unknown as (cb: (data: object) => void) => void,
        reconnection: true,
        reconnectionDelay: delayMs,
        reconnectionDelayMax: delayMaxMs,
        randomizationFactor: 0.5,
      });
      socket = s;
      s.on('connect', () => {
        refusedHandshakes = 0;
        setState('connected', null);
        logger.info({ hqUrl: opts.hqUrl }, 'link to head office connected');
        catchUp(s);
        opts.onLinkUp?.(sendOn(s));
      });
      s.on('link:remote-ticket', (p, ack) => {
        if (typeof ack !== 'function') return;
        if (!opts.onRemoteTicket) return ack({ error: { code: 'remote_queue_disabled', message: 'This office does not take remote tickets' } });
        void opts.onRemoteTicket(p).then((answer) => ack(answer as Parameters<typeof ack>[0]));
      });
      s.on('link:pending', (p) => {
        if (Array.isArray(p?.messages) && p.messages.length > 0 && typeof p.headSeq === 'number') offered = { messages: p.messages, headSeq: p.headSeq };
        catchUp(s);
      });
      s.on('disconnect', (reason) => {
        stopLooking();
        opts.onLinkUp?.(null);
        setState('disconnected', reason);
        logger.warn({ reason }, 'link to head office lost');
      });
      s.on('connect_error', (err) => {
        setState('disconnected', err.message);
        // socket.io retries a broken transport itself, not a handshake head office refused.
        if (!s.active && !stopped) retryHandshake(s);
      });
    },
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      stopLooking();
      socket?.disconnect();
      await loop;
    },
    connection: () => conn,
  };
}
