/**
 * Booking reminders driven by a fake clock (the day before and an hour before, once each),
 * and the retention purge that deletes sent and failed messages with their recipients.
 * Bookings are written as the portal stores them in hq_booking.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { createNotifier, type NotifierService } from '../../server/src/hq/notify/notifier';
import { NotifySettings } from '../../server/src/hq/notify/settings';
import { capturingLogger, FakeClock, notificationRows, openNotifyDb, startSmtpSink, type NotifyTestDb, type SmtpSink } from './helpers';

let t: NotifyTestDb;
let smtp: SmtpSink;
let notifier: NotifierService;
const clock = new FakeClock(new Date('2026-12-01T12:00:00Z'));
const { logger } = capturingLogger();
let officeId: number;

/** A booking as the portal stores it; `start` ISO, `createdAt` defaults to the clock's now. */
async function book(id: string, start: string, opts: { email?: string; status?: string; createdAt?: string } = {}) {
  await t.db.sql.$executeRawUnsafe(
    `INSERT INTO hq_booking (id, code, office_id, service_code, start, "end", status, name, phone, email, id_number, contact_key,
       consent_version, consent_at, signed_code, created_at, delete_after)
     VALUES ($1, $2, $3, 'FACT', $4::timestamp, $4::timestamp + interval '15 minutes', $5, 'Ana Gómez', NULL, $6, '1017234567', $7,
       'v1', $8::timestamp, 'v1.x.y', $8::timestamp, $4::timestamp + interval '30 days')`,
    id,
    `C-${id}`,
    officeId,
    new Date(start).toISOString(),
    opts.status ?? 'booked',
    opts.email ?? `${id}@correo.example`,
    `key-${id}`,
    new Date(opts.createdAt ?? clock.now()).toISOString(),
  );
}

beforeAll(async () => {
  t = await openNotifyDb();
  smtp = await startSmtpSink();
  const rows = await t.db.sql.$queryRawUnsafe<{ id: number }[]>(
    `INSERT INTO hq_office (code, name, company, time_zone) VALUES ('MED-001', 'Oficina Centro', 'EPM', 'America/Bogota') RETURNING id`,
  );
  officeId = rows[0].id;
  await t.db.sql.$executeRawUnsafe(
    `INSERT INTO hq_catalog_service (code, name_es, name_en, prefix, target_wait_minutes, color, icon) VALUES ('FACT', 'Facturación', 'Billing', 'F', 15, '#123456', 'receipt')`,
  );
  const settings = NotifySettings.parse({
    email: { host: '127.0.0.1', port: smtp.port, requireTls: false, from: 'turnos@example.co', rate: { perSecond: 100, burst: 100 } },
    bookingUrl: 'https://turnos.example.co/portal/reserva/{code}',
  });
  notifier = createNotifier({ db: t.db, clock, logger, settings });
});
afterAll(async () => {
  await notifier?.stop();
  await smtp?.close();
  await t?.drop();
});

