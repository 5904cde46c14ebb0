/**
 * socket.io transport: authenticates each connection from its token (or, for the public
 * live ticket page, from a ticket id), ties it to its token's session (when the session
 * ends - logout, revocation, expiry - the socket hears `session:ended` and is
 * disconnected), hands it to the broadcaster (which owns the rooms), and dispatches the
 * few socket commands: session still on -> budget -> authorize -> validate (zod) -> run -> ack.
 * A socket that keeps sending after its budget's refusals is closed, and its token may not
 * reconnect until its cool-down ends (platform/flood-guard.ts).
 * Staff and kiosks send their commands over REST; a socket asks for the snapshot, and a
 * kiosk agent reports print results and printer status (see @turnero/contract/realtime).
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import { PrinterStatusRequest, PrintResult, type QueueSnapshot } from '@turnero/contract/dto';
import type { ClientToServerEvents, Result, ServerToClientEvents, SocketData } from '@turnero/contract/realtime';
import { AppError, isAppError } from '@turnero/domain/errors';
import { socketCommandLimiter, type SocketCommandLimit } from '../../platform/client-limits';
import { FloodGuard } from '../../platform/flood-guard';
import { parseWith } from '../../platform/http';
import { socketOriginCheck } from '../../platform/origin';
import type { AuthService, SocketSession } from '../auth/auth-service';
import { recordPrinterStatus } from '../commands/printing';
import type { OfficeDeps } from '../context';
import { READERS } from '../http/roles';
import { snapshot } from '../queries';
import { projectSnapshot } from './projection';
import { findTicket } from '../store/office-store';

type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export function createSocketServer(http: HttpServer, deps: OfficeDeps, auth: AuthService): IoServer {
  const io: IoServer = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    cors: { origin: false },
    allowRequest: socketOriginCheck(deps.config),
  });
  const limitCommand = socketCommandLimiter(deps.config, deps.logger);
  const flood = new FloodGuard(deps.config, deps.logger, 'socket commands');
  const snapshotOnce = sharedSnapshot(deps);
  const connections = deps.metrics.counter('socket_connections_total', 'Socket connections accepted', ['role']);
  /** The session of each token-authenticated socket, from its handshake to its connection. */
  const sessions = new WeakMap<IoSocket, SocketSession>();

  io.use(async (socket, next) => {
    try {
      const hs = (socket.handshake.auth ?? {}) as { token?: unknown; ticketId?: unknown };
      if (typeof hs.token === 'string') {
        const session = await auth.socketSession(hs.token);
        if (!session) return next(new Error('unauthenticated'));
        const { principal } = session;
        if (flood.coolingSeconds(principal.id) > 0) return next(new Error('rate_limited'));
        sessions.set(socket, session);
        socket.data = { principalId: principal.id, role: principal.role, counterId: null, deviceId: principal.deviceId, ticketId: null };
        return next();
      }
      if (typeof hs.ticketId === 'string' && hs.ticketId.length <= 64) {
        const ticket = await deps.bus.read((db) => findTicket(db, hs.ticketId as string));
        if (!ticket) return next(new Error('unauthenticated'));
        socket.data = { principalId: `ticket:${ticket.id}`, role: 'public', counterId: null, deviceId: null, ticketId: ticket.id };
        return next();
      }
      next(new Error('unauthenticated'));
    } catch (err) {
      deps.logger.error({ err }, 'socket authentication failed');
      next(new Error('unavailable'));
    }
  });

  io.on('connection', (socket) => {
    const session = sessions.get(socket) ?? null;
    const detach = session?.attach((reason) => {
      socket.emit('session:ended', { reason });
      // A server-side disconnect: the client does not reconnect on its own with the dead token.
      socket.disconnect();
    });
    if (!socket.connected) return;
    connections.inc({ role: socket.data.role });
    deps.broadcaster.admit(socket);
    registerCommands(socket, deps, { limitCommand, flood, snapshot: snapshotOnce }, session);
    socket.on('disconnect', () => {
      detach?.();
      // A kiosk agent that drops leaves its printer unreachable: supervisors must know.
      const deviceId = socket.data.deviceId;
      if (socket.data.printerAgent && deviceId && !deps.broadcaster.isPrinterAgentConnected(deviceId)) {
        void recordPrinterStatus(deps, deviceId, 'offline').catch(() => undefined);
      }
    });
  });

  deps.broadcaster.attach(io);
  return io;
}

