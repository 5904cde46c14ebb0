/**
 * SMS (Twilio's request shape), WhatsApp (Cloud API template messages) and the signed webhook,
 * each against a real local HTTP server that checks what arrives; then what the queue does
 * when a provider is down, refuses, or is asked faster than its rate limit.
 */
import { afterAll, afterEach, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { createNotifier, type NotifierService } from '../../server/src/hq/notify/notifier';
import { webhookSignature } from '../../server/src/hq/notify/providers/webhook';
import { NotifySettings } from '../../server/src/hq/notify/settings';
import { claimDue } from '../../server/src/hq/store/notification-store';
import type { NotificationRequest } from '../../server/src/hq/notify/types';
import { capturingLogger, FakeClock, notificationRows, openNotifyDb, startHttpSink, type HttpSink, type NotifyTestDb } from './helpers';

const PHONE = '+573004445566';
const SID = 'AC0123456789abcdef';
const AUTH_TOKEN = 'twilio-auth-token-for-tests';
const WA_TOKEN = 'whatsapp-bearer-token-for-tests';
const HOOK_SECRET = 'a-shared-webhook-secret-of-32-chars';
let t: NotifyTestDb;
let sink: HttpSink;
const clock = new FakeClock(new Date('2026-12-01T14:00:00Z'));
const { logger, lines } = capturingLogger();
const notifiers: NotifierService[] = [];
let seq = 0;

function notifierWith(over: Record<string, unknown>): NotifierService {
  const settings = NotifySettings.parse({
    sms: { baseUrl: sink.url, accountSid: SID, authToken: AUTH_TOKEN, from: '+15005550006', rate: { perSecond: 100, burst: 100 } },
    whatsapp: { baseUrl: sink.url, version: 'v21.0', phoneNumberId: '1098765', accessToken: WA_TOKEN, rate: { perSecond: 100, burst: 100 } },
    webhook: { url: `${sink.url}/hooks/turnero`, secret: HOOK_SECRET, rate: { perSecond: 100, burst: 100 } },
    retry: { maxAttempts: 3, baseSeconds: 30, maxSeconds: 600 },
    ...over,
  });
  const n = createNotifier({ db: t.db, clock, logger, settings, random: () => 1 });
  notifiers.push(n);
  return n;
}

function remoteNext(over: Partial<NotificationRequest> = {}): NotificationRequest {
  return {
    template: 'remote_next',
    to: { phone: PHONE },
    company: null,
    locale: 'es-CO',
    params: { officeName: 'Oficina Centro', code: 'A-014', position: 3, estimatedWaitMinutes: 9, ticketUrl: 'https://turnos.example.co/t/xyz' },
    dedupeKey: `remote_next:t-${++seq}`,
    deleteAfter: new Date('2026-12-02T00:00:00Z'),
    ...over,
  };
}

beforeAll(async () => {
  t = await openNotifyDb();
  sink = await startHttpSink();
});
afterEach(async () => {
  // Each test's messages are its own: the next one starts from an empty queue.
  await t.db.sql.$executeRawUnsafe('DELETE FROM hq_notification');
  sink.requests.length = 0;
  sink.respond = () => ({ status: 201, body: {} });
});
afterAll(async () => {
  for (const n of notifiers) await n.stop();
  await sink?.close();
  await t?.drop();
});

describe('HTTP providers', () => {
  test('SMS goes as Twilio expects: form-encoded To/From/Body to the account\'s Messages.json with basic auth', async () => {
    sink.respond = () => ({ status: 201, body: { sid: 'SM123abc' } });
    const n = notifierWith({ phoneChannel: 'sms' });
    await n.enqueue(remoteNext());
    assert.equal((await n.tick()).sent, 1);
    const [req] = sink.requests;
    assert.equal(req.method, 'POST');
    assert.equal(req.url, `/2010-04-01/Accounts/${SID}/Messages.json`);
    assert.equal(req.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(req.headers.authorization, `Basic ${Buffer.from(`${SID}:${AUTH_TOKEN}`).toString('base64')}`);
    const form = new URLSearchParams(req.body);
    assert.equal(form.get('To'), PHONE);
    assert.equal(form.get('From'), '+15005550006');
    assert.match(form.get('Body')!, /^Faltan 3 turnos para su turno A-014 en Oficina Centro\.\nTiempo estimado: unos 9 minutos\./);
    const [row] = await notificationRows(t.db);
    assert.equal(row.status, 'sent');
    assert.equal(row.provider_id, 'SM123abc');
  });

  test('"you are next" and "your turn at módulo N" use their own wording', async () => {
    const n = notifierWith({ phoneChannel: 'sms' });
    await n.enqueue(remoteNext({ params: { officeName: 'Oficina Centro', code: 'A-014', position: 0 } }));
    await n.enqueue(remoteNext({ template: 'remote_called', params: { officeName: 'Oficina Centro', code: 'A-014', counterName: '4' } }));
    await n.enqueue(remoteNext({ template: 'remote_called', params: { officeName: 'Oficina Centro', code: 'A-015', counterName: 'Módulo 7' } }));
    await n.enqueue(remoteNext({ template: 'remote_called', params: { officeName: 'Oficina Centro', code: 'A-016', counterName: 'Ventanilla 2' } }));
    await n.tick();
    const bodies = sink.requests.map((r) => new URLSearchParams(r.body).get('Body')).sort();
    assert.deepEqual(bodies, [
      'Es su turno A-014 en el módulo 4 de Oficina Centro.',
      'Es su turno A-015 en el módulo 7 de Oficina Centro.',
      'Es su turno A-016 en Ventanilla 2 de Oficina Centro.',
      'Su turno A-014 en Oficina Centro es el siguiente.',
    ]);
  });

  test('WhatsApp sends an approved template message with its parameters in order and the bearer token', async () => {
    sink.respond = () => ({ status: 200, body: { messaging_product: 'whatsapp', messages: [{ id: 'wamid.HBgM' }] } });
    const n = notifierWith({ phoneChannel: 'whatsapp' });
    await n.enqueue(remoteNext());
    await n.tick();
    const [req] = sink.requests;
    assert.equal(req.url, '/v21.0/1098765/messages');
    assert.equal(req.headers.authorization, `Bearer ${WA_TOKEN}`);
    assert.equal(req.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(req.body), {
      messaging_product: 'whatsapp',
      to: '573004445566',
      type: 'template',
      template: {
        name: 'turnero_remote_next',
        language: { code: 'es_CO' },
        components: [{ type: 'body', parameters: [{ type: 'text', text: '3' }, { type: 'text', text: 'A-014' }, { type: 'text', text: 'Oficina Centro' }] }],
      },
    });
    assert.equal((await notificationRows(t.db))[0].provider_id, 'wamid.HBgM');
  });

  test('the webhook gets the message as JSON with an HMAC-SHA256 signature the receiver can check', async () => {
    const n = notifierWith({ phoneChannel: 'webhook' });
    await n.enqueue(remoteNext());
    await n.tick();
    const [req] = sink.requests;
    assert.equal(req.url, '/hooks/turnero');
    const timestamp = String(req.headers['x-turnero-timestamp']);
    assert.equal(timestamp, String(Math.floor(clock.now().getTime() / 1000)));
    assert.equal(req.headers['x-turnero-signature'], webhookSignature(HOOK_SECRET, timestamp, req.body));
    assert.notEqual(req.headers['x-turnero-signature'], webhookSignature('another-secret-of-enough-length', timestamp, req.body));
    const body = JSON.parse(req.body);
    assert.equal(body.to, PHONE);
    assert.equal(body.template, 'remote_next');
    assert.match(body.text, /Faltan 3 turnos/);
  });

  test('a provider that is down is retried after a growing back-off, not before, and then the message goes', async () => {
    let calls = 0;
    sink.respond = () => (++calls <= 2 ? { status: 503 } : { status: 201, body: { sid: 'SMlater' } });
    const n = notifierWith({ phoneChannel: 'sms' });
    await n.enqueue(remoteNext());
    assert.equal((await n.tick()).retried, 1);
    let [row] = await notificationRows(t.db);
    assert.equal(row.status, 'queued');
    assert.equal(row.last_error, 'http_503');
    // First back-off: base 30 s (random 1 = the whole ceiling).
    assert.equal(row.next_attempt_at.getTime() - clock.now().getTime(), 30_000);

    clock.advance(29_000);
    await n.tick();
    assert.equal(calls, 1, 'not retried before its time');
    clock.advance(1_000);
    assert.equal((await n.tick()).retried, 1);
    [row] = await notificationRows(t.db);
    assert.equal(row.next_attempt_at.getTime() - clock.now().getTime(), 60_000, 'the second wait doubles');
    clock.advance(60_000);
    assert.equal((await n.tick()).sent, 1);
    [row] = await notificationRows(t.db);
    assert.equal(row.status, 'sent');
    assert.equal(row.attempts, 3);
    assert.equal(row.provider_id, 'SMlater');
  });

  test('a provider that keeps failing: the message is failed after the maximum attempts, with the last error code', async () => {
    sink.respond = () => ({ status: 500 });
    const n = notifierWith({ phoneChannel: 'sms' });
    await n.enqueue(remoteNext());
    for (let i = 0; i < 5; i++) {
      await n.tick();
      clock.advance(3_600_000);
    }
    assert.equal(sink.requests.length, 3, 'maxAttempts is 3');
    const [row] = await notificationRows(t.db);
    assert.equal(row.status, 'failed');
    assert.equal(row.attempts, 3);
    assert.equal(row.last_error, 'http_500');
  });

  test('a refusal (HTTP 400) fails at once: retrying cannot help', async () => {
    sink.respond = () => ({ status: 400, body: { code: 21211, message: `The 'To' number ${PHONE} is not valid` } });
    const n = notifierWith({ phoneChannel: 'sms' });
    await n.enqueue(remoteNext());
    assert.equal((await n.tick()).failed, 1);
    const [row] = await notificationRows(t.db);
    assert.deepEqual([row.status, row.attempts, row.last_error], ['failed', 1, 'http_400']);
  });

  test('the token bucket holds sends beyond the burst until time refills it', async () => {
    const n = notifierWith({
      phoneChannel: 'sms',
      sms: { baseUrl: sink.url, accountSid: SID, authToken: AUTH_TOKEN, from: '+15005550006', rate: { perSecond: 1, burst: 2 } },
    });
    for (let i = 0; i < 5; i++) await n.enqueue(remoteNext());
    assert.equal((await n.tick()).sent, 2, 'the burst');
    assert.equal((await n.tick()).sent, 0, 'no time passed: nothing more');
    clock.advance(1_000);
    assert.equal((await n.tick()).sent, 1, 'one per second');
    clock.advance(10_000);
    assert.equal((await n.tick()).sent, 2, 'the rest, up to the burst');
    assert.equal(sink.requests.length, 5);
    assert.deepEqual(
      (await notificationRows(t.db)).map((r) => r.status),
      ['sent', 'sent', 'sent', 'sent', 'sent'],
    );
  });

  test('two notifiers on one database never send the same message twice', async () => {
    const a = notifierWith({ phoneChannel: 'sms' });
    const b = notifierWith({ phoneChannel: 'sms' });
    for (let i = 0; i < 20; i++) await a.enqueue(remoteNext());
    const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
    assert.equal(ra.sent + rb.sent, 20);
    assert.equal(sink.requests.length, 20);
  });

  test('a provider nobody answers at (connection refused) is retried like one that is down', async () => {
    const n = notifierWith({ phoneChannel: 'sms', sms: { baseUrl: 'http://127.0.0.1:9', accountSid: SID, authToken: AUTH_TOKEN, from: '+15005550006' } });
    await n.enqueue(remoteNext());
    assert.equal((await n.tick()).retried, 1);
    const [row] = await notificationRows(t.db);
    assert.deepEqual([row.status, row.last_error], ['queued', 'network_error']);
  });

  test("a message claimed by a process that died is sent by another once the claim's lease runs out", async () => {
    const n = notifierWith({ phoneChannel: 'sms' });
    await n.enqueue(remoteNext());
    // The dead process: it claimed the row (lease 2 min) and never came back.
    const [claimed] = await claimDue(t.db.sql, 'sms', 1, clock.now(), 120_000);
    assert.ok(claimed);
    assert.equal((await n.tick()).sent, 0, 'still leased');
    clock.advance(120_000);
    assert.equal((await n.tick()).sent, 1);
    const [row] = await notificationRows(t.db);
    assert.deepEqual([row.status, row.attempts], ['sent', 2], 'the lost attempt counts');
  });

  test('no log line names a phone number or a credential', () => {
    const all = lines.join('\n');
    assert.ok(all.includes('message sent') && all.includes('message will be retried'));
    for (const secret of ['3004445566', AUTH_TOKEN, WA_TOKEN, HOOK_SECRET]) assert.ok(!all.includes(secret), `a log line holds ${secret.slice(0, 4)}…`);
  });
});
