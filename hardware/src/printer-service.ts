/**
 * One printer, one queue. Each job: check status -> print -> confirm -> check status.
 * While idle the status is polled; every change is emitted as 'status'. Jobs always
 * resolve (never reject): `{ ok: true, status }` or `{ ok: false, error, status }`.
 *
 * Confirming (Epson process ID, GS ( H) is learnt once per link: many cheaper ESC/POS
 * printers never answer it, and waiting printTimeoutMs for each of their tickets would
 * hold the queue (three customers in a row got theirs at +0, +10 and +20 s). The first
 * check of an idle printer asks once; a printer that answers is waited for on every
 * ticket (paper out mid-ticket is then noticed), one that does not is never waited for
 * and its tickets say `confirmed: false`. A link that went offline is learnt again.
 */
import { EventEmitter } from 'node:events';
import { systemClock, type Clock, type PrinterStatus } from './printer-status';
import { canPrint } from './escpos/status';
import type { PaperWidthMm } from './layout/document';
import { renderTicket, type Dialect } from './layout/render-escpos';
import type { TicketPrintData } from './ticket-data';
import { openTransport } from './transport/open-transport';
import type { PrinterTransport } from './transport/types';

export type PrintResult =
  | { ok: true; status: PrinterStatus; /** false when the printer could not confirm the end of printing */ confirmed: boolean }
  | { ok: false; error: string; status: PrinterStatus };

/** The subset of pino's logger we use. */
export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface PrinterServiceOptions {
  uri: string;
  dialect: Dialect;
  paperWidthMm: PaperWidthMm;
  /** Idle status polling (ms); 0 disables it. Default 10 s. */
  pollIntervalMs?: number;
  clock?: Clock;
  logger?: Logger;
  /** Per status query (DLE EOT round trip). Default 1500 ms. */
  statusTimeoutMs?: number;
  /** Per write. Default 5000 ms. */
  writeTimeoutMs?: number;
  /** Waiting for the printer to confirm a ticket was printed. Default 10 s. */
  printTimeoutMs?: number;
  /** Waiting for an idle printer's answer to the process ID request, to learn whether it confirms. Default 2 s. */
  confirmProbeTimeoutMs?: number;
  /** Status checks while a ticket prints, to notice paper out mid-job. Default 250 ms. */
  jobPollMs?: number;
  /** Use a ready transport instead of opening `uri` (tests). */
  transport?: PrinterTransport;
}

export interface PrinterService {
  readonly uri: string;
  readonly status: PrinterStatus;
  readonly statusAt: Date | null;
  print(data: TicketPrintData): Promise<PrintResult>;
  printRaw(bytes: Buffer): Promise<PrintResult>;
  /** Query the printer now (queued behind running jobs) and emit on change. */
  checkStatus(): Promise<PrinterStatus>;
  on(event: 'status', cb: (status: PrinterStatus, at: Date) => void): this;
  off(event: 'status', cb: (status: PrinterStatus, at: Date) => void): this;
  stop(): Promise<void>;
}

