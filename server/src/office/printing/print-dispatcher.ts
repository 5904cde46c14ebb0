/**
 * Routes a ticket's print job to where its kiosk's printer is: a printer attached to
 * the office server (network, serial or device file, driven here), or the kiosk agent
 * on the kiosk PC (over its socket). Runs after the ticket's commit, never inside it: a
 * print that fails marks the ticket's print state and never touches the ticket itself.
 */
import { randomUUID } from 'node:crypto';
import type { PrintOutcome, TicketDto } from '@turnero/contract/dto';
import type { PrintJob } from '@turnero/contract/realtime';
import type { Office } from '@turnero/domain/types';
import type { Logger } from '../../platform/logger';
import type { Broadcaster } from '../realtime/broadcaster';
import { liveTicketUrl, liveTicketUrlBase, type PublicLinkSettings } from './public-link';

/** A printer driven by this server process (see hardware/). */
interface LocalPrinter {
  print(job: PrintJob): Promise<PrintOutcome>;
  close(): Promise<void>;
}

interface PrintDispatcherOptions {
  broadcaster: Broadcaster;
  logger: Logger;
  /** Where the ticket's live page is (read at each job: the port is known only once listening). */
  publicLink: () => PublicLinkSettings;
  footer: () => string;
  /** The text header (ticket logo) printed above the office's name; absent: none. */
  header?: () => string;
  /** How long to wait for a kiosk agent's answer before calling the print failed. */
  agentTimeoutMs?: number;
}

type ResultHandler = (ticketId: string, outcome: PrintOutcome) => Promise<void>;

export class PrintDispatcher {
  private readonly local = new Map<string, LocalPrinter>();
  private readonly agentJobs = new Map<string, { ticketId: string; timer: NodeJS.Timeout }>();
  /** Recently settled agent jobs: an agent resending a result it saw no ack for is fine. */
  private readonly settled = new Map<string, string>();
  private readonly timedOut = new Map<string, string>();
  private onResult: ResultHandler = async () => undefined;

  constructor(private readonly opts: PrintDispatcherOptions) {}

  setResultHandler(handler: ResultHandler): void {
    this.onResult = handler;
  }

  attachLocalPrinter(deviceId: string, printer: LocalPrinter): void {
    this.local.set(deviceId, printer);
  }

  async detachLocalPrinter(deviceId: string): Promise<void> {
    this.local.delete(deviceId);
  }

  hasLocalPrinter(deviceId: string): boolean {
    return this.local.has(deviceId);
  }

  canPrint(deviceId: string): boolean {
    return this.local.has(deviceId) || this.opts.broadcaster.isPrinterAgentConnected(deviceId);
  }

  buildJob(ticket: TicketDto, office: Pick<Office, 'name' | 'code' | 'timeZone'>): PrintJob {
    return {
      jobId: randomUUID(),
      ticket,
      office: { name: office.name, code: office.code, timeZone: office.timeZone },
      serviceName: ticket.serviceName,
      liveUrl: liveTicketUrl(this.opts.publicLink(), ticket.id),
      footer: this.opts.footer(),
      header: this.opts.header?.() ?? '',
    };
  }

  /** The live ticket link without the ticket id, for the kiosk screen's QR code (the same link as the paper's). */
  liveTicketUrlBase(): string {
    return liveTicketUrlBase(this.opts.publicLink());
  }

  /** Fire and forget: the outcome arrives through the result handler. */
  print(deviceId: string, ticket: TicketDto, office: Pick<Office, 'name' | 'code' | 'timeZone'>): void {
    const job = this.buildJob(ticket, office);
    const local = this.local.get(deviceId);
    if (local) {
      void local
        .print(job)
        .catch((err: unknown): PrintOutcome => ({ ok: false, error: String(err), printerStatus: 'unknown' }))
        .then((outcome) => this.report(ticket.id, outcome));
      return;
    }
    if (this.opts.broadcaster.sendPrintJob(deviceId, job)) {
      const timer = setTimeout(() => {
        this.agentJobs.delete(job.jobId);
        // A late answer is still welcome: a success then marks the ticket printed.
        this.timedOut.set(job.jobId, ticket.id);
        if (this.timedOut.size > 1000) this.timedOut.delete(this.timedOut.keys().next().value!);
        void this.report(ticket.id, { ok: false, error: 'kiosk agent did not answer', printerStatus: 'unknown' });
      }, this.opts.agentTimeoutMs ?? 30_000);
      timer.unref();
      this.agentJobs.set(job.jobId, { ticketId: ticket.id, timer });
      return;
    }
    void this.report(ticket.id, { ok: false, error: 'no printer connected', printerStatus: 'offline' });
  }

  /** A kiosk agent answered a job. Returns false for an unknown or already settled job. */
  agentResult(jobId: string, ticketId: string, outcome: PrintOutcome): boolean {
    const pending = this.agentJobs.get(jobId);
    if (!pending && this.timedOut.get(jobId) === ticketId) {
      this.timedOut.delete(jobId);
      this.settled.set(jobId, ticketId);
      if (outcome.ok) void this.report(ticketId, outcome);
      return true;
    }
    if (!pending) return this.settled.get(jobId) === ticketId;
    if (pending.ticketId !== ticketId) return false;
    clearTimeout(pending.timer);
    this.agentJobs.delete(jobId);
    this.settled.set(jobId, ticketId);
    if (this.settled.size > 1000) this.settled.delete(this.settled.keys().next().value!);
    void this.report(ticketId, outcome);
    return true;
  }

  private async report(ticketId: string, outcome: PrintOutcome): Promise<void> {
    try {
      await this.onResult(ticketId, outcome);
    } catch (err) {
      this.opts.logger.error({ err, ticketId }, 'recording a print result failed');
    }
  }

  async close(): Promise<void> {
    for (const { timer } of this.agentJobs.values()) clearTimeout(timer);
    this.agentJobs.clear();
    await Promise.all([...this.local.values()].map((p) => p.close().catch(() => undefined)));
    this.local.clear();
  }
}
