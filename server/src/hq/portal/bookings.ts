/**
 * Booking an appointment on the portal, and the customer's own changes (cancel, move) from
 * the link in their message. Every change is written with its 'bookings' link message in
 * one transaction; the office hears of it after the commit, and the customer gets a message.
 * Capacity is checked under a per-office lock, so a slot is never overbooked; a double
 * submit (same request key, or same person, slot and service) gets the first booking.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { BookingCreated, BookingRequest, PublicBooking } from '@turnero/contract/portal';
import { AppError } from '@turnero/domain/errors';
import type { Sql } from '../db';
import { announceBookings, queueBookings } from '../link/bookings-outbound';
import type { NotificationTemplate } from '../notify/types';
import { bookedPerSlot, bookingsOfContactSince, findBooking, findSameBooking, insertBooking, lockOfficeBookings, updateBooking, type BookingRow } from '../store/portal-store';
import { portalOfficeById } from '../store/portal-store';
import { noShowsOf } from '../store/remote-ticket-store';
import { contactKey, idNumberHash } from './contact';
import { notify, type PortalDeps } from './deps';
import { requirePortalOffice } from './offices';
import { assertConsent, officeView, serviceOf, type OfficeView } from './office-view';
import { findSlot, type SlotTime } from './slots';

/** Letters and digits nobody confuses when reading them off a phone (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
const DAY_MS = 86_400_000;

const newCode = () => Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

export async function createBooking(deps: PortalDeps, req: BookingRequest): Promise<BookingCreated> {
  const { db, clock, signer } = deps;
  const now = clock.now();
  const office = await requirePortalOffice(db.sql, req.officeCode);
  const service = serviceOf(office, req.serviceCode);
  if (!office.appointments.enabled) throw new AppError('conflict', `Office ${office.code} takes no appointments`);
  assertConsent(req.consentVersion);
  const needsId = office.appointments.idNumberServices.includes(service.catalogCode);
  if (needsId && !req.idNumber) throw new AppError('validation_failed', 'This service asks for the ID number', [{ path: ['idNumber'], message: 'required' }]);
  const key = contactKey(req);

  if (req.requestKey) {
    const earlier = await findBooking(db.sql, { requestKey: req.requestKey });
    if (earlier) return created(earlier);
  }
  if ((await noShowsOf(db.sql, key)) >= deps.limits.maxNoShows) {
    throw new AppError('forbidden', 'Too many missed appointments: book at the office');
  }
  if ((await bookingsOfContactSince(db.sql, key, new Date(now.getTime() - 3_600_000))) >= deps.limits.bookingsPerContactPerHour) {
    throw new AppError('rate_limited', 'Too many bookings for this contact; try again later', { retryAfterSeconds: 3600 });
  }
  const slot = requireSlot(office, new Date(req.start), now);

  const outcome = await db.transaction(async (tx) => {
    await lockOfficeBookings(tx, office.id);
    const same =
      (req.requestKey ? await findBooking(tx, { requestKey: req.requestKey }) : null) ??
      (await findSameBooking(tx, { contactKey: key, officeId: office.id, serviceCode: service.catalogCode, start: slot.start }));
    if (same) return { booking: same, notice: null };
    await assertRoom(tx, office, slot);
    const id = randomUUID();
    const code = await unusedCode(tx);
    const booking: BookingRow = {
      id,
      code,
      officeId: office.id,
      serviceCode: service.catalogCode,
      start: slot.start,
      end: slot.end,
      status: 'booked',
      name: req.name,
      phone: req.phone ?? null,
      email: req.email ?? null,
      idNumberHash: needsId && req.idNumber ? idNumberHash(req.idNumber) : null,
      contactKey: key,
      consentVersion: req.consentVersion,
      signedCode: signer.sign({ id, code, officeCode: office.code, serviceCode: service.catalogCode, start: slot.start.toISOString(), end: slot.end.toISOString() }),
      requestKey: req.requestKey ?? null,
      deleteAfter: retentionEnd(office, slot.end),
    };
    await insertBooking(tx, booking, now);
    return { booking, notice: await queueBookings(tx, office, [booking], signer.publicKeyPem, now) };
  });
  if (outcome.notice) {
    announceBookings(deps.link, outcome.notice);
    await tell(deps, office, outcome.booking, 'booking_confirmation', req.locale);
    deps.logger.info({ office: office.code, service: service.catalogCode, booking: outcome.booking.id }, 'portal: booked');
  }
  return created(outcome.booking);
}

export async function getBooking(deps: PortalDeps, code: string): Promise<PublicBooking> {
  const booking = await requireBooking(deps.db.sql, code);
  return publicBooking(booking, await officeOf(deps.db.sql, booking));
}

/** Cancels a booking (again: the same answer). A booking already checked in is the office's now. */
export async function cancelBooking(deps: PortalDeps, code: string): Promise<PublicBooking> {
  const { db, clock, signer } = deps;
  const now = clock.now();
  const found = await requireBooking(db.sql, code);
  const office = await officeOf(db.sql, found);
  const outcome = await db.transaction(async (tx) => {
    await lockOfficeBookings(tx, office.id);
    const booking = (await findBooking(tx, { id: found.id }))!;
    if (booking.status === 'cancelled') return { booking, notice: null };
    if (booking.status !== 'booked') throw new AppError('conflict', `The booking is ${booking.status}: it can no longer be cancelled`);
    booking.status = 'cancelled';
    await updateBooking(tx, booking, { cancelledAt: now });
    return { booking, notice: await queueBookings(tx, office, [booking], signer.publicKeyPem, now) };
  });
  if (outcome.notice) {
    announceBookings(deps.link, outcome.notice);
    await tell(deps, office, outcome.booking, 'booking_cancelled', 'es-CO');
    deps.logger.info({ office: office.code, booking: outcome.booking.id }, 'portal: booking cancelled');
  }
  return publicBooking(outcome.booking, office);
}

