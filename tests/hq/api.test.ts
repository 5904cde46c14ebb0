import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { REPO_ROOT } from '../../server/src/platform/repo-root';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { CompareResponse, BreakdownResponse, LiveResponse } from '@turnero/contract/hq';
import { api, createTestDatabase, OfficeStream, silentLogger, type TestDatabase } from './helpers';

let testDb: TestDatabase;
let hq: HqServer;
let dataDir: string;
let adminToken: string;
let managerToken: string;
const officeTokens: Record<string, string> = {};
// Head office's clock: the office clocks in these tests run 3 s behind it.
let hqNow = new Date('2026-11-02T15:30:03Z');

beforeAll(async () => {
  testDb = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'hq-api-'));
  hq = await createHqServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: testDb.url,
    demo: true,
    clock: { now: () => hqNow },
    logger: await silentLogger(),
    loginRateLimitPerMinute: 5,
  });
});
afterAll(async () => {
  await hq?.stop();
  await testDb?.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('head office API', () => {
  test('demo mode writes credentials that log in; wrong passwords are refused and rate-limited', async () => {
    const creds = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8'));
    const admin = creds.users.find((u: any) => u.role === 'admin');
    const manager = creds.users.find((u: any) => u.role === 'manager');
    assert.ok(admin && manager && admin.password.length >= 12);
    const ok = await api(hq.url, 'POST', '/api/v1/auth/login', { body: { username: admin.username, password: admin.password } });
    assert.equal(ok.status, 200);
    adminToken = ok.body.token;
    const m = await api(hq.url, 'POST', '/api/v1/auth/login', { body: { username: manager.username, password: manager.password } });
    assert.equal(m.body.company, 'EPM');
    managerToken = m.body.token;

    const bad = await api(hq.url, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'nope' } });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error.code, 'unauthenticated');
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await api(hq.url, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'nope' } })).status);
    }
    assert.equal(statuses.at(-1), 429);
    const malformed = await api(hq.url, 'GET', '/api/v1/hq/offices/compare?from=2026-13-01', { token: adminToken });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.code, 'validation_failed');
  });

  test('admins register offices and get ingest tokens; managers cannot', async () => {
    for (const [code, company, region] of [
      ['CO-1', 'EPM', 'Antioquia'],
      ['CO-2', 'CHEC', 'Caldas'],
      ['CO-3', 'EPM', 'Antioquia'],
    ]) {
      const r = await api(hq.url, 'POST', '/api/v1/hq/offices', {
        token: adminToken,
        body: { code, name: `Oficina ${code}`, company, region, timeZone: 'America/Bogota' },
      });
      assert.equal(r.status, 201);
      assert.equal(r.body.code, code);
      officeTokens[code] = r.body.token;
    }
    const dup = await api(hq.url, 'POST', '/api/v1/hq/offices', { token: adminToken, body: { code: 'CO-1', name: 'x' } });
    assert.equal(dup.status, 409);
    const badTz = await api(hq.url, 'POST', '/api/v1/hq/offices', { token: adminToken, body: { code: 'CO-9', name: 'x', timeZone: 'Mars/Base' } });
    assert.equal(badTz.status, 400);
    const byManager = await api(hq.url, 'POST', '/api/v1/hq/offices', { token: managerToken, body: { code: 'CO-8', name: 'x' } });
    assert.equal(byManager.status, 403);
  });

  test('ingest refuses a forged token, another office code and gaps; accepts retries', async () => {
    const s = new OfficeStream('CO-2', new Date('2026-11-02T14:00:00Z'));
    s.ticket('k1', 'issued');
    s.advance(60).ticket('k1', 'called');
    s.ticket('k1', 'started');
    s.advance(120).ticket('k1', 'finished');
    const batch = s.batch(s.events, new Date(hqNow.getTime() - 3000));

    const forged = await api(hq.url, 'POST', '/api/v1/hq/ingest', { token: 'not-a-real-token-at-all', body: batch });
    assert.equal(forged.status, 401);
    const asOther = await api(hq.url, 'POST', '/api/v1/hq/ingest', { token: officeTokens['CO-1'], body: batch });
    assert.equal(asOther.status, 403);
    assert.equal(asOther.body.error.code, 'forbidden');
    const byAdmin = await api(hq.url, 'POST', '/api/v1/hq/ingest', { token: adminToken, body: batch });
    assert.equal(byAdmin.status, 403);
    const gapped = await api(hq.url, 'POST', '/api/v1/hq/ingest', { token: officeTokens['CO-2'], body: { ...batch, events: batch.events.slice(2) } });
    assert.equal(gapped.status, 409);
    assert.deepEqual(gapped.body.error, { code: 'gap_in_sequence', message: gapped.body.error.message, details: { expectedSeq: 1 } });
    const garbage = await api(hq.url, 'POST', '/api/v1/hq/ingest', { token: officeTokens['CO-2'], body: '{"officeCode":' });
    assert.equal(garbage.status, 400);
    const invalid = await api(hq.url, 'POST', '/api/v1/hq/ingest', { token: officeTokens['CO-2'], body: { ...batch, events: [{ seq: -1 }] } });
    assert.equal(invalid.status, 400);

    const ok = await api(hq.url, 'POST', '/api/v1/hq/ingest', { token: officeTokens['CO-2'], body: batch });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body, { ackedSeq: 4, applied: 4, duplicates: 0, clockSkewMs: 3000 });
    const retry = await api(hq.url, 'POST', '/api/v1/hq/ingest', { token: officeTokens['CO-2'], body: batch });
    assert.deepEqual(retry.body, { ackedSeq: 4, applied: 0, duplicates: 4, clockSkewMs: 3000 });
  });

  test('compare figures equal the hand-computed expectation; managers see only their company', async () => {
    // CO-1, 2 Nov 2026 (Bogota, UTC-5), one agent from 08:00 to 10:00 local.
    const s = new OfficeStream('CO-1', new Date('2026-11-02T13:00:00Z'));
    s.agent('u1', 'signed_in');
    s.at('2026-11-02T13:00:00Z').ticket('t1', 'issued');
    s.at('2026-11-02T13:01:40Z').ticket('t1', 'called'); // wait 100
    s.ticket('t1', 'started');
    s.at('2026-11-02T13:03:20Z').ticket('t2', 'issued');
    s.at('2026-11-02T13:05:00Z').ticket('t3', 'issued');
    s.ticket('t4', 'issued');
    s.at('2026-11-02T13:06:40Z').ticket('t1', 'finished'); // service 300
    s.ticket('t2', 'called'); // wait 200
    s.ticket('t2', 'started');
    s.at('2026-11-02T13:10:00Z').ticket('t5', 'issued');
    s.at('2026-11-02T13:11:40Z').ticket('t2', 'finished'); // service 300
    s.ticket('t3', 'called'); // wait 400
    s.ticket('t3', 'started');
    s.at('2026-11-02T13:15:00Z').ticket('t5', 'cancelled'); // walkout
    s.at('2026-11-02T13:21:40Z').ticket('t3', 'finished'); // service 600
    s.ticket('t4', 'called'); // wait 1000, past the 15-minute target
    s.at('2026-11-02T13:22:40Z').ticket('t4', 'no_show');
    s.at('2026-11-02T15:00:00Z').agent('u1', 'signed_out');
    const r = await api(hq.url, 'POST', '/api/v1/hq/ingest', {
      token: officeTokens['CO-1'],
      body: s.batch(s.events, new Date(hqNow.getTime() - 3000)),
    });
    assert.equal(r.status, 200);

    const res = await api(hq.url, 'GET', '/api/v1/hq/offices/compare?from=2026-11-01&to=2026-11-02', { token: adminToken });
    assert.equal(res.status, 200);
    const body = CompareResponse.parse(res.body);
    assert.deepEqual(body.rows.map((x) => x.officeCode), ['CO-1', 'CO-2', 'CO-3']);
    const co1 = body.rows[0];
    assert.deepEqual(
      { ...co1, lastSyncAt: undefined },
      {
        officeCode: 'CO-1',
        officeName: 'Oficina CO-1',
        company: 'EPM',
        region: 'Antioquia',
        issued: 5,
        served: 3,
        called: 4,
        // Waits 100, 200, 400, 1000 s in buckets [90,120) [180,240) [360,420) [960,1080):
        // median rank 2 ends bucket [180,240) -> 240; p90 rank 3.6 -> 960 + 0.6 * 120 = 1032.
        waitMedianSeconds: 240,
        waitP90Seconds: 1032,
        waitAverageSeconds: 425,
        withinTargetShare: 0.75,
        noShowRate: 0.25,
        walkoutRate: 0.2,
        // Service 300, 300, 600: rank 1.5 of 2 in [300,360) -> 300 + 0.75 * 60 = 345.
        serviceMedianSeconds: 345,
        // 1,200 s serving out of 7,200 s signed in.
        utilisation: 1200 / 7200,
        lastSyncAt: undefined,
        clockSkewMs: 3000,
        // Nobody rated a ticket.
        satisfactionAverage: null,
        satisfactionResponses: 0,
        // No self-service document printed at its kiosks.
        selfServiceTransactions: 0,
        // No booking for those days.
        bookings: 0,
        bookingCheckIns: 0,
        bookingNoShows: 0,
        bookingPunctualityMinutes: null,
      },
    );
    assert.equal(co1.lastSyncAt, hqNow.toISOString());
    const co3 = body.rows[2];
    assert.equal(co3.issued, 0);
    assert.equal(co3.waitMedianSeconds, null);
    assert.equal(co3.utilisation, null);

    const otherDay = await api(hq.url, 'GET', '/api/v1/hq/offices/compare?from=2026-11-03&to=2026-11-05', { token: adminToken });
    assert.equal(otherDay.body.rows[0].issued, 0);
    const serviceB = await api(hq.url, 'GET', '/api/v1/hq/offices/compare?from=2026-11-02&to=2026-11-02&service=B', { token: adminToken });
    assert.equal(serviceB.body.rows[0].issued, 0);

    const mine = await api(hq.url, 'GET', '/api/v1/hq/offices/compare?from=2026-11-01&to=2026-11-02', { token: managerToken });
    assert.deepEqual(mine.body.rows.map((x: any) => x.officeCode), ['CO-1', 'CO-3']);
    const theirs = await api(hq.url, 'GET', '/api/v1/hq/offices/compare?from=2026-11-01&to=2026-11-02&company=CHEC', { token: managerToken });
    assert.equal(theirs.status, 403);
    const region = await api(hq.url, 'GET', '/api/v1/hq/offices/compare?from=2026-11-01&to=2026-11-02&region=Caldas', { token: adminToken });
    assert.deepEqual(region.body.rows.map((x: any) => x.officeCode), ['CO-2']);
    const officeCannot = await api(hq.url, 'GET', '/api/v1/hq/offices/compare?from=2026-11-01&to=2026-11-02', { token: officeTokens['CO-1'] });
    assert.equal(officeCannot.status, 403);

    const csv = await api(hq.url, 'GET', '/api/v1/hq/compare.csv?from=2026-11-01&to=2026-11-02', { token: adminToken });
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0], /^Código,Oficina,Empresa/);
    assert.match(lines[1], /^CO-1,Oficina CO-1,EPM,Antioquia,5,3,240,1032,0\.7500,0\.2500,0\.2000,345,0\.1667,/);
  });

  test('breakdown drills down by service, hour and day with the wait spread', async () => {
    const byService = await api(hq.url, 'GET', '/api/v1/hq/offices/CO-1/breakdown?from=2026-11-02&to=2026-11-02&by=service', { token: adminToken });
    assert.equal(byService.status, 200);
    const b = BreakdownResponse.parse(byService.body);
    assert.equal(b.rows.length, 1);
    assert.equal(b.rows[0].label, 'Atención general');
    assert.equal(b.rows[0].waitP90Seconds, 1032);
    assert.equal(b.rows[0].waitHistogram.reduce((x, y) => x + y, 0), 4);
    assert.equal(b.waitBucketsUpperSeconds.length + 1, b.rows[0].waitHistogram.length);

    const byHour = await api(hq.url, 'GET', '/api/v1/hq/offices/CO-1/breakdown?from=2026-11-02&to=2026-11-02&by=hour&service=A', { token: adminToken });
    assert.deepEqual(byHour.body.rows.map((x: any) => [x.key, x.label, x.issued]), [['8', '08:00', 5]]);
    const byDay = await api(hq.url, 'GET', '/api/v1/hq/offices/CO-1/breakdown?from=2026-11-01&to=2026-11-03&by=day', { token: adminToken });
    assert.deepEqual(byDay.body.rows.map((x: any) => x.key), ['2026-11-02']);
    assert.equal(byDay.body.totals.issued, 5);

    const notMine = await api(hq.url, 'GET', '/api/v1/hq/offices/CO-2/breakdown?from=2026-11-02&to=2026-11-02', { token: managerToken });
    assert.equal(notMine.status, 404);
  });

  test('live view shows waiting tickets on the office clock and flags silent and skewed offices', async () => {
    const s = new OfficeStream('CO-3', new Date('2026-11-02T15:00:00Z'));
    s.agent('u9', 'signed_in', 'c9');
    s.ticket('w1', 'issued', { target: 15 });
    s.advance(600).ticket('w2', 'issued', { target: 15 });
    await api(hq.url, 'POST', '/api/v1/hq/ingest', { token: officeTokens['CO-3'], body: s.batch(s.events, new Date(hqNow.getTime() - 3000)) });
    // 20 minutes later on head office's clock.
    hqNow = new Date(hqNow.getTime() + 20 * 60_000);
    const res = await api(hq.url, 'GET', '/api/v1/hq/live?staleMinutes=15', { token: adminToken });
    assert.equal(res.status, 200);
    const live = LiveResponse.parse(res.body);
    const co3 = live.offices.find((o) => o.officeCode === 'CO-3')!;
    // Office clock now = 15:50:00Z (head office 15:50:03 minus 3 s skew); w1 issued 15:00:00.
    assert.equal(co3.waitingNow, 2);
    assert.equal(co3.longestWaitSeconds, 50 * 60);
    assert.equal(co3.pastTargetNow, 2);
    assert.equal(co3.countersOpen, 1);
    assert.deepEqual(co3.alerts.sort(), ['clock_skew', 'not_heard_from', 'past_target']);
  });

  test('rotating an office token revokes the old one; revoking stops ingest', async () => {
    const rot = await api(hq.url, 'POST', '/api/v1/hq/offices/CO-2/token', { token: adminToken });
    assert.equal(rot.status, 201);
    const s = new OfficeStream('CO-2', hqNow);
    const empty = s.batch([]);
    assert.equal((await api(hq.url, 'POST', '/api/v1/hq/ingest', { token: officeTokens['CO-2'], body: empty })).status, 401);
    assert.equal((await api(hq.url, 'POST', '/api/v1/hq/ingest', { token: rot.body.token, body: empty })).status, 200);
    assert.equal((await api(hq.url, 'DELETE', '/api/v1/hq/offices/CO-2/token', { token: adminToken })).status, 204);
    assert.equal((await api(hq.url, 'POST', '/api/v1/hq/ingest', { token: rot.body.token, body: empty })).status, 401);
    const list = await api(hq.url, 'GET', '/api/v1/hq/offices', { token: adminToken });
    assert.equal(list.body.offices.find((o: any) => o.code === 'CO-2').hasToken, false);
    // Logging out revokes the session token.
    assert.equal((await api(hq.url, 'POST', '/api/v1/auth/logout', { token: managerToken })).status, 204);
    assert.equal((await api(hq.url, 'GET', '/api/v1/hq/live', { token: managerToken })).status, 401);
  });

  test('health answers and / redirects to the dashboard', async () => {
    const h = await api(hq.url, 'GET', '/api/v1/health');
    assert.equal(h.body.status, 'ok');
    assert.equal(h.body.role, 'hq');
    const root = await api(hq.url, 'GET', '/');
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/hq/');
    // The dashboard's files, when they were built (npm run build; npm test builds first).
    if (existsSync(join(REPO_ROOT, 'dist/web/hq/index.html'))) {
      const page = await api(hq.url, 'GET', '/hq/');
      assert.equal(page.status, 200);
      assert.match(page.text, /<html/i);
    }
    const missing = await api(hq.url, 'GET', '/api/v1/nothing');
    assert.equal(missing.status, 404);
    assert.equal((await api(hq.url, 'GET', '/api/docs')).status, 200);
    assert.equal((await api(hq.url, 'GET', '/api/docs/assets/swagger-ui.css')).status, 200);
    const doc = await api(hq.url, 'GET', '/api/v1/openapi.json');
    assert.equal(doc.status, 200);
    for (const path of ['/api/v1/hq/ingest', '/api/v1/hq/offices/compare', '/api/v1/hq/offices/{code}/breakdown', '/api/v1/hq/live']) {
      assert.ok(doc.body.paths[path], `${path} documented`);
    }
  });
});
