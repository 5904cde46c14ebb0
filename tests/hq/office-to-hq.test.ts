/**
 * A real office server and a real head office: head office is down while the office
 * serves customers; the office keeps working and records the failure; when head office
 * comes up the office's sync worker catches up, and head office's figures equal the ones
 * the office computed itself.
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallResultDto, StatsTodayDto, SyncStateDto } from '@turnero/contract/dto';
import { BreakdownResponse } from '@turnero/contract/hq';
import { openHqDatabase } from '../../server/src/hq/db';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { createOffice } from '../../server/src/hq/org/offices';
import { request } from '../support/http';
import { act, closeOffice, expectStatus, issue, openOffice, signIn, type OfficeSession } from '../office/helpers';
import { api, createTestDatabase, freePort, silentLogger, type TestDatabase } from './helpers';

let testDb: TestDatabase;
let dir: string;
let hq: HqServer | undefined;
let s: OfficeSession | undefined;

beforeAll(async () => {
  testDb = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'hq-e2e-'));
});
afterAll(async () => {
  await closeOffice(s);
  await hq?.stop();
  await testDb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

test('office serves while head office is down, then head office catches up to the same figures', async () => {
  const port = await freePort();
  const reg = await openHqDatabase({ databaseUrl: testDb.url, dataDir: dir });
  const { token } = await createOffice(reg.prisma, { code: 'E2E-1', name: 'Oficina E2E', company: 'EPM' });
  await reg.close();

  s = await openOffice({ env: { OFFICE_CODE: 'E2E-1', HQ_URL: `http://127.0.0.1:${port}`, HQ_TOKEN: token } });
  const agents = s.agents.slice(0, 3);
  for (const a of agents) await signIn(s, a);
  const issued: string[] = [];
  for (let i = 0; i < 24; i++) issued.push((await issue(s, i % 3 === 0 ? 'B' : 'A', { token: s.kiosk })).id);
  let round = 0;
  let calls = 0;
  for (let more = true; more; round++) {
    more = false;
    for (const a of agents) {
      const r = await request<CallResultDto>(s.url, 'POST', `/api/v1/counters/${a.counterId}/call-next`, { token: a.token });
      if (r.status === 204) continue;
      const t = expectStatus(r, 200, 'call-next').body.ticket;
      more = true;
      // Every fifth customer called does not come.
      if (++calls % 5 === 0) {
        expectStatus(await act(s, a.token, t.id, 'no-show'), 200, 'no-show');
      } else {
        expectStatus(await act(s, a.token, t.id, 'start'), 200, 'start');
        expectStatus(await act(s, a.token, t.id, 'finish', {}), 200, 'finish');
      }
    }
    // Two customers give up while waiting.
    if (round === 1) {
      for (const id of issued.slice(-2)) expectStatus(await act(s, s.supervisor, id, 'cancel'), 200, 'cancel');
    }
  }

  // Head office is unreachable: the office kept serving and says why it has not synced.
  let sync: SyncStateDto | undefined;
  for (let i = 0; i < 100; i++) {
    sync = (await request<SyncStateDto>(s.url, 'GET', '/api/v1/sync', { token: s.supervisor })).body;
    if (sync.lastError) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(sync!.lastError, 'the failure is recorded');
  assert.ok(sync!.pendingEvents > 24, `events wait in the outbox (${sync!.pendingEvents})`);

  hq = await createHqServer({ port, host: '127.0.0.1', dataDir: dir, databaseUrl: testDb.url, demo: false, logger: await silentLogger() });
  const deadline = Date.now() + 90_000;
  do {
    await new Promise((r) => setTimeout(r, 250));
    sync = (await request<SyncStateDto>(s.url, 'GET', '/api/v1/sync', { token: s.supervisor })).body;
  } while (sync.pendingEvents > 0 && Date.now() < deadline);
  assert.equal(sync.pendingEvents, 0, `caught up (${JSON.stringify(sync)})`);

  const stats = expectStatus(await request<StatsTodayDto>(s.url, 'GET', '/api/v1/stats/today', { token: s.supervisor }), 200).body;
  const prefixOf = new Map(Object.values(s.services).map((svc) => [svc.id, svc.prefix]));
  const officeFigures = Object.fromEntries(
    stats.services
      .filter((x) => x.issued > 0)
      .map((x) => [prefixOf.get(x.serviceId), { issued: x.issued, served: x.served, noShows: x.noShows }]),
  );

  const creds = JSON.parse((await import('node:fs')).readFileSync(join(dir, 'initial-credentials.json'), 'utf8'));
  const login = await api(hq.url, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: creds.users[0].password } });
  const res = await api(hq.url, 'GET', `/api/v1/hq/offices/E2E-1/breakdown?from=${stats.day}&to=${stats.day}&by=service`, {
    token: login.body.token,
  });
  const breakdown = BreakdownResponse.parse(res.body);
  const hqFigures = Object.fromEntries(breakdown.rows.map((r) => [r.key, { issued: r.issued, served: r.served, noShows: r.noShows }]));
  assert.deepEqual(hqFigures, officeFigures);
  assert.equal(breakdown.totals.issued, 24);
  assert.ok(breakdown.totals.served > 0 && breakdown.totals.noShows > 0);
});
