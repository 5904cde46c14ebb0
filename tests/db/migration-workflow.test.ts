// The workflow behind `npm run db:migration`: diff the folder against the schema, write
// the migration, apply it; a schema edit shows up as drift until its migration exists.
// Runs on a throwaway schema and migrations folder, for SQLite and for PostgreSQL.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, onTestFinished, test } from 'vitest';
import assert from 'node:assert/strict';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { applyMigrations, diffMigrations, type MigrationProvider } from '../../server/src/db/migrate';
import { migrationFolderName, readMigrationList, writeMigration } from '../../server/src/db/migrations-folder';
import { pgAdapterFactory } from '../../server/src/db/pg-adapter';
import { rolePaths } from '../../server/src/db/roles';
import { databaseExists, requirePostgres, tempDir, throwawayDatabase } from './helpers';

function schemaText(provider: MigrationProvider, withNote: boolean): string {
  return `datasource db {
  provider = "${provider}"
}

model Kiosk {
  id   String @id
  name String${withNote ? '\n  note String @default("")' : ''}
}
`;
}

async function runWorkflow(provider: MigrationProvider, factory: () => SqlMigrationAwareDriverAdapterFactory, shadowFactory = factory) {
  const dir = tempDir(`workflow-${provider}`);
  try {
    const schemaPath = join(dir.path, 'schema.prisma');
    const migrationsDir = join(dir.path, 'migrations');
    const opts = { provider, schemaPath, migrationsDir };
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 8, minute, 0));

    writeFileSync(schemaPath, schemaText(provider, false));
    const init = await diffMigrations({ ...opts, from: 'migrations', adapterFactory: shadowFactory() });
    assert.equal(init.hasChanges, true, 'an empty folder lacks the whole schema');
    assert.match(init.sql, /CREATE TABLE "Kiosk"/);
    writeMigration({ migrationsDir, provider, folderName: migrationFolderName(at(0), 'init'), sql: init.sql });

    assert.deepEqual((await applyMigrations({ ...opts, adapterFactory: factory() })).applied, ['20260105080000_init']);
    assert.equal((await diffMigrations({ ...opts, from: 'migrations', adapterFactory: shadowFactory() })).hasChanges, false);

    writeFileSync(schemaPath, schemaText(provider, true));
    const drift = await diffMigrations({ ...opts, from: 'migrations', adapterFactory: shadowFactory() });
    assert.equal(drift.hasChanges, true, 'an edited schema without migration is drift');
    assert.match(drift.sql, /"note"/);
    writeMigration({ migrationsDir, provider, folderName: migrationFolderName(at(1), 'Add kiosk note!'), sql: drift.sql });
    assert.deepEqual(readdirSync(migrationsDir).sort(), ['20260105080000_init', '20260105080100_add_kiosk_note', 'migration_lock.toml']);

    assert.deepEqual((await applyMigrations({ ...opts, adapterFactory: factory() })).applied, ['20260105080100_add_kiosk_note']);
    assert.deepEqual((await applyMigrations({ ...opts, adapterFactory: factory() })).applied, []);
    assert.equal((await diffMigrations({ ...opts, from: 'migrations', adapterFactory: shadowFactory() })).hasChanges, false);
  } finally {
    dir.remove();
  }
}