/** Every socket gets the same commands; its role decides which it may send (the public page: none). */
function registerCommands(
  socket: IoSocket,
  deps: OfficeDeps,
  limits: { limitCommand: SocketCommandLimit; flood: FloodGuard; snapshot: () => Promise<QueueSnapshot> },
  session: SocketSession | null,
): void {
  const { role, principalId } = socket.data;
  /** Wraps a command: role check, payload validation, ack with data or a known error. */
  function on<P>(
    event: keyof ClientToServerEvents,
    roles: readonly string[],
    schema: z.ZodType<P> | null,
    run: (payload: P) => Promise<unknown>,
  ): void {
    (socket as unknown as { on: (e: string, h: (...a: unknown[]) => void) => void }).on(event, async (...args: unknown[]) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (r: Result<unknown>) => void) : null;
      const retryAfter = limits.limitCommand(socket.id, principalId, event);
      if (retryAfter > 0) {
        if (ack) ack(rateLimited(retryAfter));
        if (limits.flood.refused(principalId, { principal: principalId, role })) socket.disconnect(true);
        return;
      }
      let result: Result<unknown>;
      try {
        // The token's state now, not at the handshake (a lookup in memory).
        if (session && !session.isLive()) throw new AppError('unauthenticated', 'Session ended; sign in again');
        if (!roles.includes(role)) {
          throw new AppError('forbidden', `Role ${role} may not send ${event}`);
        }
        const payload = schema ? parseWith(schema, args[0], 'payload') : (undefined as P);
        result = { data: (await run(payload)) ?? null };
      } catch (err) {
        const e = isAppError(err) ? err : new AppError('internal', 'Internal error');
        if (!isAppError(err)) deps.logger.error({ err, event }, 'socket command failed');
        else deps.logger.info({ code: e.code, event, principal: principalId }, 'socket command refused');
        result = { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } };
      }
      if (ack) ack(result);
    });
  }

  on('snapshot:get', [...READERS, 'kiosk'], null, async () => projectSnapshot(role, socket.data.deviceId, await limits.snapshot()));

  // Kiosk agent (the kiosk-side printer driver): status and print results.
  on('printer:status', ['kiosk'], PrinterStatusRequest, async (p) => {
    await deps.broadcaster.enlistPrinterAgent(socket);
    await recordPrinterStatus(deps, socket.data.deviceId!, p.status);
    return { ok: true };
  });
  on('print:result', ['kiosk'], PrintResult, async (p) => {
    if (p.printerStatus) await recordPrinterStatus(deps, socket.data.deviceId!, p.printerStatus);
    const known = deps.printing.agentResult(p.jobId, p.ticketId, p);
    if (!known) throw new AppError('not_found', `Unknown or settled print job ${p.jobId}`);
    return { ok: true };
  });
}

/** The answer to a command past its budget: built without an Error (no stack to capture). */
function rateLimited(retryAfterSeconds: number): Result<never> {
  return {
    error: {
      code: 'rate_limited',
      message: `Demasiadas solicitudes; espere ${retryAfterSeconds} s / Too many requests; wait ${retryAfterSeconds} s`,
      details: { retryAfterSeconds },
    },
  };
}

/**
 * The office's snapshot, computed once for all who ask at the same time: 200 screens
 * reconnecting after a restart, or a client's burst of snapshot:get, cost one read of the
 * queue instead of one each. A request joins the one in flight only when no write was
 * asked since that one was (so it sees everything a read of its own would see), and at
 * most SNAPSHOT_SHARERS join one read: each answer is still projected and sent on its own,
 * and the bus lets the event loop breathe between reads, not between the answers of one.
 */
function sharedSnapshot(deps: OfficeDeps): () => Promise<QueueSnapshot> {
  let inFlight: { writesAsked: number; sharers: number; snapshot: Promise<QueueSnapshot> } | null = null;
  return () => {
    const writesAsked = deps.bus.writesAsked();
    if (inFlight && inFlight.writesAsked === writesAsked && inFlight.sharers < SNAPSHOT_SHARERS) {
      inFlight.sharers += 1;
      return inFlight.snapshot;
    }
    const mine = { writesAsked, sharers: 1, snapshot: snapshot(deps) };
    inFlight = mine;
    const done = () => {
      if (inFlight === mine) inFlight = null;
    };
    mine.snapshot.then(done, done);
    return mine.snapshot;
  };
}

const SNAPSHOT_SHARERS = 16;
