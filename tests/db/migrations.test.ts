// The committed migrations of each role apply cleanly to an empty database, are
// idempotent, and match schema.prisma (this fails when someone edits schema.prisma
// without adding a migration: run `npm run db:migration -- --role <role> --name <what>`).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import pg from 'pg';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { applyMigrations, diffMigrations } from '../../server/src/db/migrate';
import { pgAdapterFactory } from '../../server/src/db/pg-adapter';
import { rolePaths } from '../../server/src/db/roles';
import { requirePostgres, tempDir, throwawayDatabase } from './helpers';

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  applied_steps_count: number | bigint;
  logs: string | null;
}

function folderMigrations(migrationsDir: string): string[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** `prisma migrate deploy` stores the SHA-256 of each migration.sql, in hex. */
function checksumOf(migrationsDir: string, name: string): string {
  return createHash('sha256').update(readFileSync(join(migrationsDir, name, 'migration.sql'))).digest('hex');
}

function assertRecordedLikeDeploy(rows: MigrationRow[], migrationsDir: string) {
  const expected = folderMigrations(migrationsDir);
  assert.deepEqual(rows.map((r) => r.migration_name), expected);
  for (const row of rows) {
    assert.equal(row.checksum, checksumOf(migrationsDir, row.migration_name), `checksum of ${row.migration_name}`);
    assert.notEqual(row.finished_at, null, `${row.migration_name} finished`);
    assert.equal(row.rolled_back_at, null);
    assert.equal(Number(row.applied_steps_count), 1);
  }
}

describe('office migrations (SQLite)', () => {
  const office = rolePaths('office');
  const dir = tempDir('office-migrations');
  afterAll(() => dir.remove());

  test('the folder has a sqlite lockfile and at least one migration', () => {
    assert.match(readFileSync(join(office.migrationsDir, 'migration_lock.toml'), 'utf8'), /provider = "sqlite"/);
    assert.ok(folderMigrations(office.migrationsDir).length >= 1);
  });

  test('apply to an empty file creates every table and records each migration like migrate deploy', async () => {
    const file = join(dir.path, 'fresh.db');
    const result = await applyMigrations({ ...office, adapterFactory: new PrismaBetterSqlite3({ url: `file:${file}` }) });
    assert.deepEqual(result.applied, folderMigrations(office.migrationsDir));

    const db = new Database(file, { readonly: true });
    try {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[];
      const names = new Set(tables.map((t) => t.name));
      for (const model of ['Office', 'Service', 'Ticket', 'TicketEvent', 'OutboxEvent', 'TicketCounter']) {
        assert.ok(names.has(model), `table ${model} exists`);
      }
      assertRecordedLikeDeploy(db.prepare('SELECT * FROM _prisma_migrations ORDER BY migration_name').all() as MigrationRow[], office.migrationsDir);
    } finally {
      db.close();
    }
  });

  test('applying a second time applies nothing and changes no record', async () => {
    const file = join(dir.path, 'twice.db');
    const factory = () => new PrismaBetterSqlite3({ url: `file:${file}` });
    await applyMigrations({ ...office, adapterFactory: factory() });
    const snapshot = () => {
      const db = new Database(file, { readonly: true });
      try {
        return db.prepare('SELECT * FROM _prisma_migrations ORDER BY migration_name').all();
      } finally {
        db.close();
      }
    };
    const before = snapshot();
    const second = await applyMigrations({ ...office, adapterFactory: factory() });
    assert.deepEqual(second.applied, []);
    assert.deepEqual(snapshot(), before);
  });

  test('schema.prisma has no change that is missing from the migrations folder', async () => {
    const diff = await diffMigrations({ ...office, from: 'migrations', adapterFactory: new PrismaBetterSqlite3({ url: ':memory:' }) });
    assert.equal(
      diff.hasChanges,
      false,
      `prisma/office/schema.prisma drifted from its migrations; add one with: npm run db:migration -- --role office --name <what_changed>\n${diff.sql}`,
    );
    assert.match(diff.sql, /empty migration/);
  });

  test('the diff from an empty database creates the whole schema', async () => {
    const diff = await diffMigrations({ ...office, from: 'empty', adapterFactory: new PrismaBetterSqlite3({ url: ':memory:' }) });
    assert.equal(diff.hasChanges, true);
    assert.match(diff.sql, /CREATE TABLE "Ticket"/);
    assert.match(diff.sql, /CREATE UNIQUE INDEX "Ticket_issuedServiceId_day_number_key"/);
  });
});

const hq = rolePaths('hq');

describe('head-office migrations (PostgreSQL)', () => {
  beforeAll(async () => {
    await requirePostgres();
  });

  test('apply to an empty database, twice, records like migrate deploy', async () => {
    const db = await throwawayDatabase();
    try {
      const first = await applyMigrations({ ...hq, adapterFactory: pgAdapterFactory(db.url) });
      assert.deepEqual(first.applied, folderMigrations(hq.migrationsDir));
      const second = await applyMigrations({ ...hq, adapterFactory: pgAdapterFactory(db.url) });
      assert.deepEqual(second.applied, []);

      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        const { rows } = await client.query<MigrationRow>('SELECT * FROM _prisma_migrations ORDER BY migration_name');
        assertRecordedLikeDeploy(rows, hq.migrationsDir);
      } finally {
        await client.end();
      }
    } finally {
      await db.drop();
    }
  });

  test('schema.prisma has no change that is missing from the migrations folder', async () => {
    const db = await throwawayDatabase();
    try {
      const diff = await diffMigrations({ ...hq, from: 'migrations', adapterFactory: pgAdapterFactory(db.url) });
      assert.equal(
        diff.hasChanges,
        false,
        `prisma/hq/schema.prisma drifted from its migrations; add one with: npm run db:migration -- --role hq --name <what_changed>\n${diff.sql}`,
      );
    } finally {
      await db.drop();
    }
  });
});
