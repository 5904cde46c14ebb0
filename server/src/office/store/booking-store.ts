/**
 * The office's booking rows (prisma/office/schema.prisma Booking) and the few writes a
 * booking adds to the busy ticket path, as SQL statements the command bus commits with the
 * ticket (see store/ticket-writes.ts for why). No names or contacts ever reach the office:
 * a booking holds its code, service, slot, status and at most the ID number's hash.
 */
import type { ArgType, SqlQuery } from '@prisma/driver-adapter-utils';
import type { BookingStatus, LinkBooking } from '@turnero/contract/portal';
import type { Ticket } from '@turnero/domain/types';
import type { Db } from './db';
import { appointmentSettingsOf, remoteQueueSettingsOf } from '../bookings/booking-settings';

export interface BookingRow {
  id: string;
  code: string;
  serviceId: string;
  start: Date;
  end: Date;
  status: BookingStatus;
  idNumberHash: string | null;
  signedCode: string | null;
  ticketId: string | null;
  checkedInAt: Date | null;
  createdAt: Date;
  deleteAfter: Date;
}

const asRow = (r: Omit<BookingRow, 'status'> & { status: string }): BookingRow => ({ ...r, status: r.status as BookingStatus });

/** What check-in and the remote queue read of the office row. */
export async function readBookingSettings(db: Db) {
  const o = await db.office.findFirstOrThrow({
    select: { code: true, timeZone: true, appointmentSettings: true, remoteQueueSettings: true, bookingPublicKey: true },
  });
  return {
    officeCode: o.code,
    timeZone: o.timeZone,
    appointments: appointmentSettingsOf(o.appointmentSettings),
    remoteQueue: remoteQueueSettingsOf(o.remoteQueueSettings),
    publicKey: o.bookingPublicKey,
  };
}
export type BookingSettings = Awaited<ReturnType<typeof readBookingSettings>>;

export async function saveBookingPublicKey(db: Db, pem: string): Promise<boolean> {
  const o = await db.office.findFirstOrThrow({ select: { id: true, bookingPublicKey: true } });
  if (o.bookingPublicKey === pem) return false;
  await db.office.update({ where: { id: o.id }, data: { bookingPublicKey: pem } });
  return true;
}

export async function findBooking(db: Db, where: { id?: string; code?: string }): Promise<BookingRow | null> {
  const byId = where.id ? await db.booking.findUnique({ where: { id: where.id } }) : null;
  const row = byId ?? (where.code ? await db.booking.findUnique({ where: { code: where.code } }) : null);
  return row ? asRow(row) : null;
}

export async function bookingsWithIdHash(db: Db, hashes: string[]): Promise<BookingRow[]> {
  const rows = await db.booking.findMany({ where: { idNumberHash: { in: hashes } }, orderBy: { start: 'asc' } });
  return rows.map(asRow);
}

export async function bookingsBetween(db: Db, from: Date, until: Date): Promise<BookingRow[]> {
  const rows = await db.booking.findMany({ where: { start: { gte: from, lt: until } }, orderBy: [{ start: 'asc' }, { code: 'asc' }] });
  return rows.map(asRow);
}

/**
 * Head office's view of one booking, applied: a new one is inserted; a known one takes the
 * new slot, service and status while still `booked` (moved or cancelled at head office),
 * but one the office already checked in or marked no-show keeps what happened here.
 */
export async function upsertLinkBooking(db: Db, b: LinkBooking, serviceId: string, now: Date): Promise<'created' | 'updated' | 'kept'> {
  const fields = {
    code: b.code,
    serviceId,
    start: new Date(b.start),
    end: new Date(b.end),
    idNumberHash: b.idNumberHash,
    signedCode: b.signedCode,
    deleteAfter: new Date(b.deleteAfter),
  };
  const existing = await findBooking(db, { id: b.id });
  if (!existing) {
    await db.booking.create({ data: { id: b.id, ...fields, status: b.status, createdAt: now } });
    return 'created';
  }
  if (existing.status !== 'booked') return 'kept';
  await db.booking.update({ where: { id: b.id }, data: { ...fields, status: b.status } });
  return 'updated';
}

/** Bookings still `booked` whose slot started before `startedBefore` (past their late edge). */
export async function unclaimedBookings(db: Db, startedBefore: Date): Promise<BookingRow[]> {
  const rows = await db.booking.findMany({ where: { status: 'booked', start: { lt: startedBefore } }, take: 500 });
  return rows.map(asRow);
}

export async function markNoShows(db: Db, ids: string[]): Promise<number> {
  const r = await db.booking.updateMany({ where: { id: { in: ids }, status: 'booked' }, data: { status: 'no_show' } });
  return r.count;
}

