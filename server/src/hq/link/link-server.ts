/**
 * The head-office end of the live link (protocol in @turnero/contract/hq-link): a
 * socket.io server on head office's HTTP(S) server, namespace /link, websocket only.
 * Offices dial in with their office-sync token; each socket joins `office:<code>`.
 * Delivery is pull-on-notice: head office only says `link:pending { headSeq }`, the office
 * fetches from PostgreSQL (the truth) and reports what it applied. So it works the same
 * with several head-office processes behind a load balancer: with a Redis URL the
 * socket.io Redis adapter carries notices, disconnects and room queries between them.
 */
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { Server, type Namespace, type Socket } from 'socket.io';
import type { z } from 'zod';
import {
  LINK_NAMESPACE,
  LinkAppliedReport,
  LinkAuth,
  LinkFetchRequest,
  type LinkOfficeToServer,
  type LinkServerToOffice,
} from '@turnero/contract/hq-link';
import { AppError, isAppError } from '@turnero/domain/errors';
import type { Clock } from '@turnero/domain/types';
import { parseWith } from '../../platform/http';
import type { Logger } from '../../platform/logger';
import { RefusalLog, TokenBuckets } from '../../platform/token-bucket';
import { resolveToken } from '../auth/tokens';
import type { HqDatabase } from '../db';
import { findReportOffice } from '../store/reports-store';
import { fetchMessages, recordApplied, recordConnect, recordSeen } from './link-progress';
import type { LinkNotifier } from './notifier';
import { LinkBookingUpdate, LinkRemoteUpdate } from '@turnero/contract/portal';
import { createRemoteRelay, type RemoteRelay } from './remote-relay';

interface LinkSocketData {
  officeCode: string;
  officeId: number;
}

type LinkNamespace = Namespace<LinkOfficeToServer, LinkServerToOffice, Record<string, never>, LinkSocketData>;
type LinkSocket = Socket<LinkOfficeToServer, LinkServerToOffice, Record<string, never>, LinkSocketData>;

export interface LinkServerOptions {
  db: HqDatabase;
  clock: Clock;
  logger: Logger;
  /** Several head-office processes share their links through this Redis server. */
  redisUrl?: string;
  /** Requests one link socket may send at once, then per second. */
  burst?: number;
  perSecond?: number;
}

/** What offices report about the portal's customers (portal/index.ts handles them). */
export interface OfficeReports {
  remoteUpdate(office: { id: number; code: string }, p: LinkRemoteUpdate): Promise<void>;
  bookingUpdate(office: { id: number; code: string }, p: z.infer<typeof LinkBookingUpdate>): Promise<void>;
}

export interface LinkServer extends LinkNotifier {
  /** The socket.io server: the portal's live pages have their namespace on it (and its Redis adapter). */
  io: Server;
  /** Asks an office for a remote ticket over its link. */
  relay: RemoteRelay;
  /** Where office reports go (set once the portal exists; before that they are acknowledged and dropped). */
  onOfficeReports(reports: OfficeReports): void;
  close(): Promise<void>;
}

const room = (code: string) => `office:${code}`;

/** An error the office's socket.io client sees as `connect_error` (message and data.code). */
function refusal(code: string, message: string): Error {
  return Object.assign(new Error(message), { data: { code, message } });
}

