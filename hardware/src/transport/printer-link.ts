/**
 * Turns a ByteLink into a PrinterTransport: writes, real-time status queries (DLE EOT)
 * and "printed up to here" confirmations (Epson process ID), all over the same link.
 * Answers are told apart by shape: status bytes are 0xx1xx10, a process ID answer starts 37h 22h.
 */
import { randomBytes } from 'node:crypto';
import type { PrinterStatus } from '../printer-status';
import {
  PROCESS_ID_HEADER,
  STATUS_OFFLINE_CAUSE,
  STATUS_PAPER,
  STATUS_PRINTER,
  BIT_OFFLINE,
  dleEot,
  interpretStatus,
  isStatusByte,
  processIdRequest,
} from '../escpos/status';
import { TransportError, type ByteLink, type PrinterTransport, type TransportKind } from './types';

export const DEFAULT_TIMEOUT_MS = 2000;

export class PrinterLink implements PrinterTransport {
  private rx: Buffer = Buffer.alloc(0);
  private statusWaiter: ((b: number) => void) | null = null;
  private processWaiters = new Map<string, () => void>();
  private queryChain: Promise<unknown> = Promise.resolve();

  constructor(
    readonly uri: string,
    readonly kind: TransportKind,
    private readonly link: ByteLink,
    private readonly defaultTimeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    link.onData((chunk) => this.receive(chunk));
  }

  get readable(): boolean {
    return this.link.readable;
  }

  async write(data: Buffer, timeoutMs = this.defaultTimeoutMs): Promise<void> {
    await this.link.write(data, timeoutMs);
  }

  queryStatus(timeoutMs = this.defaultTimeoutMs): Promise<PrinterStatus> {
    // Queries share one answer channel, so they run one at a time.
    const run = this.queryChain.then(() => this.doQueryStatus(timeoutMs));
    this.queryChain = run.catch(() => undefined);
    return run;
  }

  private async doQueryStatus(timeoutMs: number): Promise<PrinterStatus> {
    try {
      await this.link.open(timeoutMs);
    } catch {
      return 'offline';
    }
    if (!this.link.readable) return 'unknown';
    try {
      const printer = await this.ask(STATUS_PRINTER, timeoutMs);
      const offlineCause = printer & BIT_OFFLINE ? await this.ask(STATUS_OFFLINE_CAUSE, timeoutMs) : undefined;
      const paper = await this.ask(STATUS_PAPER, timeoutMs);
      return interpretStatus({ printer, offlineCause, paper });
    } catch {
      // No answer: unplugged, switched off, or a device that is not a printer.
      this.resetLink();
      return 'offline';
    }
  }

  private ask(n: number, timeoutMs: number): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.statusWaiter = null;
        reject(new TransportError(`no answer to DLE EOT ${n}`, 'timeout'));
      }, timeoutMs);
      this.statusWaiter = (b) => {
        clearTimeout(timer);
        this.statusWaiter = null;
        resolve(b);
      };
      this.link.write(dleEot(n), timeoutMs).catch((err) => {
        clearTimeout(timer);
        this.statusWaiter = null;
        reject(err);
      });
    });
  }

  async waitUntilPrinted(timeoutMs: number): Promise<boolean> {
    if (!this.link.readable) return false;
    const id = randomBytes(4);
    // Process IDs use printable bytes (0x30-0x7e) as Epson requires.
    for (let i = 0; i < 4; i++) id[i] = 0x30 + (id[i] % 0x4e);
    const key = id.toString('hex');
    let timer: NodeJS.Timeout | undefined;
    const done = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => {
        this.processWaiters.delete(key);
        resolve(false);
      }, timeoutMs);
      this.processWaiters.set(key, () => {
        clearTimeout(timer);
        this.processWaiters.delete(key);
        resolve(true);
      });
    });
    try {
      await this.link.write(processIdRequest(id), timeoutMs);
    } catch {
      clearTimeout(timer);
      this.processWaiters.delete(key);
      return false;
    }
    return done;
  }

  private receive(chunk: Buffer): void {
    this.rx = this.rx.length ? Buffer.concat([this.rx, chunk]) : chunk;
    while (this.rx.length) {
      const b = this.rx[0];
      if (b === PROCESS_ID_HEADER[0]) {
        if (this.rx.length < 2) return;
        if (this.rx[1] === PROCESS_ID_HEADER[1]) {
          if (this.rx.length < 7) return;
          this.processWaiters.get(this.rx.subarray(2, 6).toString('hex'))?.();
          this.rx = this.rx.subarray(7);
          continue;
        }
      }
      if (isStatusByte(b) && this.statusWaiter) this.statusWaiter(b);
      this.rx = this.rx.subarray(1);
    }
  }

  private resetLink(): void {
    const l = this.link as ByteLink & { reset?: () => void };
    l.reset?.();
  }

  async close(): Promise<void> {
    await this.link.close();
  }
}
