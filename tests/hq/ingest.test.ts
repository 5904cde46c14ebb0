import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { openHqDatabase, type HqDatabase } from '../../server/src/hq/db';
import { ingestBatch } from '../../server/src/hq/ingest/ingest';
import { rebuildOffice } from '../../server/src/hq/ingest/rebuild';
import { createTestDatabase, OfficeStream, type TestDatabase } from './helpers';

let testDb: TestDatabase;
let db: HqDatabase;
const sync = (code: string) => ({ role: 'office-sync', officeCode: code });

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = await openHqDatabase({ databaseUrl: testDb.url, dataDir: '/tmp' });
  for (const code of ['OF-A', 'OF-B']) {
    await db.prisma.hqOffice.create({ data: { code, name: `Oficina ${code}`, company: 'EPM', timeZone: 'America/Bogota' } });
  }
});
afterAll(async () => {
  await db?.close();
  await testDb?.drop();
});

async function aggSnapshot(code: string) {
  const office = await db.prisma.hqOffice.findUniqueOrThrow({ where: { code } });
  const q = (t: string, order: string) =>
    db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM ${t} WHERE office_id = $1 ORDER BY ${order}`, office.id);
  return {
    hour: await q('hq_agg_hour', 'service_code, day, hour'),
    day: await q('hq_agg_day', 'service_code, day'),
    agent: await q('hq_agent_hour', 'day, hour'),
    tickets: await q('hq_ticket', 'ticket_id'),
  };
}

describe('ingest', () => {
  test('duplicates are accepted silently and counted once; a gap is refused with the expected sequence', async () => {
    const s = new OfficeStream('OF-A', new Date('2026-11-02T13:00:00Z'));
    s.agent('u1', 'signed_in');
    s.ticket('t1', 'issued');
    s.advance(300).ticket('t1', 'called');
    s.advance(20).ticket('t1', 'started');
    s.advance(400).ticket('t1', 'finished');
    const [e1, e2, e3, e4, e5] = s.events;

    const r1 = await ingestBatch(db, sync('OF-A'), s.batch([e1, e2, e3]), s.now);
    assert.deepEqual({ acked: r1.ackedSeq, applied: r1.applied, dup: r1.duplicates }, { acked: 3, applied: 3, dup: 0 });

    // Retry of the same batch: nothing applied twice.
    const r2 = await ingestBatch(db, sync('OF-A'), s.batch([e1, e2, e3]), s.now);
    assert.deepEqual({ acked: r2.ackedSeq, applied: r2.applied, dup: r2.duplicates }, { acked: 3, applied: 0, dup: 3 });

    // Batch starting past ackedSeq + 1: refused, tells where to resume.
    await assert.rejects(ingestBatch(db, sync('OF-A'), s.batch([e5]), s.now), (err: any) => {
      assert.equal(err.code, 'gap_in_sequence');
      assert.deepEqual(err.details, { expectedSeq: 4 });
      return true;
    });

    // Overlapping batch (out of order, partly known): only the new events count.
    const r3 = await ingestBatch(db, sync('OF-A'), s.batch([e5, e3, e4]), s.now);
    assert.deepEqual({ acked: r3.ackedSeq, applied: r3.applied, dup: r3.duplicates }, { acked: 5, applied: 2, dup: 1 });

    const snap = await aggSnapshot('OF-A');
    assert.equal(snap.day.length, 1);
    const d = snap.day[0];
    assert.equal(d.issued, 1);
    assert.equal(d.called, 1);
    assert.equal(d.served, 1);
    assert.equal(Number(d.wait_sum), 300);
    assert.equal(Number(d.service_sum), 400);
    assert.equal(d.within_target, 1);
    assert.equal(d.w08, 1, 'a 300 s wait falls in bucket 8: [300, 360)');
    assert.equal(snap.hour[0].hour, 8, '13:00 UTC is 08:00 in Bogota');
  });

  test('an office token cannot write for another office', async () => {
    const s = new OfficeStream('OF-B', new Date('2026-11-02T13:00:00Z'));
    s.ticket('x1', 'issued');
    await assert.rejects(ingestBatch(db, sync('OF-A'), s.batch(s.events), s.now), { code: 'forbidden' });
    const b = await db.prisma.hqOffice.findUniqueOrThrow({ where: { code: 'OF-B' } });
    assert.equal(b.ackedSeq, 0);
  });

  test('clock skew is receive time minus the office clock', async () => {
    const s = new OfficeStream('OF-B', new Date('2026-11-02T13:00:00Z'));
    const r = await ingestBatch(db, sync('OF-B'), s.batch([], new Date('2026-11-02T13:00:00Z')), new Date('2026-11-02T13:00:05Z'));
    assert.equal(r.clockSkewMs, 5000);
  });

  test('rebuilding from stored events gives exactly the incremental aggregates', async () => {
    const s = new OfficeStream('OF-B', new Date('2026-11-03T12:30:00Z'));
    s.agent('u1', 'signed_in');
    s.agent('u2', 'signed_in', 'c2');
    for (let i = 0; i < 60; i++) {
      s.advance(45).ticket(`b${i}`, 'issued', { service: i % 3 === 0 ? 'B' : 'A' });
      if (i >= 2) {
        const k = i - 2;
        s.advance(30).ticket(`b${k}`, 'called');
        if (k % 7 === 0) s.advance(60).ticket(`b${k}`, 'no_show');
        else if (k % 11 === 0) s.ticket(`b${k}`, 'cancelled');
        else {
          s.advance(15).ticket(`b${k}`, 'started');
          s.advance(200 + (k % 5) * 90).ticket(`b${k}`, 'finished');
        }
      }
      if (i === 30) s.agent('u2', 'paused', 'c2');
      if (i === 40) s.advance(600).agent('u2', 'resumed', 'c2');
    }
    s.ticket('b58', 'cancelled');
    s.advance(3600).agent('u1', 'signed_out');
    s.agent('u2', 'signed_out', 'c2');
    // Uneven batch sizes, the way a worker with retries would send them.
    const start = (await db.prisma.hqOffice.findUniqueOrThrow({ where: { code: 'OF-B' } })).ackedSeq;
    const all = s.events;
    assert.equal(start, 0);
    for (let i = 0; i < all.length; ) {
      const n = [1, 7, 50, 3, 120][i % 5];
      await ingestBatch(db, sync('OF-B'), s.batch(all.slice(i, i + n)), s.now);
      i += n;
    }
    const incremental = await aggSnapshot('OF-B');
    assert.ok(incremental.hour.length > 2);
    const r = await rebuildOffice(db, 'OF-B');
    assert.equal(r.events, all.length);
    const rebuilt = await aggSnapshot('OF-B');
    assert.deepEqual(rebuilt, incremental);
    const totalIssued = incremental.day.reduce((a, d) => a + Number(d.issued), 0);
    assert.equal(totalIssued, 60);
    assert.ok(incremental.agent.some((a) => Number(a.paused_seconds) > 0));
  });
});
