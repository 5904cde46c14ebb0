/**
 * The WAL checkpoint worker failing for real in an office database: its own connection
 * cannot open the file (renamed under the open office connection, which keeps its file
 * handles). The office connection must get SQLite's automatic checkpoints back, and
 * commits must go on and be copied into the database file as the log grows.
 *
 * A restarted worker fails only seconds after it starts (loading better-sqlite3 in a new
 * thread), after the commits below are done; so the test counts the checkpoint workers
 * the product creates (node:worker_threads' Worker, wrapped) and waits for every one of
 * them to exit before it counts the warnings.
 */
import assert from 'node:assert/strict';
import { renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { test, vi } from 'vitest';
import type { Worker as WorkerType } from 'node:worker_threads';
import { openOfficeDb, type OfficeDb } from '../../server/src/db/office-db';
import { withDeadline } from '../support/deadline';
import { tempDir } from './helpers';

/** Every checkpoint worker the product started, with a promise of its exit. */
const checkpointWorkers = vi.hoisted(() => [] as { exited: Promise<void> }[]);

vi.mock('node:worker_threads', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:worker_threads')>();
  class CountedWorker extends real.Worker {
    constructor(...args: ConstructorParameters<typeof real.Worker>) {
      super(...args);
      if (String(args[0]).includes('wal_checkpoint')) {
        const w: WorkerType = this;
        checkpointWorkers.push({ exited: new Promise((resolve) => w.once('exit', () => resolve())) });
      }
    }
  }
  return { ...real, Worker: CountedWorker, default: { ...real, Worker: CountedWorker } };
});

async function autoCheckpointPages(db: OfficeDb): Promise<number> {
  const [row] = (await db.driver().queryRaw({ sql: 'PRAGMA wal_autocheckpoint', args: [], argTypes: [] })).rows;
  return Number(row[0]);
}

/** Polls until `ok()` holds, failing with `what` after `ms`. */
async function waitFor(what: string, ok: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    assert.ok(Date.now() < deadline, `waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('when the checkpoint worker cannot open the file, the office connection checkpoints on commit again and commits go on', async () => {
  const dir = tempDir('wal-fail');
  const file = join(dir.path, 'office.db');
  const warnings: string[] = [];
  const db = await openOfficeDb({ file, warn: (msg, err) => warnings.push(`${msg}: ${inspect(err)}`) });
  try {
    assert.equal(await autoCheckpointPages(db), 0, 'the office connection starts with checkpoints left to the worker');
    await db.prisma.service.create({ data: { id: 's0', nameEs: 'Caja', nameEn: 'Cashier', prefix: 'A' } });
    // The office connection holds the file open; a new connection by this name finds nothing.
    const moved = join(dir.path, 'office-moved.db');
    renameSync(file, moved);
    db.committed(); // starts the worker, whose connection fails to open

    await waitFor('automatic checkpoints to come back', async () => (await autoCheckpointPages(db)) > 0);
    assert.equal(await autoCheckpointPages(db), 1000);
    assert.match(warnings.join('\n'), /checkpoint worker failed.*SQLITE_CANTOPEN/);

    // Commits go on, and past 1000 pages of log SQLite copies the log into the file itself.
    const sizeBefore = statSync(moved).size;
    for (let i = 1; i <= 1200; i++) {
      await db.prisma.service.create({ data: { id: `s${i}`, nameEs: `Servicio ${i} ${'x'.repeat(3000)}`, nameEn: 'S', prefix: `S${i}` } });
      db.committed();
    }
    assert.equal(await db.prisma.service.count(), 1201, 'every commit after the failure went through');
    assert.ok(statSync(moved).size > sizeBefore + 1000 * 3000, `the log was checkpointed into the file (${sizeBefore} -> ${statSync(moved).size} bytes)`);
    // Every worker started has ended (a restarted one fails seconds after the commits).
    await withDeadline(Promise.all(checkpointWorkers.map((w) => w.exited)), 30_000, 'every checkpoint worker to exit');
    assert.equal(checkpointWorkers.length, 1, 'the failed worker was not restarted by the commits after its failure');
    assert.equal(warnings.length, 1, 'the failed worker was not restarted on every commit');
  } finally {
    await db.close();
    dir.remove();
  }
});
