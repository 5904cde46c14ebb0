/**
 * The portal's messages go through head office's own notifier: a booking queues its
 * confirmation once in hq_notification (a double submit does not queue a second), a
 * cancellation queues its own, each deleted with the booking's retention.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bookingBody, publicApi, startPortalHq, type PortalHq } from './helpers';

let p: PortalHq;
const OFFICE = 'NOT-001';

beforeAll(async () => {
  p = await startPortalHq({ ownNotifier: true });
  await p.addOffice(OFFICE);
}, 60_000);
afterAll(async () => {
  await p?.stop();
});

test('a booking queues one confirmation and its cancellation one cancellation, kept as long as the booking', async () => {
  const body = bookingBody(OFFICE, '2026-12-03T14:00:00.000Z', { email: 'nota@example.com', phone: undefined, requestKey: 'notify-key-0001' });
  const r = await publicApi(p.hq, 'POST', '/bookings', body);
  expect(r.status).toBe(201);
  expect((await publicApi(p.hq, 'POST', '/bookings', body)).body.id).toBe(r.body.id);
  expect((await publicApi(p.hq, 'DELETE', `/bookings/${r.body.code}`)).status).toBe(200);
  const rows = await p.hq.db.sql.$queryRawUnsafe<{ template: string; dedupe_key: string; delete_after: Date }[]>(
    `SELECT template, dedupe_key, delete_after FROM hq_notification WHERE dedupe_key LIKE '%' || $1 ORDER BY template`,
    r.body.id,
  );
  expect(rows.map((n) => [n.template, n.dedupe_key])).toEqual([
    ['booking_cancelled', `booking_cancelled:${r.body.id}`],
    ['booking_confirmation', `booking_confirmation:${r.body.id}`],
  ]);
  const booking = await p.hq.db.sql.$queryRawUnsafe<{ delete_after: Date }[]>('SELECT delete_after FROM hq_booking WHERE id = $1', r.body.id);
  expect(new Date(rows[0].delete_after).getTime()).toBe(new Date(booking[0].delete_after).getTime());
});