describe('migration folder rules', () => {
  test('folder names are a UTC timestamp and a snake_case name', () => {
    assert.equal(migrationFolderName(new Date('2026-03-09T23:59:58Z'), ' Add Ticket-Language '), '20260309235958_add_ticket_language');
  });

  test('refuses a migrations folder without lockfile, and one locked to another provider', async () => {
    const dir = tempDir('lock');
    try {
      const schemaPath = join(dir.path, 'schema.prisma');
      writeFileSync(schemaPath, schemaText('sqlite', false));
      const migrationsDir = join(dir.path, 'migrations');
      writeMigration({ migrationsDir, provider: 'postgresql', folderName: '20260101000000_init', sql: 'SELECT 1;' });
      const adapterFactory = new PrismaBetterSqlite3({ url: ':memory:' });
      await assert.rejects(applyMigrations({ provider: 'sqlite', schemaPath, migrationsDir, adapterFactory }), /holds postgresql migrations/);
      assert.equal(readMigrationList(migrationsDir).migrationDirectories.length, 1);
      writeFileSync(join(migrationsDir, 'migration_lock.toml'), '');
      await assert.rejects(applyMigrations({ provider: 'sqlite', schemaPath, migrationsDir, adapterFactory }), /migration_lock\.toml is missing/);
    } finally {
      dir.remove();
    }
  });

  test('a migration that fails reports the database error, not an opaque id', async () => {
    const dir = tempDir('broken');
    try {
      const schemaPath = join(dir.path, 'schema.prisma');
      writeFileSync(schemaPath, schemaText('sqlite', false));
      const migrationsDir = join(dir.path, 'migrations');
      writeMigration({ migrationsDir, provider: 'sqlite', folderName: '20260101000000_broken', sql: 'CREATE TABLE "A" (id TEXT);\nCREATE TABLE "A" (id TEXT);' });
      const adapterFactory = new PrismaBetterSqlite3({ url: `file:${join(dir.path, 'x.db')}` });
      await assert.rejects(applyMigrations({ provider: 'sqlite', schemaPath, migrationsDir, adapterFactory }), /already exists/);
    } finally {
      dir.remove();
    }
  });

  test('refuses an adapter of the wrong kind', async () => {
    await assert.rejects(
      applyMigrations({ ...rolePaths('hq'), adapterFactory: new PrismaBetterSqlite3({ url: ':memory:' }) }),
      /does not fit provider postgresql/,
    );
  });
});

describe('migration workflow on SQLite', () => {
  test('init, drift, second migration, idempotent apply', async () => {
    const dir = tempDir('workflow-db');
    try {
      const file = join(dir.path, 'w.db');
      await runWorkflow('sqlite', () => new PrismaBetterSqlite3({ url: `file:${file}` }), () => new PrismaBetterSqlite3({ url: ':memory:' }));
    } finally {
      dir.remove();
    }
  });
});

describe('migration workflow on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof throwawayDatabase>> | undefined;
  beforeAll(async () => {
    await requirePostgres();
    db = await throwawayDatabase();
  });
  afterAll(async () => db?.drop());

  test('init, drift, second migration, idempotent apply', async () => {
    await runWorkflow('postgresql', () => pgAdapterFactory(db!.url));
  });

  test('the shadow database used for a diff is dropped afterwards', async () => {
    const base = pgAdapterFactory(db!.url);
    const shadowNames: string[] = [];
    const spying: SqlMigrationAwareDriverAdapterFactory = {
      provider: base.provider,
      adapterName: base.adapterName,
      connect: () => base.connect(),
      connectToShadowDb: async () => {
        const shadow = await base.connectToShadowDb();
        const result = await shadow.queryRaw({ sql: 'SELECT current_database()', args: [], argTypes: [] });
        shadowNames.push(String(result.rows[0][0]));
        return shadow;
      },
    };
    const dir = tempDir('shadow');
    onTestFinished(() => dir.remove());
    const schemaPath = join(dir.path, 'schema.prisma');
    writeFileSync(schemaPath, schemaText('postgresql', false));
    const migrationsDir = join(dir.path, 'migrations');
    writeMigration({ migrationsDir, provider: 'postgresql', folderName: '20260101000000_init', sql: 'CREATE TABLE "Kiosk" ("id" TEXT NOT NULL, "name" TEXT NOT NULL, CONSTRAINT "Kiosk_pkey" PRIMARY KEY ("id"));' });
    const diff = await diffMigrations({ provider: 'postgresql', schemaPath, migrationsDir, from: 'migrations', adapterFactory: spying });
    assert.equal(diff.hasChanges, false, diff.sql);
    assert.equal(shadowNames.length, 1);
    assert.notEqual(shadowNames[0], db!.name, 'the shadow is not the main database');
    assert.equal(await databaseExists(shadowNames[0]), false);
  });
});
