/**
 * A byte link to a printer: the transport layer knows nothing of tickets or dialects.
 * Every operation has a timeout: a printer that never answers must not hang a job.
 */
import type { PrinterStatus } from '../printer-status';

export type TransportKind = 'tcp' | 'serial' | 'file' | 'virtual';

/** The raw link each transport implements. */
export interface ByteLink {
  /** False when the link cannot read answers back (a write-only device file). */
  readonly readable: boolean;
  /** Opens the link if needed (idempotent); rejects when the device is unreachable. */
  open(timeoutMs: number): Promise<void>;
  write(data: Buffer, timeoutMs: number): Promise<void>;
  onData(cb: (chunk: Buffer) => void): void;
  close(): Promise<void>;
}

export interface PrinterTransport {
  readonly uri: string;
  readonly kind: TransportKind;
  readonly readable: boolean;
  write(data: Buffer, timeoutMs?: number): Promise<void>;
  /** Real-time status through DLE EOT; 'offline' if the printer does not answer in time. */
  queryStatus(timeoutMs?: number): Promise<PrinterStatus>;
  /**
   * Epson process ID (GS ( H): resolves true when the printer has printed everything sent
   * before it, false on timeout. Non-readable links resolve false at once.
   */
  waitUntilPrinted(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

export class TransportError extends Error {
  constructor(
    message: string,
    readonly code: 'timeout' | 'unreachable' | 'closed' | 'bad_uri',
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TransportError(`${what}: no answer in ${ms} ms`, 'timeout')), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
