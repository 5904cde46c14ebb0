/**
 * Bookings at the office (issue 14), on a real office in this process with a fake clock:
 * head office's 'bookings' message stores them; the kiosk checks in by code, by the signed
 * QR (also one whose booking never reached the office), or by ID number, inside the early
 * and late windows; a checked-in booking is a ticket like any other (origin booking).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { TicketDto } from '@turnero/contract/dto';
import type { OfficeBookingsResponse } from '@turnero/contract/portal';
import { expectStatus } from '../office/helpers';
import { request } from '../support/http';
import {
  bookingsMessage,
  checkIn,
  DAY,
  linkBooking,
  MORNING,
  OFFICE_CODE,
  openAppointmentOffice,
  sha256,
  signedToken,
  type AppointmentOffice,
} from './helpers';

let s: AppointmentOffice;
const at = (iso: string) => s.clock.set(iso);
const bookings = async (token = s.supervisor) =>
  expectStatus(await request<OfficeBookingsResponse>(s.office.url, 'GET', `/api/v1/bookings?date=${DAY}`, { token }), 200, 'bookings').body.bookings;
const bookingRow = (code: string) => s.office.server.deps.bus.read((db) => db.booking.findUnique({ where: { code } }));

beforeAll(async () => {
  s = await openAppointmentOffice();
  const applied = await s.applier.apply(
    bookingsMessage(s, [
      linkBooking('CITA10', '2026-12-01T15:00:00.000Z'), // 10:00
      linkBooking('CITA11', '2026-12-01T16:00:00.000Z'), // 11:00
      linkBooking('CITA08', '2026-12-01T13:30:00.000Z'), // 08:30
      linkBooking('CEDULA', '2026-12-01T15:15:00.000Z', { idNumberHash: sha256('1020304050') }),
      linkBooking('CEDULA2', '2026-12-01T19:00:00.000Z', { idNumberHash: sha256('1020304050') }),
      linkBooking('ANULADA', '2026-12-01T15:00:00.000Z', { status: 'cancelled' }),
    ]),
  );
  expect(applied).toMatchObject({ kind: 'done', result: { status: 'applied' } });
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

describe('bookings reach the office', () => {
  test('a bookings message stores them and head office key; staff list the day without personal data', async () => {
    const list = await bookings();
    // In slot order (then by code), so the desk reads the day from the top.
    expect(list.map((b) => b.code)).toEqual(['CITA08', 'ANULADA', 'CITA10', 'CEDULA', 'CITA11', 'CEDULA2']);
    expect(list.find((b) => b.code === 'CITA10')).toMatchObject({ status: 'booked', serviceId: s.serviceA, late: false, ticketId: null, start: '2026-12-01T15:00:00.000Z' });
    expect(list.find((b) => b.code === 'ANULADA')?.status).toBe('cancelled');
    expect(Object.keys(list[0]).sort()).toEqual(['checkedInAt', 'code', 'end', 'id', 'late', 'serviceId', 'serviceName', 'start', 'status', 'ticketCode', 'ticketId']);
    const office = await s.office.server.deps.bus.read((db) => db.office.findFirstOrThrow());
    expect(office.bookingPublicKey).toContain('BEGIN PUBLIC KEY');
  });

  test('the kiosk may not read the bookings list; a bad date is a 400', async () => {
    expect((await request(s.office.url, 'GET', `/api/v1/bookings?date=${DAY}`, { token: s.kiosk })).status).toBe(403);
    const bad = await request(s.office.url, 'GET', '/api/v1/bookings?date=mañana', { token: s.supervisor });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('validation_failed');
  });
});

describe('check-in at the kiosk', () => {
  test('by booking code inside the window: 201 a ticket with origin booking and its slot; the second time 409', async () => {
    at('2026-12-01T14:40:00.000Z'); // 20 minutes early, the window opens 30 before
    const r = expectStatus(await checkIn(s, 'cita10'), 201, 'check-in');
    expect(r.body).toMatchObject({ origin: 'booking', slotAt: '2026-12-01T15:00:00.000Z', status: 'waiting', serviceId: s.serviceA, present: true });
    expect(r.body.code).toMatch(/^A-\d{3}$/);
    const again = await checkIn(s, 'CITA10');
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'already_checked_in', details: { ticketId: r.body.id } });
    const listed = (await bookings()).find((b) => b.code === 'CITA10');
    expect(listed).toMatchObject({ status: 'checked_in', ticketId: r.body.id, ticketCode: r.body.code, checkedInAt: '2026-12-01T14:40:00.000Z' });
    const queue = expectStatus(await request<{ waiting: TicketDto[] }>(s.office.url, 'GET', '/api/v1/queue', { token: s.supervisor }), 200).body;
    expect(queue.waiting.find((t) => t.id === r.body.id)?.origin).toBe('booking');
  });

  test('too early says when to come back; too late offers a walk-in ticket; neither changes the booking', async () => {
    at('2026-12-01T14:40:00.000Z');
    const early = await checkIn(s, 'CITA11'); // 11:00: opens 10:30
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'too_early', details: { comeBackAt: '10:30', opensAt: '2026-12-01T15:30:00.000Z' } });
    const late = await checkIn(s, 'CITA08'); // 08:30: closed 08:45
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'too_late', details: { offerWalkIn: true } });
    expect((await bookingRow('CITA11'))?.status).toBe('booked');
    expect((await bookingRow('CITA08'))?.status).toBe('booked');
  });

  test('unknown code 404, cancelled booking 409, malformed body 400', async () => {
    const unknown = await checkIn(s, 'NOEXISTE');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe('booking_not_found');
    expect((await checkIn(s, 'ANULADA')).body.error?.code).toBe('booking_cancelled');
    const bad = await request(s.office.url, 'POST', '/api/v1/check-in', { token: s.kiosk, body: { code: 'x' } });
    expect(bad.status).toBe(400);
  });

  test('by ID number: matched by its SHA-256 as head office stores it, typed with or without dots', async () => {
    at('2026-12-01T15:00:00.000Z');
    const r = expectStatus(await checkIn(s, '1.020.304.050'), 201, 'check-in by ID number');
    expect(r.body).toMatchObject({ origin: 'booking', slotAt: '2026-12-01T15:15:00.000Z' });
    expect((await bookingRow('CEDULA'))?.status).toBe('checked_in');
    // The same person's afternoon booking is found by the same number once its window opens.
    at('2026-12-01T18:45:00.000Z');
    const afternoon = expectStatus(await checkIn(s, '1020304050'), 201, 'afternoon check-in by ID number');
    expect(afternoon.body.slotAt).toBe('2026-12-01T19:00:00.000Z');
  });

  test('by the signed QR of a booking the office never received (it was offline): honoured, and remembered', async () => {
    at('2026-12-01T15:00:00.000Z');
    const payload = { id: 'bk-offline', code: 'OFFLINE1', officeCode: OFFICE_CODE, serviceCode: 'A', start: '2026-12-01T15:10:00.000Z', end: '2026-12-01T15:30:00.000Z' };
    expect(await bookingRow('OFFLINE1')).toBeNull();
    const r = expectStatus(await checkIn(s, signedToken(payload)), 201, 'offline check-in');
    expect(r.body).toMatchObject({ origin: 'booking', slotAt: payload.start });
    expect(await bookingRow('OFFLINE1')).toMatchObject({ id: 'bk-offline', status: 'checked_in', ticketId: r.body.id });
    expect((await checkIn(s, signedToken(payload))).body.error?.code).toBe('already_checked_in');
    // The booking message arriving late does not undo the check-in.
    await s.applier.apply(bookingsMessage(s, [{ ...payload, status: 'booked', idNumberHash: null, signedCode: signedToken(payload), deleteAfter: '2026-12-31T00:00:00.000Z' }]));
    expect((await bookingRow('OFFLINE1'))?.status).toBe('checked_in');
  });

  test('a QR signed by another key is not a booking; one for another office is refused as such', async () => {
    const payload = { id: 'bk-x', code: 'FORGED1', officeCode: OFFICE_CODE, serviceCode: 'A', start: '2026-12-01T15:10:00.000Z', end: '2026-12-01T15:30:00.000Z' };
    const forged = await checkIn(s, signedToken(payload, 'stranger'));
    expect(forged.status).toBe(404);
    expect(forged.body.error?.code).toBe('booking_not_found');
    const elsewhere = await checkIn(s, signedToken({ ...payload, officeCode: 'OTRA-1' }));
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error?.code).toBe('wrong_office');
    expect(await bookingRow('FORGED1')).toBeNull();
  });
});

describe('head office moves and cancels', () => {
  test('a moved booking takes its new slot; a cancelled one can no longer check in', async () => {
    at(MORNING);
    await s.applier.apply(bookingsMessage(s, [linkBooking('CITA11', '2026-12-01T17:00:00.000Z')]));
    expect((await bookingRow('CITA11'))?.start.toISOString()).toBe('2026-12-01T17:00:00.000Z');
    await s.applier.apply(bookingsMessage(s, [linkBooking('CITA11', '2026-12-01T17:00:00.000Z', { status: 'cancelled' })]));
    at('2026-12-01T16:55:00.000Z');
    expect((await checkIn(s, 'CITA11')).body.error?.code).toBe('booking_cancelled');
  });
});
