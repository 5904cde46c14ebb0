/**
 * Ticket codes ("A-014"): format, parse, valid prefixes. Numbers restart every local day
 * per service; the data layer hands out the number, this module only formats it. How the
 * wall display's voice says a code is the display's business (display/src/speech.ts).
 */
import { AppError } from './errors';

const PREFIX_PATTERN = /^[A-Z]{1,3}$/;
const CODE_PATTERN = /^([A-Z]{1,3})-(\d+)$/;

/** A service prefix: 1-3 upper-case letters A-Z (no Ñ, no digits: printers and voices agree on these). */
export function isValidPrefix(p: string): boolean {
  return typeof p === 'string' && PREFIX_PATTERN.test(p);
}

/** 'A', 14 -> 'A-014'. At least three digits; 1000 and above print as they are ('A-1000'). */
export function formatTicketCode(prefix: string, n: number): string {
  if (!isValidPrefix(prefix)) {
    throw new AppError('validation_failed', `Invalid prefix "${prefix}": use 1-3 upper-case letters A-Z`);
  }
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new AppError('validation_failed', `Invalid ticket number ${n}: must be a positive integer`);
  }
  return `${prefix}-${String(n).padStart(3, '0')}`;
}

/** Splits 'A-014' into its prefix and number; null when it is not a ticket code. */
export function parseTicketCode(code: string): { prefix: string; number: number } | null {
  const m = CODE_PATTERN.exec(code);
  return m ? { prefix: m[1], number: Number(m[2]) } : null;
}
