/**
 * The hand-written statements of the busy paths (store/ticket-writes.ts) against the real
 * schema: what they write reads back through Prisma's models exactly as the domain object
 * was, dates included; and the WAL checkpoint worker keeps the log out of the commits.
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'vitest';
import type { SqlQuery } from '@prisma/driver-adapter-utils';
import Database from 'better-sqlite3';
import { openOfficeDb, type OfficeDb } from '../../server/src/db/office-db';
import { createWalCheckpointer } from '../../server/src/db/wal-checkpointer';
import { issueTicket } from '@turnero/domain/ticket-machine';
import type { Counter, Ticket, TicketEvent } from '@turnero/domain/types';
import { toCounter, toTicket } from '../../server/src/office/store/mappers';
import {
  insertTicketEventsSql,
  insertTicketSql,
  setTicketNumberSql,
  updateCounterStateSql,
  updateTicketSql,
} from '../../server/src/office/store/ticket-writes';
import { tempDir } from './helpers';

async function run(db: OfficeDb, ...statements: (SqlQuery | undefined)[]) {
  const tx = await db.driver().startTransaction();
  for (const q of statements) if (q) await tx.executeRaw(q);
  await tx.executeRaw({ sql: 'COMMIT', args: [], argTypes: [] });
  await tx.commit();
}

async function withOfficeDb(fn: (db: OfficeDb, dir: string) => Promise<void>) {
  const dir = tempDir('writes');
  const db = await openOfficeDb({ file: join(dir.path, 'office.db') });
  try {
    await fn(db, dir.path);
  } finally {
    await db.close();
    dir.remove();
  }
}

test('ticket, event, counter and numbering rows read back through the models as written', async () => {
  await withOfficeDb(async (db) => {
    await db.prisma.service.create({ data: { id: 's1', nameEs: 'Facturas', nameEn: 'Bills', prefix: 'A' } });
    await db.prisma.counter.create({ data: { id: 'c1', name: 'Módulo 1' } });
    // The ticket as the domain's state machine issues it, so every field it has is written.
    const { ticket: issued } = issueTicket(
      { id: 't1', serviceId: 's1', prefix: 'A', category: 'preferential', day: '2026-11-28', number: 7, issuedByDeviceId: 'kiosk-1', printState: 'pending' },
      { actorId: 'kiosk-1', at: new Date('2026-11-28T13:04:05.678Z') },
    );
    const events: TicketEvent[] = [
      { ticketId: 't1', type: 'issued', at: issued.issuedAt, actorId: 'kiosk-1', counterId: null, serviceId: 's1', category: 'preferential' },
    ];
    await run(db, setTicketNumberSql('s1', '2026-11-28', 7), insertTicketSql(issued), insertTicketEventsSql(events));
    // A walk-in's appointment fields (issue 14) read back as their defaults.
    const walkIn: Ticket = { ...issued, origin: 'walk_in', slotAt: null, present: true, bookingId: null };
    assert.deepEqual(toTicket((await db.prisma.ticket.findUniqueOrThrow({ where: { id: 't1' } }))), walkIn);
    assert.equal((await db.prisma.ticketCounter.findUniqueOrThrow({ where: { serviceId_day: { serviceId: 's1', day: '2026-11-28' } } })).value, 7);

    const called: Ticket = {
      ...walkIn,
      status: 'serving',
      counterId: 'c1',
      calledAt: new Date('2026-11-28T13:10:00.001Z'),
      firstCalledAt: new Date('2026-11-28T13:09:00.000Z'),
      startedAt: new Date('2026-11-28T13:11:00.000Z'),
      recallCount: 1,
      outcome: 'resuelto',
      printState: 'printed',
    };
    const counter: Counter = {
      ...toCounter(await db.prisma.counter.findUniqueOrThrow({ where: { id: 'c1' }, include: { services: true } })),
      agentId: 'u1',
      agentState: 'serving',
      stateSince: new Date('2026-11-28T13:10:00.001Z'),
      preferentialStreak: 2,
    };
    const more: TicketEvent[] = [
      { ticketId: 't1', type: 'called', at: called.calledAt!, actorId: 'u1', counterId: 'c1', serviceId: 's1', category: 'preferential', data: { reason: 'preferential' } },
      { ticketId: 't1', type: 'started', at: called.startedAt!, actorId: 'u1', counterId: 'c1', serviceId: 's1', category: 'preferential' },
    ];
    await run(db, updateTicketSql(called), insertTicketEventsSql(more), updateCounterStateSql(counter), setTicketNumberSql('s1', '2026-11-28', 8));
    assert.deepEqual(toTicket(await db.prisma.ticket.findUniqueOrThrow({ where: { id: 't1' } })), called);
    assert.deepEqual(
      toCounter(await db.prisma.counter.findUniqueOrThrow({ where: { id: 'c1' }, include: { services: true } })),
      counter,
    );
    const stored = await db.prisma.ticketEvent.findMany({ orderBy: { id: 'asc' } });
    assert.deepEqual(
      stored.map((e) => [e.type, e.at.toISOString(), e.counterId, e.data]),
      [
        ['issued', '2026-11-28T13:04:05.678Z', null, null],
        ['called', '2026-11-28T13:10:00.001Z', 'c1', '{"reason":"preferential"}'],
        ['started', '2026-11-28T13:11:00.000Z', 'c1', null],
      ],
    );
    // Dates written by these statements compare with those written by the models.
    const since = await db.prisma.ticketEvent.count({ where: { at: { gte: new Date('2026-11-28T13:10:00.000Z') } } });
    assert.equal(since, 2);
    assert.equal(insertTicketEventsSql([]), undefined);
  });
});

test('the office connection leaves checkpoints to the worker, which copies the log into the file', async () => {
  await withOfficeDb(async (db, dir) => {
    const [setting] = (await db.driver().queryRaw({ sql: 'PRAGMA wal_autocheckpoint', args: [], argTypes: [] })).rows;
    assert.equal(Number(setting[0]), 0, 'no checkpoint inside a commit');
    const file = join(dir, 'office.db');
    const sizeBefore = statSync(file).size;
    for (let i = 0; i < 300; i++) {
      await db.prisma.service.create({ data: { id: `s${i}`, nameEs: `Servicio ${i} ${'x'.repeat(300)}`, nameEn: 'S', prefix: `S${i}` } });
      db.committed();
    }
    assert.equal(statSync(file).size, sizeBefore, 'the commits went to the log only');
    const deadline = Date.now() + 10_000;
    while (statSync(file).size === sizeBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.ok(statSync(file).size > sizeBefore, 'the worker checkpointed the log into the database file');
  });
});

test('if the checkpoint worker fails, the connection gets automatic checkpoints back', async () => {
  let restored = false;
  const failures: string[] = [];
  const dir = tempDir('missing');
  const checkpointer = createWalCheckpointer({
    file: join(dir.path, 'does-not-exist.db'),
    restoreAutoCheckpoint: async () => {
      restored = true;
    },
    checkpointHere: () => undefined,
    log: (msg) => failures.push(msg),
  });
  checkpointer.committed();
  const deadline = Date.now() + 10_000;
  while (!restored && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await checkpointer.stop();
  dir.remove();
  assert.equal(restored, true);
  assert.match(failures.join(), /checkpoint worker failed/);
});

test('a long log is finished on the office connection at the next commit, and then starts over', async () => {
  const dir = tempDir('wal');
  const file = join(dir.path, 'x.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  let finishedHere = 0;
  const checkpointer = createWalCheckpointer({
    file,
    restoreAutoCheckpoint: async () => assert.fail('the worker should not fail'),
    checkpointHere: () => {
      finishedHere += 1;
      db.pragma('wal_checkpoint(PASSIVE)');
    },
    intervalMs: 200,
  });
  try {
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    for (let i = 0; i < 1500; i++) {
      insert.run('x'.repeat(3000)); // about one page per commit
      checkpointer.committed();
    }
    const deadline = Date.now() + 10_000;
    while (finishedHere === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      checkpointer.committed(); // a commit comes along now and then
    }
    assert.equal(finishedHere, 1, 'the commit after the worker saw a long log finished the checkpoint');
    insert.run('after'); // the first write after a complete checkpoint restarts the log
    const [{ log }] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    assert.ok(log < 10, `the log started over (${log} frames)`);
  } finally {
    await checkpointer.stop();
    db.close();
    dir.remove();
  }
});
