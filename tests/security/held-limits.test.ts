/**
 * The checks that held in issue 11's review keep holding (with held-xss.test.ts), against a
 * real office (SQLite file, in this process) and a real head office (PostgreSQL):
 * - SQL injection: quotes and statements in every text field round-trip unchanged and every
 *   table is still there; in query strings they select nothing they should not;
 * - body and header limits: a 2 MB JSON body is 413, a 32 KB header is 431;
 * - path traversal on the static file routes: every spelling of `..` is 404, never the file;
 * - ingest: an office token sending another office's events is 403 and stores nothing; the
 *   same batch sent twice counts once.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { HqServer } from '../../server/src/hq';
import { REPO_ROOT } from '../../server/src/platform/repo-root';
import { OfficeStream } from '../hq/helpers';
import { expectStatus } from '../office/helpers';
import { request } from '../support/http';
import type { InProcessOffice } from '../support/office';
import { startHeldServers, XSS, type HeldServers } from './held-support';

const SQL = `Robert'); DROP TABLE "Ticket"; --`;

let servers: HeldServers | undefined;
let office: InProcessOffice;
let hq: HqServer;
let admin: string;
let supervisor: string;
let hqAdmin: string;
let user: HeldServers['user'];
let api: HeldServers['api'];
let hqApi: HeldServers['hqApi'];

beforeAll(async () => {
  servers = await startHeldServers('hq_held_limits');
  ({ office, hq, admin, supervisor, hqAdmin, user, api, hqApi } = servers);
});

afterAll(async () => {
  await servers?.stop();
});

// ---------- SQL injection ----------

describe('SQL injection: quotes and statements in text are data', () => {
  test('office: every admin text field and the ticker round-trip unchanged; every table is still there', async () => {
    const service = expectStatus(await api('POST', '/admin/services', admin, { nameEs: SQL, nameEn: `${SQL} en`, prefix: 'SQ', icon: `x' OR '1'='1` }), 201).body;
    const counter = expectStatus(await api('POST', '/admin/counters', admin, { name: `M' OR 1=1 --` }), 201).body;
    const person = expectStatus(
      await api('POST', '/admin/users', admin, { username: 'sql.user', displayName: SQL, role: 'agent', password: 'una-clave-bastante-larga' }),
      201,
    ).body;
    const device = expectStatus(await api('POST', '/admin/devices', admin, { kind: 'display', name: `P"; DELETE FROM "Device"; --` }), 201).body.device;
    expectStatus(await api('PATCH', '/office', supervisor, { ticker: `'; UPDATE "Office" SET name='x'; --` }), 200);

    const services = expectStatus(await api('GET', '/admin/services', admin), 200).body as { id: string; nameEs: string; nameEn: string; icon: string }[];
    assert.deepEqual(
      services.filter((s) => s.id === service.id).map(({ nameEs, nameEn, icon }) => ({ nameEs, nameEn, icon })),
      [{ nameEs: SQL, nameEn: `${SQL} en`, icon: `x' OR '1'='1` }],
    );
    const counters = expectStatus(await api('GET', '/admin/counters', admin), 200).body as { id: string; name: string }[];
    assert.equal(counters.find((c) => c.id === counter.id)?.name, `M' OR 1=1 --`);
    const users = expectStatus(await api('GET', '/admin/users', admin), 200).body as { id: string; displayName: string }[];
    assert.equal(users.find((u) => u.id === person.id)?.displayName, SQL);
    const devices = expectStatus(await api('GET', '/admin/devices', admin), 200).body as { id: string; name: string }[];
    assert.equal(devices.find((d) => d.id === device.id)?.name, `P"; DELETE FROM "Device"; --`);
    const queue = expectStatus(await api('GET', '/queue', supervisor), 200).body;
    assert.equal(queue.office.ticker, `'; UPDATE "Office" SET name='x'; --`);
    assert.equal(queue.office.name, `Oficina ${XSS}`, 'the office name is untouched');
    // Ids in paths: an injection is an unknown id, not a match of everything.
    for (const id of [`' OR '1'='1`, `1; DROP TABLE "Ticket"`]) {
      assert.equal((await api('GET', `/tickets/${encodeURIComponent(id)}`, supervisor)).status, 404, id);
      assert.equal((await request(office.url, 'GET', `/api/v1/public/tickets/${encodeURIComponent(id)}`)).status, 404, id);
    }
    // Every table still works: a ticket of the new service is issued and read back.
    const issued = expectStatus(await api('POST', '/tickets', supervisor, { serviceId: service.id, print: false }), 201).body;
    assert.equal(expectStatus(await api('GET', `/tickets/${issued.id}`, supervisor), 200).body.code, issued.code);
  });

  test('head office: office names, companies and regions round-trip; filters with quotes select only their match', async () => {
    const company = `EPM' OR '1'='1`;
    const token = expectStatus(await hqApi('POST', '/hq/offices', hqAdmin, { code: 'SQL-1', name: SQL, company, region: `R'); DROP TABLE hq_event; --` }), 201)
      .body.token;
    const s = new OfficeStream('SQL-1', new Date(Date.now() - 7_200_000));
    s.ticket('q1', 'issued', { service: 'A' });
    const batch = s.batch(s.events, new Date());
    (batch.events[0].fact as { serviceName: string }).serviceName = SQL;
    expectStatus(await hqApi('POST', '/hq/ingest', token, batch), 200, 'ingest');
    const offices = expectStatus(await hqApi('GET', '/hq/offices', hqAdmin), 200).body.offices as { code: string; name: string; company: string; region: string }[];
    const stored = offices.find((o) => o.code === 'SQL-1');
    assert.deepEqual({ name: stored?.name, company: stored?.company, region: stored?.region }, { name: SQL, company, region: `R'); DROP TABLE hq_event; --` });
    const day = new Date(Date.now() - 7_200_000).toISOString().slice(0, 10);
    const from = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const rows = expectStatus(await hqApi('GET', `/hq/offices/compare?from=${from}&to=${to}&company=${encodeURIComponent(company)}`, hqAdmin), 200).body.rows as {
      officeCode: string;
      issued: number;
    }[];
    assert.deepEqual(rows.map((r) => [r.officeCode, r.issued]), [['SQL-1', 1]], `only the office of that company (day ${day})`);
    const none = expectStatus(await hqApi('GET', `/hq/offices/compare?from=${from}&to=${to}&company=${encodeURIComponent(`x' OR '1'='1`)}`, hqAdmin), 200);
    assert.deepEqual(none.body.rows, []);
    const breakdown = expectStatus(await hqApi('GET', `/hq/offices/SQL-1/breakdown?from=${from}&to=${to}&by=service`, hqAdmin), 200).body;
    assert.ok(JSON.stringify(breakdown).includes(JSON.stringify(SQL).slice(1, -1)), `the service name round-trips: ${JSON.stringify(breakdown).slice(0, 300)}`);
    const wrong = await hqApi('POST', '/auth/login', undefined, { username: `admin' --`, password: `' OR '1'='1` });
    assert.equal(wrong.status, 401);
  });
});

// ---------- body and header limits ----------

/** A request whose answer status is read even when the server closes the connection right after. */
function rawRequest(url: string, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url + path, { method, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('body and header limits', () => {
  const twoMegabytes = JSON.stringify({ serviceId: 'x', pad: 'x'.repeat(2 * 1024 * 1024) });

  test('a 2 MB JSON body is 413 payload_too_large, on the office and at head office', async () => {
    const atOffice = await request(office.url, 'POST', '/api/v1/tickets', { token: office.creds.kioskToken, rawBody: twoMegabytes });
    assert.equal(atOffice.status, 413);
    assert.equal(atOffice.body.error.code, 'payload_too_large');
    const atLogin = await request(office.url, 'POST', '/api/v1/auth/login', { rawBody: twoMegabytes });
    assert.equal(atLogin.status, 413);
    const atHq = await request(hq.url, 'POST', '/api/v1/hq/offices', { token: hqAdmin, rawBody: twoMegabytes });
    assert.equal(atHq.status, 413);
    assert.equal(atHq.body.error.code, 'payload_too_large');
  });

  test("a stranger's body is never read: without a valid token a malformed or 2 MB body is 401, on every route of both servers", async () => {
    for (const [url, path] of [
      [office.url, '/api/v1/tickets'],
      [office.url, '/api/v1/admin/services'],
      [hq.url, '/api/v1/hq/offices'],
      [hq.url, '/api/v1/hq/ingest'],
    ] as const) {
      for (const rawBody of ['{not json', twoMegabytes]) {
        const r = await request(url, 'POST', path, { token: 'not-a-token', rawBody });
        assert.equal(r.status, 401, `${path} read the body of a request without a valid token`);
        assert.equal(r.body.error.code, 'unauthenticated');
      }
    }
  });

  test('a NUL byte in a path id or a query value is 400, never a database error', async () => {
    for (const [url, path, token] of [
      [hq.url, '/api/v1/hq/offices/compare?company=a%00b', hqAdmin],
      [hq.url, '/api/v1/hq/offices/RF%00X/config', hqAdmin],
      [office.url, '/api/v1/tickets/a%00b', supervisor],
    ] as const) {
      const r = await request(url, 'GET', path, { token });
      assert.equal(r.status, 400, `${path}: ${r.status} ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'bad_request');
    }
  });

  test('a 32 KB header is 431, on the office and at head office; both answer the next request', async () => {
    for (const url of [office.url, hq.url]) {
      const r = await rawRequest(url, '/api/v1/health', { 'x-padding': 'x'.repeat(32 * 1024) });
      assert.equal(r.status, 431, url);
      assert.equal((await request(url, 'GET', '/api/v1/health')).status, 200);
    }
  });
});

// ---------- path traversal ----------

describe('path traversal on the static file routes', () => {
  const TRAVERSALS = [
    '..%2f..%2fpackage.json',
    '..%2F..%2F..%2Fpackage.json',
    '%2e%2e/%2e%2e/package.json',
    '%2e%2e%2f%2e%2e%2fpackage.json',
    '..%5c..%5cpackage.json',
    '%252e%252e%252f%252e%252e%252fpackage.json',
    '....//....//package.json',
    '../../package.json',
    '..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
    '%c0%ae%c0%ae/%c0%ae%c0%ae/package.json',
    '..%00/..%00/package.json',
    '.%2e/.%2e/package.json',
  ];
  const packageJson = readFileSync(join(REPO_ROOT, 'package.json'), 'utf8');

  test('every spelling of .. under /desk/, /dispenser/, /display/ and /hq/ is 404 (400 with a NUL byte), never the file', async () => {
    const answers: string[] = [];
    for (const [url, apps] of [
      [office.url, ['desk', 'dispenser', 'display']],
      [hq.url, ['hq']],
    ] as const) {
      for (const app of apps) {
        for (const traversal of TRAVERSALS) {
          // node:http sends the path as written: no client-side folding of `..`.
          const r = await rawRequest(url, `/${app}/${traversal}`);
          assert.ok(!r.body.includes('"workspaces"') && !r.body.includes(packageJson.slice(0, 40)) && !r.body.includes('root:x:0:0'), `/${app}/${traversal} served a file`);
          answers.push(`${r.status} /${app}/${traversal}`);
        }
      }
    }
    // A NUL byte is refused before any route (400); every other spelling is a plain 404.
    const unexpected = answers.filter((a) => !(a.startsWith('404 ') || (a.startsWith('400 ') && a.includes('%00'))));
    assert.deepEqual(unexpected, [], 'every traversal is a plain 404');
    // The same routes do serve their own files (the check above is not of a dead route).
    assert.equal((await rawRequest(office.url, '/desk/index.html')).status, 200);
    assert.equal((await rawRequest(hq.url, '/hq/index.html')).status, 200);
  });
});

// ---------- ingest ----------

describe('head-office ingest', () => {
  test("an office token posting another office's events is 403 and stores nothing; a replayed batch counts once", async () => {
    const tokenA = expectStatus(await hqApi('POST', '/hq/offices', hqAdmin, { code: 'ING-A', name: 'A', company: 'EPM' }), 201).body.token;
    const tokenB = expectStatus(await hqApi('POST', '/hq/offices', hqAdmin, { code: 'ING-B', name: 'B', company: 'EPM' }), 201).body.token;
    const s = new OfficeStream('ING-B', new Date(Date.now() - 3_600_000));
    s.ticket('r1', 'issued');
    s.advance(60).ticket('r1', 'called');
    s.ticket('r1', 'started');
    s.advance(120).ticket('r1', 'finished');
    const batch = s.batch(s.events, new Date());

    const forged = await hqApi('POST', '/hq/ingest', tokenA, batch);
    assert.equal(forged.status, 403);
    assert.equal(forged.body.error.code, 'forbidden');
    const stateOfB = async () =>
      (expectStatus(await hqApi('GET', '/hq/offices', hqAdmin), 200).body.offices as { code: string; ackedSeq?: number; lastSeq?: number }[]).find(
        (o) => o.code === 'ING-B',
      );
    const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const issuedAtB = async () =>
      (expectStatus(await hqApi('GET', `/hq/offices/compare?from=${from}&to=${to}`, hqAdmin), 200).body.rows as { officeCode: string; issued: number }[]).find(
        (r) => r.officeCode === 'ING-B',
      )?.issued ?? 0;
    const beforeAny = JSON.stringify(await stateOfB());
    assert.equal(await issuedAtB(), 0, 'the forged batch stored nothing');

    const first = expectStatus(await hqApi('POST', '/hq/ingest', tokenB, batch), 200).body;
    assert.deepEqual([first.ackedSeq, first.applied, first.duplicates], [4, 4, 0]);
    const replay = expectStatus(await hqApi('POST', '/hq/ingest', tokenB, batch), 200).body;
    assert.equal(replay.applied, 0);
    assert.equal(replay.duplicates, 4);
    assert.equal(await issuedAtB(), 1, 'one ticket issued, however often its batch came');
    assert.notEqual(JSON.stringify(await stateOfB()), beforeAny, 'the honest batch was recorded');
  });
});
