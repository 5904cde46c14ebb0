/**
 * socket.io transport: authenticates each connection from its token (or, for the public
 * live ticket page, from a ticket id), joins it to its rooms, and maps client commands
 * to the same use cases as HTTP: authorize -> validate (zod) -> run -> ack.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import {
  CallSpecificRequest,
  CounterIdParam,
  IssueTicketRequest,
  PauseRequest,
  PrinterStatusRequest,
  PrintResultRequest,
  TicketIdParam,
  TransferRequest,
} from '@turnero/contract/dto';
import type { ClientToServerEvents, Result, ServerToClientEvents, SocketData } from '@turnero/contract/realtime';
import { AppError, isAppError } from '@turnero/domain/errors';
import { parseWith } from '../../platform/http';
import type { AuthService } from '../auth/auth-service';
import { agentAction } from '../commands/agent-actions';
import { issueTicket } from '../commands/issue-ticket';
import { recordPrinterStatus } from '../commands/printing';
import { actOnTicket, callNext, callSpecific } from '../commands/ticket-actions';
import type { OfficeDeps, Principal } from '../context';
import { snapshot } from '../queries';
import { findTicket } from '../store/office-store';
import { ROOMS } from './broadcaster';
import { ISSUERS, READERS, STAFF } from '../http/roles';

type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const IdempotencyKey = z.string().min(1).max(128).optional();

export function createSocketServer(http: HttpServer, deps: OfficeDeps, auth: AuthService): IoServer {
  const io: IoServer = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    cors: { origin: false },
  });
  const principals = new WeakMap<IoSocket, Principal>();
  const connections = deps.metrics.counter('socket_connections_total', 'Socket connections accepted', ['role']);

  io.use(async (socket, next) => {
    try {
      const hs = (socket.handshake.auth ?? {}) as { token?: unknown; ticketId?: unknown };
      if (typeof hs.token === 'string') {
        const principal = await auth.authenticate(hs.token);
        if (!principal) return next(new Error('unauthenticated'));
        principals.set(socket, principal);
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
    const principal = principals.get(socket) ?? null;
    connections.inc({ role: socket.data.role });
    if (!principal) {
      void socket.join([ROOMS.ticket(socket.data.ticketId!), ROOMS.public]);
      return; // the public ticket page only listens
    }
    void socket.join(ROOMS.office);
    if (principal.deviceId) void socket.join(ROOMS.device(principal.deviceId));
    if (STAFF.includes(principal.role as (typeof STAFF)[number])) void socket.join(ROOMS.staff);
    registerCommands(socket, principal, deps);
    socket.on('disconnect', () => {
      // A kiosk agent that drops leaves its printer unreachable: supervisors must know.
      const deviceId = principal.deviceId;
      if (socket.data.printerAgent && deviceId && !deps.broadcaster.isPrinterAgentConnected(deviceId)) {
        void recordPrinterStatus(deps, deviceId, 'offline').catch(() => undefined);
      }
    });
  });

  deps.broadcaster.attach(io);
  return io;
}

function registerCommands(socket: IoSocket, principal: Principal, deps: OfficeDeps): void {
  /** Wraps a command: role check, payload validation, ack with data or a known error. */
  function on<P>(
    event: keyof ClientToServerEvents,
    roles: readonly string[],
    schema: z.ZodType<P> | null,
    run: (payload: P) => Promise<unknown>,
  ): void {
    (socket as unknown as { on: (e: string, h: (...a: unknown[]) => void) => void }).on(event, async (...args: unknown[]) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (r: Result<unknown>) => void) : null;
      let result: Result<unknown>;
      try {
        if (!roles.includes(principal.role)) {
          throw new AppError('forbidden', `Role ${principal.role} may not send ${event}`);
        }
        const payload = schema ? parseWith(schema, args[0], 'payload') : (undefined as P);
        result = { data: (await run(payload)) ?? null };
      } catch (err) {
        const e = isAppError(err) ? err : new AppError('internal', 'Internal error');
        if (!isAppError(err)) deps.logger.error({ err, event }, 'socket command failed');
        else deps.logger.info({ code: e.code, event, principal: principal.id }, 'socket command refused');
        result = { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } };
      }
      if (ack) ack(result);
    });
  }

  const ticketId = TicketIdParam;
  on('snapshot:get', [...READERS, 'kiosk'], null, () => snapshot(deps));
  on(
    'ticket:issue',
    ISSUERS,
    IssueTicketRequest.extend({ idempotencyKey: IdempotencyKey }),
    (p) => issueTicket(deps, principal, p).then((r) => r.ticket),
  );
  on('counter:call-next', STAFF, CounterIdParam, (p) => callNext(deps, principal, p.counterId));
  on('ticket:call', STAFF, TicketIdParam.extend(CallSpecificRequest.shape), (p) =>
    callSpecific(deps, principal, p.ticketId, p.counterId),
  );
  on('ticket:recall', STAFF, ticketId, (p) => actOnTicket(deps, principal, p.ticketId, 'recall'));
  on('ticket:start', STAFF, ticketId, (p) => actOnTicket(deps, principal, p.ticketId, 'start'));
  on('ticket:finish', STAFF, ticketId.extend({ outcome: z.string().max(64).optional() }), (p) =>
    actOnTicket(deps, principal, p.ticketId, 'finish', { outcome: p.outcome ?? null }),
  );
  on('ticket:no-show', STAFF, ticketId, (p) => actOnTicket(deps, principal, p.ticketId, 'no_show'));
  on('ticket:cancel', STAFF, ticketId, (p) => actOnTicket(deps, principal, p.ticketId, 'cancel'));
  on(
    'ticket:transfer',
    STAFF,
    z.intersection(ticketId, TransferRequest),
    (p) => actOnTicket(deps, principal, p.ticketId, 'transfer', { transfer: p }),
  );
  on('agent:pause', STAFF, CounterIdParam.extend(PauseRequest.shape), (p) =>
    agentAction(deps, principal, p.counterId, { kind: 'pause', reason: p.reason }),
  );
  on('agent:resume', STAFF, CounterIdParam, (p) => agentAction(deps, principal, p.counterId, { kind: 'resume' }));

  // Kiosk agent (the kiosk-side printer driver): status and print results.
  on('printer:status', ['kiosk'], PrinterStatusRequest, async (p) => {
    socket.data.printerAgent = true;
    await socket.join(ROOMS.printer(principal.deviceId!));
    await recordPrinterStatus(deps, principal.deviceId!, p.status);
    return { ok: true };
  });
  on('print:result', ['kiosk'], PrintResultRequest, async (p) => {
    if (p.printerStatus) await recordPrinterStatus(deps, principal.deviceId!, p.printerStatus);
    const known = deps.printing.agentResult(p.jobId, p.ticketId, { ok: p.ok, error: p.error, status: p.printerStatus });
    if (!known) throw new AppError('not_found', `Unknown or settled print job ${p.jobId}`);
    return { ok: true };
  });
}
