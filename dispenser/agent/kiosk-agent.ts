/**
 * The kiosk agent: runs on a kiosk PC whose printer is plugged into that PC. It connects
 * to the office server as the kiosk (socket.io, token auth), prints the jobs the server
 * sends ('print:job'), answers each with 'print:result', and reports the printer's status
 * ('printer:status') at every connect and on every change. socket.io reconnects after a
 * server restart; results that could not be delivered are sent again on reconnect.
 */
import { io, type Socket } from 'socket.io-client';
import type { ManagerOptions, SocketOptions } from 'socket.io-client';
import type { ClientToServerEvents, PrintJob, ServerToClientEvents } from '@turnero/contract/realtime';
import type { PrinterStatus, PrintResult } from '@turnero/contract/dto';
import { ticketPrintData } from '@turnero/contract/print-data';
import type { Logger, PrinterService } from '@turnero/hardware';

type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type PrintResultMessage = PrintResult;

export interface KioskAgentOptions {
  serverUrl: string;
  token: string;
  printer: PrinterService;
  logger?: Logger;
  /** How long to wait for the server to acknowledge a message (ms). Default 5000. */
  ackTimeoutMs?: number;
  /** Retry delay after the server refused the connection (bad token, server starting). Default 10 s. */
  refusedRetryMs?: number;
  /** Extra socket.io client options (tests shorten reconnection delays). */
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
}

export interface KioskAgent {
  readonly connected: boolean;
  /** Jobs printed since start (the last 500), by jobId. */
  readonly results: ReadonlyMap<string, PrintResultMessage>;
  stop(): Promise<void>;
}

const REMEMBERED_JOBS = 500;
const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export function startKioskAgent(opts: KioskAgentOptions): KioskAgent {
  const log = opts.logger ?? silentLogger;
  const ackTimeout = opts.ackTimeoutMs ?? 5000;
  const printer = opts.printer;
  /** jobId -> result, so a job sent twice (server retry after a reconnect) prints once. */
  const results = new Map<string, PrintResultMessage>();
  const inFlight = new Map<string, Promise<PrintResultMessage>>();
  /** Results the server has not acknowledged yet. */
  const undelivered = new Map<string, PrintResultMessage>();
  let stopped = false;
  let retryTimer: NodeJS.Timeout | null = null;

  const socket: AgentSocket = io(opts.serverUrl, {
    auth: { token: opts.token },
    reconnection: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    ...opts.socketOptions,
  });

  function sendStatus(status: PrinterStatus): void {
    if (!socket.connected) return;
    socket.timeout(ackTimeout).emit('printer:status', { status }, (err, res) => {
      if (err) log.warn({ status }, 'server did not acknowledge printer status');
      else if (res.error) log.warn({ status, error: res.error }, 'server refused printer status');
    });
  }

  function deliver(result: PrintResultMessage): void {
    undelivered.set(result.jobId, result);
    if (!socket.connected) return;
    socket.timeout(ackTimeout).emit('print:result', result, (err, res) => {
      if (err) return log.warn({ jobId: result.jobId }, 'print result not acknowledged; will resend on reconnect');
      // Delivered: even a refusal (e.g. unknown job) will not change by resending.
      undelivered.delete(result.jobId);
      if (res.error) log.warn({ jobId: result.jobId, error: res.error }, 'server refused print result');
    });
  }

  async function handleJob(job: unknown): Promise<void> {
    const parsed = parseJob(job);
    if (!parsed.ok) {
      log.warn({ reason: parsed.reason }, 'ignored a malformed print job');
      if (parsed.jobId && parsed.ticketId) {
        deliver({ jobId: parsed.jobId, ticketId: parsed.ticketId, ok: false, error: `invalid job: ${parsed.reason}` });
      }
      return;
    }
    const j = parsed.job;
    const known = results.get(j.jobId);
    if (known) return deliver(known);
    let running = inFlight.get(j.jobId);
    if (!running) {
      running = printJob(j);
      inFlight.set(j.jobId, running);
    }
    const result = await running;
    inFlight.delete(j.jobId);
    // Only printed jobs are remembered: the same job sent again after a failure is a retry.
    if (result.ok) remember(result);
    deliver(result);
  }

  async function printJob(job: PrintJob): Promise<PrintResultMessage> {
    log.info({ jobId: job.jobId, code: job.ticket.code }, 'printing');
    const r = await printer.print(ticketPrintData(job));
    const base = { jobId: job.jobId, ticketId: job.ticket.id, printerStatus: r.status };
    if (r.ok) return { ...base, ok: true, confirmed: r.confirmed };
    log.warn({ jobId: job.jobId, error: r.error, status: r.status }, 'print failed');
    return { ...base, ok: false, error: r.error.slice(0, 200) };
  }

  function remember(result: PrintResultMessage): void {
    results.set(result.jobId, result);
    if (results.size > REMEMBERED_JOBS) results.delete(results.keys().next().value!);
  }

  const onStatus = (status: PrinterStatus) => sendStatus(status);
  printer.on('status', onStatus);

  socket.on('connect', () => {
    log.info({ server: opts.serverUrl }, 'connected to the office server');
    sendStatus(printer.status);
    // A fresh reading too: a change is sent through the 'status' listener.
    void printer.checkStatus();
    for (const r of undelivered.values()) deliver(r);
  });
  /** socket.io gives up after a refusal or a server-side disconnect; a kiosk never should. */
  function retryLater(): void {
    if (socket.active || stopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!stopped && !socket.connected) socket.connect();
    }, opts.refusedRetryMs ?? 10_000);
  }
  socket.on('disconnect', (reason) => {
    log.warn({ reason }, 'disconnected from the office server');
    // "io server disconnect": the server closed us on purpose (e.g. a graceful restart).
    if (reason === 'io server disconnect') retryLater();
  });
  socket.on('connect_error', (err) => {
    log.warn({ error: err.message }, 'cannot connect to the office server');
    retryLater();
  });
  socket.on('print:job', (job) => {
    handleJob(job).catch((err: Error) => log.error({ error: err.message }, 'print job handling failed'));
  });

  return {
    get connected() {
      return socket.connected;
    },
    results,
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      printer.off('status', onStatus);
      socket.disconnect();
      await Promise.allSettled(inFlight.values());
    },
  };
}

type ParsedJob =
  | { ok: true; job: PrintJob }
  | { ok: false; reason: string; jobId?: string; ticketId?: string };

/** Checks the fields the ticket needs; the server is trusted but a bad payload must not crash the agent. */
function parseJob(raw: unknown): ParsedJob {
  const j = raw as Partial<PrintJob> | null;
  const jobId = typeof j?.jobId === 'string' ? j.jobId : undefined;
  const ticketId = typeof j?.ticket?.id === 'string' ? j.ticket.id : undefined;
  const fail = (reason: string): ParsedJob => ({ ok: false, reason, jobId, ticketId });
  if (!j || typeof j !== 'object') return fail('not an object');
  if (!jobId) return fail('jobId missing');
  if (!ticketId || typeof j.ticket?.code !== 'string') return fail('ticket missing');
  if (typeof j.office?.name !== 'string' || typeof j.office?.timeZone !== 'string') return fail('office missing');
  if (typeof j.liveUrl !== 'string') return fail('liveUrl missing');
  return {
    ok: true,
    job: { ...j, serviceName: String(j.serviceName ?? j.ticket.serviceName ?? ''), footer: String(j.footer ?? '') } as PrintJob,
  };
}
