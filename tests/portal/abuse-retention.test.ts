/**
 * The portal's abuse controls and retention at head office: per-address limits answer 429
 * before anything is read, per-contact limits count a phone however it is written, no-shows
 * the office reports are counted per contact (digest) and stop further bookings, and what
 * the portal holds about people is deleted once its retention ends, the rest kept.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createLogger } from '../../server/src/platform/logger';
import { DEFAULT_PORTAL_LIMITS } from '../../server/src/hq/portal/deps';
import { purgePortalData } from '../../server/src/hq/portal/retention';
import { dialLink } from '../hq/link-stand-in';
import { bookingBody, publicApi, startPortalHq, type PortalHq } from './helpers';

let p: PortalHq;
let strict: PortalHq;
let token: string;
const OFFICE = 'ABU-001';
const count = async (table: string) => Number((await p.hq.db.sql.$queryRawUnsafe<{ n: number }[]>(`SELECT COUNT(*)::int AS n FROM ${table}`))[0].n);

beforeAll(async () => {
  p = await startPortalHq({ limits: { bookingsPerContactPerHour: 2, maxNoShows: 2 } });
  token = await p.addOffice(OFFICE);
  // A second head-office process on the same database with tight per-address limits.
  strict = await startPortalHq({ db: p.db, rateLimits: { readsPerMinute: 3, writesPerMinute: 2 } });
}, 60_000);
afterAll(async () => {
  await strict?.stop();
  await p?.stop();
});

describe('abuse controls', () => {
  test('an address past its per-minute limit gets 429 rate_limited, reads and writes counted apart', async () => {
    const reads = [];
    for (let i = 0; i < 4; i++) reads.push((await publicApi(strict.hq, 'GET', '/offices')).status);
    expect(reads).toEqual([200, 200, 200, 429]);
    const writes = [];
    for (let i = 0; i < 3; i++) writes.push(await publicApi(strict.hq, 'POST', '/bookings', { officeCode: OFFICE }));
    expect(writes.map((w) => w.status)).toEqual([400, 400, 429]);
    expect(writes[2].body.error.code).toBe('rate_limited');
    expect(writes[2].headers.get('ratelimit-policy')).toBeTruthy();
  });

  test('one phone may book only so many times an hour, however the number is written', async () => {
    const phone = '+57 300 555 0101'.replace(/ /g, '');
    expect((await publicApi(p.hq, 'POST', '/bookings', bookingBody(OFFICE, '2026-12-03T13:00:00.000Z', { phone }))).status).toBe(201);
    expect((await publicApi(p.hq, 'POST', '/bookings', bookingBody(OFFICE, '2026-12-03T13:15:00.000Z', { phone: '573005550101' }))).status).toBe(201);
    const third = await publicApi(p.hq, 'POST', '/bookings', bookingBody(OFFICE, '2026-12-03T13:30:00.000Z', { phone }));
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('rate_limited');
  });

  test('no-shows the office reports are counted per contact; past the limit the contact may not book', async () => {
    const email = 'ausente@example.com';
    const ids: string[] = [];
    for (const start of ['2026-12-03T14:00:00.000Z', '2026-12-03T14:15:00.000Z']) {
      const r = await publicApi(p.hq, 'POST', '/bookings', bookingBody(OFFICE, start, { phone: undefined, email }));
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    const office = dialLink(p.hq.url, token);
    await office.connected();
    const at = '2026-12-03T15:00:00.000Z';
    expect(await office.request('link:booking-update', { bookings: ids.map((id) => ({ id, status: 'no_show', at })) })).toEqual({ ok: true });
    // The same report again (a retry after a lost ack) counts nothing twice.
    expect(await office.request('link:booking-update', { bookings: ids.map((id) => ({ id, status: 'no_show', at })) })).toEqual({ ok: true });
    office.socket.close();
    const records = await p.hq.db.sql.$queryRawUnsafe<{ no_shows: number; contact_key: string }[]>('SELECT contact_key, no_shows FROM hq_contact_record');
    expect(records.map((r) => Number(r.no_shows))).toEqual([2]);
    expect(records[0].contact_key).not.toContain('ausente');
    const refused = await publicApi(p.hq, 'POST', '/bookings', bookingBody(OFFICE, '2026-12-07T14:00:00.000Z', { phone: undefined, email: 'AUSENTE@example.com' }));
    expect(refused.status).toBe(403);
    const status = await p.hq.db.sql.$queryRawUnsafe<{ status: string }[]>(`SELECT status FROM hq_booking WHERE id = $1`, ids[0]);
    expect(status[0].status).toBe('no_show');
  });
});

describe('retention', () => {
  test("bookings, remote tickets and contact records are deleted after their retention; newer ones stay", async () => {
    const later = await publicApi(p.hq, 'POST', '/bookings', bookingBody(OFFICE, '2026-12-15T14:00:00.000Z'));
    expect(later.status).toBe(201);
    expect(await count('hq_booking')).toBeGreaterThan(1);
    const deps = { db: p.hq.db, clock: p.clock, logger: createLogger('silent'), limits: DEFAULT_PORTAL_LIMITS };
    expect(await purgePortalData(deps)).toEqual({ bookings: 0, remoteTickets: 0, contacts: 0 });
    // 30 days after the 3 December slots, before the 15 December one's end + 30 days.
    p.clock.set('2027-01-03T12:00:00Z');
    const purged = await purgePortalData(deps);
    expect(purged.bookings).toBeGreaterThanOrEqual(4);
    const left = await p.hq.db.sql.$queryRawUnsafe<{ id: string }[]>('SELECT id FROM hq_booking');
    expect(left.map((r) => r.id)).toEqual([later.body.id]);
    // Contacts not seen for the contact retention (180 days) go too.
    p.clock.set('2027-07-01T12:00:00Z');
    expect((await purgePortalData(deps)).contacts).toBe(1);
    expect(await count('hq_contact_record')).toBe(0);
    expect(await count('hq_booking')).toBe(0);
  });
});
