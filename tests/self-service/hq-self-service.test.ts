/**
 * Every printed self-service document reaches head office as one 'self_service' fact
 * (kind and day only: no account, amount or name) and is counted exactly once per office,
 * day and kind in real PostgreSQL, whatever the retries; a rebuild gives the same counts;
 * compare shows the office's turns avoided.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompareQuery } from '@turnero/contract/hq';
import { OutboxEnvelope, type IngestBatch } from '@turnero/contract/outbox';
import { openHqDatabase, type HqDatabase } from '../../server/src/hq/db';
import { ingestBatch } from '../../server/src/hq/ingest/ingest';
import { rebuildOffice } from '../../server/src/hq/ingest/rebuild';
import { compareOffices } from '../../server/src/hq/reports/compare';
import { selfServiceDays } from '../../server/src/hq/store/self-service-store';
import { DEMO_ACCOUNTS } from '../../server/src/office/demo/billing-demo';
import { outboxPage } from '../../server/src/office/store/sync-store';
import { request } from '../support/http';
import { createTestDatabase, type TestDatabase } from '../hq/helpers';
import { startSelfServiceRig, type SelfServiceRig } from './helpers';

const OFFICE = 'DEMO-001';
let rig: SelfServiceRig;
let testDb: TestDatabase;
let hq: HqDatabase;
const sync = { role: 'office-sync', officeCode: OFFICE };

beforeAll(async () => {
  rig = await startSelfServiceRig();
  testDb = await createTestDatabase('hq_self_service');
  hq = await openHqDatabase({ databaseUrl: testDb.url, dataDir: '/tmp' });
  await hq.prisma.hqOffice.create({ data: { code: OFFICE, name: 'Oficina demo', company: 'EPM', timeZone: 'America/Bogota' } });
});
afterAll(async () => {
  await rig?.stop();
  await hq?.close();
  await testDb?.drop();
});

async function officeOutbox(): Promise<IngestBatch['events']> {
  const rows = await rig.office.server.deps.bus.read((db) => outboxPage(db, 0, 5000));
  return rows.map((r) => OutboxEnvelope.parse({ seq: r.seq, occurredAt: r.occurredAt.toISOString(), fact: JSON.parse(r.payload) }));
}

describe('self-service figures at head office', () => {
  it('writes one fact per printed document, with no personal data, and none for a refused request', async () => {
    const [maria, jorge, luz] = DEMO_ACCOUNTS;
    const post = (path: string, body: unknown) => request(rig.office.url, 'POST', `/api/v1/self-service/${path}`, { token: rig.kiosk, body });
    expect((await post('coupons', { account: maria, kind: 'full' })).status).toBe(201);
    expect((await post('coupons', { account: maria, kind: 'full' })).status).toBe(201);
    expect((await post('coupons', { account: jorge, kind: 'partial' })).status).toBe(201);
    expect((await post('duplicates', { account: luz })).status).toBe(201);
    expect((await post('coupons', { account: '99999999', kind: 'full' })).status).toBe(404);

    const facts = (await officeOutbox()).filter((e) => e.fact.kind === 'self_service');
    expect(facts.map((e) => e.fact.kind === 'self_service' && e.fact.event)).toEqual(['coupon_full', 'coupon_full', 'coupon_partial', 'duplicate_invoice']);
    expect(facts.every((e) => e.fact.kind === 'self_service' && e.fact.day === '2026-12-01')).toBe(true);
    const wire = JSON.stringify(facts);
    for (const secret of [maria, jorge, luz, '45000', 'Gómez', 'M***']) expect(wire).not.toContain(secret);
  });

  it('head office counts them once per office, day and kind, however often the batch is sent, and a rebuild agrees', async () => {
    const events = await officeOutbox();
    const batch: IngestBatch = { officeCode: OFFICE, sentAt: rig.clock.now().toISOString(), timeZone: 'America/Bogota', events };
    const first = await ingestBatch(hq, sync, batch, rig.clock.now());
    expect(first.applied).toBe(events.length);
    const again = await ingestBatch(hq, sync, batch, rig.clock.now());
    expect(again).toMatchObject({ applied: 0, duplicates: events.length });

    const expected = [
      { day: '2026-12-01', kind: 'coupon_full', count: 2 },
      { day: '2026-12-01', kind: 'coupon_partial', count: 1 },
      { day: '2026-12-01', kind: 'duplicate_invoice', count: 1 },
    ];
    expect(await selfServiceDays(hq.sql, OFFICE)).toEqual(expected);
    await rebuildOffice(hq, OFFICE);
    expect(await selfServiceDays(hq.sql, OFFICE)).toEqual(expected);
  });

  it('compare shows the turns avoided per office over the days asked, and none outside them', async () => {
    const viewer = { role: 'admin', company: null };
    const on = await compareOffices(hq.sql, viewer, CompareQuery.parse({ from: '2026-12-01', to: '2026-12-01' }));
    expect(on.rows.find((r) => r.officeCode === OFFICE)?.selfServiceTransactions).toBe(4);
    const before = await compareOffices(hq.sql, viewer, CompareQuery.parse({ from: '2026-11-01', to: '2026-11-30' }));
    expect(before.rows.find((r) => r.officeCode === OFFICE)?.selfServiceTransactions).toBe(0);
  });
});
