/**
 * Booking on the public portal at head office, against real PostgreSQL, with a stand-in
 * office on the real link: offices listed with their services and hours (nearest first),
 * slots respect capacity, hours, holidays and the past; a booking reaches the office's link
 * log (no name or contact in it) and the office fetches it, also when it connects later;
 * the QR verifies with the public key the message carries; double submits give one booking;
 * capacity holds under concurrency; cancel and move reach the office too.
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BookingsMessage, PublicOfficesResponse, SlotsResponse } from '@turnero/contract/portal';
import { LinkMessage } from '@turnero/contract/hq-link';
import { dialLink } from '../hq/link-stand-in';
import { bookingBody, publicApi, startPortalHq, type PortalHq } from './helpers';

let p: PortalHq;
let officeToken: string;
const OFFICE = 'POR-001';
/** Thursday 3 December 2026, 09:00 and 09:15 in Bogotá. */
const NINE = '2026-12-03T14:00:00.000Z';
const NINE_15 = '2026-12-03T14:15:00.000Z';

/** Everything in the office's link log, as the office would fetch it. */
async function fetchAll(token: string) {
  const link = dialLink(p.hq.url, token);
  await link.connected();
  const r = await link.request<{ messages: unknown[] }>('link:fetch', { afterSeq: 0, limit: 100 });
  link.socket.close();
  return r.messages.map((m) => LinkMessage.parse(m));
}
const bookingMessages = async (token: string) =>
  (await fetchAll(token)).filter((m) => m.kind === 'bookings').map((m) => BookingsMessage.parse(m.payload));

beforeAll(async () => {
  p = await startPortalHq();
  officeToken = await p.addOffice(OFFICE, { city: 'Medellín', latitude: 6.2442, longitude: -75.5812 });
  await p.addOffice('POR-002', { city: 'Bogotá', company: 'Aguas', latitude: 4.711, longitude: -74.0721 });
}, 60_000);
afterAll(async () => {
  await p?.stop();
});

describe('offices and slots', () => {
  test('the offices list shows each office with its services, waiting counts, estimated waits and opening hours', async () => {
    const r = await publicApi(p.hq, 'GET', '/offices');
    expect(r.status).toBe(200);
    const body = PublicOfficesResponse.parse(r.body);
    const office = body.offices.find((o) => o.code === OFFICE)!;
    expect(office).toMatchObject({ name: `Oficina ${OFFICE}`, city: 'Medellín', company: 'EPM', openNow: true });
    expect(office.services.map((s) => [s.code, s.nameEs, s.waiting])).toEqual([
      ['FACT', 'Servicio FACT', 0],
      ['RECL', 'Servicio RECL', 0],
    ]);
    expect(office.services[0].estimatedWaitMinutes).toBeGreaterThanOrEqual(0);
    expect(office.services.find((s) => s.code === 'RECL')?.needsIdNumber).toBe(true);
    expect(office.openingHours?.[1]).toEqual([{ open: '08:00', close: '12:00' }]);
    expect(JSON.stringify(r.body)).not.toMatch(/token/i);
  });

  test('offices filter by company and city, and come nearest first when the phone gives its place', async () => {
    const byCity = PublicOfficesResponse.parse((await publicApi(p.hq, 'GET', '/offices?city=bogot%C3%A1')).body);
    expect(byCity.offices.map((o) => o.code)).toEqual(['POR-002']);
    const byCompany = PublicOfficesResponse.parse((await publicApi(p.hq, 'GET', '/offices?company=EPM')).body);
    expect(byCompany.offices.map((o) => o.code)).toEqual([OFFICE]);
    const nearBogota = PublicOfficesResponse.parse((await publicApi(p.hq, 'GET', '/offices?lat=4.6&lon=-74.1')).body);
    expect(nearBogota.offices.map((o) => o.code)).toEqual(['POR-002', OFFICE]);
    expect((await publicApi(p.hq, 'GET', '/offices?lat=200&lon=0')).status).toBe(400);
  });

  test("a day's slots follow the hours, every 15 minutes, two places each; none in the past, on holidays or beyond the weeks offered", async () => {
    const thursday = SlotsResponse.parse((await publicApi(p.hq, 'GET', `/offices/${OFFICE}/slots?service=FACT&date=2026-12-03`)).body);
    expect(thursday.slots).toHaveLength(16);
    expect(thursday.slots[0]).toEqual({ start: '2026-12-03T13:00:00.000Z', available: 2 });
    expect(thursday.slots.at(-1)?.start).toBe('2026-12-03T16:45:00.000Z');
    const today = SlotsResponse.parse((await publicApi(p.hq, 'GET', `/offices/${OFFICE}/slots?service=FACT&date=2026-12-02`)).body);
    expect(today.slots[0].start).toBe('2026-12-02T15:15:00.000Z');
    for (const [day, why] of [
      ['2026-12-04', 'a holiday the admin added'],
      ['2026-12-08', "Colombia's Inmaculada Concepción"],
      ['2026-12-06', 'a Sunday'],
      ['2026-12-01', 'yesterday'],
      ['2026-12-21', 'beyond two weeks'],
    ]) {
      const r = SlotsResponse.parse((await publicApi(p.hq, 'GET', `/offices/${OFFICE}/slots?service=FACT&date=${day}`)).body);
      expect(r.slots, why).toEqual([]);
    }
    expect((await publicApi(p.hq, 'GET', `/offices/${OFFICE}/slots?service=NOPE&date=2026-12-03`)).status).toBe(404);
    expect((await publicApi(p.hq, 'GET', `/offices/${OFFICE}/slots?service=FACT&date=3-12-2026`)).status).toBe(400);
  });
});

