/**
 * Personal data that is really gone (issue 11, item 4), against a real office (SQLite
 * file, in this process for its clock) that syncs to a real head office (PostgreSQL):
 * - an ID number comes only with the consent version the office shows now;
 * - Ley 1581 rights: an admin finds, exports and deletes what is stored about a person,
 *   at the office and at head office, each request audited with the value masked;
 * - after a deletion or the retention purge the value is in no file: office.db, its WAL
 *   and shared memory are read byte by byte, and every PostgreSQL table row as text.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ServiceDto, SyncStateDto } from '@turnero/contract/dto';
import type { AuditEntryDto, PersonalDataExport, PersonalDataFound } from '@turnero/contract/personal-data';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { openHqDatabase } from '../../server/src/hq/db';
import { createOffice } from '../../server/src/hq/org/offices';
import { runEndOfDay } from '../../server/src/office/commands/expiry';
import { api, createTestDatabase, freePort, silentLogger, type TestDatabase } from '../hq/helpers';
import { login, request } from '../support/http';
import { FakeClock, startInProcessOffice, type InProcessOffice } from '../support/office';
import { eventually } from './support';

const CONSENT_SHOWN = '2025-01'; // the office's setting on a new database (prisma/office/schema.prisma)
const RETENTION_DAYS = 30;

let testDb: TestDatabase;
let hqDir: string;
let hq: HqServer;
let hqAdmin: string;
let office: InProcessOffice;
let clock: FakeClock;
let admin: string;
let supervisor: string;
let services: ServiceDto[];

/** A value no other test and no seed contains: an ID number, unique per call. */
const uniqueIdNumber = () => `8${Date.now() % 1e9}${Math.floor(Math.random() * 10)}`;

/** Which of the office's database files hold the value, read as raw bytes. */
function officeFilesHolding(value: string): string[] {
  const needle = Buffer.from(value, 'utf8');
  return ['office.db', 'office.db-wal', 'office.db-shm']
    .map((f) => join(office.dataDir, f))
    .filter((f) => existsSync(f) && readFileSync(f).includes(needle))
    .map((f) => f.slice(office.dataDir.length + 1));
}

/** Which head-office tables hold the value in any row (every row cast to text). */
async function hqTablesHolding(value: string): Promise<string[]> {
  const c = new pg.Client(testDb.url);
  await c.connect();
  try {
    const tables = (await c.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.tablename as string);
    assert.ok(tables.includes('hq_event') && tables.includes('hq_personal_data_audit'), `tables: ${tables}`);
    const holding: string[] = [];
    for (const t of tables) {
      const r = await c.query(`SELECT count(*)::int AS n FROM "${t}" x WHERE strpos(x::text, $1) > 0`, [value]);
      if (r.rows[0].n > 0) holding.push(t);
    }
    return holding;
  } finally {
    await c.end();
  }
}

async function issueWithId(idNumber: string, consentPolicyVersion: string) {
  return request(office.url, 'POST', '/api/v1/tickets', {
    token: office.creds.kioskToken,
    body: { serviceId: services[0].id, customerId: idNumber, consentPolicyVersion, print: false },
  });
}

const rights = (action: string, body: unknown, token = admin) =>
  request(office.url, 'POST', `/api/v1/personal-data/${action}`, { token, body });
const hqRights = (action: string, body: unknown, token = hqAdmin) =>
  api(hq.url, 'POST', `/api/v1/hq/personal-data/${action}`, { token, body });
const officeAudit = async () =>
  (await request<AuditEntryDto[]>(office.url, 'GET', '/api/v1/audit', { token: admin })).body;

/** Staff tokens expire on the office's clock: log in again after moving it. */
async function logIn(): Promise<void> {
  const user = (role: string) => office.creds.users.find((u) => u.role === role)!;
  admin = await login(office.url, user('admin').username, user('admin').password);
  supervisor = await login(office.url, user('supervisor').username, user('supervisor').password);
}

beforeAll(async () => {
  testDb = await createTestDatabase('hq_pdata');
  hqDir = mkdtempSync(join(tmpdir(), 'hq-pdata-'));
  const reg = await openHqDatabase({ databaseUrl: testDb.url, dataDir: hqDir });
  const { token: ingestToken } = await createOffice(reg.prisma, { code: 'PD-1', name: 'Oficina datos', company: 'EPM' });
  await reg.close();
  hq = await createHqServer({ port: await freePort(), host: '127.0.0.1', dataDir: hqDir, databaseUrl: testDb.url, demo: false, logger: await silentLogger() });
  const hqCreds = JSON.parse(readFileSync(join(hqDir, 'initial-credentials.json'), 'utf8'));
  hqAdmin = (await api(hq.url, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: hqCreds.users[0].password } })).body.token;

  clock = new FakeClock(new Date('2026-03-02T15:00:00Z'));
  office = await startInProcessOffice({
    clock,
    env: {
      OFFICE_CODE: 'PD-1',
      HQ_URL: hq.url,
      HQ_TOKEN: ingestToken,
      PERSONAL_DATA_RETENTION_DAYS: String(RETENTION_DAYS),
      DEMO_PRINTER_URI: 'file:/dev/null',
    },
  });
  await logIn();
  services = (await request<ServiceDto[]>(office.url, 'GET', '/api/v1/services', { token: admin })).body;
}, 120_000);

