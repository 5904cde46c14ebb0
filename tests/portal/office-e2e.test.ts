/**
 * The portal end to end with a real office server on the real link: a booking reaches the
 * office's bookings of the day and its kiosk recognises the signed QR; one made while the office is down arrives when it comes
 * back; a remote join is a real ticket in the office's queue (origin remote, the code the
 * portal showed); with the office down a join is 503 office_unreachable and nothing is kept.
 */
import { PORTAL_CONSENT_VERSION } from '@turnero/contract/portal-consent';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { OfficeBookingsResponse } from '@turnero/contract/portal';
import { QueueSnapshot } from '@turnero/contract/dto';
import { addDays, localDay } from '@turnero/domain/local-day';
import { localInstant } from '@turnero/domain/opening-hours';
import { io as connect, type Socket } from 'socket.io-client';
import { PORTAL_NAMESPACE, RemoteTicketView } from '@turnero/contract/portal';
import { withDeadline } from '../support/deadline';
import { act, closeOffice, expectStatus, sessionFor, signIn, type OfficeSession } from '../office/helpers';
import { waitUntil } from '../printing/support';
import { request } from '../support/http';
import { startTestOffice, tempDataDir } from '../support/office';
import { PORTAL_SETTINGS, bookingBody, publicApi, startPortalHq, type PortalHq } from './helpers';

const CODE = 'E2E-001';
const TZ = 'America/Bogota';
let p: PortalHq;
let token: string;
let dataDir: string;
let s: OfficeSession | undefined;
/** Tomorrow, office-local, and two of its slots. */
let day: string;
let slotA: string;
let slotB: string;

async function startOffice(): Promise<OfficeSession> {
  const office = await startTestOffice({ dataDir, env: { OFFICE_CODE: CODE, HQ_URL: p.hq.url, HQ_TOKEN: token, LOG_LEVEL: 'warn' } });
  return sessionFor(office);
}
const officeBookings = async () =>
  OfficeBookingsResponse.parse((await request(s!.url, 'GET', `/api/v1/bookings?date=${day}`, { token: s!.supervisor })).body).bookings;

beforeAll(async () => {
  p = await startPortalHq();
  p.clock.set(new Date().toISOString());
  day = addDays(localDay(new Date(), TZ), 1);
  slotA = localInstant(day, '10:00', TZ).toISOString();
  slotB = localInstant(day, '10:15', TZ).toISOString();
  token = await p.addOffice(CODE, { settings: { ...PORTAL_SETTINGS, openingHours: null, holidays: [], appointments: { ...PORTAL_SETTINGS.appointments!, weeksAhead: 1 } } });
  dataDir = tempDataDir('portal-e2e-');
  s = await startOffice();
  await waitUntil('the office to run head office configuration', async () => {
    const list = await request<{ catalogCode: string | null }[]>(s!.url, 'GET', '/api/v1/services', { token: s!.supervisor });
    return list.body.some((x) => x.catalogCode === 'FACT') ? true : undefined;
  });
}, 120_000);
afterAll(async () => {
  await closeOffice(s);
  await p?.stop();
});

