// Applies and diffs Prisma migrations without the Rust schema-engine binary, through the
// WebAssembly schema engine and a driver adapter. Same folder layout and same
// `_prisma_migrations` records as `prisma migrate deploy`.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaFilter } from '@prisma/schema-engine-wasm';
import { lockedProvider, lockfileContent, readMigrationList, type MigrationProvider } from './migrations-folder';
import { withSchemaEngine } from './schema-engine';

export type { MigrationProvider } from './migrations-folder';

interface MigrationOptions {
  provider: MigrationProvider;
  /** e.g. `new PrismaBetterSqlite3({ url })` or `new PrismaPg({ connectionString })`. */
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  migrationsDir: string;
  schemaPath: string;
  log?: (msg: string) => void;
}

interface DiffOptions extends MigrationOptions {
  /** Starting point: the migrations folder (drift check, next migration) or an empty database. */
  from: 'migrations' | 'empty';
}

interface DiffResult {
  /** Executable SQL; `-- This is an empty migration.` when nothing differs. */
  sql: string;
  hasChanges: boolean;
}

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

/** Adapter providers say 'postgres'; schemas and lockfiles say 'postgresql'. */
function adapterMatches(provider: MigrationProvider, factory: SqlMigrationAwareDriverAdapterFactory): boolean {
  return provider === 'sqlite' ? factory.provider === 'sqlite' : factory.provider === 'postgres';
}

/** Reads the folder and checks it against the options; an empty history gets a lockfile in memory. */
function loadMigrations(opts: MigrationOptions): MigrationList {
  const list = readMigrationList(opts.migrationsDir);
  checkInputs(opts, list);
  if (list.lockfile.content === null) list.lockfile.content = lockfileContent(opts.provider);
  return list;
}

function checkInputs(opts: MigrationOptions, list: MigrationList): void {
  if (!adapterMatches(opts.provider, opts.adapterFactory)) {
    throw new Error(`adapter ${opts.adapterFactory.adapterName} (${opts.adapterFactory.provider}) does not fit provider ${opts.provider}`);
  }
  const locked = lockedProvider(list);
  if (list.migrationDirectories.length > 0 && locked === null) {
    throw new Error(`${list.baseDir}/migration_lock.toml is missing`);
  }
  if (locked !== null && locked !== opts.provider) {
    throw new Error(`${list.baseDir} holds ${locked} migrations, not ${opts.provider}`);
  }
}

function readSchema(schemaPath: string) {
  return { path: basename(schemaPath), content: readFileSync(schemaPath, 'utf8') };
}

/**
 * Applies the folder's pending migrations in name order and records them in
 * `_prisma_migrations`. Idempotent: returns `applied: []` when the database is up to date.
 * Fails (and applies nothing more) if an applied migration was edited or one failed before.
 */
export async function applyMigrations(opts: MigrationOptions): Promise<{ applied: string[] }> {
  const migrationsList = loadMigrations(opts);
  const out = await withSchemaEngine(
    { adapterFactory: opts.adapterFactory, schema: readSchema(opts.schemaPath), log: opts.log },
    (engine) => engine.applyMigrations({ migrationsList, filters: NO_FILTER }),
  );
  for (const name of out.appliedMigrationNames) opts.log?.(`applied migration ${name}`);
  return { applied: out.appliedMigrationNames };
}

/**
 * SQL that takes a database from the migrations folder (or from empty) to schema.prisma.
 * From 'migrations' the engine replays the folder on a shadow database: an in-memory one
 * for SQLite, a temporary `prisma_migrate_shadow_db_*` database for PostgreSQL (needs
 * CREATE DATABASE rights). The live database itself is not read.
 */
export async function diffMigrations(opts: DiffOptions): Promise<DiffResult> {
  const migrationsList = loadMigrations(opts);
  const schema = readSchema(opts.schemaPath);
  const out = await withSchemaEngine(
    { adapterFactory: opts.adapterFactory, schema, log: opts.log },
    (engine) =>
      engine.diff({
        from: opts.from === 'empty' ? { tag: 'empty' } : { tag: 'migrations', ...migrationsList },
        to: { tag: 'schemaDatamodel', files: [schema] },
        script: true,
        exitCode: true,
        filters: NO_FILTER,
      }),
  );
  // With exitCode requested the engine answers 2 when the diff is not empty.
  return { sql: (out.stdout ?? '').replace(/^\n+/, ''), hasChanges: out.exitCode === 2 };
}
