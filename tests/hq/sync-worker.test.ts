import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOfficeDb, type OfficeDb } from '../../server/src/db/office-db';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { createOffice } from '../../server/src/hq/org/offices';
import { backoffDelay } from '../../server/src/office/sync/backoff';
import { createSyncWorker } from '../../server/src/office/sync/sync-worker';
import type { OutboxEnvelope } from '@turnero/contract/outbox';
import { createTestDatabase, freePort, OfficeStream, silentLogger, simulateTraffic, type TestDatabase } from './helpers';

let testDb: TestDatabase;
let dir: string;
let port: number;
let hq: HqServer | null = null;
let logger: Awaited<ReturnType<typeof silentLogger>>;
const clock = { now: () => new Date() };

async function startHq() {
  hq = await createHqServer({ port, host: '127.0.0.1', dataDir: dir, databaseUrl: testDb.url, demo: false, logger });
  return hq;
}

async function openOffice(name: string): Promise<OfficeDb> {
  return openOfficeDb({ file: join(dir, `${name}.db`) });
}

async function appendOutbox(db: OfficeDb, events: OutboxEnvelope[]) {
  for (let i = 0; i < events.length; i += 2000) {
    await db.prisma.outboxEvent.createMany({
      data: events.slice(i, i + 2000).map((e) => ({
        seq: e.seq,
        type: e.fact.kind,
        occurredAt: new Date(e.occurredAt),
        payload: JSON.stringify(e.fact),
      })),
    });
  }
}

