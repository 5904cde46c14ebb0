/**
 * What a printed ticket needs, and nothing more. Built from the wire `PrintJob` by a
 * whitelist, so personal data (the customer's ID number) can never reach the paper even
 * if a caller passes a richer object.
 */
import type { PrintJob } from '@turnero/contract/realtime';

export interface TicketPrintData {
  officeName: string;
  /** Printed code, e.g. "A-014". */
  code: string;
  serviceName: string;
  preferential: boolean;
  /** ISO instant of issue; shown in the office's time zone. */
  issuedAt: string;
  timeZone: string;
  /** People ahead in the queue; null when unknown. */
  peopleAhead: number | null;
  /** Estimated wait in seconds; null when there is no estimate. */
  estimatedWaitSeconds: number | null;
  /** Live ticket page, encoded as a QR code. */
  liveUrl: string;
  footer: string;
}

export function toPrintData(job: PrintJob): TicketPrintData {
  const t = job.ticket;
  return {
    officeName: job.office.name,
    code: t.code,
    serviceName: job.serviceName || t.serviceName,
    preferential: t.category === 'preferential',
    issuedAt: t.issuedAt,
    timeZone: job.office.timeZone,
    peopleAhead: t.position,
    estimatedWaitSeconds: t.estimatedWaitSeconds,
    liveUrl: job.liveUrl,
    footer: job.footer,
  };
}
