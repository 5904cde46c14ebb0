/**
 * Real-time status (DLE EOT n) as Epson defines it, for both sides of the link:
 * the host reads the answers into a PrinterStatus; the virtual printer builds them.
 * Every answer byte has bits 1 and 4 set and bits 0 and 7 clear (0x12 base).
 */
import type { PrinterStatus } from '../printer-status';

export const DLE = 0x10;
export const EOT = 0x04;
export const STATUS_PRINTER = 1;
export const STATUS_OFFLINE_CAUSE = 2;
export const STATUS_ERROR_CAUSE = 3;
export const STATUS_PAPER = 4;

export const dleEot = (n: number) => Buffer.from([DLE, EOT, n]);

export const STATUS_BASE = 0x12;
/** n=1: the printer is offline (cover open, paper out, error...). */
export const BIT_OFFLINE = 0x08;
/** n=2: cover is open. */
export const BIT_COVER_OPEN = 0x04;
/** n=2: printing stopped because the paper ran out. */
export const BIT_STOPPED_PAPER_END = 0x20;
/** n=2: an error occurred. */
export const BIT_ERROR = 0x40;
/** n=4: roll paper near-end sensor (both bits 2 and 3). */
export const BITS_PAPER_NEAR_END = 0x0c;
/** n=4: roll paper end sensor (both bits 5 and 6). */
export const BITS_PAPER_END = 0x60;

export function isStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/** GS ( H fn=48 m=48: "tell me when you got here" (Epson process ID response). */
export function processIdRequest(id: Buffer): Buffer {
  if (id.length !== 4) throw new Error('process id must be 4 bytes');
  return Buffer.concat([Buffer.from([0x1d, 0x28, 0x48, 0x06, 0x00, 0x30, 0x30]), id]);
}
/** The printer's answer: 37h 22h d1 d2 d3 d4 00h. */
export const PROCESS_ID_HEADER = [0x37, 0x22] as const;
export const processIdResponse = (id: Buffer) => Buffer.concat([Buffer.from(PROCESS_ID_HEADER), id, Buffer.from([0])]);

export interface StatusBytes {
  printer: number;
  offlineCause?: number;
  paper?: number;
}

/** The most urgent condition wins: cover open and paper out stop printing, near end does not. */
export function interpretStatus(s: StatusBytes): PrinterStatus {
  const paper = s.paper ?? STATUS_BASE;
  const cause = s.offlineCause ?? STATUS_BASE;
  if (cause & BIT_COVER_OPEN) return 'cover_open';
  if ((paper & BITS_PAPER_END) || (cause & BIT_STOPPED_PAPER_END)) return 'paper_out';
  if (s.printer & BIT_OFFLINE) return 'offline';
  if (paper & BITS_PAPER_NEAR_END) return 'paper_near_end';
  return 'online';
}

/** Can a ticket be printed in this state? Near end still prints (and warns). */
export function canPrint(status: PrinterStatus): boolean {
  return status === 'online' || status === 'paper_near_end';
}
