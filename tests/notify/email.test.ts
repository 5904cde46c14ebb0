/**
 * The notifier's e-mail path end to end: hq_notification on real PostgreSQL, nodemailer
 * talking SMTP to a real smtp-server, and the delivery record. The clock is a fake one the
 * test holds; every pass is driven by tick() except where the started loop is the point.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { createNotifier, type NotifierService } from '../../server/src/hq/notify/notifier';
import { NotifySettings } from '../../server/src/hq/notify/settings';
import type { NotificationRequest } from '../../server/src/hq/notify/types';
import { capturingLogger, FakeClock, notificationRows, openNotifyDb, startSmtpSink, type NotifyTestDb, type SmtpSink } from './helpers';

const EMAIL = 'ana.gomez@correo.example';
const ID_NUMBER = '1017234567';
let t: NotifyTestDb;
let smtp: SmtpSink;
let notifier: NotifierService;
const clock = new FakeClock(new Date('2026-12-01T14:00:00Z'));
const { logger, lines } = capturingLogger();

function confirmation(over: Partial<NotificationRequest> = {}): NotificationRequest {
  return {
    template: 'booking_confirmation',
    to: { email: EMAIL, phone: '+573001234567' },
    company: 'EPM',
    locale: 'es-CO',
    params: {
      officeName: 'Oficina Centro',
      serviceName: 'Facturación',
      start: '2026-12-03T15:30:00Z',
      timeZone: 'America/Bogota',
      code: 'K7P2QX',
      manageUrl: 'https://turnos.example.co/portal/reserva/K7P2QX',
      idNumber: ID_NUMBER,
    },
    dedupeKey: 'booking_confirmation:b-1',
    deleteAfter: new Date('2027-01-03T00:00:00Z'),
    ...over,
  };
}

beforeAll(async () => {
  t = await openNotifyDb();
  smtp = await startSmtpSink();
  const settings = NotifySettings.parse({
    email: {
      host: '127.0.0.1',
      port: smtp.port,
      requireTls: false,
      from: 'Turnero <turnos@example.co>',
      fromByCompany: { CHEC: 'CHEC Turnos <turnos@chec.example>' },
      rate: { perSecond: 100, burst: 100 },
    },
    retry: { maxAttempts: 3, baseSeconds: 30, maxSeconds: 600 },
  });
  notifier = createNotifier({ db: t.db, clock, logger, settings, random: () => 0.5 });
});
afterAll(async () => {
  await notifier?.stop();
  await smtp?.close();
  await t?.drop();
});

describe('notifier by e-mail', () => {
  test('a booking confirmation arrives by SMTP in Spanish, to the customer, without the ID number, and is recorded as sent', async () => {
    await notifier.enqueue(confirmation());
    const result = await notifier.tick();
    assert.equal(result.sent, 1);
    const [mail] = await smtp.waitFor(1);
    assert.deepEqual(mail.envelopeTo, [EMAIL]);
    assert.match(mail.headers.to, /ana\.gomez@correo\.example/);
    assert.equal(mail.subject, 'Cita confirmada en Oficina Centro');
    assert.match(mail.body, /Su cita para Facturación en Oficina Centro quedó confirmada para el jueves, 3 de diciembre de 2026/);
    // 15:30 UTC is 10:30 in Bogotá.
    assert.match(mail.body, /10:30/);
    assert.match(mail.body, /Código de la cita: K7P2QX/);
    assert.match(mail.body, /https:\/\/turnos\.example\.co\/portal\/reserva\/K7P2QX/);
    assert.ok(!mail.body.includes(ID_NUMBER) && !mail.subject.includes(ID_NUMBER));

    const [row] = await notificationRows(t.db, 'booking_confirmation:b-1');
    assert.equal(row.status, 'sent');
    assert.equal(row.channel, 'email');
    assert.equal(row.attempts, 1);
    assert.ok(row.provider_id && row.provider_id.length > 3, 'the SMTP message id is kept');
    assert.ok(!('idNumber' in row.params), 'the ID number is not even stored');
  });

  test('enqueueing the same purpose twice sends one mail', async () => {
    const before = smtp.mails.length;
    await notifier.enqueue(confirmation({ dedupeKey: 'booking_confirmation:b-2' }));
    await notifier.enqueue(confirmation({ dedupeKey: 'booking_confirmation:b-2' }));
    await notifier.tick();
    await notifier.tick();
    await smtp.waitFor(before + 1);
    assert.equal(smtp.mails.length, before + 1);
    assert.equal((await notificationRows(t.db, 'booking_confirmation:b-2')).length, 1);
  });

  test('English when the customer chose it', async () => {
    await notifier.enqueue(confirmation({ dedupeKey: 'booking_confirmation:b-3', locale: 'en' }));
    await notifier.tick();
    const mails = await smtp.waitFor(3);
    const mail = mails.at(-1)!;
    assert.equal(mail.subject, 'Appointment confirmed at Oficina Centro');
    assert.match(mail.headers.from, /turnos@example\.co/, "the group's sender for a company without its own");
    assert.match(mail.body, /Your appointment for Facturación at Oficina Centro is confirmed for Thursday, December 3, 2026/);
  });

  test("a company with its own sender sends under it", async () => {
    await notifier.enqueue(confirmation({ dedupeKey: 'booking_confirmation:b-7', company: 'CHEC' }));
    await notifier.tick();
    const mail = (await smtp.waitFor(4)).at(-1)!;
    assert.match(mail.headers.from, /CHEC Turnos <turnos@chec\.example>/);
  });

  test('a mailbox the server refuses for good (550) fails at once, with the SMTP code and no retry', async () => {
    smtp.refuse('nadie@correo.example', 550);
    await notifier.enqueue(confirmation({ dedupeKey: 'booking_confirmation:b-4', to: { email: 'nadie@correo.example' } }));
    const result = await notifier.tick();
    assert.equal(result.failed, 1);
    const [row] = await notificationRows(t.db, 'booking_confirmation:b-4');
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 1);
    assert.equal(row.last_error, 'smtp_550');
  });

  test('a message with no contact any channel carries is recorded as failed (no_channel), not lost silently', async () => {
    await notifier.enqueue(confirmation({ dedupeKey: 'booking_confirmation:b-5', to: { phone: '+573001112233' } }));
    const [row] = await notificationRows(t.db, 'booking_confirmation:b-5');
    assert.equal(row.status, 'failed');
    assert.equal(row.last_error, 'no_channel');
  });

  test('once started, the loop sends a new message without a manual pass', async () => {
    const before = smtp.mails.length;
    notifier.start();
    await notifier.enqueue(confirmation({ dedupeKey: 'booking_confirmation:b-6', params: { officeName: 'Oficina Norte', code: 'ZZ9' } }));
    const mails = await smtp.waitFor(before + 1);
    assert.equal(mails.at(-1)!.subject, 'Cita confirmada en Oficina Norte');
    await notifier.stop();
  });

  test('no log line names a recipient', () => {
    assert.ok(lines.length > 5, 'the notifier logged its work');
    const all = lines.join('\n');
    for (const secret of [EMAIL, 'nadie@correo.example', '3001234567', '3001112233', ID_NUMBER]) {
      assert.ok(!all.includes(secret), `a log line holds ${secret.slice(0, 3)}…`);
    }
  });
});
