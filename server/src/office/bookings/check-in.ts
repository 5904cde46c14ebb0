/**
 * Check-in at the kiosk (POST /api/v1/check-in): what the customer typed or scanned is
 * either head office's signed booking token (the QR), a booking code, a remote ticket's
 * code or id, or an ID number (matched by its SHA-256, the way head office stores it).
 *
 * A booking within its window becomes a ticket (origin booking, slotAt its start) through
 * the one issue path, so it is numbered, printed and published like any ticket; the
 * booking's check-in is written in the same transaction, and the status is checked again
 * there, so two kiosks checking in one booking at once make one ticket. A valid signed
 * token is honoured even when the booking never reached the office (it was offline when
 * the booking was made): the booking row is created from the token as it checks in.
 * A remote ticket's holder checking in makes the ticket callable (present).
 */
import { createHash } from 'node:crypto';
import { normalizeIdNumber } from '@turnero/contract/id-number';
import type { TicketDto } from '@turnero/contract/dto';
import { checkInTiming, lateEdge, localClockTime } from '@turnero/domain/booking-check-in';
import { AppError } from '@turnero/domain/errors';
import type { Service, Ticket } from '@turnero/domain/types';
import { issueTicket } from '../commands/issue-ticket';
import type { OfficeDeps, Principal } from '../context';
import { ticketDto } from '../presenter';
import { viewWith, type QueueView } from '../queue-view';
import { bookingFact } from './booking-facts';
import {
  bookingsWithIdHash,
  checkInBookingSql,
  findBooking,
  insertCheckedInBookingSql,
  readBookingSettings,
  ticketOriginSql,
  ticketPresentSql,
  type BookingRow,
  type BookingSettings,
} from '../store/booking-store';
import { looksSigned, verifySignedBooking } from './signed-token';

export interface CheckInResult {
  ticket: TicketDto;
  /** A booking checked in now (head office hears it); null for a remote ticket's holder. */
  booking: { id: string; at: Date } | null;
}

const DAY = 24 * 3_600_000;

/** The ID number's hash as head office may have stored it: as typed, and normalised (@turnero/contract/id-number). */
export function idNumberHashes(typed: string): string[] {
  const variants = new Set([typed.trim(), normalizeIdNumber(typed)]);
  return [...variants].filter(Boolean).map((v) => createHash('sha256').update(v, 'utf8').digest('hex'));
}

/** The office's service of a booking: stored id, or head office's catalogue code, or the letter. */
export function bookingService(view: QueueView, serviceIdOrCode: string): Service | null {
  return (
    view.serviceById.get(serviceIdOrCode) ??
    view.services.find((s) => s.catalogCode === serviceIdOrCode) ??
    view.services.find((s) => !s.catalogCode && s.prefix === serviceIdOrCode) ??
    null
  );
}

export async function checkIn(deps: OfficeDeps, principal: Principal, typed: string): Promise<CheckInResult> {
  const code = typed.trim();
  const found = await deps.bus.read(async (db, view) => {
    const settings = await readBookingSettings(db);
    if (looksSigned(code)) return { settings, target: await fromToken(db, code, settings) };
    const booking = await findBooking(db, { code: code.toUpperCase() });
    if (booking) return { settings, target: { kind: 'booking' as const, booking, known: true } };
    const remote = remoteTicketIn(await view(), code);
    if (remote) return { settings, target: { kind: 'remote' as const, ticket: remote } };
    return { settings, target: await byIdNumber(db, code, deps.clock.now()) };
  });
  const { settings, target } = found;
  if (target.kind === 'remote') return { ticket: await markPresent(deps, principal, target.ticket.id), booking: null };
  return checkInBooking(deps, principal, target.booking, target.known, settings);
}

type BookingTarget = { kind: 'booking'; booking: BookingRow; known: boolean };

async function fromToken(db: Parameters<typeof findBooking>[0], token: string, settings: BookingSettings): Promise<BookingTarget> {
  const payload = verifySignedBooking(token, settings.publicKey);
  if (!payload) throw new AppError('booking_not_found', 'Este código QR no es una cita válida');
  if (payload.officeCode !== settings.officeCode) {
    throw new AppError('wrong_office', 'Esta cita es de otra oficina', { officeCode: payload.officeCode });
  }
  const known = await findBooking(db, { id: payload.id, code: payload.code });
  if (known) return { kind: 'booking', booking: known, known: true };
  const start = new Date(payload.start);
  // Known only from its QR: kept as long as head office would keep it.
  const booking: BookingRow = {
    id: payload.id,
    code: payload.code,
    serviceId: payload.serviceCode,
    start,
    end: new Date(payload.end),
    status: 'booked',
    idNumberHash: null,
    signedCode: token,
    ticketId: null,
    checkedInAt: null,
    createdAt: start,
    deleteAfter: new Date(start.getTime() + settings.appointments.retentionDays * DAY),
  };
  return { kind: 'booking', booking, known: false };
}

