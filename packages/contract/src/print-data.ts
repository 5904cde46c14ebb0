/**
 * The ticket data a printer needs, taken from the wire's print job by a whitelist: the
 * office server (printers plugged into it) and the kiosk agent (printer on the kiosk PC)
 * both print through this one mapping, so personal data such as the customer's ID
 * number never reaches the paper, and no control character either (texts stored before
 * the contract refused them: a second line behind ./text). The result fits @turnero/hardware's `TicketPrintData`
 * field for field (the callers hand it straight to the printer, so a drift fails to compile);
 * the contract does not import the hardware package, which stands alone.
 */
import type { PrintJob } from './realtime';
import { stripUnsafeText as clean } from './text';

export function ticketPrintData(job: PrintJob) {
  const t = job.ticket;
  return {
    officeName: clean(job.office.name),
    code: clean(t.code),
    serviceName: clean(job.serviceName || t.serviceName),
    preferential: t.category === 'preferential',
    issuedAt: t.issuedAt,
    timeZone: job.office.timeZone,
    peopleAhead: t.position,
    estimatedWaitSeconds: t.estimatedWaitSeconds,
    liveUrl: clean(job.liveUrl),
    footer: clean(job.footer),
    header: clean(job.header ?? ''),
  };
}
