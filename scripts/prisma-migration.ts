// Writes the next migration of a role from the difference between its migrations folder
// and its schema.prisma, like `prisma migrate dev --create-only` but without the Rust binary.
//
//   tsx scripts/prisma-migration.ts --role office --name add_kiosk_language
//   tsx scripts/prisma-migration.ts --role hq --name init [--url postgresql://...]
//   tsx scripts/prisma-migration.ts --role office --check     (exit 1 when schema drifted)
//
// office (SQLite) replays the folder on an in-memory shadow database. hq (PostgreSQL)
// needs a server where it may CREATE DATABASE for a throwaway shadow database:
// --url, else $SHADOW_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/postgres.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { diffMigrations } from '../server/src/db/migrate';
import { migrationFolderName, writeMigration } from '../server/src/db/migrations-folder';
import { pgAdapterFactory } from '../server/src/db/pg-adapter';
import { REPO_ROOT, rolePaths, type DbRole } from '../server/src/db/roles';

const DEFAULT_PG_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    name: { type: 'string' },
    url: { type: 'string' },
    check: { type: 'boolean', default: false },
  },
});

const role = values.role as DbRole | undefined;
if (role !== 'office' && role !== 'hq') fail('usage: --role office|hq (--name <snake_case_name> | --check)');
if (!values.check && !values.name?.trim()) fail('--name is required, e.g. --name add_ticket_language');

const paths = rolePaths(role);
if (!existsSync(paths.schemaPath)) fail(`no schema at ${relative(REPO_ROOT, paths.schemaPath)}`);

const adapterFactory =
  paths.provider === 'sqlite'
    ? new PrismaBetterSqlite3({ url: ':memory:' })
    : pgAdapterFactory(values.url ?? process.env.SHADOW_DATABASE_URL ?? DEFAULT_PG_URL);

const diff = await diffMigrations({ ...paths, adapterFactory, from: 'migrations' }).catch((err: Error) =>
  fail(`${role}: could not compute the migration: ${err.message}`),
);

if (values.check) {
  if (diff.hasChanges) {
    console.error(`${role}: schema.prisma differs from its migrations; create one with --name. Missing SQL:\n${diff.sql}`);
    process.exit(1);
  }
  console.log(`${role}: migrations match schema.prisma`);
} else if (!diff.hasChanges) {
  console.log(`${role}: no changes, no migration written`);
} else {
  const folder = writeMigration({
    migrationsDir: paths.migrationsDir,
    provider: paths.provider,
    folderName: migrationFolderName(new Date(), values.name!),
    sql: diff.sql,
  });
  console.log(`${role}: wrote ${relative(REPO_ROOT, folder)}/migration.sql`);
}