describe('booking reminders', () => {
  test('the day-before reminder is queued when the slot is 24 h away, not earlier, and only once', async () => {
    // Booked at 12:00 on Dec 1 for Dec 3 at 10:30 Bogotá (15:30 UTC).
    await book('b1', '2026-12-03T15:30:00Z');
    clock.set('2026-12-02T15:29:00Z');
    assert.equal((await notifier.tick({ force: true })).reminders, 0, '24 h and a minute before: too early');
    clock.set('2026-12-02T15:30:00Z');
    const r = await notifier.tick({ force: true });
    assert.equal(r.reminders, 1);
    assert.equal(r.sent, 1);
    assert.equal((await notifier.tick({ force: true })).reminders, 0, 'queued once');
    const [mail] = await smtp.waitFor(1);
    assert.deepEqual(mail.envelopeTo, ['b1@correo.example']);
    assert.equal(mail.subject, 'Recordatorio: su cita en Oficina Centro');
    assert.match(mail.body, /Le recordamos su cita para Facturación en Oficina Centro el jueves, 3 de diciembre de 2026/);
    assert.match(mail.body, /https:\/\/turnos\.example\.co\/portal\/reserva\/C-b1/);
    assert.ok(!mail.body.includes('1017234567'), 'never the ID number');
    assert.deepEqual((await notificationRows(t.db, 'booking_reminder_day:')).map((r) => r.dedupe_key), ['booking_reminder_day:b1']);
  });

  test('the hour-before reminder is queued an hour before, once, saying the local time', async () => {
    clock.set('2026-12-03T14:29:00Z');
    assert.equal((await notifier.tick({ force: true })).reminders, 0);
    clock.set('2026-12-03T14:31:00Z');
    assert.equal((await notifier.tick({ force: true })).reminders, 1);
    assert.equal((await notifier.tick({ force: true })).reminders, 0);
    const mails = await smtp.waitFor(2);
    assert.match(mails[1].subject, /^Su cita en Oficina Centro es a las 10:30/);
    assert.deepEqual((await notificationRows(t.db, 'booking_reminder_hour:')).map((r) => r.dedupe_key), ['booking_reminder_hour:b1']);
  });

  test('no reminders for a cancelled booking, nor a day-before one for a booking made within the day', async () => {
    clock.set('2026-12-04T09:00:00Z');
    await book('b2', '2026-12-05T08:00:00Z', { status: 'cancelled', createdAt: '2026-12-01T00:00:00Z' });
    await book('b3', '2026-12-04T20:00:00Z');
    assert.equal((await notifier.tick({ force: true })).reminders, 0);
    clock.set('2026-12-05T07:30:00Z');
    assert.equal((await notifier.tick({ force: true })).reminders, 0, 'cancelled: no hour reminder either');
  });

  test('a reminder speaks the language of the booking confirmation', async () => {
    clock.set('2026-12-06T12:00:00Z');
    await book('b4', '2026-12-08T15:00:00Z');
    await notifier.enqueue({
      template: 'booking_confirmation',
      to: { email: 'b4@correo.example' },
      company: 'EPM',
      locale: 'en',
      params: { officeName: 'Oficina Centro', serviceName: 'Facturación', code: 'C-b4' },
      dedupeKey: 'booking_confirmation:b4',
      deleteAfter: new Date('2027-01-08T00:00:00Z'),
    });
    clock.set('2026-12-07T15:00:00Z');
    await notifier.tick({ force: true });
    const mails = await smtp.waitFor(4);
    const reminder = mails.find((m) => m.subject.startsWith('Reminder'));
    assert.ok(reminder, 'an English reminder arrived');
    assert.match(reminder.body, /A reminder of your appointment for Billing at Oficina Centro on Tuesday, December 8, 2026/);
  });
});

describe('retention', () => {
  test('sent and failed messages past deleteAfter are deleted with their recipients; others stay', async () => {
    const old = new Date('2026-12-10T00:00:00Z');
    clock.set('2026-12-09T00:00:00Z');
    await notifier.enqueue({
      template: 'remote_called',
      to: { email: 'viejo@correo.example' },
      company: null,
      locale: 'es-CO',
      params: { code: 'A-1', counterName: '2', officeName: 'Oficina Centro' },
      dedupeKey: 'remote_called:old',
      deleteAfter: old,
    });
    await notifier.enqueue({
      template: 'remote_called',
      to: { phone: '+573009998877' },
      company: null,
      locale: 'es-CO',
      params: { code: 'A-2', counterName: '2', officeName: 'Oficina Centro' },
      dedupeKey: 'remote_called:no-channel',
      deleteAfter: old,
    });
    await notifier.tick();
    const before = await notificationRows(t.db);
    assert.ok(before.some((r) => r.recipient === 'viejo@correo.example' && r.status === 'sent'));
    assert.ok(before.some((r) => r.recipient === '' && r.status === 'failed'));

    clock.set('2026-12-10T00:00:01Z');
    const r = await notifier.tick({ force: true });
    assert.equal(r.purged, 2, 'the sent one and the one no channel could carry');
    const after = await notificationRows(t.db);
    assert.ok(!after.some((row) => row.dedupe_key.startsWith('remote_called:')), 'both expired messages are gone');
    const left = await t.db.sql.$queryRawUnsafe<{ n: number }[]>(`SELECT COUNT(*)::int AS n FROM hq_notification WHERE recipient = 'viejo@correo.example'`);
    assert.equal(left[0].n, 0);
    assert.ok(after.some((row) => row.dedupe_key === 'booking_confirmation:b4'), 'a message still within retention stays');
  });
});
