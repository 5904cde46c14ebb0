/**
 * Checked-in bookings in the office's one queue (issue 14), on a real office in this process
 * with a fake clock: called ahead of walk-ins from `callWindowMinutes` before their slot,
 * explained "Cita de las 10:00", at most `maxBookedInARow` in a row while walk-ins wait;
 * unchecked bookings become no-shows past their late edge (reported), and bookings past
 * their retention date are deleted.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CallResultDto, TicketDto } from '@turnero/contract/dto';
import type { OfficeBookingsResponse } from '@turnero/contract/portal';
import { sweepBookings } from '../../server/src/office/bookings/booking-housekeeping';
import { expectStatus } from '../office/helpers';
import { request } from '../support/http';
import { bookingsMessage, checkIn, DAY, linkBooking, openAppointmentOffice, type AppointmentOffice } from './helpers';

let s: AppointmentOffice;
const at = (iso: string) => s.clock.set(iso);
const post = <T>(path: string, token: string) => request<T>(s.office.url, 'POST', path, { token });

async function walkIn(): Promise<TicketDto> {
  const r = await request<TicketDto>(s.office.url, 'POST', '/api/v1/tickets', { token: s.kiosk, body: { serviceId: s.serviceA, category: 'general', print: false } });
  return expectStatus(r, 201, 'walk-in').body;
}
/** Calls next at Módulo 1 and clears the counter (no-show) for the next call. */
async function callNext(): Promise<CallResultDto> {
  const called = expectStatus(await post<CallResultDto>(`/api/v1/counters/${s.agent.counterId}/call-next`, s.agent.token), 200, 'call-next').body;
  expectStatus(await post(`/api/v1/tickets/${called.ticket.id}/no-show`, s.agent.token), 200, 'no-show');
  return called;
}

beforeAll(async () => {
  s = await openAppointmentOffice({ appointments: { callWindowMinutes: 5, maxBookedInARow: 2, checkInLateMinutes: 15, checkInEarlyMinutes: 30 } });
  await s.applier.apply(
    bookingsMessage(s, [
      linkBooking('DIEZ1', '2026-12-01T15:00:00.000Z'),
      linkBooking('DIEZ2', '2026-12-01T15:00:00.000Z'),
      linkBooking('DIEZ5', '2026-12-01T15:05:00.000Z'),
      linkBooking('ONCE', '2026-12-01T16:00:00.000Z'),
      linkBooking('VIEJA', '2026-11-01T15:00:00.000Z', { deleteAfter: '2026-12-01T20:00:00.000Z', status: 'cancelled' }),
    ]),
  );
  expectStatus(await post(`/api/v1/counters/${s.agent.counterId}/sign-in`, s.agent.token), 200, 'sign-in');
}, 60_000);
afterAll(async () => {
  await s?.stop();
});

describe('calling checked-in bookings', () => {
  test('at its slot a booking goes ahead of walk-ins, explained; after two in a row a walk-in goes; a booking not due waits', async () => {
    at('2026-12-01T14:30:00.000Z');
    const walkIns = [await walkIn(), await walkIn(), await walkIn()];
    at('2026-12-01T14:45:00.000Z');
    const booked = [];
    for (const code of ['DIEZ1', 'DIEZ2', 'DIEZ5']) booked.push(expectStatus(await checkIn(s, code), 201, code).body);

    at('2026-12-01T14:50:00.000Z'); // 10 minutes before the slots: not yet
    const first = await callNext();
    expect(first.ticket.id).toBe(walkIns[0].id);
    expect(first.reason).not.toBe('booking');

    at('2026-12-01T14:56:00.000Z'); // within 5 minutes of 10:00
    const second = await callNext();
    expect(second.ticket).toMatchObject({ id: booked[0].id, origin: 'booking' });
    expect(second.reason).toBe('booking');
    expect(second.why).toEqual({ rule: 'booking', slotTime: '10:00', bookedInARow: 1 });
    expect(second.explanation).toBe('Cita de las 10:00');

    const third = await callNext();
    expect(third.ticket.id).toBe(booked[1].id);
    expect(third.why).toMatchObject({ rule: 'booking', bookedInARow: 2 });

    at('2026-12-01T15:01:00.000Z'); // DIEZ5 is due too, but two booked calls were made in a row
    const fourth = await callNext();
    expect(fourth.ticket.id).toBe(walkIns[1].id);

    const fifth = await callNext();
    expect(fifth.ticket.id).toBe(booked[2].id);
    expect(fifth.explanation).toBe('Cita de las 10:05');
  });
});

describe('no-shows and retention', () => {
  test('a booking not checked in by its late edge becomes a no-show (reported), listed late, and can no longer check in', async () => {
    at('2026-12-01T16:15:00.000Z'); // 11:15: the late edge of ONCE, still on time
    expect((await sweepBookings(s.office.server.deps)).noShows).toEqual([]);
    at('2026-12-01T16:16:00.000Z');
    const sweep = await sweepBookings(s.office.server.deps);
    expect(sweep.noShows).toEqual([{ id: 'bk-ONCE', at: new Date('2026-12-01T16:15:00.000Z') }]);
    const list = expectStatus(await request<OfficeBookingsResponse>(s.office.url, 'GET', `/api/v1/bookings?date=${DAY}`, { token: s.supervisor }), 200).body;
    expect(list.bookings.find((b) => b.code === 'ONCE')).toMatchObject({ status: 'no_show', late: true });
    expect(list.bookings.find((b) => b.code === 'DIEZ1')).toMatchObject({ status: 'checked_in', late: false });
    expect((await checkIn(s, 'ONCE')).body.error?.code).toBe('too_late');
    expect((await sweepBookings(s.office.server.deps)).noShows).toEqual([]);
  });

  test('a booking past its deleteAfter is deleted; the others stay', async () => {
    const rows = () => s.office.server.deps.bus.read((db) => db.booking.findMany({ select: { code: true } }));
    expect((await rows()).map((r) => r.code)).toContain('VIEJA');
    at('2026-12-01T20:01:00.000Z');
    const sweep = await sweepBookings(s.office.server.deps);
    expect(sweep.purged).toBe(1);
    const left = (await rows()).map((r) => r.code).sort();
    expect(left).toEqual(['DIEZ1', 'DIEZ2', 'DIEZ5', 'ONCE']);
  });
});
