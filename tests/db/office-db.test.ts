// openOfficeDb: creates the folder, migrates at open, and the client's own connection
// runs with the pragmas we rely on.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { openOfficeDb, SECURE_DELETE_MIGRATION, type OfficeDb } from '../../server/src/db/office-db';
import { tempDir } from './helpers';

async function pragma(db: OfficeDb, name: string): Promise<string | number> {
  const rows = await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  const value = Object.values(rows[0])[0];
  return typeof value === 'bigint' ? Number(value) : (value as string | number);
}

describe('openOfficeDb', () => {
  const dir = tempDir('office-db');
  afterAll(() => dir.remove());

  test('creates missing folders, migrates, and reopening applies nothing', async () => {
    const file = join(dir.path, 'nested', 'deeper', 'office.db');
    const first = await openOfficeDb({ file });
    try {
      assert.ok(existsSync(file));
      assert.ok(first.appliedMigrations.length >= 1);
      assert.equal(await first.prisma.ticket.count(), 0);
    } finally {
      await first.close();
    }
    const again = await openOfficeDb({ file });
    try {
      assert.deepEqual(again.appliedMigrations, []);
    } finally {
      await again.close();
    }
  });

  test('the client connection runs in WAL, synchronous NORMAL, with busy timeout and foreign keys', async () => {
    const db = await openOfficeDb({ file: join(dir.path, 'pragmas.db') });
    try {
      assert.equal(await pragma(db, 'journal_mode'), 'wal');
      assert.equal(await pragma(db, 'synchronous'), 1); // NORMAL
      assert.equal(await pragma(db, 'busy_timeout'), 5000);
      assert.equal(await pragma(db, 'foreign_keys'), 1);
    } finally {
      await db.close();
    }
  });

  test('synchronous FULL and the busy timeout can be chosen', async () => {
    const db = await openOfficeDb({ file: join(dir.path, 'full.db'), synchronous: 'FULL', busyTimeoutMs: 1234 });
    try {
      assert.equal(await pragma(db, 'synchronous'), 2); // FULL
      assert.equal(await pragma(db, 'busy_timeout'), 1234);
    } finally {
      await db.close();
    }
  });

  test('pragmas survive a disconnect and reconnect of the client', async () => {
    const db = await openOfficeDb({ file: join(dir.path, 'reconnect.db') });
    try {
      await db.prisma.$disconnect();
      await db.prisma.$connect();
      assert.equal(await pragma(db, 'foreign_keys'), 1);
      assert.equal(await pragma(db, 'synchronous'), 1);
    } finally {
      await db.close();
    }
  });

  test('foreign keys are enforced: a ticket of an unknown service is refused', async () => {
    const db = await openOfficeDb({ file: join(dir.path, 'fk.db') });
    try {
      const ticket = {
        id: 't1', category: 'general', day: '2026-01-05', number: 1, code: 'A001',
        status: 'waiting', issuedAt: new Date('2026-01-05T13:00:00Z'),
      };
      await assert.rejects(db.prisma.ticket.create({ data: { ...ticket, serviceId: 'nope', issuedServiceId: 'nope' } }));
      await db.prisma.service.create({ data: { id: 's1', nameEs: 'Caja', nameEn: 'Cashier', prefix: 'A' } });
      const created = await db.prisma.ticket.create({ data: { ...ticket, serviceId: 's1', issuedServiceId: 's1' } });
      assert.equal(created.code, 'A001');
      assert.equal((await db.prisma.ticket.findUniqueOrThrow({ where: { id: 't1' } })).issuedAt.toISOString(), '2026-01-05T13:00:00.000Z');
    } finally {
      await db.close();
    }
  });

  test('refuses an in-memory database with a clear message', async () => {
    await assert.rejects(openOfficeDb({ file: ':memory:' }), /needs a file path/);
  });
});

describe('secure deletion', () => {
  const dir = tempDir('office-db-scrub');
  afterAll(() => dir.remove());

  test('a file from before secure_delete is vacuumed once at the upgrade: a value deleted earlier is gone from it', async () => {
    const file = join(dir.path, 'office.db');
    await (await openOfficeDb({ file })).close();
    // As an older version left it: a customer row deleted without secure_delete, its bytes
    // still in a free page of the file, and the upgrade's migration not yet applied.
    const old = new Database(file);
    old.pragma('secure_delete = OFF');
    old.exec(`DROP TABLE "PersonalDataAudit"; DELETE FROM "_prisma_migrations" WHERE migration_name = '${SECURE_DELETE_MIGRATION}'`);
    old.prepare(`INSERT INTO "CustomerData" VALUES ('t-1', '80012345678', '2025-01', 0, 0)`).run();
    old.prepare(`DELETE FROM "CustomerData"`).run();
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    assert.ok(readFileSync(file).includes('80012345678'), 'the deleted value is in the old file (else this proves nothing)');

    const upgraded = await openOfficeDb({ file });
    try {
      assert.deepEqual(upgraded.appliedMigrations, [SECURE_DELETE_MIGRATION]);
      assert.equal(await pragma(upgraded, 'secure_delete'), 1);
    } finally {
      await upgraded.close();
    }
    for (const f of [file, `${file}-wal`].filter(existsSync)) {
      assert.ok(!readFileSync(f).includes('80012345678'), `${f} still holds the deleted value`);
    }
    const again = await openOfficeDb({ file });
    await again.close();
    assert.deepEqual(again.appliedMigrations, [], 'vacuumed once, not at every start');
  });
});
