// Opens the office's SQLite database: brings its schema up to date, then hands out a Prisma
// client whose connection has the pragmas we rely on for crash safety and speed.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaClient } from './generated/office/client';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { readdirSync, existsSync } from 'node:fs';
import { rolePaths } from './roles';
import { createWalCheckpointer } from './wal-checkpointer';
import { prepareSqliteFile } from './private-files';

interface OfficeDbOptions {
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
  /** Problems the office keeps running through (a failed checkpoint worker). */
  warn?: (msg: string, err: unknown) => void;
}

export interface OfficeDb {
  prisma: PrismaClient;
  /** The client's SQLite driver adapter (its one connection), for the command bus's records. */
  driver(): SqlDriverAdapter;
  /** Migrations applied while opening (empty when the file was up to date). */
  appliedMigrations: string[];
  /** Tell the database a transaction committed (it keeps the WAL checkpointed). */
  committed(): void;
  close(): Promise<void>;
}

const DEFAULT_BUSY_TIMEOUT_MS = 5000;
/** The migration that came with `secure_delete` (and the personal-data audit log). */
export const SECURE_DELETE_MIGRATION = '20261130180353_personal_data_audit';

function officePragmas(opts: Pick<OfficeDbOptions, 'synchronous' | 'busyTimeoutMs'> = {}): string {
  const busy = Math.max(0, Math.trunc(opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS));
  return [
    // WAL: readers never block the writer, and a commit is one append (fast, crash safe).
    'PRAGMA journal_mode = WAL;',
    `PRAGMA synchronous = ${opts.synchronous === 'FULL' ? 'FULL' : 'NORMAL'};`,
    `PRAGMA busy_timeout = ${busy};`,
    // SQLite leaves foreign keys off per connection unless asked.
    'PRAGMA foreign_keys = ON;',
    // Deleted rows are overwritten with zeros, not just unlinked: purged personal data
    // (customers' ID numbers) must not stay readable in the file.
    'PRAGMA secure_delete = ON;',
    // Checkpoints run in a worker thread instead of inside a commit (see wal-checkpointer.ts);
    // a log grown by a long burst is cut back to 64 MB when it restarts.
    'PRAGMA wal_autocheckpoint = 0;',
    'PRAGMA journal_size_limit = 67108864;',
  ].join('\n');
}

/**
 * Runs the pragmas on every connection the adapter opens. They are per connection
 * (journal_mode excepted), so setting them once through the client would be lost if the
 * client ever reconnected.
 */
function withPragmas(
  base: SqlDriverAdapterFactory,
  pragmas: string,
  onConnect: (adapter: SqlDriverAdapter) => void,
): SqlDriverAdapterFactory {
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
      onConnect(adapter);
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
  prepareSqliteFile(file); // 0600 before SQLite creates its -wal and -shm from it
  const url = `file:${file}`;
  const busyTimeoutMs = opts.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;

  // The engine's own connection takes an exclusive lock and is closed when it is done.
  const applied = pendingMigrations(file).length > 0 ? await migrateInWorker(url, busyTimeoutMs, opts.log) : [];

  let connected: SqlDriverAdapter | null = null;
  const adapter = withPragmas(new PrismaBetterSqlite3({ url, timeout: busyTimeoutMs }), officePragmas(opts), (a) => {
    connected = a;
  });
  const prisma = new PrismaClient({ adapter });
  await prisma.$connect();
  const driver = () => {
    if (!connected) throw new Error('The office database is not connected');
    return connected;
  };
  if (applied.includes(SECURE_DELETE_MIGRATION)) {
    // The first start with secure_delete: rows deleted before it (purged customers' ID
    // numbers) may still sit in free pages. VACUUM rewrites the file without them, once.
    await driver().executeScript('VACUUM; PRAGMA wal_checkpoint(TRUNCATE);');
  }
  const checkpointer = createWalCheckpointer({
    file,
    restoreAutoCheckpoint: () => driver().executeScript('PRAGMA wal_autocheckpoint = 1000;'),
    // The adapter runs a script synchronously (better-sqlite3), so this completes within
    // the command queue's turn that calls committed().
    checkpointHere: () => void driver().executeScript('PRAGMA wal_checkpoint(PASSIVE);'),
    log: (msg, err) => opts.warn?.(msg, err),
  });
  return {
    prisma,
    driver,
    appliedMigrations: applied,
    committed: () => checkpointer.committed(),
    close: async () => {
      await checkpointer.stop();
      await prisma.$disconnect();
    },
  };
}

/**
 * Migrations of the folder not yet recorded as finished in the file's _prisma_migrations
 * table. Read with plain SQLite so an up-to-date office never loads the schema engine.
 */
function pendingMigrations(file: string): string[] {
  const { migrationsDir } = rolePaths('office');
  const inFolder = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  if (!existsSync(file)) return inFolder;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hasTable = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      .get();
    if (!hasTable) return inFolder;
    const done = new Set(
      (
        db
          .prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')
          .all() as { migration_name: string }[]
      ).map((r) => r.migration_name),
    );
    return inFolder.filter((name) => !done.has(name));
  } finally {
    db.close();
  }
}

/** Runs applyMigrations (server/src/db/migrate.ts) in a child process, see migrate-worker.ts. */
async function migrateInWorker(url: string, busyTimeoutMs: number, log?: (msg: string) => void): Promise<string[]> {
  // Under tsx the worker is the .ts source; in the bundled server it sits beside it as .js.
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const script = fileURLToPath(new URL(`./migrate-worker${ext}`, import.meta.url));
  const args = [...(ext === '.ts' ? ['--import', 'tsx'] : []), script, url, String(busyTimeoutMs)];
  const out = await new Promise<string>((resolveOut) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (_err, stdout, stderr) => {
      resolveOut(stdout.trim().split('\n').pop() || JSON.stringify({ ok: false, error: stderr.trim(), log: [] }));
    });
  });
  let result: { ok: boolean; applied?: string[]; error?: string; log: string[] };
  try {
    result = JSON.parse(out);
  } catch {
    result = { ok: false, error: out, log: [] };
  }
  for (const line of result.log) log?.(line);
  if (!result.ok) throw new Error(`migrations failed: ${result.error}`);
  return result.applied!;
}
