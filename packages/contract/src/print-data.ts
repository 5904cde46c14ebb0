/**
 * The ticket data a printer needs, taken from the wire's print job by a whitelist: the
 * office server (printers plugged into it) and the kiosk agent (printer on the kiosk PC)
 * both print through this one mapping, so personal data such as the customer's ID
 * number never reaches the paper. The result fits @turnero/hardware's `TicketPrintData`
 * field for field (the callers hand it straight to the printer, so a drift fails to compile);
 * the contract does not import the hardware package, which stands alone.
 */
import type { PrintJob } from './realtime';

export function ticketPrintData(job: PrintJob) {
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