async function byIdNumber(db: Parameters<typeof findBooking>[0], typed: string, now: Date): Promise<BookingTarget> {
  const all = (await bookingsWithIdHash(db, idNumberHashes(typed))).filter((b) => b.status !== 'cancelled');
  // A booking still to check in first (one already used this morning must not hide this
  // afternoon's), then the one nearest to now: a person may hold next week's booking too.
  const open = all.filter((b) => b.status === 'booked');
  const candidates = open.length > 0 ? open : all;
  const nearest = candidates.sort((a, b) => Math.abs(a.start.getTime() - now.getTime()) - Math.abs(b.start.getTime() - now.getTime()))[0];
  if (!nearest) throw new AppError('booking_not_found', 'No encontramos una cita con ese código o documento');
  return { kind: 'booking', booking: nearest, known: true };
}

/** A waiting remote ticket by its printed code ("A-014", "a014") or its id (the portal's QR). */
function remoteTicketIn(view: QueueView, typed: string): Ticket | null {
  const compact = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return view.waiting.find((t) => t.origin === 'remote' && (t.id === typed || compact(t.code) === compact(typed))) ?? null;
}

function refuseByStatus(b: BookingRow): void {
  if (b.status === 'cancelled') throw new AppError('booking_cancelled', 'Esta cita fue cancelada');
  if (b.status === 'checked_in') {
    throw new AppError('already_checked_in', 'Esta cita ya tiene turno', { ticketId: b.ticketId });
  }
}

async function checkInBooking(deps: OfficeDeps, principal: Principal, booking: BookingRow, known: boolean, settings: BookingSettings): Promise<CheckInResult> {
  refuseByStatus(booking);
  const window = { earlyMinutes: settings.appointments.checkInEarlyMinutes, lateMinutes: settings.appointments.checkInLateMinutes };
  const timing = booking.status === 'no_show' ? { kind: 'too_late' as const, closedAt: lateEdge(booking.start, window) } : checkInTiming(booking.start, window, deps.clock.now());
  if (timing.kind === 'too_early') {
    const comeBackAt = localClockTime(timing.opensAt, settings.timeZone);
    throw new AppError('too_early', `Es muy pronto para su cita: vuelva a partir de las ${comeBackAt}`, { opensAt: timing.opensAt.toISOString(), comeBackAt });
  }
  if (timing.kind === 'too_late') {
    throw new AppError('too_late', 'Ya pasó la hora de su cita: puede tomar un turno', { closedAt: timing.closedAt.toISOString(), offerWalkIn: true });
  }
  const service = await deps.bus.read(async (_db, view) => bookingService(await view(), booking.serviceId));
  if (!service) throw new AppError('not_found', 'El trámite de esta cita no se atiende en esta oficina');
  let at = deps.clock.now();
  const { ticket } = await issueTicket(deps, principal, {
    serviceId: service.id,
    category: 'general',
    from: {
      origin: 'booking',
      slotAt: booking.start,
      bookingId: booking.id,
      // Again inside the record: a second kiosk may have checked it in meanwhile.
      check: async (ctx, now) => {
        at = now;
        const current = await findBooking(ctx.db, { id: booking.id });
        if (current) refuseByStatus(current);
        else if (known) throw new AppError('booking_not_found', 'No encontramos una cita con ese código o documento');
      },
      writes: (t, now) => [
        ticketOriginSql(t),
        known
          ? checkInBookingSql(booking.id, t.id, now)
          : insertCheckedInBookingSql({ ...booking, serviceId: service.id, ticketId: t.id, checkedInAt: now }),
      ],
      // Head office's figures: the check-in and its punctuality (a booking known only from its
      // QR was never counted as booked here, so it is now).
      facts: (_t, now, view) => {
        const office = { timeZone: view.office.timeZone, services: view.services };
        const counted = { id: booking.id, serviceId: service.id, start: booking.start };
        return [...(known ? [] : [bookingFact('booked', counted, now, office)]), bookingFact('checked_in', counted, now, office)];
      },
    },
  });
  deps.logger.info({ bookingId: booking.id, ticketId: ticket.id }, 'booking checked in');
  return { ticket, booking: { id: booking.id, at } };
}

/** The holder of a remote ticket is here: the policy may call it from now on. */
async function markPresent(deps: OfficeDeps, principal: Principal, ticketId: string): Promise<TicketDto> {
  return deps.bus.record('remote-check-in', async (ctx) => {
    const view = await ctx.view();
    const current = view.waiting.find((t) => t.id === ticketId);
    if (!current) throw new AppError('booking_not_found', 'Ese turno ya no está en espera');
    if (current.present !== false) {
      ctx.viewUnchanged();
      return ticketDto(view, current);
    }
    const ticket: Ticket = { ...current, present: true };
    ctx.write(ticketPresentSql(ticket.id));
    const after = viewWith(view, [ticket]);
    ctx.keepView(after);
    const dto = ticketDto(after, ticket);
    ctx.afterCommit(() => {
      deps.broadcaster.publish('ticket:updated', { ticket: dto, event: 'checked_in' });
      deps.broadcaster.publish('queue:changed', {});
      if (principal.deviceId && deps.printing.canPrint(principal.deviceId)) deps.printing.print(principal.deviceId, dto, view.office);
    });
    deps.logger.info({ ticketId: ticket.id }, 'remote ticket holder checked in');
    return dto;
  });
}
