// Opens the office's SQLite database: brings its schema up to date, then hands out a Prisma
// client whose connection has the pragmas we rely on for crash safety and speed.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from './generated/office/client';
import { applyMigrations } from './migrate';
import { rolePaths } from './roles';

export interface OfficeDbOptions {
  /** Path of the database file; its directory is created when missing. */
  file: string;
  /**
   * NORMAL (default) may lose the last commits on power loss but never corrupts and survives
   * a killed process; FULL also survives power loss at some cost per commit.
   */
  synchronous?: 'NORMAL' | 'FULL';
  /** How long a write waits for another connection's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /** Migration progress and schema-engine log lines. */
  log?: (msg: string) => void;
}

export interface OfficeDb {
  prisma: PrismaClient;
  /** Migrations applied while opening (empty when the file was up to date). */
  appliedMigrations: string[];
  close(): Promise<void>;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;

export function officePragmas(opts: Pick<OfficeDbOptions, 'synchronous' | 'busyTimeoutMs'> = {}): string {
  const busy = Math.max(0, Math.trunc(opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS));
  return [
    // WAL: readers never block the writer, and a commit is one append (fast, crash safe).
    'PRAGMA journal_mode = WAL;',
    `PRAGMA synchronous = ${opts.synchronous === 'FULL' ? 'FULL' : 'NORMAL'};`,
    `PRAGMA busy_timeout = ${busy};`,
    // SQLite leaves foreign keys off per connection unless asked.
    'PRAGMA foreign_keys = ON;',
  ].join('\n');
}

/**
 * Runs the pragmas on every connection the adapter opens. They are per connection
 * (journal_mode excepted), so setting them once through the client would be lost if the
 * client ever reconnected.
 */
function withPragmas(base: SqlDriverAdapterFactory, pragmas: string): SqlDriverAdapterFactory {
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => {
      const adapter = await base.connect();
      try {
        await adapter.executeScript(pragmas);
      } catch (err) {
        await adapter.dispose();
        throw err;
      }
      return adapter;
    },
  };
}

export async function openOfficeDb(opts: OfficeDbOptions): Promise<OfficeDb> {
  if (!opts.file || opts.file === ':memory:') {
    throw new Error('openOfficeDb needs a file path (an in-memory database would vanish between connections)');
  }
  const file = resolve(opts.file);
  mkdirSync(dirname(file), { recursive: true });
  const url = `file:${file}`;
  const busyTimeoutMs = opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;

  // The engine's own connection takes an exclusive lock and is closed when it is done.
  const { applied } = await applyMigrations({
    ...rolePaths('office'),
    adapterFactory: new PrismaBetterSqlite3({ url, timeout: busyTimeoutMs }),
    log: opts.log,
  });

  const adapter = withPragmas(new PrismaBetterSqlite3({ url, timeout: busyTimeoutMs }), officePragmas(opts));
  const prisma = new PrismaClient({ adapter });
  await prisma.$connect();
  return {
    prisma,
    appliedMigrations: applied,
    close: () => prisma.$disconnect(),
  };
}