/** Bookings that changed here (checked in or no-show) since `since`: what head office must hear. */
export async function bookingsSettledSince(db: Db, since: Date): Promise<BookingRow[]> {
  const rows = await db.booking.findMany({
    where: {
      OR: [
        { status: 'checked_in', checkedInAt: { gte: since } },
        { status: 'no_show', start: { gte: since } },
      ],
    },
    take: 500,
  });
  return rows.map(asRow);
}

export async function purgeBookings(db: Db, now: Date): Promise<number> {
  const r = await db.booking.deleteMany({ where: { deleteAfter: { lt: now } } });
  return r.count;
}

/**
 * The booked calls a counter made in a row just before now, up to `max`, read from the
 * event log (each `called` event keeps the rule that chose it): the cap survives restarts.
 */
export async function recentBookedStreak(db: Db, counterId: string, max: number): Promise<number> {
  const calls = await db.ticketEvent.findMany({
    where: { counterId, type: 'called' },
    orderBy: { id: 'desc' },
    take: max,
    select: { data: true },
  });
  let streak = 0;
  for (const c of calls) {
    const reason = c.data ? (JSON.parse(c.data) as { reason?: string }).reason : undefined;
    if (reason !== 'booking') break;
    streak += 1;
  }
  return streak;
}

// ---------- statements committed with a ticket ----------

const TEXT: ArgType = { scalarType: 'string', arity: 'scalar' };
const INT: ArgType = { scalarType: 'int', arity: 'scalar' };
const DATE: ArgType = { scalarType: 'datetime', arity: 'scalar' };
type Typed = readonly [string | number | Date | null, ArgType];
const statement = (sql: string, values: Typed[]): SqlQuery => ({ sql, args: values.map(([v]) => v), argTypes: values.map(([, t]) => t) });

/** The origin columns of a ticket just inserted (insertTicketSql writes the walk-in defaults). */
export const ticketOriginSql = (t: Ticket): SqlQuery =>
  statement('UPDATE "Ticket" SET "origin" = ?, "slotAt" = ?, "present" = ?, "bookingId" = ? WHERE "id" = ?', [
    [t.origin ?? 'walk_in', TEXT],
    [t.slotAt ?? null, DATE],
    [t.present === false ? 0 : 1, INT],
    [t.bookingId ?? null, TEXT],
    [t.id, TEXT],
  ]);

/** A remote ticket's holder checked in: the policy may call it now. */
export const ticketPresentSql = (ticketId: string): SqlQuery => statement('UPDATE "Ticket" SET "present" = 1 WHERE "id" = ?', [[ticketId, TEXT]]);

export const checkInBookingSql = (bookingId: string, ticketId: string, at: Date): SqlQuery =>
  statement('UPDATE "Booking" SET "status" = ?, "ticketId" = ?, "checkedInAt" = ? WHERE "id" = ?', [
    ['checked_in', TEXT],
    [ticketId, TEXT],
    [at, DATE],
    [bookingId, TEXT],
  ]);

/** A booking known only from its signed QR (the office was offline when it was made), checked in at once. */
export const insertCheckedInBookingSql = (b: Omit<BookingRow, 'status' | 'idNumberHash'>): SqlQuery =>
  statement(
    'INSERT INTO "Booking" ("id", "code", "serviceId", "start", "end", "status", "signedCode", "ticketId", "checkedInAt", "createdAt", "deleteAfter") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      [b.id, TEXT],
      [b.code, TEXT],
      [b.serviceId, TEXT],
      [b.start, DATE],
      [b.end, DATE],
      ['checked_in', TEXT],
      [b.signedCode, TEXT],
      [b.ticketId, TEXT],
      [b.checkedInAt, DATE],
      [b.createdAt, DATE],
      [b.deleteAfter, DATE],
    ],
  );

/** The printed codes of the tickets some bookings became (the day's bookings list shows them). */
export async function ticketCodesOf(db: Db, ticketIds: string[]): Promise<Map<string, string>> {
  if (ticketIds.length === 0) return new Map();
  const rows = await db.ticket.findMany({ where: { id: { in: ticketIds } }, select: { id: true, code: true } });
  return new Map(rows.map((t) => [t.id, t.code]));
}

/** A day's remote tickets in issue order (at most 500: what one report to head office carries). */
export function remoteTicketsOfDay(db: Db, day: string) {
  return db.ticket.findMany({ where: { origin: 'remote', day }, orderBy: { issuedAt: 'asc' }, take: 500 });
}
