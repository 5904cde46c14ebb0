/**
 * Ley 1581 rights at head office cover what the customer portal keeps: bookings (name,
 * contact, ID-number hash), remote tickets, messages and no-show counts. On real PostgreSQL
 * with a stand-in office on the real link: search by phone, e-mail or ID number finds the
 * person's rows (by the portal's own digests where only a digest is kept) without showing
 * the contact, export gives back what they gave, delete cancels active bookings at the
 * office and removes every row in one audited transaction, other customers untouched, and
 * no log line carries the contact.
 */
import { PORTAL_CONSENT_VERSION } from '@turnero/contract/portal-consent';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import pg from 'pg';
import type { AuditEntryDto, PersonalDataDeleted, PersonalDataExport, PersonalDataFound } from '@turnero/contract/personal-data';
import type { BookingsMessage } from '@turnero/contract/portal';
import { contactKey } from '../../server/src/hq/portal/contact';
import { insertNotification } from '../../server/src/hq/store/notification-store';
import { api } from '../hq/helpers';
import { dialLink } from '../hq/link-stand-in';
import { capturingLogger } from '../notify/helpers';
import { bookingBody, publicApi, startPortalHq, type PortalHq } from './helpers';

const OFFICE = 'PDR-001';
const ANA = { name: 'Ana Lucía Restrepo', phone: '+573001112233', email: 'ana.lucia@example.com', idNumber: '1020304050' };
const BRUNO = { name: 'Bruno Gómez Arango', phone: '+573009998877', email: 'bruno.g@example.com' };

let p: PortalHq;
let office: ReturnType<typeof dialLink>;
const captured = capturingLogger();
const ids: Record<string, string> = {};

const rights = (action: string, body: unknown) => api(p.hq.url, 'POST', `/api/v1/hq/personal-data/${action}`, { token: p.admin, body });
const count = async (sqlText: string, ...args: unknown[]) =>
  Number((await p.hq.db.sql.$queryRawUnsafe<{ n: number }[]>(sqlText, ...args))[0].n);

/** Which head-office tables hold the value in any row (every row cast to text). */
async function tablesHolding(value: string): Promise<string[]> {
  const c = new pg.Client(p.db.url);
  await c.connect();
  try {
    const tables = (await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.tablename as string);
    const holding: string[] = [];
    for (const t of tables) if ((await c.query(`SELECT count(*)::int AS n FROM "${t}" x WHERE strpos(x::text, $1) > 0`, [value])).rows[0].n > 0) holding.push(t);
    return holding;
  } finally {
    await c.end();
  }
}

async function book(start: string, over: Record<string, unknown>): Promise<{ id: string; code: string }> {
  const r = await publicApi(p.hq, 'POST', '/bookings', bookingBody(OFFICE, start, over));
  expect(r.status, r.text).toBe(201);
  return r.body;
}

async function joinQueue(contact: { phone?: string; email?: string }): Promise<void> {
  const r = await publicApi(p.hq, 'POST', '/remote-tickets', { officeCode: OFFICE, serviceCode: 'FACT', consentVersion: PORTAL_CONSENT_VERSION, ...contact });
  expect(r.status, r.text).toBe(201);
}

async function sentMessage(id: string, recipient: string, channel: string): Promise<void> {
  const now = p.clock.now();
  await insertNotification(
    p.hq.db.sql,
    { id, channel, recipient, template: 'booking_confirmation', company: 'EPM', locale: 'es-CO', params: {}, dedupeKey: `test:${id}`, deleteAfter: new Date(now.getTime() + 86_400_000) },
    now,
  );
}