/** Moves a booking to another free slot of the same office and service: a new signed code. */
export async function moveBooking(deps: PortalDeps, code: string, start: string): Promise<PublicBooking> {
  const { db, clock, signer } = deps;
  const now = clock.now();
  const found = await requireBooking(db.sql, code);
  const office = await officeOf(db.sql, found);
  const slot = requireSlot(office, new Date(start), now);
  const outcome = await db.transaction(async (tx) => {
    await lockOfficeBookings(tx, office.id);
    const booking = (await findBooking(tx, { id: found.id }))!;
    if (booking.status !== 'booked') throw new AppError('conflict', `The booking is ${booking.status}: it can no longer be moved`);
    if (booking.start.getTime() === slot.start.getTime()) return { booking, notice: null };
    await assertRoom(tx, office, slot);
    Object.assign(booking, {
      start: slot.start,
      end: slot.end,
      deleteAfter: retentionEnd(office, slot.end),
      signedCode: signer.sign({ id: booking.id, code: booking.code, officeCode: office.code, serviceCode: booking.serviceCode, start: slot.start.toISOString(), end: slot.end.toISOString() }),
    });
    await updateBooking(tx, booking);
    return { booking, notice: await queueBookings(tx, office, [booking], signer.publicKeyPem, now) };
  });
  if (outcome.notice) {
    announceBookings(deps.link, outcome.notice);
    // A moved booking is confirmed again for its new time (its own message, not a repeat of the first).
    await tell(deps, office, outcome.booking, 'booking_confirmation', 'es-CO', `:${slot.start.getTime()}`);
  }
  return publicBooking(outcome.booking, office);
}

function requireSlot(office: OfficeView, start: Date, now: Date): SlotTime {
  const slot = Number.isNaN(start.getTime()) ? null : findSlot(start, office.calendar, office.appointments, now);
  if (!slot) throw new AppError('validation_failed', 'No such free slot: pick one from the slots list', [{ path: ['start'], message: 'not a slot' }]);
  return slot;
}

/** The slot still has a place (a booking moved there is elsewhere until it moves: never counted twice). */
async function assertRoom(tx: Sql, office: OfficeView, slot: SlotTime): Promise<void> {
  const booked = (await bookedPerSlot(tx, office.id, slot.start, slot.end)).get(slot.start.getTime()) ?? 0;
  if (booked >= office.appointments.counters) throw new AppError('conflict', 'That slot is full: pick another one', { reason: 'slot_full' });
}

async function unusedCode(tx: Sql): Promise<string> {
  for (;;) {
    const code = newCode();
    if (!(await findBooking(tx, { code }))) return code;
  }
}

const retentionEnd = (office: OfficeView, end: Date) => new Date(end.getTime() + office.appointments.retentionDays * DAY_MS);

const created = (b: BookingRow): BookingCreated => ({ id: b.id, code: b.code, qr: b.signedCode, start: b.start.toISOString() });

async function requireBooking(sql: Sql, code: string): Promise<BookingRow> {
  const booking = await findBooking(sql, { code: code.toUpperCase() });
  if (!booking) throw new AppError('not_found', 'No booking with that code');
  return booking;
}

async function officeOf(sql: Sql, b: BookingRow): Promise<OfficeView> {
  const row = await portalOfficeById(sql, b.officeId);
  if (!row) throw new AppError('not_found', 'No booking with that code');
  return officeView(row);
}

function publicBooking(b: BookingRow, office: OfficeView): PublicBooking {
  const service = office.services.find((s) => s.catalogCode === b.serviceCode);
  return {
    code: b.code,
    officeCode: office.code,
    officeName: office.name,
    serviceCode: b.serviceCode,
    serviceName: service?.nameEs ?? b.serviceCode,
    start: b.start.toISOString(),
    status: b.status as PublicBooking['status'],
    qr: b.signedCode,
  };
}

async function tell(deps: PortalDeps, office: OfficeView, b: BookingRow, template: NotificationTemplate, locale: 'es-CO' | 'en', suffix = ''): Promise<void> {
  const base = deps.publicUrl();
  await notify(deps, {
    template,
    to: { phone: b.phone, email: b.email },
    company: office.company,
    locale,
    params: {
      officeName: office.name,
      serviceName: office.services.find((s) => s.catalogCode === b.serviceCode)?.nameEs ?? b.serviceCode,
      start: b.start.toISOString(),
      code: b.code,
      manageUrl: `${base}/portal/#/booking/${b.code}`,
    },
    dedupeKey: `${template}:${b.id}${suffix}`,
    deleteAfter: b.deleteAfter,
  });
}