const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export function createPrinterService(opts: PrinterServiceOptions): PrinterService {
  const clock = opts.clock ?? systemClock;
  const log = opts.logger ?? silentLogger;
  const statusTimeout = opts.statusTimeoutMs ?? 1500;
  const writeTimeout = opts.writeTimeoutMs ?? 5000;
  const printTimeout = opts.printTimeoutMs ?? 10_000;
  const probeTimeout = opts.confirmProbeTimeoutMs ?? 2000;
  const jobPollMs = opts.jobPollMs ?? 250;
  const pollInterval = opts.pollIntervalMs ?? 10_000;
  const emitter = new EventEmitter();
  let transport: PrinterTransport | null = opts.transport ?? null;
  let status: PrinterStatus = 'unknown';
  let statusAt: Date | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let busy = 0;
  let stopped = false;
  let pollTimer: NodeJS.Timeout | null = null;
  /** Does this link's printer answer the process ID request? Learnt by learnConfirming(). */
  let confirms: 'unknown' | 'yes' | 'no' = 'unknown';
  /** Bumped when the link is lost, so a late answer from before does not teach the new link. */
  let linkGeneration = 0;

  function getTransport(): PrinterTransport {
    transport ??= openTransport(opts.uri, { timeoutMs: statusTimeout });
    return transport;
  }

  function setStatus(next: PrinterStatus): PrinterStatus {
    statusAt = clock.now();
    if (next === 'offline') {
      // Lost the link: the printer back on it may be another model.
      confirms = 'unknown';
      linkGeneration++;
    }
    if (next !== status) {
      const prev = status;
      status = next;
      log.info({ printer: opts.uri, from: prev, to: next }, 'printer status changed');
      emitter.emit('status', next, statusAt);
    }
    return next;
  }

  async function query(): Promise<PrinterStatus> {
    try {
      return setStatus(await getTransport().queryStatus(statusTimeout));
    } catch (err) {
      // A bad URI or a transport bug: report it as offline rather than throwing.
      log.warn({ printer: opts.uri, err: (err as Error).message }, 'printer status query failed');
      return setStatus('offline');
    }
  }

  /** Runs `task` after every earlier job; a failing task never breaks the chain. */
  function enqueue<T>(task: () => Promise<T>): Promise<T> {
    busy++;
    const run = queue.then(task).finally(() => busy--);
    queue = run.catch(() => undefined);
    return run;
  }

  const canConfirm = (t: PrinterTransport) => opts.dialect === 'epson' && t.readable;

  /**
   * Asks an idle printer for a process ID answer. One that answers within the probe
   * timeout confirms; one that does not is taken as never confirming, unless its answer
   * still comes (a busy printer) before printTimeoutMs.
   */
  async function learnConfirming(t: PrinterTransport): Promise<void> {
    const generation = linkGeneration;
    const answer = t.waitUntilPrinted(printTimeout);
    let timer: NodeJS.Timeout | undefined;
    const quick = await Promise.race([answer, new Promise<null>((r) => (timer = setTimeout(() => r(null), probeTimeout)))]);
    clearTimeout(timer);
    if (generation !== linkGeneration) return;
    if (quick === false) return; // the request could not be sent: learn next time
    confirms = quick ? 'yes' : 'no';
    log.info({ printer: opts.uri, confirms: quick === true }, quick ? 'printer confirms printed tickets' : 'printer does not confirm printed tickets; tickets are not held for it');
    if (quick === null) {
      void answer.then((late) => {
        if (late && generation === linkGeneration && confirms === 'no') confirms = 'yes';
      });
    }
  }

  /** A status reading; an idle printer that can print and is not learnt yet is asked whether it confirms. */
  async function checkAndLearn(): Promise<PrinterStatus> {
    const s = await query();
    if (canPrint(s) && confirms === 'unknown' && transport && canConfirm(transport)) await learnConfirming(transport);
    return s;
  }

  async function runJob(bytes: Buffer): Promise<PrintResult> {
    if (stopped) return { ok: false, error: 'printer service stopped', status };
    const before = await checkAndLearn(); // also opens the transport; a bad URI ends here as offline
    const t = getTransport();
    if (!canPrint(before) && before !== 'unknown') {
      return { ok: false, error: `printer not ready (${before})`, status: before };
    }
    try {
      await t.write(bytes, writeTimeout);
    } catch (err) {
      const after = await query();
      log.warn({ printer: opts.uri, err: (err as Error).message, status: after }, 'print write failed');
      return { ok: false, error: `write failed: ${(err as Error).message}`.slice(0, 200), status: after === 'online' ? 'offline' : after };
    }
    if (!t.readable) {
      // A write-only device file: nothing more can be known.
      return { ok: true, status: setStatus('unknown'), confirmed: false };
    }
    if (canConfirm(t) && confirms === 'yes') {
      const outcome = await waitPrintedOrFault(t);
      if (outcome.kind === 'fault') {
        return { ok: false, error: `printer stopped (${outcome.status})`, status: outcome.status };
      }
      const after = await query();
      // Printed and confirmed: a roll that ends right after the cut does not undo the ticket.
      if (outcome.kind === 'printed') return { ok: true, status: after, confirmed: true };
      if (!canPrint(after)) return { ok: false, error: `printer not ready after printing (${after})`, status: after };
      // Online but silent this time: trust the status, and learn again on the next ticket.
      log.warn({ printer: opts.uri }, 'printer did not confirm the ticket');
      confirms = 'unknown';
      return { ok: true, status: after, confirmed: false };
    }
    // A printer that does not confirm: the status says it still can print, no more is known.
    const after = await query();
    if (!canPrint(after)) return { ok: false, error: `printer not ready after printing (${after})`, status: after };
    return { ok: true, status: after, confirmed: false };
  }

  /** Waits for the printer's process ID answer, checking status meanwhile so a fault ends the wait early. */
  async function waitPrintedOrFault(
    t: PrinterTransport,
  ): Promise<{ kind: 'printed' } | { kind: 'timeout' } | { kind: 'fault'; status: PrinterStatus }> {
    let done = false;
    const printed = t.waitUntilPrinted(printTimeout).then((ok) => ({ kind: ok ? ('printed' as const) : ('timeout' as const) }));
    const fault = (async () => {
      while (!done) {
        await new Promise((r) => setTimeout(r, jobPollMs));
        if (done) break;
        const s = await query();
        if (!canPrint(s)) return { kind: 'fault' as const, status: s };
      }
      return new Promise<never>(() => undefined);
    })();
    try {
      return await Promise.race([printed, fault]);
    } finally {
      done = true;
    }
  }

  function schedulePoll(delayMs = pollInterval): void {
    if (stopped || pollInterval <= 0) return;
    pollTimer = setTimeout(async () => {
      // Jobs check status themselves; polling only fills the idle time.
      if (busy === 0) await enqueue(checkAndLearn).catch(() => undefined);
      schedulePoll();
    }, delayMs);
    pollTimer.unref?.();
  }
  // First reading right away, so supervisors see the printer's state at start-up.
  schedulePoll(0);

  const service = {
    uri: opts.uri,
    get status() {
      return status;
    },
    get statusAt() {
      return statusAt;
    },
    print(data: TicketPrintData): Promise<PrintResult> {
      let bytes: Buffer;
      try {
        bytes = renderTicket(data, { dialect: opts.dialect, paperWidthMm: opts.paperWidthMm });
      } catch (err) {
        log.error({ err: (err as Error).message }, 'ticket layout failed');
        return Promise.resolve({ ok: false, error: 'layout failed', status });
      }
      return service.printRaw(bytes);
    },
    printRaw(bytes: Buffer): Promise<PrintResult> {
      return enqueue(() => runJob(bytes)).catch((err: Error) => ({
        ok: false as const,
        error: `print failed: ${err.message}`.slice(0, 200),
        status,
      }));
    },
    checkStatus(): Promise<PrinterStatus> {
      return enqueue(checkAndLearn).catch(() => status);
    },
    on(event: 'status', cb: (s: PrinterStatus, at: Date) => void) {
      emitter.on(event, cb);
      return service;
    },
    off(event: 'status', cb: (s: PrinterStatus, at: Date) => void) {
      emitter.off(event, cb);
      return service;
    },
    async stop() {
      stopped = true;
      if (pollTimer) clearTimeout(pollTimer);
      await queue.catch(() => undefined);
      await transport?.close().catch(() => undefined);
    },
  };
  return service as PrinterService;
}