export async function createLinkServer(http: HttpServer, opts: LinkServerOptions): Promise<LinkServer> {
  const { db, clock, logger } = opts;
  const io = new Server(http, {
    serveClient: false,
    transports: ['websocket'],
    maxHttpBufferSize: 256 * 1024,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    cors: { origin: false },
  });
  const redis = opts.redisUrl ? await connectRedis(opts.redisUrl, logger) : null;
  if (redis) io.adapter(createAdapter(redis.pub, redis.sub, { requestsTimeout: 2000 }));
  const links = io.of(LINK_NAMESPACE) as LinkNamespace;
  const buckets = new TokenBuckets({ burst: opts.burst ?? 60, perSecond: opts.perSecond ?? 20 });
  const refusals = new RefusalLog();
  let reports: OfficeReports | undefined;

  links.use(async (socket, next) => {
    try {
      const auth = LinkAuth.safeParse(socket.handshake.auth);
      if (!auth.success) return next(refusal('validation_failed', 'Invalid link handshake'));
      const principal = await resolveToken(db.sql, auth.data.token, clock.now());
      if (!principal || principal.role !== 'office-sync' || !principal.officeCode) {
        logger.info({ address: socket.handshake.address }, 'link refused: unknown, revoked or non-office token');
        return next(refusal('unauthenticated', 'Invalid or revoked office token'));
      }
      const office = await findReportOffice(db.sql, principal.officeCode);
      if (!office) return next(refusal('unauthenticated', 'Unknown office'));
      socket.data = { officeCode: principal.officeCode, officeId: office.id };
      const headSeq = await recordConnect(db, office.id, auth.data, clock.now());
      // Kept for the connection handler: the notice it sends on connect.
      (socket as unknown as { headSeq: number }).headSeq = headSeq;
      next();
    } catch (err) {
      logger.error({ err }, 'link handshake failed');
      next(refusal('unavailable', 'Head office cannot take the link now'));
    }
  });

  links.on('connection', (socket: LinkSocket) => {
    const { officeCode, officeId } = socket.data;
    void socket.join(room(officeCode));
    logger.debug({ office: officeCode }, 'office linked');
    handle(socket, 'link:fetch', LinkFetchRequest, async (p) => fetchMessages(db.sql, officeId, p.afterSeq, p.limit));
    handle(socket, 'link:applied', LinkAppliedReport, async (p) => {
      await recordApplied(db, officeId, p.results, clock.now());
      return { ok: true as const };
    });
    handle(socket, 'link:remote-update', LinkRemoteUpdate, async (p) => {
      await reports?.remoteUpdate({ id: officeId, code: officeCode }, p);
      return { ok: true as const };
    });
    handle(socket, 'link:booking-update', LinkBookingUpdate, async (p) => {
      await reports?.bookingUpdate({ id: officeId, code: officeCode }, p);
      return { ok: true as const };
    });
    socket.on('disconnect', () => {
      void recordSeen(db.sql, officeId, clock.now()).catch((err) => logger.warn({ err, office: officeCode }, 'link: last seen not recorded'));
    });
    socket.emit('link:pending', { headSeq: (socket as unknown as { headSeq: number }).headSeq });
  });

  /** Wraps a request: rate limit -> validate -> run -> ack with the answer or a known error. */
  function handle<S extends z.ZodType, R>(socket: LinkSocket, event: keyof LinkOfficeToServer, schema: S, run: (p: z.infer<S>) => Promise<R>) {
    (socket as unknown as { on: (e: string, h: (...a: unknown[]) => void) => void }).on(event, async (...args: unknown[]) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (r: unknown) => void) : () => undefined;
      try {
        if (!buckets.take(socket.id)) {
          if (refusals.refused(socket.id)) logger.warn({ office: socket.data.officeCode, event }, 'link requests rate-limited (logged once per burst)');
          throw new AppError('rate_limited', 'Too many link requests', { retryAfterSeconds: buckets.retryAfterSeconds(socket.id) });
        }
        refusals.allowed(socket.id);
        ack(await run(parseWith(schema, args[0], 'payload')));
      } catch (err) {
        const e = isAppError(err) ? err : new AppError('internal', 'Internal error');
        if (!isAppError(err)) logger.error({ err, event, office: socket.data.officeCode }, 'link request failed');
        else if (e.code !== 'rate_limited') logger.info({ code: e.code, event, office: socket.data.officeCode }, 'link request refused');
        ack({ error: { code: e.code, message: e.message } });
      }
    });
  }

  return {
    io,
    relay: createRemoteRelay(links),
    onOfficeReports(r) {
      reports = r;
    },
    pending(offices) {
      for (const o of offices) links.to(room(o.code)).emit('link:pending', o.message ? { headSeq: o.headSeq, messages: [o.message] } : { headSeq: o.headSeq });
    },
    disconnectOffice(code) {
      links.in(room(code)).disconnectSockets(true);
    },
    async connectedOffices() {
      const adapter = links.adapter as unknown as { allRooms?: () => Promise<Set<string>>; rooms: Map<string, Set<string>> };
      const rooms = adapter.allRooms ? await adapter.allRooms() : new Set(adapter.rooms.keys());
      const codes = new Set<string>();
      for (const r of rooms) if (r.startsWith('office:')) codes.add(r.slice('office:'.length));
      return codes;
    },
    async close() {
      // Closes the transports without a disconnect packet: offices see a dropped
      // connection and reconnect (to this process restarted, or to another).
      await new Promise<void>((ok) => io.close(() => ok()));
      if (redis) await Promise.all([redis.pub.close(), redis.sub.close()]).catch(() => undefined);
    },
  };
}

async function connectRedis(url: string, logger: Logger) {
  const pub = createClient({ url });
  const sub = pub.duplicate();
  for (const c of [pub, sub]) c.on('error', (err: Error) => logger.warn({ err: err.message }, 'redis connection error (socket.io adapter)'));
  await Promise.all([pub.connect(), sub.connect()]);
  return { pub, sub };
}
