/**
 * Office sync worker with a backlog of 1,000,000 outbox events (days offline): drains it
 * to a stub head office that acknowledges every batch, in pages of 5,000 read from the
 * office's real SQLite file. Figures: events/s and the process's peak RSS, which stays
 * flat because the worker never holds more than one page. Baseline in the same run:
 * reading the same rows page by page without sending them.
 *
 *   npx tsx bench/hq-sync-backlog.ts        import { run } from './hq-sync-backlog'
 * Env: SYNC_BACKLOG_EVENTS (1,000,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openOfficeDb } from '../server/src/db/office-db';
import { createSyncWorker } from '../server/src/office/sync/sync-worker';
import { createLogger } from '../server/src/platform/logger';
import { runIfMain } from './measure';

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

export async function run(): Promise<Record<string, number>> {
  const total = Number(process.env.SYNC_BACKLOG_EVENTS ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'sync-backlog-'));
  const file = join(dir, 'office.db');
  let db = await openOfficeDb({ file });
  let server: Server | null = null;
  try {
    // The backlog: one ticket event per second of office time, like a long outage. Written
    // with better-sqlite3 in one transaction (the ORM would take minutes for a million
    // rows), in the text format the Prisma adapter itself writes dates in.
    await db.close();
    const raw = new Database(file);
    const insert = raw.prepare('INSERT INTO OutboxEvent (seq, type, occurredAt, payload) VALUES (?, ?, ?, ?)');
    const start = Date.parse('2026-10-01T12:00:00Z');
    raw.transaction(() => {
      for (let s = 1; s <= total; s++) {
        const fact = {
          kind: 'ticket',
          ticketId: `t${s}`,
          event: 'issued',
          day: '2026-10-01',
          serviceCode: 'A',
          serviceName: 'Facturación y pagos',
          targetWaitMinutes: 15,
          category: 'general',
          counterId: null,
          agentId: null,
        };
        insert.run(s, 'ticket', new Date(start + s * 1000).toISOString().replace('Z', '+00:00'), JSON.stringify(fact));
      }
    })();
    raw.close();
    db = await openOfficeDb({ file });

    // Baseline: the same pages read, nothing sent.
    let t0 = performance.now();
    for (let after = 0; after < total; ) {
      const page = await db.prisma.outboxEvent.findMany({ where: { seq: { gt: after } }, orderBy: { seq: 'asc' }, take: 5000 });
      after = page[page.length - 1].seq;
    }
    const readMs = performance.now() - t0;

    let acked = 0;
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const batch = JSON.parse(Buffer.concat(chunks).toString()) as { events: { seq: number }[] };
        for (const e of batch.events) if (e.seq === acked + 1) acked = e.seq;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ ackedSeq: acked, applied: batch.events.length, duplicates: 0, clockSkewMs: 0 }));
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const rssBefore = process.memoryUsage().rss;
    const worker = createSyncWorker({
      prisma: db.prisma,
      hqUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      hqToken: 'x'.repeat(32),
      officeCode: 'BACKLOG',
      timeZone: 'America/Bogota',
      clock: { now: () => new Date() },
      logger: createLogger('error'),
      batchSize: 5000,
      idleMs: 10,
    });
    t0 = performance.now();
    worker.start();
    await worker.waitForSeq(total, 30 * 60_000);
    const drainMs = performance.now() - t0;
    await worker.stop();
    clearInterval(sampler);
    return {
      backlog_events: total,
      drain_seconds: round(drainMs / 1000, 2),
      drain_events_per_s: Math.round(total / (drainMs / 1000)),
      baseline_read_only_events_per_s: Math.round(total / (readMs / 1000)),
      rss_before_mb: round(rssBefore / 2 ** 20),
      rss_peak_mb: round(peakRss / 2 ** 20),
    };
  } finally {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

runIfMain(import.meta.url, run);