describe('booking', () => {
  test('a booking answers its code and signed QR, reaches the office without name or contact, and is confirmed to the customer', async () => {
    const r = await publicApi(p.hq, 'POST', '/bookings', bookingBody(OFFICE, NINE, { email: 'ana@example.com', phone: undefined }));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ start: NINE });
    expect(r.body.code).toMatch(/^[A-Z2-9]{8}$/);
    const messages = await bookingMessages(officeToken);
    const sent = messages.flatMap((m) => m.bookings).find((b) => b.id === r.body.id)!;
    expect(sent).toMatchObject({ code: r.body.code, officeCode: OFFICE, serviceCode: 'FACT', start: NINE, status: 'booked', idNumberHash: null, signedCode: r.body.qr });
    const raw = JSON.stringify(messages);
    expect(raw).not.toContain('Ana');
    expect(raw).not.toContain('ana@example.com');
    // The QR: v1.<payload>.<Ed25519 signature of the payload part>, checked with the key the message carries.
    const [v, payload, signature] = (r.body.qr as string).split('.');
    expect(v).toBe('v1');
    const key = createPublicKey(messages[0].publicKey);
    expect(verify(null, Buffer.from(payload), key, Buffer.from(signature, 'base64url'))).toBe(true);
    expect(verify(null, Buffer.from(payload + 'x'), key, Buffer.from(signature, 'base64url'))).toBe(false);
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ id: r.body.id, code: r.body.code, start: NINE });
    const confirmation = p.notifier.of('booking_confirmation').find((n) => n.params.code === r.body.code)!;
    expect(confirmation.to).toEqual({ phone: null, email: 'ana@example.com' });
    expect(confirmation.params.manageUrl).toContain(`/portal/#/booking/${r.body.code}`);
    const read = await publicApi(p.hq, 'GET', `/bookings/${r.body.code}`);
    expect(read.body).toMatchObject({ code: r.body.code, officeCode: OFFICE, serviceName: 'Servicio FACT', status: 'booked', qr: r.body.qr });
    const slots = SlotsResponse.parse((await publicApi(p.hq, 'GET', `/offices/${OFFICE}/slots?service=FACT&date=2026-12-03`)).body);
    expect(slots.slots.find((s) => s.start === NINE)?.available).toBe(1);
  });

  test('a booking made while the office is offline is delivered when it connects, announced while it is linked', async () => {
    const link = dialLink(p.hq.url, officeToken);
    await link.connected();
    const before = Math.max(...link.pending, 0);
    const r = await publicApi(p.hq, 'POST', '/bookings', bookingBody(OFFICE, '2026-12-07T13:00:00.000Z'));
    expect(r.status).toBe(201);
    await link.heard(before + 1);
    link.socket.close();
    const offline = await publicApi(p.hq, 'POST', '/bookings', bookingBody(OFFICE, '2026-12-07T13:15:00.000Z'));
    const ids = (await bookingMessages(officeToken)).flatMap((m) => m.bookings.map((b) => b.id));
    expect(ids).toEqual(expect.arrayContaining([r.body.id, offline.body.id]));
  });

  test('the ID number is asked only where the service needs it and reaches the office only as its SHA-256', async () => {
    const without = await publicApi(p.hq, 'POST', '/bookings', bookingBody(OFFICE, NINE_15, { serviceCode: 'RECL' }));
    expect(without.status).toBe(400);
    const r = await publicApi(p.hq, 'POST', '/bookings', bookingBody(OFFICE, NINE_15, { serviceCode: 'RECL', idNumber: '1020304050' }));
    expect(r.status).toBe(201);
    const sent = (await bookingMessages(officeToken)).flatMap((m) => m.bookings).find((b) => b.id === r.body.id)!;
    expect(sent.idNumberHash).toBe(createHash('sha256').update('1020304050').digest('hex'));
    expect(JSON.stringify(await fetchAll(officeToken))).not.toContain('1020304050');
  });

  test('bad input is refused with 400 and changes nothing: no contact, another consent version, not a slot', async () => {
    const count = async () => Number((await p.hq.db.sql.$queryRawUnsafe<{ n: number }[]>('SELECT COUNT(*)::int AS n FROM hq_booking'))[0].n);
    const before = await count();
    for (const [body, code] of [
      [bookingBody(OFFICE, NINE, { phone: undefined }), 'validation_failed'],
      [bookingBody(OFFICE, NINE, { consentVersion: 'v0' }), 'consent_version_mismatch'],
      [bookingBody(OFFICE, '2026-12-03T14:05:00.000Z'), 'validation_failed'],
      [bookingBody(OFFICE, '2026-12-06T14:00:00.000Z'), 'validation_failed'],
    ] as const) {
      const r = await publicApi(p.hq, 'POST', '/bookings', body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe(code);
    }
    expect((await publicApi(p.hq, 'POST', '/bookings', bookingBody('NOPE', NINE))).status).toBe(404);
    expect(await count()).toBe(before);
  });

  test('a double submit makes one booking: by request key, or by the same person, slot and service', async () => {
    const body = bookingBody(OFFICE, '2026-12-03T15:00:00.000Z', { requestKey: 'double-submit-key-1' });
    const [a, b] = await Promise.all([publicApi(p.hq, 'POST', '/bookings', body), publicApi(p.hq, 'POST', '/bookings', body)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.body.id).toBe(a.body.id);
    const again = bookingBody(OFFICE, '2026-12-03T15:15:00.000Z', { phone: '+573001112233' });
    const c = await publicApi(p.hq, 'POST', '/bookings', again);
    const d = await publicApi(p.hq, 'POST', '/bookings', { ...again, phone: '573001112233' });
    expect(d.body.id).toBe(c.body.id);
    const rows = await p.hq.db.sql.$queryRawUnsafe<{ n: number }[]>(
      `SELECT COUNT(*)::int AS n FROM hq_booking WHERE start IN ('2026-12-03T15:00:00Z', '2026-12-03T15:15:00Z')`,
    );
    expect(Number(rows[0].n)).toBe(2);
  });

  test('five customers racing for a slot of two places: two get it, three hear it is full', async () => {
    const slot = '2026-12-03T15:30:00.000Z';
    const answers = await Promise.all(Array.from({ length: 5 }, () => publicApi(p.hq, 'POST', '/bookings', bookingBody(OFFICE, slot))));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 409, 409, 409]);
    expect(answers.find((a) => a.status === 409)?.body.error.details).toEqual({ reason: 'slot_full' });
    const slots = SlotsResponse.parse((await publicApi(p.hq, 'GET', `/offices/${OFFICE}/slots?service=FACT&date=2026-12-03`)).body);
    expect(slots.slots.find((s) => s.start === slot)?.available).toBe(0);
  });

  test('cancelling frees the place, tells the office and the customer; cancelling again answers the same', async () => {
    const slot = '2026-12-03T15:45:00.000Z';
    const booked = await publicApi(p.hq, 'POST', '/bookings', bookingBody(OFFICE, slot));
    const r = await publicApi(p.hq, 'DELETE', `/bookings/${booked.body.code}`);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('cancelled');
    expect((await publicApi(p.hq, 'DELETE', `/bookings/${booked.body.code}`)).body.status).toBe('cancelled');
    const states = (await bookingMessages(officeToken)).flatMap((m) => m.bookings).filter((b) => b.id === booked.body.id).map((b) => b.status);
    expect(states).toEqual(['booked', 'cancelled']);
    expect(p.notifier.of('booking_cancelled').filter((n) => n.params.code === booked.body.code)).toHaveLength(1);
    const slots = SlotsResponse.parse((await publicApi(p.hq, 'GET', `/offices/${OFFICE}/slots?service=FACT&date=2026-12-03`)).body);
    expect(slots.slots.find((s) => s.start === slot)?.available).toBe(2);
    expect((await publicApi(p.hq, 'DELETE', '/bookings/ZZZZZZZZ')).status).toBe(404);
  });

  test('moving a booking takes a free slot, re-signs its QR and tells the office; a full slot is refused', async () => {
    const booked = await publicApi(p.hq, 'POST', '/bookings', bookingBody(OFFICE, '2026-12-03T16:00:00.000Z'));
    const full = await publicApi(p.hq, 'POST', `/bookings/${booked.body.code}/move`, { start: '2026-12-03T15:30:00.000Z' });
    expect(full.status).toBe(409);
    const moved = await publicApi(p.hq, 'POST', `/bookings/${booked.body.code}/move`, { start: '2026-12-03T16:15:00.000Z' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ start: '2026-12-03T16:15:00.000Z', status: 'booked' });
    expect(moved.body.qr).not.toBe(booked.body.qr);
    const last = (await bookingMessages(officeToken)).flatMap((m) => m.bookings).filter((b) => b.id === booked.body.id).at(-1);
    expect(last).toMatchObject({ start: '2026-12-03T16:15:00.000Z', signedCode: moved.body.qr });
  });
});
