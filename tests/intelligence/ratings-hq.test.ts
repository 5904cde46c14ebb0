/**
 * Ratings reach head office exactly once (issue 15): a real office (fake clock, so waits
 * are exact) rates tickets and its sync worker sends the outbox to a real head office on
 * PostgreSQL; compare's office rows carry satisfactionAverage and satisfactionResponses, and
 * GET /api/v1/hq/satisfaction gives averages, share of 4-5 and response rates per office,
 * service and agent, and satisfaction against wait. A batch sent again, and a rebuild of
 * the office's figures, keep one rating per ticket.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { ServiceDto, SyncStateDto, TicketDto } from '@turnero/contract/dto';
import { CompareResponse } from '@turnero/contract/hq';
import type { OutboxEnvelope } from '@turnero/contract/outbox';
import { SatisfactionReport } from '@turnero/contract/ratings';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { openHqDatabase, type HqDatabase } from '../../server/src/hq/db';
import { ingestBatch } from '../../server/src/hq/ingest/ingest';
import { rebuildOffice } from '../../server/src/hq/ingest/rebuild';
import { createOffice } from '../../server/src/hq/org/offices';
import { api, createTestDatabase, freePort, OfficeStream, silentLogger, type TestDatabase } from '../hq/helpers';
import { login, request } from '../support/http';
import { FakeClock, startInProcessOffice, type InProcessOffice } from '../support/office';

const DAY = '2026-11-24';
const MINUTE = 60_000;
let testDb: TestDatabase;
let dir: string;
let hq: HqServer;
let db: HqDatabase;
let office: InProcessOffice;
let hqToken: string;
const clock = new FakeClock(new Date(`${DAY}T15:00:00Z`)); // 10:00 in Bogotá, a Tuesday

beforeAll(async () => {
  testDb = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'hq-ratings-'));
  const port = await freePort();
  hq = await createHqServer({ port, host: '127.0.0.1', dataDir: dir, databaseUrl: testDb.url, demo: false, logger: await silentLogger() });
  db = await openHqDatabase({ databaseUrl: testDb.url, dataDir: dir });
  const { token } = await createOffice(db.prisma, { code: 'RAT-1', name: 'Oficina Ratings', company: 'EPM' });
  await createOffice(db.prisma, { code: 'RAT-2', name: 'Oficina sin calificaciones', company: 'EPM' });
  const creds = JSON.parse(readFileSync(join(dir, 'initial-credentials.json'), 'utf8'));
  hqToken = (await api(hq.url, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: creds.users[0].password } })).body.token;
  office = await startInProcessOffice({ clock, env: { OFFICE_CODE: 'RAT-1', HQ_URL: `http://127.0.0.1:${port}`, HQ_TOKEN: token } });
});

afterAll(async () => {
  await office?.stop();
  await hq?.stop();
  await db?.close();
  await testDb?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function ok<T = unknown>(method: string, path: string, token: string, body?: unknown, status = 200): Promise<T> {
  const r = await request<T>(office.url, method, `/api/v1${path}`, { token, body });
  assert.equal(r.status, status, `${method} ${path}: ${JSON.stringify(r.body)}`);
  return r.body;
}

async function caughtUp(): Promise<void> {
  const supervisorUser = office.creds.users.find((u) => u.role === 'supervisor')!;
  const supervisor = await login(office.url, supervisorUser.username, supervisorUser.password);
  let sync: SyncStateDto | undefined;
  const deadline = Date.now() + 60_000;
  do {
    await new Promise((r) => setTimeout(r, 200));
    sync = (await request<SyncStateDto>(office.url, 'GET', '/api/v1/sync', { token: supervisor })).body;
  } while ((sync.pendingEvents > 0 || sync.lastSentSeq === 0) && Date.now() < deadline);
  assert.equal(sync.pendingEvents, 0, JSON.stringify(sync));
}

const ratingRows = async () =>
  db.prisma.$queryRawUnsafe<{ ticket_id: string; score: number; wait_seconds: number | null }[]>(
    'SELECT ticket_id, score, wait_seconds FROM hq_rating r JOIN hq_office o ON o.id = r.office_id WHERE o.code = $1 ORDER BY wait_seconds',
    'RAT-1',
  );

describe('ratings at head office', () => {
  test('four tickets waited 2, 12, 40 and 70 minutes; three were rated and reached head office once each', async () => {
    const kiosk = office.creds.kioskToken;
    const services = Object.fromEntries((await ok<ServiceDto[]>('GET', '/services', kiosk)).map((s) => [s.prefix, s]));
    const agents: { token: string; counterId: string }[] = [];
    for (const name of ['asesor1', 'asesor2']) {
      const u = office.creds.users.find((x) => x.username === name)!;
      const token = await login(office.url, u.username, u.password);
      agents.push({ token, counterId: u.counterId! });
      await ok('POST', `/counters/${u.counterId}/sign-in`, token);
    }
    const tickets: TicketDto[] = [];
    for (let i = 0; i < 4; i++) tickets.push(await ok<TicketDto>('POST', '/tickets', kiosk, { serviceId: services.A.id, print: false }, 201));
    const serve = async (t: TicketDto, agent: number, atMinute: number) => {
      clock.set(new Date(new Date(`${DAY}T15:00:00Z`).getTime() + atMinute * MINUTE));
      await ok('POST', `/tickets/${t.id}/call`, agents[agent].token, { counterId: agents[agent].counterId });
      await ok('POST', `/tickets/${t.id}/start`, agents[agent].token);
      clock.advance(MINUTE);
      await ok('POST', `/tickets/${t.id}/finish`, agents[agent].token, {});
    };
    await serve(tickets[0], 0, 2);
    await serve(tickets[1], 0, 12);
    await serve(tickets[2], 1, 40);
    await serve(tickets[3], 1, 70);
    const scores = [5, 4, 2];
    for (const [i, score] of scores.entries()) {
      const r = await request(office.url, 'POST', `/api/v1/public/tickets/${tickets[i].id}/rating`, { body: { score, comment: 'cel 3001234567' } });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    await caughtUp();
    const rows = await ratingRows();
    assert.deepEqual(
      rows.map((r) => [r.ticket_id, r.score, r.wait_seconds]),
      [
        [tickets[0].id, 5, 120],
        [tickets[1].id, 4, 720],
        [tickets[2].id, 2, 2400],
      ],
    );
    // The comment never left the office.
    const facts = await db.prisma.$queryRawUnsafe<{ fact: unknown }[]>(`SELECT fact FROM hq_event WHERE kind = 'rating'`);
    assert.equal(facts.length, 3);
    assert.equal(JSON.stringify(facts).includes('3001234567'), false);
  });

  test('compare rows carry satisfactionAverage and satisfactionResponses (null and 0 for an office nobody rated)', async () => {
    const r = await api(hq.url, 'GET', `/api/v1/hq/offices/compare?from=${DAY}&to=${DAY}`, { token: hqToken });
    assert.equal(r.status, 200, r.text);
    const res = CompareResponse.parse(r.body);
    const rated = res.rows.find((x) => x.officeCode === 'RAT-1')!;
    assert.equal(rated.satisfactionResponses, 3);
    assert.ok(Math.abs(rated.satisfactionAverage! - 11 / 3) < 1e-9, String(rated.satisfactionAverage));
    assert.equal(rated.served, 4);
    const quiet = res.rows.find((x) => x.officeCode === 'RAT-2')!;
    assert.equal(quiet.satisfactionResponses, 0);
    assert.equal(quiet.satisfactionAverage, null);
    // Another day: nothing rated there.
    const other = CompareResponse.parse((await api(hq.url, 'GET', '/api/v1/hq/offices/compare?from=2026-11-25&to=2026-11-25', { token: hqToken })).body);
    assert.equal(other.rows.find((x) => x.officeCode === 'RAT-1')!.satisfactionResponses, 0);
    // The CSV has the two columns.
    const csv = await api(hq.url, 'GET', `/api/v1/hq/compare.csv?from=${DAY}&to=${DAY}&lang=es`, { token: hqToken });
    assert.match(csv.text, /Satisfacción promedio,Calificaciones/);
  });

  test('satisfaction per office, service and agent: average, share of 4-5 and response rate', async () => {
    const get = async (by: string) => {
      const r = await api(hq.url, 'GET', `/api/v1/hq/satisfaction?from=${DAY}&to=${DAY}&by=${by}`, { token: hqToken });
      assert.equal(r.status, 200, r.text);
      return SatisfactionReport.parse(r.body);
    };
    const byOffice = await get('office');
    const row = byOffice.rows.find((x) => x.key === 'RAT-1')!;
    assert.equal(row.label, 'Oficina Ratings');
    assert.equal(row.responses, 3);
    assert.equal(row.served, 4);
    assert.equal(row.responseRate, 0.75);
    assert.ok(Math.abs(row.highShare! - 2 / 3) < 1e-9);

    const byService = await get('service');
    const a = byService.rows.find((x) => x.officeCode === 'RAT-1' && x.key === 'A')!;
    assert.equal(a.responses, 3);
    assert.equal(a.served, 4);

    const byAgent = await get('agent');
    const agentRows = byAgent.rows.filter((x) => x.officeCode === 'RAT-1').sort((x, y) => y.responses - x.responses);
    assert.deepEqual(
      agentRows.map((x) => [x.responses, x.average, x.served, x.responseRate]),
      [
        [2, 4.5, 2, 1],
        [1, 2, 2, 0.5],
      ],
    );
  });

  test('satisfaction against wait: the average of each bucket of wait', async () => {
    const r = SatisfactionReport.parse((await api(hq.url, 'GET', `/api/v1/hq/satisfaction?from=${DAY}&to=${DAY}`, { token: hqToken })).body);
    const bucket = (upTo: number | null) => r.byWait.find((b) => b.upToMinutes === upTo)!;
    assert.deepEqual([bucket(5).responses, bucket(5).average], [1, 5]);
    assert.deepEqual([bucket(15).responses, bucket(15).average], [1, 4]);
    assert.deepEqual([bucket(45).responses, bucket(45).average], [1, 2]);
    assert.deepEqual([bucket(null).responses, bucket(null).average], [0, null]);
    assert.equal(r.byWait.reduce((n, b) => n + b.responses, 0), 3);
  });

  test('a backwards range or an unknown grouping is 400; without a token 401', async () => {
    const bad = await api(hq.url, 'GET', `/api/v1/hq/satisfaction?from=2026-11-25&to=${DAY}`, { token: hqToken });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.code, 'validation_failed');
    assert.equal((await api(hq.url, 'GET', `/api/v1/hq/satisfaction?from=${DAY}&to=${DAY}&by=person`, { token: hqToken })).status, 400);
    assert.equal((await api(hq.url, 'GET', `/api/v1/hq/satisfaction?from=${DAY}&to=${DAY}`)).status, 401);
  });

  test('a batch sent again and a rebuild keep one rating per ticket', async () => {
    const stream = new OfficeStream('RAT-2', new Date(`${DAY}T15:00:00Z`));
    stream.ticket('x1', 'issued');
    stream.advance(600).ticket('x1', 'called');
    stream.advance(300).ticket('x1', 'finished');
    const rating: OutboxEnvelope = {
      seq: ++stream.seq,
      occurredAt: stream.advance(30).now.toISOString(),
      fact: { kind: 'rating', event: 'rated', ticketId: 'x1', day: DAY, serviceCode: 'A', counterId: 'c1', agentId: 'u1', score: 3, source: 'ticket_page', waitSeconds: 600 },
    };
    stream.events.push(rating);
    const sync = { role: 'office-sync', officeCode: 'RAT-2' };
    await ingestBatch(db, sync, stream.batch(stream.events), stream.now);
    const again = await ingestBatch(db, sync, stream.batch([rating]), stream.now);
    assert.equal(again.duplicates, 1);
    const count = async () =>
      (await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT COUNT(*)::int AS n FROM hq_rating r JOIN hq_office o ON o.id = r.office_id WHERE o.code = 'RAT-2'`))[0].n;
    assert.equal(await count(), 1);
    await rebuildOffice(db, 'RAT-2');
    assert.equal(await count(), 1);
    const res = CompareResponse.parse((await api(hq.url, 'GET', `/api/v1/hq/offices/compare?from=${DAY}&to=${DAY}`, { token: hqToken })).body);
    const row = res.rows.find((x) => x.officeCode === 'RAT-2')!;
    assert.deepEqual([row.satisfactionResponses, row.satisfactionAverage], [1, 3]);
  });
});
