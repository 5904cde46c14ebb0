/**
 * The notifier inside a real head-office server: HqServer.notifier sends with the company's
 * own wording, and the admin routes show providers without credentials and delivery states
 * without recipients. Also the private settings file: refused when others can read it, and
 * a bad field is named without its value.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { loadNotifySettings, NotifySettings } from '../../server/src/hq/notify/settings';
import { api, createTestDatabase, silentLogger, type TestDatabase } from '../hq/helpers';
import { FakeClock, startHttpSink, type HttpSink } from './helpers';

const ADMIN = { username: 'admin', password: 'notify-test-admin-pw' };
const MANAGER = { username: 'gerente.epm', password: 'notify-test-manager-pw' };
const AUTH_TOKEN = 'twilio-auth-token-never-shown';
const PHONE = '+573007654321';
let testDb: TestDatabase;
let hq: HqServer;
let sink: HttpSink;
let dataDir: string;
let admin: string;
let manager: string;
const clock = new FakeClock(new Date('2026-12-01T14:00:00Z'));
const call = (method: string, path: string, token?: string) => api(hq.url, method, `/api/v1${path}`, { token });

beforeAll(async () => {
  testDb = await createTestDatabase('notify_api');
  sink = await startHttpSink();
  sink.respond = () => ({ status: 201, body: { sid: 'SMapi' } });
  dataDir = mkdtempSync(join(tmpdir(), 'notify-api-'));
  const notify = NotifySettings.parse({
    phoneChannel: 'sms',
    sms: { baseUrl: sink.url, accountSid: 'AC42', authToken: AUTH_TOKEN, from: '+15005550006' },
    templates: {
      companies: { EPM: { remote_called: { 'es-CO': { subject: 'EPM: su turno', text: 'EPM le atiende: turno {code}, ventanilla {counterName}.' } } } },
    },
  });
  hq = await createHqServer({ port: 0, host: '127.0.0.1', dataDir, databaseUrl: testDb.url, demo: false, admin: ADMIN, clock, logger: await silentLogger(), notify });
  admin = (await api(hq.url, 'POST', '/api/v1/auth/login', { body: ADMIN })).body.token;
  assert.equal((await api(hq.url, 'POST', '/api/v1/hq/users', { token: admin, body: { ...MANAGER, role: 'manager', company: 'EPM' } })).status, 201);
  manager = (await api(hq.url, 'POST', '/api/v1/auth/login', { body: MANAGER })).body.token;
});
afterAll(async () => {
  await hq?.stop();
  await sink?.close();
  await testDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('notifier in the head-office server', () => {
  test("HqServer.notifier sends in the company's own wording; another company gets the group's", async () => {
    const base = { template: 'remote_called' as const, to: { phone: PHONE }, locale: 'es-CO' as const, deleteAfter: new Date('2026-12-02T00:00:00Z') };
    await hq.notifier.enqueue({ ...base, company: 'EPM', params: { code: 'A-7', counterName: '3', officeName: 'Centro' }, dedupeKey: 'remote_called:api-1' });
    await hq.notifier.enqueue({ ...base, company: 'CHEC', params: { code: 'B-2', counterName: '5', officeName: 'Manizales' }, dedupeKey: 'remote_called:api-2' });
    await hq.notifier.tick();
    const bodies = sink.requests.map((r) => new URLSearchParams(r.body).get('Body')).sort();
    assert.deepEqual(bodies, ['EPM le atiende: turno A-7, ventanilla 3.', 'Es su turno B-2 en el módulo 5 de Manizales.']);
  });

  test('admins see delivery states with the recipient masked; managers and strangers do not', async () => {
    const list = await call('GET', '/hq/notifications', admin);
    assert.equal(list.status, 200);
    assert.equal(list.body.counts.sent, 2);
    assert.equal(list.body.notifications.length, 2);
    const row = list.body.notifications[0];
    assert.equal(row.status, 'sent');
    assert.equal(row.providerId, 'SMapi');
    assert.equal(row.recipientMasked, '*********4321');
    assert.ok(!list.text.includes(PHONE.slice(3, 9)), 'no phone number in the answer');
    assert.equal((await call('GET', '/hq/notifications', manager)).status, 403);
    assert.equal((await call('GET', '/hq/notifications')).status, 401);
    const bad = await call('GET', '/hq/notifications?status=lost', admin);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'validation_failed');
    assert.equal((await call('GET', '/hq/notifications?status=failed', admin)).body.notifications.length, 0);
  });

  test('an admin sends a failed message again once the provider accepts it; other states and unknown ids are refused', async () => {
    sink.respond = () => ({ status: 401 });
    await hq.notifier.enqueue({
      template: 'remote_called',
      to: { phone: PHONE },
      company: null,
      locale: 'es-CO',
      params: { code: 'C-9', counterName: '1', officeName: 'Centro' },
      dedupeKey: 'remote_called:api-3',
      deleteAfter: new Date('2026-12-02T00:00:00Z'),
    });
    await hq.notifier.tick();
    const failed = (await call('GET', '/hq/notifications?status=failed', admin)).body.notifications;
    assert.equal(failed.length, 1);
    assert.equal(failed[0].lastError, 'http_401');
    const post = (path: string, token?: string) => api(hq.url, 'POST', `/api/v1${path}`, { token });
    assert.equal((await post(`/hq/notifications/${failed[0].id}/retry`, manager)).status, 403);

    sink.respond = () => ({ status: 201, body: { sid: 'SMagain' } });
    const retried = await post(`/hq/notifications/${failed[0].id}/retry`, admin);
    assert.equal(retried.status, 202);
    await hq.notifier.tick();
    const sent = (await call('GET', '/hq/notifications?status=sent', admin)).body.notifications;
    assert.ok(sent.some((n: { id: string; providerId: string; attempts: number }) => n.id === failed[0].id && n.providerId === 'SMagain' && n.attempts === 1));

    const again = await post(`/hq/notifications/${failed[0].id}/retry`, admin);
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'conflict');
    assert.equal((await post('/hq/notifications/00000000-0000-4000-8000-000000000000/retry', admin)).status, 404);
    assert.equal((await post('/hq/notifications/not-an-id/retry', admin)).status, 400);
  });

  test('the metrics count messages by channel, template and outcome', async () => {
    const text = await (await fetch(`${hq.url}/metrics`)).text();
    assert.match(text, /turnero_hq_notifications_total\{channel="sms",template="remote_called",result="sent"\} 3/);
    assert.match(text, /turnero_hq_notifications_total\{channel="sms",template="remote_called",result="failed"\} 1/);
  });

  test('the provider settings show where messages go, never a credential', async () => {
    const res = await call('GET', '/hq/notifications/settings', admin);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.channels, ['sms']);
    assert.equal(res.body.settings.sms.baseUrl, sink.url);
    assert.equal(res.body.settings.sms.hasCredentials, true);
    assert.ok(!res.text.includes(AUTH_TOKEN));
    assert.equal((await call('GET', '/hq/notifications/settings', manager)).status, 403);
  });
});

describe('notifier settings file', () => {
  test('refused when others may read it, named field when invalid (without its value), read when private', () => {
    const dir = mkdtempSync(join(tmpdir(), 'notify-cfg-'));
    const file = join(dir, 'notify.json');
    try {
      writeFileSync(file, JSON.stringify({ sms: { accountSid: 'AC1', authToken: 'secret-value-xyz', from: '+1500', baseUrl: 'not a url' } }));
      chmodSync(file, 0o644);
      assert.throws(() => loadNotifySettings(file), /chmod 600/);
      chmodSync(file, 0o600);
      assert.throws(
        () => loadNotifySettings(file),
        (err: Error) => err.message.includes('sms.baseUrl') && !err.message.includes('secret-value-xyz'),
      );
      writeFileSync(file, JSON.stringify({ webhook: { url: 'http://gateway.example.co/hook', secret: 'a-secret-of-16-chars-or-more' } }));
      assert.throws(() => loadNotifySettings(file), /webhook\.url: must be https/, 'customer contacts never cross the network in clear');
      writeFileSync(file, JSON.stringify({ phoneChannel: 'whatsapp', whatsapp: { phoneNumberId: '1', accessToken: 'tok' } }));
      const s = loadNotifySettings(file);
      assert.equal(s.phoneChannel, 'whatsapp');
      assert.equal(s.whatsapp?.baseUrl, 'https://graph.facebook.com');
      assert.equal(s.retry.maxAttempts, 6);
      assert.equal(loadNotifySettings(undefined).email, undefined, 'no file: no providers');
      const page = 'https://turnos.example.co/portal/#/booking/{code}';
      assert.equal(loadNotifySettings(file, { bookingUrl: page }).bookingUrl, page, 'the portal page when the file names none');
      assert.equal(loadNotifySettings(undefined, { bookingUrl: page }).bookingUrl, page);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
