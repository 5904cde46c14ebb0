/**
 * End of day: tickets still waiting from an earlier office-local day expire, unless the
 * office keeps its queue overnight. Also deletes personal data past its retention date,
 * dead login tokens and old idempotency keys.
 * Runs at start-up and then every minute (the clock decides the day, so a fake clock
 * in tests moves it).
 */
import { localDay } from '@turnero/domain/local-day';
import { expireTicket } from '@turnero/domain/ticket-machine';
import type { OfficeDeps } from '../context';
import { ticketDto } from '../presenter';
import { viewWith } from '../queue-view';
import { purgeExpiredCustomerData } from '../store/customer-store';
import { purgeDeadTokens, purgeIdempotencyKeys } from '../store/housekeeping-store';
import {
  appendTicketEvents,
  loadOffice,
  updateTicket,
  waitingBeforeDay,
} from '../store/office-store';
import { ticketFacts } from './facts';
import { eraseDeletedFromLog } from './personal-data';

export async function runEndOfDay(deps: OfficeDeps): Promise<{ expired: number; purged: number }> {
  const result = await endOfDay(deps);
  // The purged rows' old pages are still in the write-ahead log until it is truncated.
  if (result.purged > 0) await eraseDeletedFromLog(deps);
  return result;
}

function endOfDay(deps: OfficeDeps): Promise<{ expired: number; purged: number }> {
  return deps.bus.command('end-of-day', async ({ tx, afterCommit, view: liveView, keepView, viewUnchanged, outbox }) => {
    const now = deps.clock.now();
    const office = await loadOffice(tx);
    const purged = await purgeExpiredCustomerData(tx, now);
    await purgeDeadTokens(tx, now);
    await purgeIdempotencyKeys(tx, now);
    // Personal data is not part of the live state; expired tickets leave it.
    viewUnchanged();
    if (office.keepQueueOvernight) return { expired: 0, purged };
    const stale = await waitingBeforeDay(tx, localDay(now, office.timeZone));
    if (stale.length === 0) return { expired: 0, purged };
    const view = await liveView();
    const serviceById = view.serviceById;
    const expired = [];
    for (const t of stale) {
      const { ticket, events } = expireTicket(t, now);
      await updateTicket(tx, ticket);
      await appendTicketEvents(tx, events);
      await outbox(ticketFacts(ticket, events, serviceById));
      expired.push(ticket);
    }
    const after = viewWith(view, expired);
    keepView(after);
    const dtos = expired.map((t) => ticketDto(after, t));
    afterCommit(() => {
      for (const dto of dtos) {
        deps.broadcaster.publish('ticket:updated', { ticket: dto, event: 'expired' });
      }
      deps.broadcaster.publish('queue:changed', {});
    });
    deps.logger.info({ expired: expired.length }, 'end of day: waiting tickets expired');
    return { expired: expired.length, purged };
  });
}