async function hqFigures(code: string) {
  const office = await hq!.db.prisma.hqOffice.findUniqueOrThrow({ where: { code } });
  const [row] = await hq!.db.prisma.$queryRawUnsafe<{ issued: number; served: number; events: number }[]>(
    `SELECT (SELECT COALESCE(SUM(issued),0)::int FROM hq_agg_day WHERE office_id = $1) AS issued,
            (SELECT COALESCE(SUM(served),0)::int FROM hq_agg_day WHERE office_id = $1) AS served,
            (SELECT COUNT(*)::int FROM hq_event WHERE office_id = $1) AS events`,
    office.id,
  );
  return { ...row, ackedSeq: office.ackedSeq };
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  dir = mkdtempSync(join(tmpdir(), 'hq-sync-'));
  port = await freePort();
  logger = await silentLogger();
});
afterAll(async () => {
  await hq?.stop();
  await testDb?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('back-off', () => {
  test('doubles per failure between half and all of the step, capped at five minutes', () => {
    const at = (n: number, r: number) => backoffDelay(n, { baseMs: 1000, capMs: 300_000, random: () => r });
    assert.deepEqual([1, 2, 3, 4].map((n) => at(n, 0)), [500, 1000, 2000, 4000]);
    assert.deepEqual([1, 2, 3, 4].map((n) => at(n, 1)), [1000, 2000, 4000, 8000]);
    assert.equal(at(12, 1), 300_000);
    assert.equal(at(500, 0), 150_000);
    assert.equal(at(0, 1), 0);
  });
});

describe('sync worker against a real head office', () => {
  test('catches up after head office was down, then resumes after its own restart without double counting', async () => {
    const office = await openOffice('office-1');
    const s = new OfficeStream('SYNC-1', new Date('2026-11-02T12:00:00Z'));
    const day1 = simulateTraffic(s, 300, 40, 'd1-');
    await appendOutbox(office, s.events);
    const head1 = s.seq;

    // Head office is down: the worker records the error and backs off, growing.
    const delays: number[] = [];
    let token = 'not-yet-registered-token-0000';
    const mkWorker = () =>
      createSyncWorker({
        prisma: office.prisma,
        hqUrl: `http://127.0.0.1:${port}`,
        hqToken: token,
        officeCode: 'SYNC-1',
        timeZone: 'America/Bogota',
        clock,
        logger,
        batchSize: 100,
        random: () => 0.5,
        idleMs: 20,
        sleep: (ms, signal) => {
          delays.push(ms);
          // Real waits would make the test slow: wait a token 5 ms, or less when stopped.
          return new Promise((r) => {
            const t = setTimeout(r, Math.min(ms, 5));
            signal.addEventListener('abort', () => (clearTimeout(t), r()));
          });
        },
      });
    let worker = mkWorker();
    worker.start();
    const failing = Date.now() + 30_000;
    while (worker.state().consecutiveFailures < 4) {
      assert.ok(Date.now() < failing, `the worker failed only ${worker.state().consecutiveFailures} times in 30 s (waited for 4)`);
      await new Promise((r) => setTimeout(r, 5));
    }
    await worker.stop();
    const st = worker.state();
    assert.match(st.lastError ?? '', /network/);
    assert.equal(st.lastSentSeq, 0);
    const failureDelays = delays.filter((d) => d !== 20).slice(0, 4);
    assert.deepEqual(failureDelays, [750, 1500, 3000, 6000]);
    const persisted = await office.prisma.syncState.findUniqueOrThrow({ where: { id: 1 } });
    assert.match(persisted.lastError ?? '', /network/);
    assert.ok(persisted.lastAttemptAt);

    // Head office comes up; the office is registered; the worker catches up.
    await startHq();
    token = (await createOffice(hq!.db.prisma, { code: 'SYNC-1', name: 'Sincronía', company: 'EPM' })).token;
    worker = mkWorker();
    worker.start();
    await worker.waitForSeq(head1, 60_000);
    assert.equal(worker.state().lastError, null);
    assert.deepEqual(await hqFigures('SYNC-1'), { issued: day1.issued, served: day1.served, events: head1, ackedSeq: head1 });

    // The worker restarts (new process in real life): it resumes from SyncState.
    await worker.stop();
    s.at('2026-11-03T12:00:00Z');
    const day2 = simulateTraffic(s, 120, 40, 'd2-');
    await appendOutbox(office, s.events.slice(head1));
    worker = mkWorker();
    worker.start();
    await worker.waitForSeq(s.seq, 60_000);
    await worker.stop();
    assert.equal(worker.state().sentEvents, s.seq - head1, 'only the new events were applied');
    assert.deepEqual(await hqFigures('SYNC-1'), {
      issued: day1.issued + day2.issued,
      served: day1.served + day2.served,
      events: s.seq,
      ackedSeq: s.seq,
    });
    const persistedAfter = await office.prisma.syncState.findUniqueOrThrow({ where: { id: 1 } });
    assert.equal(persistedAfter.lastSentSeq, s.seq);
    assert.equal(persistedAfter.lastError, null);
    await office.close();
  });

  test('jumps back when head office holds less than the office thinks (409 gap)', async () => {
    if (!hq) await startHq();
    const token = (await createOffice(hq!.db.prisma, { code: 'SYNC-2', name: 'Restaurada' })).token;
    const office = await openOffice('office-2');
    const s = new OfficeStream('SYNC-2', new Date('2026-11-02T12:00:00Z'));
    simulateTraffic(s, 50);
    await appendOutbox(office, s.events);
    // As if head office had been restored from an older backup.
    await office.prisma.syncState.create({ data: { id: 1, lastSentSeq: 40 } });
    const worker = createSyncWorker({
      prisma: office.prisma,
      hqUrl: hq!.url,
      hqToken: token,
      officeCode: 'SYNC-2',
      timeZone: 'America/Bogota',
      clock,
      logger,
      batchSize: 25,
      idleMs: 20,
    });
    worker.start();
    await worker.waitForSeq(s.seq, 30_000);
    await worker.stop();
    const f = await hqFigures('SYNC-2');
    assert.equal(f.ackedSeq, s.seq);
    assert.equal(f.events, s.seq);
    assert.equal(f.issued, 50);
    await office.close();
  });
});

describe('sync worker with a large backlog', () => {
  test('drains 100,000 pending events in ordered pages of at most batchSize', async () => {
    const office = await openOffice('office-3');
    const s = new OfficeStream('BIG', new Date('2026-10-01T12:00:00Z'));
    for (let i = 0; s.seq < 100_000; i++) s.advance(1).ticket(`b${i}`, 'issued');
    await appendOutbox(office, s.events);
    let acked = 0;
    let maxBatch = 0;
    let outOfOrder = 0;
    const fake = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const batch = JSON.parse(Buffer.concat(chunks).toString());
        maxBatch = Math.max(maxBatch, batch.events.length);
        for (const e of batch.events) {
          if (e.seq === acked + 1) acked = e.seq;
          else if (e.seq > acked) outOfOrder += 1;
        }
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ackedSeq: acked, applied: batch.events.length, duplicates: 0, clockSkewMs: 0 }));
      });
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    const worker = createSyncWorker({
      prisma: office.prisma,
      hqUrl: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`,
      hqToken: 'x'.repeat(32),
      officeCode: 'BIG',
      timeZone: 'America/Bogota',
      clock,
      logger,
      batchSize: 5000,
      idleMs: 20,
    });
    worker.start();
    await worker.waitForSeq(100_000, 120_000);
    await worker.stop();
    await new Promise<void>((r) => fake.close(() => r()));
    assert.equal(acked, 100_000);
    assert.equal(maxBatch, 5000);
    assert.equal(outOfOrder, 0);
    await office.close();
  });
});