beforeAll(async () => {
  // Head office's own notifier (no channel configured): each booking's confirmation is a row in hq_notification.
  p = await startPortalHq({ ownNotifier: true, logger: captured.logger as never });
  const token = await p.addOffice(OFFICE);
  office = dialLink(p.hq.url, token);
  let n = 0;
  office.socket.on('link:remote-ticket', (_req: unknown, ack: (a: unknown) => void) => {
    n += 1;
    ack({ ticketId: `pd-ticket-${n}`, code: `F-${String(n).padStart(3, '0')}`, position: n - 1, estimatedWaitMinutes: 5 });
  });
  await office.connected();

  // Ana: a booking with phone and e-mail, one by e-mail with her ID number, a remote ticket by phone,
  // an e-mail sent to her, and a no-show counted against her phone.
  const a1 = await book('2026-12-03T14:00:00.000Z', { name: ANA.name, phone: ANA.phone, email: ANA.email });
  const a2 = await book('2026-12-03T14:15:00.000Z', { name: ANA.name, phone: undefined, email: ANA.email, serviceCode: 'RECL', idNumber: ANA.idNumber });
  Object.assign(ids, { a1: a1.id, a2: a2.id });
  await joinQueue({ phone: ANA.phone });
  await sentMessage('00000000-0000-4000-8000-0000000000a1', ANA.email, 'email');
  // Bruno: the same kinds of rows, none of which is Ana's.
  ids.b1 = (await book('2026-12-03T14:30:00.000Z', { name: BRUNO.name, phone: BRUNO.phone, email: BRUNO.email })).id;
  await joinQueue({ phone: BRUNO.phone });
  await sentMessage('00000000-0000-4000-8000-0000000000b1', BRUNO.phone, 'sms');
  for (const [key, noShows] of [[contactKey({ phone: ANA.phone }), 1], [contactKey({ phone: BRUNO.phone }), 2]] as const) {
    await p.hq.db.sql.$executeRawUnsafe('INSERT INTO hq_contact_record (contact_key, no_shows, last_seen_at) VALUES ($1, $2, $3::timestamp)', key, noShows, p.clock.now().toISOString());
  }
}, 60_000);
afterAll(async () => {
  office?.socket.close();
  await p?.stop();
});

