/**
 * Whether the kiosk must tell the customer that the paper ticket may not come out, so
 * they scan the QR code or photograph the screen instead.
 */
import type { PrinterStatus, TicketDto } from '@turnero/contract/dto';

export type PrintProblem = 'print_failed' | 'paper_out' | 'cover_open' | 'printer_offline' | null;

const PRINTER_PROBLEMS: Partial<Record<PrinterStatus, Exclude<PrintProblem, null | 'print_failed'>>> = {
  paper_out: 'paper_out',
  cover_open: 'cover_open',
  offline: 'printer_offline',
};

/** The ticket's own print result wins; otherwise the kiosk printer's last status. */
export function printProblem(
  ticket: Pick<TicketDto, 'printState'> | null,
  printerStatus: PrinterStatus | null | undefined,
): PrintProblem {
  if (ticket?.printState === 'failed') return 'print_failed';
  if (ticket?.printState === 'printed') return null;
  return (printerStatus && PRINTER_PROBLEMS[printerStatus]) ?? null;
}