describe('the portal with a real office', () => {
  test('a booking made on the portal is among the office bookings of its day', async () => {
    const r = await publicApi(p.hq, 'POST', '/bookings', bookingBody(CODE, slotA));
    expect(r.status).toBe(201);
    const found = await waitUntil('the office to hold the booking', async () => (await officeBookings()).find((b) => b.code === r.body.code));
    expect(found).toMatchObject({ start: slotA, status: 'booked', checkedInAt: null });
    // The kiosk checks head office's signature: the QR is recognised (too early for tomorrow's
    // slot), a forged one is not.
    const checkIn = (code: string) => request<{ error: { code: string } }>(s!.url, 'POST', '/api/v1/check-in', { token: s!.kiosk, body: { code } });
    expect((await checkIn(r.body.qr)).body.error.code).toBe('too_early');
    const [v, payload] = (r.body.qr as string).split('.');
    const forged = `${v}.${payload}.${Buffer.alloc(64).toString('base64url')}`;
    expect((await checkIn(forged)).body.error.code).toBe('booking_not_found');
  });

  test('a booking made while the office is down reaches it when it comes back', async () => {
    await s!.office.stop();
    const r = await publicApi(p.hq, 'POST', '/bookings', bookingBody(CODE, slotB));
    expect(r.status).toBe(201);
    s = await startOffice();
    const found = await waitUntil('the office to fetch the booking', async () => (await officeBookings()).find((b) => b.code === r.body.code));
    expect(found?.start).toBe(slotB);
  });

  test('a remote join is a real ticket of the office, in its queue with origin remote', async () => {
    const r = await waitUntil('the office link to take remote tickets', async () => {
      const j = await publicApi(p.hq, 'POST', '/remote-tickets', { officeCode: CODE, serviceCode: 'FACT', phone: '+573007770001', consentVersion: PORTAL_CONSENT_VERSION });
      return j.status === 201 ? j : undefined;
    });
    const queue = QueueSnapshot.parse((await request(s!.url, 'GET', '/api/v1/queue', { token: s!.supervisor })).body);
    const ticket = queue.waiting.find((t) => t.id === r.body.ticketId);
    expect(ticket).toMatchObject({ code: r.body.code, origin: 'remote' });
  });

  test("the live page follows the office's queue: its place moves up, then it is called to a counter, with one message each", async () => {
    const join = (phone: string) => publicApi(p.hq, 'POST', '/remote-tickets', { officeCode: CODE, serviceCode: 'FACT', phone, consentVersion: PORTAL_CONSENT_VERSION });
    const ahead = await join('+573007770011');
    const mine = await join('+573007770012');
    expect(mine.status).toBe(201);
    const publicId = (mine.body.url as string).split('/').at(-1)!;
    const phone: Socket = connect(p.hq.url + PORTAL_NAMESPACE, { transports: ['websocket'], reconnection: false });
    const views: RemoteTicketView[] = [];
    phone.on('ticket:update', (v: unknown) => views.push(RemoteTicketView.parse(v)));
    const watched = await withDeadline(new Promise<{ data: unknown }>((ok) => phone.emit('watch', { publicId }, ok)), 5000, 'watch');
    const start = RemoteTicketView.parse(watched.data).position!;
    expectStatus(await act(s!, s!.supervisor, ahead.body.ticketId, 'cancel'), 200, 'cancel the one ahead');
    await waitUntil('the phone to hear its place move up', async () => views.find((v) => v.position !== null && v.position < start));
    const agent = s!.agents[0];
    await signIn(s!, agent);
    expectStatus(await request(s!.url, 'POST', `/api/v1/tickets/${mine.body.ticketId}/call`, { token: agent.token, body: { counterId: agent.counterId } }), 200, 'call');
    const called = await waitUntil('the phone to hear it is called', async () => views.find((v) => v.status === 'called'));
    expect(called.counterName).toBeTruthy();
    phone.close();
    const sent = p.notifier.sent.filter((n) => n.params.code === mine.body.code).map((n) => n.template);
    expect(sent.filter((t) => t === 'remote_called')).toEqual(['remote_called']);
    expect(sent.filter((t) => t === 'remote_next').length).toBeLessThanOrEqual(1);
  });

  test('with the office down a join is 503 office_unreachable and head office keeps no ticket', async () => {
    await s!.office.stop();
    const before = Number((await p.hq.db.sql.$queryRawUnsafe<{ n: number }[]>('SELECT COUNT(*)::int AS n FROM hq_remote_ticket'))[0].n);
    const r = await publicApi(p.hq, 'POST', '/remote-tickets', { officeCode: CODE, serviceCode: 'FACT', phone: '+573007770002', consentVersion: PORTAL_CONSENT_VERSION });
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('office_unreachable');
    const after = Number((await p.hq.db.sql.$queryRawUnsafe<{ n: number }[]>('SELECT COUNT(*)::int AS n FROM hq_remote_ticket'))[0].n);
    expect(after).toBe(before);
  });
});
