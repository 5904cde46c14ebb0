/**
 * The office's side of the remote queue over the link (issue 14):
 * - `link:remote-ticket` (head office asks, the office answers by ack): a customer joined
 *   from a phone; the office issues a real ticket (origin remote) through the one issue
 *   path, in the same numbering as walk-ins. The portal's requestKey is the idempotency key,
 *   so a retry answers the same ticket. Closed, a service not offered here, or the remote
 *   queue off: an error code in the ack, and no ticket.
 * - `link:remote-update` (office -> head office): where today's remote tickets stand,
 *   coalesced: after commits, at most one read per REPORT_DELAY_MS, only what changed
 *   since head office last acknowledged it; everything again on each (re)connect.
 * - `link:booking-update` (office -> head office): check-ins and no-shows; on each
 *   (re)connect the last day's are sent again (head office applies them by id, so a repeat
 *   is harmless and a report lost while the link was down is not).
 */
import type { TicketDto } from '@turnero/contract/dto';
import { LinkRemoteTicketRequest, type BookingStatus, type LinkRemoteTicketAnswer, type LinkRemoteUpdate } from '@turnero/contract/portal';
import { lateEdge } from '@turnero/domain/booking-check-in';
import { isAppError } from '@turnero/domain/errors';
import { localDay } from '@turnero/domain/local-day';
import { bookingsSettledSince, readBookingSettings, remoteTicketsOfDay, ticketOriginSql } from '../store/booking-store';
import { bookingService } from '../bookings/check-in';
import { issueTicket } from '../commands/issue-ticket';
import type { OfficeDeps, Principal } from '../context';
import { ticketDto } from '../presenter';
import { positionsOf } from '../queue-view';
import { toTicket } from '../store/mappers';
import type { LinkSend } from './link-client';

type AckError = { error: { code: string; message: string } };
const fail = (code: string, message: string): AckError => ({ error: { code, message } });

/** Head office acting through the link: its tickets' events say who issued them. */
const HQ_LINK: Principal = { id: 'hq-link', role: 'supervisor', name: 'Sede central', tokenId: 'hq-link', deviceId: null };

export async function issueRemoteTicket(deps: OfficeDeps, raw: unknown): Promise<LinkRemoteTicketAnswer | AckError> {
  const parsed = LinkRemoteTicketRequest.safeParse(raw);
  if (!parsed.success) return fail('validation_failed', parsed.error.issues[0]?.message ?? 'invalid request');
  const req = parsed.data;
  try {
    const { settings, service } = await deps.bus.read(async (db, view) => ({
      settings: await readBookingSettings(db),
      service: bookingService(await view(), req.serviceCode),
    }));
    if (!settings.remoteQueue.enabled) return fail('remote_queue_disabled', 'Esta oficina no recibe turnos remotos');
    if (!service || !service.active) return fail('service_not_offered', 'Este trámite no se atiende hoy en esta oficina');
    const present = !(req.requirePresence || settings.remoteQueue.requirePresence);
    const { ticket } = await issueTicket(deps, HQ_LINK, {
      serviceId: service.id,
      category: 'general',
      print: false,
      idempotencyKey: `remote:${req.requestKey}`,
      from: { origin: 'remote', present, writes: (t) => [ticketOriginSql(t)] },
    });
    deps.logger.info({ ticketId: ticket.id, code: ticket.code }, 'remote ticket issued for head office');
    return {
      ticketId: ticket.id,
      code: ticket.code,
      position: ticket.position ?? 0,
      estimatedWaitMinutes: Math.ceil((ticket.estimatedWaitSeconds ?? 0) / 60),
    };
  } catch (err) {
    if (isAppError(err)) return fail(err.code, err.message);
    deps.logger.error({ err }, 'remote ticket failed');
    return fail('internal', 'The office could not issue the ticket');
  }
}

type Send = LinkSend;

export interface LinkReporter {
  /** The link is up (or down: null): reports go through `send`, everything is sent again. */
  attach(send: Send | null): void;
  /** A command committed: today's remote tickets may have moved. */
  queueChanged(): void;
  bookingsSettled(updates: { id: string; status: BookingStatus; at: Date }[]): void;
  stop(): void;
}

const REPORT_DELAY_MS = 200;
const RESEND_BOOKINGS_MS = 24 * 3_600_000;
type RemoteEntry = LinkRemoteUpdate['tickets'][number];

const REMOTE_STATUS: Record<TicketDto['status'], RemoteEntry['status']> = {
  waiting: 'waiting',
  called: 'called',
  serving: 'serving',
  done: 'finished',
  no_show: 'no_show',
  cancelled: 'cancelled',
  expired: 'cancelled',
};

export function createLinkReporter(deps: OfficeDeps): LinkReporter {
  let send: Send | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  /** What head office acknowledged last, per ticket (JSON of the entry). */
  const reported = new Map<string, string>();

  async function remoteEntries(): Promise<RemoteEntry[]> {
    return deps.bus.read(async (db, readView) => {
      const view = await readView();
      const day = localDay(deps.clock.now(), view.office.timeZone);
      const rows = await remoteTicketsOfDay(db, day);
      const positions = positionsOf(view);
      return rows.map((row) => {
        const live = view.waiting.find((t) => t.id === row.id) ?? view.active.find((t) => t.id === row.id) ?? toTicket(row);
        const dto = ticketDto(view, live, positions);
        return {
          ticketId: dto.id,
          status: REMOTE_STATUS[dto.status],
          position: dto.position,
          estimatedWaitMinutes: dto.estimatedWaitSeconds === null ? null : Math.ceil(dto.estimatedWaitSeconds / 60),
          counterName: dto.counterName,
          present: dto.present ?? true,
        };
      });
    });
  }

  async function report(): Promise<void> {
    timer = null;
    if (!send || stopped) return;
    const changed = (await remoteEntries()).filter((e) => reported.get(e.ticketId) !== JSON.stringify(e));
    if (changed.length === 0) return;
    if (await send('link:remote-update', { tickets: changed })) for (const e of changed) reported.set(e.ticketId, JSON.stringify(e));
  }

  function later(): void {
    if (timer || !send || stopped) return;
    timer = setTimeout(() => void report().catch((err) => deps.logger.warn({ err }, 'link: remote update not sent')), REPORT_DELAY_MS);
    timer.unref();
  }

  async function resendBookings(): Promise<void> {
    const since = new Date(deps.clock.now().getTime() - RESEND_BOOKINGS_MS);
    const { rows, window } = await deps.bus.read(async (db) => ({
      rows: await bookingsSettledSince(db, since),
      window: { lateMinutes: (await readBookingSettings(db)).appointments.checkInLateMinutes },
    }));
    // As the sweep reported it: a no-show happened at the booking's late edge.
    const updates = rows.map((b) => ({ id: b.id, status: b.status, at: (b.checkedInAt ?? lateEdge(b.start, window)).toISOString() }));
    if (updates.length && send) await send('link:booking-update', { bookings: updates });
  }

  return {
    attach(next) {
      send = next;
      reported.clear();
      if (!next) return;
      later();
      void resendBookings().catch((err) => deps.logger.warn({ err }, 'link: booking updates not sent'));
    },
    queueChanged: later,
    bookingsSettled(updates) {
      if (!send || updates.length === 0) return;
      const bookings = updates.map((u) => ({ id: u.id, status: u.status, at: u.at.toISOString() }));
      void send('link:booking-update', { bookings }).catch((err) => deps.logger.warn({ err }, 'link: booking update not sent'));
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
