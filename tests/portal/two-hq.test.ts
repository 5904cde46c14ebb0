/**
 * Two head-office processes behind one address (one PostgreSQL, one Redis for socket.io's
 * adapter): a remote join asked of the one the office is not linked to still reaches the
 * office; a phone watching on that one hears the office's updates received by the other;
 * both list the office as reachable and sign QR codes with the one key of their data folder.
 */
import { PORTAL_CONSENT_VERSION } from '@turnero/contract/portal-consent';
import { createPublicKey, verify } from 'node:crypto';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LinkMessage } from '@turnero/contract/hq-link';
import { BookingsMessage, PORTAL_NAMESPACE, PublicOfficesResponse, RemoteTicketView } from '@turnero/contract/portal';
import { dialLink } from '../hq/link-stand-in';
import { withDeadline } from '../support/deadline';
import { bookingBody, publicApi, startPortalHq, type PortalHq } from './helpers';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const OFFICE = `TWO-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
let linked: PortalHq;
let other: PortalHq;
let office: ReturnType<typeof dialLink>;

beforeAll(async () => {
  linked = await startPortalHq({ redisUrl: REDIS_URL });
  other = await startPortalHq({ db: linked.db, dataDir: linked.dataDir, redisUrl: REDIS_URL, clock: linked.clock });
  const token = await linked.addOffice(OFFICE);
  office = dialLink(linked.hq.url, token);
  office.socket.on('link:remote-ticket', (_req: unknown, ack: (a: unknown) => void) => ack({ ticketId: `${OFFICE}-t1`, code: 'F-001', position: 2, estimatedWaitMinutes: 12 }));
  await office.connected();
}, 60_000);
afterAll(async () => {
  office?.socket.close();
  await other?.stop();
  await linked?.stop();
});

test('a join on the other process reaches the office, and its phone hears the updates the linked process receives', async () => {
  const list = PublicOfficesResponse.parse((await publicApi(other.hq, 'GET', '/offices')).body);
  expect(list.offices.find((o) => o.code === OFFICE)?.reachable).toBe(true);
  const r = await publicApi(other.hq, 'POST', '/remote-tickets', { officeCode: OFFICE, serviceCode: 'FACT', phone: '+573006660001', consentVersion: PORTAL_CONSENT_VERSION });
  expect(r.status).toBe(201);
  expect(r.body).toMatchObject({ ticketId: `${OFFICE}-t1`, code: 'F-001', position: 2 });
  const publicId = (r.body.url as string).split('/').at(-1)!;
  const phone: Socket = connect(other.hq.url + PORTAL_NAMESPACE, { transports: ['websocket'], reconnection: false });
  const watched = await withDeadline(new Promise<{ data?: unknown }>((ok) => phone.emit('watch', { publicId }, ok)), 5000, 'watch');
  expect(watched.data).toBeTruthy();
  const heard = withDeadline(new Promise<unknown>((ok) => phone.once('ticket:update', ok)), 5000, 'ticket:update across processes');
  await office.request('link:remote-update', { tickets: [{ ticketId: `${OFFICE}-t1`, status: 'waiting', position: 1, estimatedWaitMinutes: 6, counterName: null, present: true }] });
  expect(RemoteTicketView.parse(await heard)).toMatchObject({ publicId, position: 1 });
  phone.close();
});

test('both processes sign QR codes with the one key the office holds', async () => {
  const a = await publicApi(linked.hq, 'POST', '/bookings', bookingBody(OFFICE, '2026-12-03T14:00:00.000Z'));
  const b = await publicApi(other.hq, 'POST', '/bookings', bookingBody(OFFICE, '2026-12-03T14:15:00.000Z'));
  expect([a.status, b.status]).toEqual([201, 201]);
  const r = await office.request<{ messages: unknown[] }>('link:fetch', { afterSeq: 0, limit: 100 });
  const keys = new Set(r.messages.map((m) => LinkMessage.parse(m)).filter((m) => m.kind === 'bookings').map((m) => BookingsMessage.parse(m.payload).publicKey));
  expect(keys.size).toBe(1);
  const key = createPublicKey([...keys][0]);
  for (const qr of [a.body.qr, b.body.qr] as string[]) {
    const [, payload, signature] = qr.split('.');
    expect(verify(null, Buffer.from(payload), key, Buffer.from(signature, 'base64url'))).toBe(true);
  }
});
