/**
 * What offices report over the link about the portal's customers: where remote tickets
 * stand (pushed to the phones watching them, and "you are next" / "your turn" messages,
 * each once), and bookings checked in or missed (no-shows counted per contact digest).
 */
import type { LinkBookingUpdate, LinkRemoteUpdate, RemoteTicketView } from '@turnero/contract/portal';
import type { z } from 'zod';
import { applyBookingStatuses, applyRemoteChanges, claimNotice, countNoShows, type RemoteTicketRow } from '../store/remote-ticket-store';
import { portalOfficeById } from '../store/portal-store';
import { notify, type PortalDeps } from './deps';
import { officeView, type OfficeView } from './office-view';
import { liveUrl, viewOf } from './remote-tickets';

export interface TicketWatchers {
  /** Sends the view to every phone watching this ticket (in every head-office process). */
  push(view: RemoteTicketView): void;
}

export interface OfficeRef {
  id: number;
  code: string;
}

export async function onRemoteUpdate(deps: PortalDeps, watchers: TicketWatchers, office: OfficeRef, p: LinkRemoteUpdate): Promise<void> {
  const now = deps.clock.now();
  const rows = await applyRemoteChanges(deps.db.sql, office.id, p.tickets, now);
  if (rows.length === 0) return;
  const officeRow = await portalOfficeById(deps.db.sql, office.id);
  if (!officeRow) return;
  const view = officeView(officeRow);
  const present = new Map(p.tickets.map((t) => [t.ticketId, t.present]));
  for (const row of rows) {
    watchers.push(viewOf(row, view, present.get(row.ticketId) ?? null));
    await maybeNotify(deps, view, row);
  }
}

/** "You are next" once, when few enough are ahead or the wait is short; "your turn" once, when called. */
async function maybeNotify(deps: PortalDeps, office: OfficeView, row: RemoteTicketRow): Promise<void> {
  const now = deps.clock.now();
  const q = office.remoteQueue;
  const close =
    row.status === 'waiting' &&
    ((row.position !== null && row.position <= q.notifyWhenAhead) || (row.estimatedWaitMinutes !== null && row.estimatedWaitMinutes <= q.notifyWhenMinutes));
  const which = row.status === 'called' ? 'called' : close ? 'next' : null;
  if (which === null || (which === 'next' ? row.notifiedNextAt : row.notifiedCalledAt) !== null) return;
  if (!(await claimNotice(deps.db.sql, row.ticketId, which, now))) return;
  const template = which === 'next' ? 'remote_next' : 'remote_called';
  await notify(deps, {
    template,
    to: { phone: row.phone, email: row.email },
    company: office.company,
    locale: 'es-CO',
    params: {
      officeName: office.name,
      serviceName: office.services.find((s) => s.catalogCode === row.serviceCode)?.nameEs ?? row.serviceCode,
      code: row.code,
      counterName: row.counterName,
      position: row.position,
      estimatedWaitMinutes: row.estimatedWaitMinutes,
      ticketUrl: liveUrl(deps, row.publicId),
    },
    dedupeKey: `${template}:${row.ticketId}`,
    deleteAfter: row.deleteAfter,
  });
}

export async function onBookingUpdate(deps: PortalDeps, office: OfficeRef, p: z.infer<typeof LinkBookingUpdate>): Promise<void> {
  const noShows = await applyBookingStatuses(deps.db.sql, office.id, p.bookings);
  await countNoShows(deps.db.sql, noShows, deps.clock.now());
  if (noShows.length) deps.logger.info({ office: office.code, noShows: noShows.length }, 'portal: no-shows counted');
}