afterAll(async () => {
  await office?.stop();
  await hq?.stop();
  await testDb?.drop();
  rmSync(hqDir, { recursive: true, force: true });
});

describe('consent', () => {
  test('an ID number comes only with the consent version the office shows; any other stores nothing', async () => {
    const idNumber = uniqueIdNumber();
    for (const version of ['2024-12', '2025-01 ', 'x']) {
      const r = await issueWithId(idNumber, version);
      assert.equal(r.status, 400, `version ${JSON.stringify(version)}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'consent_version_mismatch');
    }
    assert.deepEqual(officeFilesHolding(idNumber), [], 'a refused ID number reached the database files');
    const found = (await rights('search', { idNumber })).body as PersonalDataFound;
    assert.deepEqual(found.records, []);

    const ok = await issueWithId(idNumber, CONSENT_SHOWN);
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    const after = (await rights('search', { idNumber })).body as PersonalDataFound;
    assert.equal(after.records.length, 1);
    assert.equal(after.records[0].data.consentPolicyVersion, CONSENT_SHOWN);
    assert.equal((await rights('delete', { idNumber })).body.deleted, 1);
  });
});

describe('a person\'s rights at the office (Ley 1581)', () => {
  test('store, find, export, delete: afterwards the value is in no database file and the audit names it masked', async () => {
    const idNumber = uniqueIdNumber();
    const issued = await issueWithId(idNumber, CONSENT_SHOWN);
    assert.equal(issued.status, 201);
    assert.notDeepEqual(officeFilesHolding(idNumber), [], 'stored: the byte search finds it (else it proves nothing later)');
    const auditBefore = (await officeAudit()).length;

    const found = await rights('search', { idNumber });
    assert.equal(found.status, 200);
    assert.deepEqual(
      (found.body as PersonalDataFound).records.map((r) => [r.store, r.key, r.data.idNumber, r.data.ticketCode]),
      [['CustomerData', issued.body.id, idNumber, issued.body.code]],
    );

    const exported = await rights('export', { idNumber });
    assert.equal(exported.status, 200);
    assert.match(exported.headers.get('content-disposition') ?? '', /attachment; filename=".+\.json"/);
    const file = exported.body as PersonalDataExport;
    assert.equal(file.records[0].data.idNumber, idNumber);
    assert.equal(file.records[0].data.deleteAfter, new Date(clock.now().getTime() + RETENTION_DAYS * 86_400_000).toISOString());

    const deleted = await rights('delete', { idNumber });
    assert.deepEqual([deleted.status, deleted.body.deleted], [200, 1]);
    assert.deepEqual(((await rights('search', { idNumber })).body as PersonalDataFound).records, []);
    assert.deepEqual(officeFilesHolding(idNumber), [], 'the deleted ID number is still readable on disk');

    const all = await officeAudit();
    const audit = all.slice(0, all.length - auditBefore).reverse();
    const me = (await request(office.url, 'GET', '/api/v1/me', { token: admin })).body;
    assert.deepEqual(
      audit.map((e) => [e.action, e.subjectKind, e.records, e.actorId, e.actorName]),
      [
        ['search', 'idNumber', 1],
        ['export', 'idNumber', 1],
        ['delete', 'idNumber', 1],
        ['search', 'idNumber', 0],
      ].map((row) => [...row, me.principalId, me.name]),
    );
    for (const e of audit) {
      assert.equal(e.subjectMasked, '*'.repeat(idNumber.length - 2) + idNumber.slice(-2));
      assert.ok(new Date(e.at).getTime() === clock.now().getTime(), `audit time from the office clock: ${e.at}`);
    }
  });

  test('a phone number or an e-mail is searched too (the office holds none) and audited', async () => {
    const before = (await officeAudit()).length;
    for (const body of [{ phone: '+57 300 555 0101' }, { email: 'ana.perez@example.co' }]) {
      const r = await rights('search', body);
      assert.deepEqual([r.status, r.body.records], [200, []]);
    }
    const audit = await officeAudit();
    assert.deepEqual(audit.slice(0, 2).map((e) => [e.subjectKind, e.subjectMasked]), [
      ['email', '******************co'],
      ['phone', '**************01'],
    ]);
    assert.equal(audit.length, before + 2);
  });

  test('only admins; a query without exactly one identifier is 400 and audits nothing', async () => {
    const before = (await officeAudit()).length;
    for (const action of ['search', 'export', 'delete']) {
      const r = await rights(action, { idNumber: '12345678' }, supervisor);
      assert.deepEqual([r.status, r.body.error.code], [403, 'forbidden'], action);
      const k = await rights(action, { idNumber: '12345678' }, office.creds.kioskToken);
      assert.equal(k.status, 403, `kiosk ${action}`);
    }
    assert.equal((await request(office.url, 'GET', '/api/v1/audit', { token: supervisor })).status, 403);
    for (const body of [{}, { idNumber: '12345678', phone: '3005550101' }, { idNumber: 'a b' }, { name: 'Ana' }]) {
      const r = await rights('search', body);
      assert.deepEqual([r.status, r.body.error.code], [400, 'validation_failed'], JSON.stringify(body));
    }
    assert.equal((await officeAudit()).length, before);
  });
});

describe('retention purge', () => {
  test('after the retention period the end-of-day job deletes the ID number from the file and its WAL', async () => {
    const idNumber = uniqueIdNumber();
    assert.equal((await issueWithId(idNumber, CONSENT_SHOWN)).status, 201);
    assert.notDeepEqual(officeFilesHolding(idNumber), []);
    clock.advance((RETENTION_DAYS + 1) * 86_400_000);
    const { purged } = await runEndOfDay(office.server.deps);
    assert.ok(purged >= 1, `purged ${purged}`);
    assert.deepEqual(officeFilesHolding(idNumber), [], 'the purged ID number is still readable on disk');
    await logIn();
  });
});

describe('head office', () => {
  test('holds no ID number of the office; finds, exports, deletes what it holds and audits each request', async () => {
    const idNumber = uniqueIdNumber();
    const issued = await issueWithId(idNumber, CONSENT_SHOWN);
    assert.equal(issued.status, 201);
    await eventually(
      async () => (await request<SyncStateDto>(office.url, 'GET', '/api/v1/sync', { token: admin })).body.pendingEvents === 0,
      30_000,
      'the office synced its events to head office',
    );
    const events = await api(hq.url, 'GET', '/api/v1/hq/offices', { token: hqAdmin });
    assert.ok(events.body.offices.find((o: { code: string }) => o.code === 'PD-1').ackedSeq > 0, 'head office received events');

    assert.deepEqual(await hqTablesHolding(idNumber), [], 'the ID number reached head office');
    const found = await hqRights('search', { idNumber });
    assert.deepEqual([found.status, found.body.holder, found.body.records], [200, 'hq', []]);

    // An older office version could have sent a value in a fact: head office finds it, exports it, redacts it.
    const planted = uniqueIdNumber();
    const c = new pg.Client(testDb.url);
    await c.connect();
    await c.query(
      `UPDATE hq_event SET fact = jsonb_set(fact, '{note}', to_jsonb($1::text))
        WHERE (office_id, seq) = (SELECT office_id, seq FROM hq_event ORDER BY seq LIMIT 1)`,
      [`cliente ${planted}`],
    );
    await c.end();
    assert.deepEqual(await hqTablesHolding(planted), ['hq_event']);
    const hit = await hqRights('search', { idNumber: planted });
    assert.equal(hit.body.records.length, 1);
    assert.match(hit.body.records[0].data.fact, new RegExp(planted));
    const exported = await hqRights('export', { idNumber: planted });
    assert.deepEqual([exported.status, exported.body.records.length], [200, 1]);
    assert.match(exported.headers.get('content-disposition') ?? '', /attachment/);
    const deleted = await hqRights('delete', { idNumber: planted });
    assert.deepEqual([deleted.status, deleted.body.deleted], [200, 1]);
    assert.deepEqual(await hqTablesHolding(planted), [], 'the deleted value is still in PostgreSQL');

    const audit = (await api(hq.url, 'GET', '/api/v1/hq/audit', { token: hqAdmin })).body as AuditEntryDto[];
    assert.deepEqual(
      audit.slice(0, 4).reverse().map((e) => [e.action, e.records, e.actorName, e.subjectMasked.slice(-2)]),
      [
        ['search', 0, 'admin', idNumber.slice(-2)],
        ['search', 1, 'admin', planted.slice(-2)],
        ['export', 1, 'admin', planted.slice(-2)],
        ['delete', 1, 'admin', planted.slice(-2)],
      ],
    );
    assert.ok(audit.every((e) => !e.subjectMasked.includes(idNumber) && !e.subjectMasked.includes(planted)));

    const anonymous = await api(hq.url, 'POST', '/api/v1/hq/personal-data/search', { body: { idNumber } });
    assert.equal(anonymous.status, 401);
    const password = 'a manager passphrase 1';
    const created = await api(hq.url, 'POST', '/api/v1/hq/users', {
      token: hqAdmin,
      body: { username: 'gerente.pd', password, role: 'manager', company: 'EPM' },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const manager = (await api(hq.url, 'POST', '/api/v1/auth/login', { body: { username: 'gerente.pd', password } })).body.token;
    for (const action of ['search', 'export', 'delete']) {
      assert.equal((await hqRights(action, { idNumber }, manager)).status, 403, `a manager may not ${action}`);
    }
    assert.equal((await api(hq.url, 'GET', '/api/v1/hq/audit', { token: manager })).status, 403);
    const bad = await hqRights('search', { idNumber, email: 'a@b.co' });
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'validation_failed']);
    assert.equal(((await api(hq.url, 'GET', '/api/v1/hq/audit', { token: hqAdmin })).body as AuditEntryDto[]).length, audit.length);
  });
});
