/**
 * Head office's booking figures (issue 14, "Personal data"): a real office (fake clock) writes
 * one 'booking' outbox fact per booked, cancelled, checked-in or no-show booking, in the same
 * transaction as the change, carrying no code, contact or ID number; real PostgreSQL counts
 * them once per office, day and service in hq_booking_day whatever the retries, a rebuild
 * gives the same, and compare shows bookings, check-ins, no-shows and average lateness.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookingFact } from '@turnero/contract/booking-figures';
import { CompareQuery } from '@turnero/contract/hq';
import { OutboxEnvelope, type IngestBatch } from '@turnero/contract/outbox';
import { openHqDatabase, type HqDatabase } from '../../server/src/hq/db';
import { ingestBatch } from '../../server/src/hq/ingest/ingest';
import { rebuildOffice } from '../../server/src/hq/ingest/rebuild';
import { compareOffices } from '../../server/src/hq/reports/compare';
import { bookingDays } from '../../server/src/hq/store/booking-figures-store';
import { sweepBookings } from '../../server/src/office/bookings/booking-housekeeping';
import { outboxPage } from '../../server/src/office/store/sync-store';
import { expectStatus } from '../office/helpers';
import { createTestDatabase, type TestDatabase } from '../hq/helpers';
import { bookingsMessage, checkIn, DAY, linkBooking, OFFICE_CODE, openAppointmentOffice, sha256, type AppointmentOffice } from './helpers';

const LATE_MINUTES = 7;
const ID_HASH = sha256('1020304050');
let s: AppointmentOffice;
let testDb: TestDatabase;
let hq: HqDatabase;
const sync = { role: 'office-sync', officeCode: OFFICE_CODE };
const viewer = { role: 'admin', company: null };

beforeAll(async () => {
  s = await openAppointmentOffice({ appointments: { checkInEarlyMinutes: 30, checkInLateMinutes: 15 } });
  testDb = await createTestDatabase('hq_booking_figures');
  hq = await openHqDatabase({ databaseUrl: testDb.url, dataDir: '/tmp' });
  await hq.prisma.hqOffice.create({ data: { code: OFFICE_CODE, name: 'Oficina de citas', company: 'EPM', timeZone: 'America/Bogota' } });
}, 60_000);
afterAll(async () => {
  await s?.stop();
  await hq?.close();
  await testDb?.drop();
});

async function officeOutbox(): Promise<IngestBatch['events']> {
  const rows = await s.office.server.deps.bus.read((db) => outboxPage(db, 0, 5000));
  return rows.map((r) => OutboxEnvelope.parse({ seq: r.seq, occurredAt: r.occurredAt.toISOString(), fact: JSON.parse(r.payload) }));
}
const bookingFacts = async () =>
  (await officeOutbox()).flatMap((e) => (e.fact.kind === 'booking' ? [e.fact as BookingFact] : []));

describe('booking figures at head office', () => {
  it('writes a fact when bookings are applied, checked in late and swept as no-shows, with nothing personal in it', async () => {
    await s.applier.apply(
      bookingsMessage(s, [
        linkBooking('TARDE', '2026-12-01T15:00:00.000Z', { idNumberHash: ID_HASH }),
        linkBooking('NOVINO', '2026-12-01T15:30:00.000Z'),
        linkBooking('CANCELA', '2026-12-01T16:00:00.000Z'),
      ]),
    );
    // A resent state changes nothing and counts nothing; the cancellation counts once.
    await s.applier.apply(bookingsMessage(s, [linkBooking('NOVINO', '2026-12-01T15:30:00.000Z')]));
    await s.applier.apply(bookingsMessage(s, [linkBooking('CANCELA', '2026-12-01T16:00:00.000Z', { status: 'cancelled' })]));

    s.clock.set(new Date(Date.parse('2026-12-01T15:00:00.000Z') + LATE_MINUTES * 60_000).toISOString());
    expectStatus(await checkIn(s, 'TARDE'), 201, 'late check-in');
    s.clock.set('2026-12-01T15:50:00.000Z'); // NOVINO's late edge (15:45) has passed
    const sweep = await sweepBookings(s.office.server.deps);
    expect(sweep.noShows.map((b) => b.id)).toEqual(['bk-NOVINO']);
    expect(await sweepBookings(s.office.server.deps)).toMatchObject({ noShows: [] });

    const facts = await bookingFacts();
    expect(facts.map((f) => [f.event, f.bookingId])).toEqual([
      ['booked', 'bk-TARDE'],
      ['booked', 'bk-NOVINO'],
      ['booked', 'bk-CANCELA'],
      ['cancelled', 'bk-CANCELA'],
      ['checked_in', 'bk-TARDE'],
      ['no_show', 'bk-NOVINO'],
    ]);
    expect(facts.find((f) => f.event === 'checked_in')).toMatchObject({ punctualitySeconds: LATE_MINUTES * 60, day: DAY, slotStart: '2026-12-01T15:00:00.000Z' });
    const allowed = ['bookingId', 'day', 'event', 'kind', 'punctualitySeconds', 'serviceCode', 'slotStart'];
    for (const f of facts) expect(allowed).toEqual(expect.arrayContaining(Object.keys(f)));
    // The booking code (the helper's ids embed it, so only the bare code counts), the signed QR and the ID number's hash stay home.
    const wire = JSON.stringify(facts);
    for (const secret of ['"TARDE"', '"NOVINO"', '"CANCELA"', ID_HASH, 'v1.', '1020304050']) expect(wire).not.toContain(secret);
  });

  it('head office counts them once per day and service, however often the batch is sent, and a rebuild agrees', async () => {
    const events = await officeOutbox();
    const batch: IngestBatch = { officeCode: OFFICE_CODE, sentAt: s.clock.now().toISOString(), timeZone: 'America/Bogota', events };
    expect((await ingestBatch(hq, sync, batch, s.clock.now())).applied).toBe(events.length);
    expect(await ingestBatch(hq, sync, batch, s.clock.now())).toMatchObject({ applied: 0, duplicates: events.length });

    const serviceCode = (await bookingFacts())[0]!.serviceCode;
    const expected = [
      { day: DAY, serviceCode, booked: 3, cancelled: 1, checkedIn: 1, noShow: 1, lateCheckIns: 1, punctualitySecondsSum: LATE_MINUTES * 60 },
    ];
    expect(await bookingDays(hq.sql, OFFICE_CODE)).toEqual(expected);
    await rebuildOffice(hq, OFFICE_CODE);
    expect(await bookingDays(hq.sql, OFFICE_CODE)).toEqual(expected);
  });

  it('compare shows bookings, check-ins, no-shows and average lateness for the days asked, zeros and null outside them', async () => {
    const on = await compareOffices(hq.sql, viewer, CompareQuery.parse({ from: DAY, to: DAY }));
    expect(on.rows.find((r) => r.officeCode === OFFICE_CODE)).toMatchObject({
      bookings: 3,
      bookingCheckIns: 1,
      bookingNoShows: 1,
      bookingPunctualityMinutes: LATE_MINUTES,
    });
    const before = await compareOffices(hq.sql, viewer, CompareQuery.parse({ from: '2026-11-01', to: '2026-11-30' }));
    expect(before.rows.find((r) => r.officeCode === OFFICE_CODE)).toMatchObject({
      bookings: 0,
      bookingCheckIns: 0,
      bookingNoShows: 0,
      bookingPunctualityMinutes: null,
    });
  });
});
