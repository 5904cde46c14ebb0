/**
 * What a printed ticket needs, and nothing more. Callers build it from their own print
 * job by a whitelist (the office's is `ticketPrintData` in @turnero/contract/print-data),
 * so personal data (the customer's ID number) never reaches the paper.
 */

export interface TicketPrintData {
  officeName: string;
  /** Printed code, e.g. "A-014". */
  code: string;
  serviceName: string;
  preferential: boolean;
  /** ISO instant of issue; shown in the office's time zone. */
  issuedAt: string;
  timeZone: string;
  /** People ahead in the queue; null when unknown (then no queue lines are printed). */
  peopleAhead: number | null;
  /** Estimated wait in seconds; null when no agent serves the service (printed as such). */
  estimatedWaitSeconds: number | null;
  /** Live ticket page, encoded as a QR code. */
  liveUrl: string;
  footer: string;
  /** A text header above the office's name (the office's ticket logo); "" or absent: none. */
  header?: string;
}