describe("personal-data rights over the portal's rows", () => {
  test('search by phone (as typed with spaces) finds her booking, remote ticket, messages and no-show count, showing no contact', async () => {
    const r = await rights('search', { phone: '+57 300 111 2233' });
    expect(r.status, r.text).toBe(200);
    const found = r.body as PersonalDataFound;
    // Her booking by phone; the messages to her e-mail (given with that booking) and its confirmation.
    expect(found.counts).toEqual({ hq_event: 0, hq_booking: 1, hq_remote_ticket: 1, hq_notification: 2, hq_contact_record: 1 });
    expect(found.records.find((x) => x.store === 'hq_booking')).toMatchObject({ data: { office: OFFICE, service: 'FACT', status: 'booked' } });
    expect(found.records.find((x) => x.store === 'hq_contact_record')?.data.noShows).toBe(1);
    for (const secret of [ANA.name, ANA.phone, ANA.email, contactKey({ phone: ANA.phone })]) expect(r.text).not.toContain(secret);
  });

  test('search by e-mail, in any case, also finds the booking made by e-mail alone', async () => {
    const found = (await rights('search', { email: 'Ana.Lucia@Example.com' })).body as PersonalDataFound;
    expect(found.counts).toEqual({ hq_event: 0, hq_booking: 2, hq_remote_ticket: 1, hq_notification: 3, hq_contact_record: 1 });
  });

  test('search by ID number compares its hash: only the booking that asked for it', async () => {
    const found = (await rights('search', { idNumber: ANA.idNumber })).body as PersonalDataFound;
    expect(found.records.filter((x) => x.store === 'hq_booking').map((x) => x.data.service)).toEqual(['RECL']);
    expect(found.counts?.hq_booking).toBe(1);
  });

  test('export gives back what she gave (name, phone, e-mail, consent), never the ID number or a digest', async () => {
    const r = await rights('export', { email: ANA.email });
    expect(r.status, r.text).toBe(200);
    const ex = r.body as PersonalDataExport;
    const bookings = ex.records.filter((x) => x.store === 'hq_booking');
    expect(bookings.map((b) => [b.data.name, b.data.email, b.data.idNumberKeptAsDigest])).toEqual([
      [ANA.name, ANA.email, false],
      [ANA.name, ANA.email, true],
    ]);
    expect(ex.records.find((x) => x.store === 'hq_remote_ticket')?.data.phone).toBe(ANA.phone);
    expect(ex.records.filter((x) => x.store === 'hq_notification').map((x) => x.data.recipient)).toContain(ANA.email);
    expect(r.text).not.toContain(ANA.idNumber);
    expect(r.text).not.toContain(contactKey({ email: ANA.email }));
    expect(r.text).not.toContain(BRUNO.name);
  });

  test('delete cancels her active bookings at the office, removes all her rows in one go, leaves Bruno alone, and is audited masked', async () => {
    const bruno = await tablesHolding(BRUNO.phone);
    const seqBefore = await count('SELECT COALESCE(MAX(seq), 0)::int AS n FROM hq_link_message l JOIN hq_office o ON o.id = l.office_id WHERE o.code = $1', OFFICE);
    const r = await rights('delete', { email: ANA.email });
    expect(r.status, r.text).toBe(200);
    const d = r.body as PersonalDataDeleted;
    expect(d.cancelledBookings).toBe(2);
    expect(d.counts).toEqual({ hq_event: 0, hq_booking: 2, hq_remote_ticket: 1, hq_notification: 3, hq_contact_record: 1 });
    expect(d.deleted).toBe(7);

    // The office hears of the cancellations through the link, as the portal's own cancel tells it; no ID-number hash travels.
    await office.heard(seqBefore + 1);
    const msg = await p.hq.db.sql.$queryRawUnsafe<{ payload: unknown }[]>(
      `SELECT payload FROM hq_link_message l JOIN hq_office o ON o.id = l.office_id WHERE o.code = $1 AND kind = 'bookings' AND seq > $2`,
      OFFICE,
      seqBefore,
    );
    const sent = msg.flatMap((m) => ((typeof m.payload === 'string' ? JSON.parse(m.payload) : m.payload) as BookingsMessage).bookings);
    expect(sent.map((b) => [b.id, b.status, b.idNumberHash]).sort()).toEqual([[ids.a1, 'cancelled', null], [ids.a2, 'cancelled', null]].sort());

    // Her rows are gone from every table; nobody gets a cancellation message for them.
    for (const secret of [ANA.name, ANA.email, ANA.phone, contactKey({ phone: ANA.phone }), contactKey({ email: ANA.email })]) {
      expect(await tablesHolding(secret), secret).toEqual([]);
    }
    expect(await count('SELECT COUNT(*)::int AS n FROM hq_booking WHERE id IN ($1, $2)', ids.a1, ids.a2)).toBe(0);
    expect(await count(`SELECT COUNT(*)::int AS n FROM hq_notification WHERE template = 'booking_cancelled'`)).toBe(0);
    // Bruno's booking, remote ticket, message and no-show count stay.
    expect(await tablesHolding(BRUNO.phone)).toEqual(bruno);
    expect(bruno).toEqual(expect.arrayContaining(['hq_booking', 'hq_remote_ticket', 'hq_notification']));
    expect(await count('SELECT COUNT(*)::int AS n FROM hq_booking WHERE id = $1', ids.b1)).toBe(1);
    expect(await count('SELECT no_shows AS n FROM hq_contact_record WHERE contact_key = $1', contactKey({ phone: BRUNO.phone }))).toBe(2);

    // A second request finds nothing; every request is audited, the value masked.
    expect(((await rights('search', { phone: ANA.phone })).body as PersonalDataFound).records).toEqual([]);
    const audit = (await api(p.hq.url, 'GET', '/api/v1/hq/audit', { token: p.admin })).body as AuditEntryDto[];
    expect(audit.slice(0, 2).map((a) => [a.action, a.records])).toEqual([['search', 0], ['delete', 7]]);
    expect(JSON.stringify(audit)).not.toContain(ANA.email);
  });

  test("no log line carries her name, phone, e-mail or ID number", () => {
    expect(captured.lines.length).toBeGreaterThan(0);
    const logs = captured.lines.join('\n');
    for (const secret of [ANA.name, ANA.phone, ANA.phone.slice(1), ANA.email, ANA.idNumber]) expect(logs).not.toContain(secret);
  });
});
